package com.smeloanflow.processing;

import com.smeloanflow.support.AbstractIntegrationTest;

import static com.smeloanflow.processing.ProcessingFixtures.insertApplication;
import static com.smeloanflow.processing.ProcessingFixtures.strongProfile;
import static com.smeloanflow.processing.ProcessingFixtures.withCourt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.smeloanflow.casefile.ApplicationHistory;
import com.smeloanflow.intake.LoanApplicationRepository;
import com.smeloanflow.processing.sandbox.SandboxEnterpriseService;
import com.smeloanflow.processing.sandbox.SandboxProfile;
import com.smeloanflow.scoring.ScoreCard;
import java.time.Duration;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Scoring an application from its snapshot and keeping the score with it. */
class ScoringServiceTest extends AbstractIntegrationTest {

  @Autowired ScoringService scoring;
  @Autowired ExternalDataService externalData;
  @Autowired SandboxEnterpriseService sandbox;
  @Autowired LoanApplicationRepository applications;
  @Autowired ApplicationHistory history;
  @Autowired JdbcClient jdbc;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void strongEnterpriseAskingHundredThousandOnCreditIsGradedAOrBWithoutRedFlags() {
    String applicationId = gathered(strongProfile(), "100000.00");

    ScoreCard card = scoring.scoreApplication(applicationId);

    assertThat(card.grade()).isIn("A", "B");
    assertThat(card.hasRedFlag()).isFalse();
    assertThat(card.reasonCodes()).contains("FLOW_STABLE_12M", "TAX_RATING_A", "BUREAU_CLEAN", "UTILITY_NO_LATE_24M");
    assertThat(scoring.find(applicationId)).contains(card);
    Map<String, Object> row = jdbc.sql("SELECT * FROM application_score WHERE application_id = :id")
        .param("id", applicationId).query().singleRow();
    assertThat(row).containsEntry("GRADE", card.grade()).containsEntry("TOTAL_SCORE", card.totalScore())
        .containsEntry("HARD_RED_FLAG", false).containsEntry("RED_FLAG_CODES", "").containsEntry("MODEL_VERSION", "4D-1.0");
    assertThat((String) row.get("REASONS_JSON")).contains("FLOW_STABLE_12M", "近12个月经营流水稳定");
    assertThat(history.of(applicationId)).anySatisfy(e -> {
      assertThat(e.eventType()).isEqualTo("SCORED");
      assertThat(e.detail()).contains("等级 " + card.grade());
    });
  }

  @Test
  void dishonestDebtorIsStoredWithItsHardRedFlag() {
    String applicationId = gathered(withCourt(strongProfile(), new SandboxProfile.Court(0, true)), "100000.00");

    ScoreCard card = scoring.scoreApplication(applicationId);

    assertThat(card.hasHardRedFlag()).isTrue();
    assertThat(card.redFlagCodes()).isEqualTo("DISHONEST_DEBTOR");
    assertThat(card.redFlags().get(0).explanation()).contains("失信被执行人");
    assertThat(scoring.find(applicationId)).contains(card);
    assertThat(jdbc.sql("SELECT red_flag_codes FROM application_score WHERE application_id = :id")
        .param("id", applicationId).query(String.class).single()).isEqualTo("DISHONEST_DEBTOR");
  }

  @Test
  void rescoringTheSameSnapshotLaterGivesTheSameCardAndReplacesTheRow() {
    String applicationId = gathered(strongProfile(), "100000.00");
    ScoreCard first = scoring.scoreApplication(applicationId);

    ClockUtil.setCurrentTime(Date.from(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofDays(800))));
    ScoreCard again = scoring.scoreApplication(applicationId);

    assertThat(again).isEqualTo(first);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM application_score WHERE application_id = :id")
        .param("id", applicationId).query(Long.class).single()).isEqualTo(1L);
    assertThat(scoring.findInput(applicationId)).get().satisfies(input ->
        assertThat(input.requestedAmount()).isEqualByComparingTo("100000"));
  }

  @Test
  void applicationWithoutGatheredDataCannotBeScored() {
    String applicationId = insertApplication(applications, CreditCodes.fresh(), "100000.00");

    assertThatThrownBy(() -> scoring.scoreApplication(applicationId)).isInstanceOf(IllegalStateException.class);
    assertThat(scoring.find(applicationId)).isEmpty();
  }

  private String gathered(SandboxProfile profile, String amount) {
    String code = CreditCodes.fresh();
    sandbox.register(code, profile, "test");
    String applicationId = insertApplication(applications, code, amount);
    externalData.gather(applicationId);
    return applicationId;
  }
}
