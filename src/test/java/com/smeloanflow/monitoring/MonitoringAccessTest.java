package com.smeloanflow.monitoring;

import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.smeloanflow.identity.BranchAccess;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The borrowers' channel reads no post-loan monitoring, whatever the loan, also where the API's filter would let it
 * through (platform.SecurityConfig refuses it the operation first): BranchAccess alone lets it read any loan by id.
 */
class MonitoringAccessTest {

  private final MonitoringAccess access = new MonitoringAccess(new BranchAccess());

  private static Authentication caller(String user, String group) {
    return UsernamePasswordAuthenticationToken.authenticated(user, null,
        List.of(new SimpleGrantedAuthority(BranchAccess.GROUP_AUTHORITY_PREFIX + group)));
  }

  @Test
  void theChannelIsRefusedTheMonitoringOfAnyLoanTheBranchesStaffReadIt() {
    assertThatThrownBy(() -> access.requireMayRead("ZY001", caller("channel", "channel-gateway"), "LN1"))
        .isInstanceOf(AccessDeniedException.class)
        .hasMessage("贷后检查结论、预警证据和风险分类理由仅供银行员工查看 (user channel is the borrowers' channel and may not read"
            + " post-loan monitoring)");
    assertThatNoException().isThrownBy(() -> access.requireMayRead("ZY001", caller("zy001-cm", "ZY001-customer-managers"), "LN1"));
  }
}
