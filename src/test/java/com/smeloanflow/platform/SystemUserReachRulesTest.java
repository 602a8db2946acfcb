package com.smeloanflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.identity.Groups;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The system users' reach as the API chain decides it for each request ({@link SecurityConfig#systemUserRefusing},
 * {@link SecurityConfig#groupRuleFor}): the same answer on every call, for the method and path the rules name.
 */
class SystemUserReachRulesTest {

  private static Authentication caller(String user, String group) {
    return new UsernamePasswordAuthenticationToken(user, null, List.of(new SimpleGrantedAuthority(SecurityConfig.group(group))));
  }

  private static final Authentication CHANNEL = caller("channel", Groups.CHANNEL_GATEWAY);
  private static final Authentication CORE_BANKING = caller("core-banking", Groups.CORE_BANKING);

  @Test
  void theChannelCallsItsOwnOperationsAndNoOtherOnEveryRequest() {
    for (int call = 0; call < 3; call++) {
      assertThat(SecurityConfig.systemUserRefusing(CHANNEL, "GET", "/api/applications/APP-1")).isEmpty();
      assertThat(SecurityConfig.systemUserRefusing(CHANNEL, "POST", "/api/applications")).isEmpty();
      assertThat(SecurityConfig.systemUserRefusing(CHANNEL, "POST", "/api/applications/APP-1/signature")).isEmpty();
      assertThat(SecurityConfig.systemUserRefusing(CHANNEL, "GET", "/api/applications"))
          .as("a list of applications").map(reach -> reach.refusal("GET", "/api/applications"))
          .hasValueSatisfying(refusal -> assertThat(refusal).startsWith("渠道无权调用 GET /api/applications"));
      assertThat(SecurityConfig.systemUserRefusing(CHANNEL, "DELETE", "/api/applications/APP-1")).as("another method")
          .isPresent();
      assertThat(SecurityConfig.systemUserRefusing(CHANNEL, "GET", "/api/applications/APP-1/documents"))
          .as("a path one level deeper than the rule's").isPresent();
    }
  }

  @Test
  void coreBankingReportsRepaymentsAndReadsNothing() {
    for (int call = 0; call < 3; call++) {
      assertThat(SecurityConfig.systemUserRefusing(CORE_BANKING, "POST", "/api/loans/L-1/repayments")).isEmpty();
      assertThat(SecurityConfig.systemUserRefusing(CORE_BANKING, "GET", "/api/applications/APP-1"))
          .map(reach -> reach.refusal("GET", "/api/applications/APP-1"))
          .hasValueSatisfying(refusal -> assertThat(refusal).startsWith("核心系统无权调用 GET /api/applications/APP-1"));
    }
  }

  @Test
  void staffAreLeftToTheGroupRules() {
    Authentication clerk = caller("clerk", Groups.TEAM_LEADS);
    assertThat(SecurityConfig.systemUserRefusing(clerk, "GET", "/api/loans")).isEmpty();
    Optional<SecurityConfig.GroupRule> sandbox = SecurityConfig.groupRuleFor("POST", "/api/sandbox/daily-close");
    assertThat(sandbox).map(SecurityConfig.GroupRule::groups).hasValue(List.of(Groups.CAMUNDA_ADMIN));
    assertThat(SecurityConfig.groupRuleFor("GET", "/api/branches")).as("reading branches needs a login only").isEmpty();
    assertThat(SecurityConfig.groupRuleFor("POST", "/api/branches")).map(SecurityConfig.GroupRule::groups)
        .hasValue(List.of(Groups.CAMUNDA_ADMIN));
  }
}
