package com.smeloanflow.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.platform.StateConflictException;
import com.smeloanflow.servicing.DailyCloseService;
import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.support.AbstractIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * V135 on a database whose post-loan checks were withdrawn before it: a periodic check a check of warning signals took
 * over becomes SUPERSEDED, one withdrawn as monitoring ended MONITORING_ENDED, an open check stays as it is; a checker
 * still submitting one is told why from that kind. The checks are written as the code before V135 left them (the
 * reason only); the migration's script then runs on the database.
 */
class PostLoanCheckWithdrawalMigrationTest extends AbstractIntegrationTest {

  private static final String SCRIPT = "db/migration/V135__post_loan_check_withdrawal.sql";

  @Autowired LoanAccountService loans;
  @Autowired DailyCloseService dailyClose;
  @Autowired BusinessClock clock;
  @Autowired CheckRepository checks;
  @Autowired MonitoringIds ids;
  @Autowired PostLoanCheckService checkService;
  @Autowired DataSource dataSource;

  @Test
  void checksWithdrawnBeforeGetTheirKindFromTheirReasonAndTheCheckerIsToldWhy() {
    MonitoringScenario loan = MonitoringScenario.loan(processEngine, api, this::executeDueJobs, this::completeAs, intakeService,
        loans, dailyClose, "ZY001", clock.today()).firstCheck("NORMAL");
    String superseded = periodicCheck(loan);
    String ended = periodicCheck(loan);
    String open = periodicCheck(loan);
    withdrawnAsBefore(superseded, PostLoanMonitoringService.SUPERSEDED_BY_SIGNAL_CHECK + " (PC20261201000009)");
    withdrawnAsBefore(ended, "贷款已结清 (2026-12-01)");

    migrate();
    migrate();

    assertThat(checks.find(superseded).orElseThrow().withdrawal()).isEqualTo(PostLoanCheck.Withdrawal.SUPERSEDED);
    assertThat(checks.find(ended).orElseThrow().withdrawal()).isEqualTo(PostLoanCheck.Withdrawal.MONITORING_ENDED);
    assertThat(checks.find(open).orElseThrow()).satisfies(check -> {
      assertThat(check.status()).isEqualTo(PostLoanCheck.OPEN);
      assertThat(check.withdrawal()).isNull();
    });
    assertThatThrownBy(() -> checkService.complete(conclusion(superseded))).isInstanceOf(StateConflictException.class)
        .hasMessageContaining("贷后检查 " + superseded + " 已撤销 (由预警信号核查代替 (PC20261201000009)), 无需再登记检查结论");
    assertThatThrownBy(() -> checkService.complete(conclusion(ended))).isInstanceOf(StateConflictException.class)
        .hasMessageContaining("贷后检查 " + ended + " 已撤销 (贷后监控已结束), 无需再登记检查结论");
  }

  private String periodicCheck(MonitoringScenario loan) {
    String checkId = ids.nextCheckId();
    checks.insert(checkId, loan.loanId(), CheckKind.PERIODIC, CheckMethod.REMOTE, "定期检查", clock.today(), clock.now());
    return checkId;
  }

  /** Withdrawn as the code before V135 did: status and reason, no kind. */
  private void withdrawnAsBefore(String checkId, String reason) {
    jdbc.sql("UPDATE post_loan_check SET status = 'CANCELLED', cancel_reason = :reason, withdrawal = NULL WHERE check_id = :id")
        .param("reason", reason).param("id", checkId).update();
  }

  private void migrate() {
    ResourceDatabasePopulator populator = new ResourceDatabasePopulator(new ClassPathResource(SCRIPT));
    populator.setSqlScriptEncoding(StandardCharsets.UTF_8.name());
    populator.execute(dataSource);
  }

  private static CompleteCheck conclusion(String checkId) {
    return new CompleteCheck(checkId, CheckOutcome.NORMAL, "经营正常", List.of(), null, null, "remote-verifier");
  }
}
