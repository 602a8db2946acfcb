package com.smeloanflow.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.processing.ProcessingFixtures;
import com.smeloanflow.processing.sandbox.SandboxProfile;
import com.smeloanflow.support.ApiClient.Response;
import com.smeloanflow.support.Concurrently;
import com.smeloanflow.support.PostgresTest;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Monitoring on embedded PostgreSQL 14 (the production database): every ledger test of
 * {@link MonitoringLedgerProcessTest} (floor changes at the close, the merge with the risk review,
 * settlement and write-off), concurrent reports of one signal starting one check, and the re-query.
 * Configured as {@code AbstractPostgresIntegrationTest} is, by {@link PostgresTest} (a class extends only one base).
 */
@PostgresTest
class MonitoringPostgresIT extends MonitoringLedgerProcessTest {


  @Test
  void concurrentReportsOfOneSignalStartOneCheckOnPostgres() throws Exception {
    MonitoringScenario loan = MonitoringScenario.loan(processEngine, api, this::executeDueJobs, this::completeAs, intakeService,
        loans, dailyClose, "ZY001", clock.today());
    AtomicInteger event = new AtomicInteger();

    List<Response> answers = Concurrently.run(6, () -> api.post("/api/loans/" + loan.loanId() + "/signals", "core-banking",
        MonitoringScenario.signal("PG-" + event.incrementAndGet() + "-" + loan.loanId(), "ACCOUNT_FROZEN", "账户冻结", null)));

    assertThat(answers).extracting(Response::status).containsOnly(201, 200);
    assertThat(answers).filteredOn(a -> a.status() == 201).hasSize(1);
    loan.runJobs();
    assertThat(loan.checkInstanceIds()).hasSize(1);
    assertThat(monitoring.view(loan.loanId()).signals()).hasSize(6);
  }

  @Test
  void theReQueryFindsANewEnforcementCaseOnPostgres() {
    MonitoringScenario loan = MonitoringScenario.loan(processEngine, api, this::executeDueJobs, this::completeAs, intakeService,
        loans, dailyClose, "ZY001", clock.today()).requeryNow();

    loan.externalData(ProcessingFixtures.withCourt(loan.profile(), new SandboxProfile.Court(3, false))).requeryNow();

    assertThat(monitoring.view(loan.loanId()).signals()).singleElement().satisfies(signal -> {
      assertThat(signal.type()).isEqualTo(SignalType.COURT_ENFORCEMENT);
      assertThat(signal.severity()).isEqualTo(SignalSeverity.SERIOUS);
    });
    assertThat(loan.openTasks()).hasSize(2);
  }
}
