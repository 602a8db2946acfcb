package com.smeloanflow.processing;

import com.smeloanflow.support.AbstractIntegrationTest;

import static com.smeloanflow.processing.ProcessingFixtures.failing;
import static com.smeloanflow.processing.ProcessingFixtures.insertApplication;
import static com.smeloanflow.processing.ProcessingFixtures.strongProfile;
import static com.smeloanflow.processing.ProcessingFixtures.withInternalDefaults;
import static com.smeloanflow.processing.ProcessingFixtures.withSandbox;
import static com.smeloanflow.processing.ProcessingFixtures.withTax;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.smeloanflow.intake.LoanApplicationRepository;
import com.smeloanflow.processing.sandbox.SandboxDefaults;
import com.smeloanflow.processing.sandbox.SandboxEnterpriseService;
import com.smeloanflow.processing.sandbox.SandboxProfile;
import com.smeloanflow.processing.source.ExternalSource;
import com.smeloanflow.processing.source.InternalDefaultStatus;
import com.smeloanflow.processing.source.TaxRating;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Gathering an enterprise's external data through the sandbox and keeping it with the application. */
class ExternalDataServiceTest extends AbstractIntegrationTest {

  @Autowired ExternalDataService externalData;
  @Autowired SandboxEnterpriseService sandbox;
  @Autowired LoanApplicationRepository applications;
  @Autowired JdbcClient jdbc;

  @Test
  void gathersEverySourceAndKeepsTheSnapshotWithTheApplication() {
    String code = CreditCodes.fresh();
    sandbox.register(code, strongProfile(), "test");
    String applicationId = insertApplication(applications, code, "100000.00");

    EnterpriseData data = externalData.gather(applicationId);

    assertThat(data.creditCode()).isEqualTo(code);
    assertThat(data.registration().name()).isEqualTo("遵义市汇川区明达机械加工有限公司");
    assertThat(data.tax().rating()).isEqualTo(TaxRating.A);
    assertThat(data.tax().annualSales()).isEqualTo(new BigDecimal("6200000.00"));
    assertThat(data.bureau().maxDpd24m()).isZero();
    assertThat(data.court().dishonestDebtor()).isFalse();
    assertThat(data.flows().monthlyInflows()).hasSize(12).first().isEqualTo(new BigDecimal("510000"));
    assertThat(data.utilities().monthsOfHistory()).isEqualTo(60);
    assertThat(data.internalDefaults().defaults()).isEmpty();
    assertThat(data.scenario().industryOutlook()).hasToString("STABLE");
    assertThat(data.sourcesWithoutData()).isEmpty();
    assertThat(externalData.snapshot(applicationId)).isEqualTo(data);
  }

  @Test
  void gatheringAgainReplacesTheSnapshot() {
    String code = CreditCodes.fresh();
    sandbox.register(code, strongProfile(), "test");
    String applicationId = insertApplication(applications, code, "100000.00");
    externalData.gather(applicationId);

    sandbox.register(code, withTax(strongProfile(), new SandboxProfile.Tax("B", new BigDecimal("5000000.00"), 0)), "test");
    EnterpriseData again = externalData.gather(applicationId);

    assertThat(externalData.snapshot(applicationId).tax().rating()).isEqualTo(TaxRating.B);
    assertThat(externalData.snapshot(applicationId)).isEqualTo(again);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM application_external_data WHERE application_id = :id")
        .param("id", applicationId).query(Long.class).single()).isEqualTo(1L);
  }

  @Test
  void enterpriseNobodyRegisteredGetsTheDefaultDerivedFromItsCreditCode() {
    String code = CreditCodes.fresh();
    String applicationId = insertApplication(applications, code, "100000.00");

    EnterpriseData data = externalData.gather(applicationId);

    SandboxProfile expected = SandboxDefaults.derive(code);
    assertThat(data.registration().name()).isEqualTo(expected.registration().name());
    assertThat(data.tax().annualSales()).isEqualTo(expected.tax().annualSales());
    assertThat(data.flows().monthlyInflows()).isEqualTo(expected.flows().monthlyInflows());
    assertThat(data.sourcesWithoutData()).isEmpty();
  }

  @Test
  void sourceToldToFailTwiceFailsTwiceThenAnswersAlthoughEachFailedAttemptIsRolledBack() {
    String code = CreditCodes.fresh();
    sandbox.register(code, withSandbox(strongProfile(), failing(2, "BUREAU")), "test");
    String applicationId = insertApplication(applications, code, "100000.00");

    assertThatThrownBy(() -> externalData.gather(applicationId))
        .isInstanceOf(ExternalSourceUnavailableException.class)
        .hasMessageContaining("BUREAU").hasMessageContaining(code).hasMessageContaining("failure 1 of 2")
        .satisfies(e -> assertThat(((ExternalSourceUnavailableException) e).source()).isEqualTo(ExternalSource.BUREAU));
    assertThat(externalData.findSnapshot(applicationId)).isEmpty();
    assertThatThrownBy(() -> externalData.gather(applicationId)).hasMessageContaining("failure 2 of 2");

    EnterpriseData data = externalData.gather(applicationId);

    assertThat(data.bureau().maxDpd24m()).isZero();
    assertThat(sandbox.failedCalls(code, ExternalSource.BUREAU)).isEqualTo(2);
    assertThat(externalData.findSnapshot(applicationId)).contains(data);
  }

  @Test
  void lastingFailureKeepsFailingUntilTheProfileIsRegisteredAgain() {
    String code = CreditCodes.fresh();
    sandbox.register(code, withSandbox(strongProfile(), failing(null, "COURT", "TAX")), "test");
    String applicationId = insertApplication(applications, code, "100000.00");

    for (int attempt = 1; attempt <= 3; attempt++) {
      assertThatThrownBy(() -> externalData.gather(applicationId))
          .isInstanceOf(ExternalSourceUnavailableException.class).hasMessageContaining("TAX").hasMessageContaining("lasting");
    }
    sandbox.register(code, strongProfile(), "test");

    assertThat(externalData.gather(applicationId).court().openEnforcementCases()).isZero();
    assertThat(sandbox.failedCalls(code, ExternalSource.TAX)).isZero();
  }

  @Test
  void sourceToldToTimeOutFailsAfterWaiting() {
    String code = CreditCodes.fresh();
    sandbox.register(code, withSandbox(strongProfile(),
        new SandboxProfile.Settings(List.of("FLOWS"), 1, "TIMEOUT", 200, null)), "test");
    String applicationId = insertApplication(applications, code, "100000.00");

    long started = System.nanoTime();
    assertThatThrownBy(() -> externalData.gather(applicationId))
        .isInstanceOf(ExternalSourceUnavailableException.class).hasMessageContaining("FLOWS").hasMessageContaining("timed out after 200 ms");
    assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(200);

    assertThat(externalData.gather(applicationId).flows().monthlyInflows()).hasSize(12);
  }

  @Test
  void sourcesWithoutDataAreRecordedAsGaps() {
    String code = CreditCodes.fresh();
    sandbox.register(code, withSandbox(strongProfile(),
        new SandboxProfile.Settings(null, null, null, null, List.of("TAX", "FLOWS"))), "test");
    String applicationId = insertApplication(applications, code, "100000.00");

    EnterpriseData data = externalData.gather(applicationId);

    assertThat(data.tax().rating()).isNull();
    assertThat(data.flows().monthlyInflows()).isEmpty();
    assertThat(data.sourcesWithoutData()).containsExactly(ExternalSource.TAX, ExternalSource.FLOWS);
    assertThat(externalData.snapshot(applicationId)).isEqualTo(data);
  }

  @Test
  void internalDefaultsRegisteredInTheSandboxComeFromTheBanksDefaultTable() {
    String code = CreditCodes.fresh();
    sandbox.register(code, withInternalDefaults(strongProfile(), List.of(
        new SandboxProfile.InternalDefaultEntry(LocalDate.of(2019, 6, 30), new BigDecimal("50000.00"), "SETTLED"),
        new SandboxProfile.InternalDefaultEntry(LocalDate.of(2021, 3, 31), new BigDecimal("20000.00"), "OUTSTANDING"))), "test");
    String applicationId = insertApplication(applications, code, "100000.00");

    EnterpriseData data = externalData.gather(applicationId);

    assertThat(data.internalDefaults().defaults()).hasSize(2);
    assertThat(data.internalDefaults().defaults().get(1).status()).isEqualTo(InternalDefaultStatus.OUTSTANDING);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM internal_default_record WHERE credit_code = :code")
        .param("code", code).query(Long.class).single()).isEqualTo(2L);
  }

  @Test
  void snapshotOfAnApplicationNotYetGatheredIsRefused() {
    String applicationId = insertApplication(applications, CreditCodes.fresh(), "100000.00");

    assertThat(externalData.findSnapshot(applicationId)).isEmpty();
    assertThatThrownBy(() -> externalData.snapshot(applicationId)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(applicationId);
  }
}
