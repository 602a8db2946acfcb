package com.smeloanflow.platform;

import com.smeloanflow.identity.DemoData;
import com.smeloanflow.identity.Groups;
import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.ApiClient.Response;
import java.util.List;
import java.util.Locale;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A directory may compare user ids in any case and trim them (LDAP): there a person {@code Channel} or {@code " channel"}
 * would be taken for the system user {@code channel}. On the bank's API and the operations endpoints such an id is
 * refused before any password is checked, with its right password or a wrong one, as on the engine REST API
 * ({@link SystemUserEngineReachApiTest}); the system user itself, by its exact id and secret, is not.
 */
class SystemUserLookalikeApiTest extends AbstractIntegrationTest {

  /** A member of ZY001's acceptance post whose id is the channel's in another case. */
  private static final String LOOKALIKE = "Channel";

  @BeforeEach
  void aMemberOfStaffCalledChannel() {
    newStaff(LOOKALIKE, "渠道", "(员工)", Groups.acceptance("ZY001"));
  }

  @AfterEach
  void removeThem() {
    identityService.deleteUser(LOOKALIKE);
  }

  @Test
  void aSystemUsersIdInAnotherCaseOrWithBlanksAroundLogsInNowhere() {
    SoftAssertions softly = new SoftAssertions();
    for (String[] call : new String[][] {{LOOKALIKE, "/api/branches"}, {" channel", "/api/branches"},
        {"CORE-BANKING", "/api/branches"}, {"monitoring ", "/actuator/prometheus"}, {"Monitoring", "/actuator/health"}}) {
      for (String password : List.of(DemoData.PASSWORD, "guess")) {
        Response answer = api.send("GET", call[1], call[0], password, null, "Accept", "*/*");
        softly.assertThat(answer.status()).as("GET %s by '%s' (%s) → %s", call[1], call[0], password, answer).isEqualTo(403);
        String systemUser = call[0].strip().toLowerCase(Locale.ROOT);
        softly.assertThat(answer.json().path("detail").asText()).as("GET %s by '%s'", call[1], call[0])
            .isEqualTo("用户 " + call[0] + " 与系统用户 " + systemUser + " 只差大小写、全角或空白字符, 不可登录 (user '" + call[0]
                + "' differs from system user '" + systemUser + "' only in case, full-width letters, blanks or invisible characters and may not log in)");
      }
    }
    Response channel = api.get("/api/branches", CHANNEL);
    softly.assertThat(channel.status()).as("the channel itself: %s", channel).isEqualTo(200);
    Response clerk = api.get("/api/branches", "zy001-acceptor");
    softly.assertThat(clerk.status()).as("a clerk: %s", clerk).isEqualTo(200);
    softly.assertAll();
  }
}
