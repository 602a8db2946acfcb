package com.smeloanflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.ApiClient.Response;
import com.smeloanflow.support.TestApplications;
import io.micrometer.core.instrument.Metrics;
import java.util.UUID;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Nobody can lock the channel out of the API by guessing its password, and an administrator learns
 * when a member of staff is locked.
 */
@ExtendWith(OutputCaptureExtension.class)
class LoginSafetyTest extends AbstractIntegrationTest {

  private String staffUser;
  private int maxAttemptsBefore;

  @AfterEach
  void restoreThrottlingAndRemoveUser() {
    if (staffUser != null) {
      engineConfiguration().setLoginMaxAttempts(maxAttemptsBefore);
      identityService.deleteUser(staffUser);
    }
  }

  @Test
  void fiftyWrongSecretsDoNotLockTheChannelOutOfIntake() {
    for (int i = 0; i < 50; i++) {
      assertThat(api.send("POST", "/api/applications", CHANNEL, "guess-" + i, "{}").status()).isEqualTo(401);
    }

    Response right = api.post("/api/applications", CHANNEL, TestApplications.mortgageAtBranchCounter().json(),
        "Idempotency-Key", "after-guesses-" + UUID.randomUUID());

    assertThat(right.status()).as(right.toString()).isEqualTo(201);
  }

  @Test
  void theChannelsCamundaPasswordIsNotItsApiCredential() {
    // The system user's secret is checked without Camunda's identity service: no lock counter grows.
    Response wrong = api.send("GET", "/api/loans/LN0", CHANNEL, "not-the-secret", null);
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(api.get("/api/loans/LN0", CHANNEL).status()).isEqualTo(404);
  }

  @Test
  void aStaffUserLockedByWrongPasswordsIsLoggedWithTheCallersAddressForTheAdministrator(CapturedOutput log) {
    staffUser = "lock-test-" + UUID.randomUUID().toString().substring(0, 8);
    User user = identityService.newUser(staffUser);
    user.setPassword("the-right-password");
    identityService.saveUser(user);
    maxAttemptsBefore = engineConfiguration().getLoginMaxAttempts();
    engineConfiguration().setLoginMaxAttempts(3);
    double lockedBefore = Metrics.counter(LoginLockoutAlert.LOCKED_METRIC).count();

    for (int i = 0; i < 3; i++) {
      assertThat(api.send("GET", "/api/loans/LN0", staffUser, "wrong-" + i, null).status()).isEqualTo(401);
    }

    assertThat(api.send("GET", "/api/loans/LN0", staffUser, "the-right-password", null).status())
        .as("locked: even the right password is refused").isEqualTo(401);
    assertThat(log.getOut()).contains("Failed login for user " + staffUser + " from 127.0.0.1")
        .contains("User " + staffUser + " is LOCKED after 3 failed logins (last from 127.0.0.1)");
    assertThat(Metrics.counter(LoginLockoutAlert.LOCKED_METRIC).count()).isEqualTo(lockedBefore + 1);
  }

  @Test
  void aLoginWithAUserIdNobodyHasIsLoggedWithTheCallersAddressOnEveryDoor(CapturedOutput log) {
    String nobody = "no-such-user-" + UUID.randomUUID().toString().substring(0, 8);

    assertThat(api.send("GET", "/api/loans/LN0", nobody, "guess", null).status()).isEqualTo(401);
    assertThat(api.send("GET", "/engine-rest/version", nobody + "-rest", "guess", null).status()).isEqualTo(401);
    assertThat(api.send("GET", "/api/loans/LN0", "forged\nFailed login for user admin", "guess", null).status())
        .isEqualTo(401);

    assertThat(log.getOut()).contains("Failed login for unknown user " + nobody + " from 127.0.0.1")
        .contains("Failed login for unknown user " + nobody + "-rest from 127.0.0.1")
        .contains("Failed login for unknown user forged?Failed login for user admin from 127.0.0.1")
        .doesNotContain("\nFailed login for user admin");
    assertThat(log.getOut().split("Failed login for unknown user " + nobody + " from ", -1))
        .as("one wrong login, one line: the password is checked once per request").hasSize(2);
  }

  private ProcessEngineConfigurationImpl engineConfiguration() {
    return (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
  }
}
