package com.smeloanflow.collections;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.smeloanflow.identity.BranchAccess;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The borrowers' channel reads no collection case, whatever the loan, also where the API's filter would let it through
 * (platform.SecurityConfig refuses it the operation first): refused before the loan is looked up.
 */
class CollectionCaseControllerTest {

  @Test
  void theChannelIsRefusedBeforeTheLoanIsLookedUp() {
    CollectionCaseController controller = new CollectionCaseController(null, null, new BranchAccess());

    assertThatThrownBy(() -> controller.list("LN1", UsernamePasswordAuthenticationToken.authenticated("channel", null,
        List.of(new SimpleGrantedAuthority(BranchAccess.GROUP_AUTHORITY_PREFIX + "channel-gateway")))))
        .isInstanceOf(AccessDeniedException.class)
        .hasMessage("催收案件的联系记录和处置审批仅供银行员工查看 (user channel is the borrowers' channel and may not read"
            + " collection cases)");
  }
}
