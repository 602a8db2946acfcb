package com.smeloanflow.renewal;

import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.process.LoanRenewalProcess;
import com.smeloanflow.servicing.DmnTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code bpmn/renewal-eligibility.dmn} (FIRST): one test per rule and per boundary, named as the bank says it. */
class RenewalEligibilityDecisionTest {

  private final DmnTable table = new DmnTable(LoanRenewalProcess.ELIGIBILITY_DECISION);

  private DmnTable.Answer evaluate(String classification, int monthsSinceLastOverdue, String licence, int score) {
    return table.evaluate(new RenewalEligibilityTable.Facts(classification, monthsSinceLastOverdue, licence, score, false, 0)
        .inputs());
  }

  private void assertNotEligible(DmnTable.Answer answer, String rule, String code) {
    assertThat(answer.rule()).isEqualTo(rule);
    assertThat(answer.<Boolean>output(RenewalEligibilityTable.OUTPUT_ELIGIBLE)).isFalse();
    assertThat(answer.<String>output(RenewalEligibilityTable.OUTPUT_CODE)).isEqualTo(code);
    assertThat(answer.<String>output(RenewalEligibilityTable.OUTPUT_REASON)).isNotBlank();
  }

  @Test
  void followsTheModelConventions() {
    table.assertFollowsConventions();
  }

  @Test
  void aNormalLoanNeverOverdueOfAnOperatingBorrowerScoringAtTheBarIsOffered() {
    DmnTable.Answer answer = evaluate("NORMAL", LoanRenewal.Eligibility.NEVER_OVERDUE, "ACTIVE", 600);
    assertThat(answer.rule()).isEqualTo("Rule_Eligible");
    assertThat(answer.<Boolean>output(RenewalEligibilityTable.OUTPUT_ELIGIBLE)).isTrue();
    assertThat(answer.<String>output(RenewalEligibilityTable.OUTPUT_CODE)).isEqualTo("ELIGIBLE");
  }

  @ParameterizedTest(name = "classified {0}: not offered")
  @CsvSource({"SPECIAL_MENTION", "SUBSTANDARD", "DOUBTFUL", "LOSS"})
  void onlyALoanClassifiedNormalIsOffered(String classification) {
    assertNotEligible(evaluate(classification, LoanRenewal.Eligibility.NEVER_OVERDUE, "ACTIVE", 900), "Rule_NotNormal",
        "CLASSIFICATION_NOT_NORMAL");
  }

  @ParameterizedTest(name = "last overdue {0} months ago: not offered")
  @CsvSource({"0", "11"})
  void anOverdueWithinTwelveMonthsIsNotOffered(int months) {
    assertNotEligible(evaluate("NORMAL", months, "ACTIVE", 900), "Rule_OverdueWithinTwelveMonths", "OVERDUE_WITHIN_12_MONTHS");
  }

  @Test
  void anOverdueTwelveMonthsAgoNoLongerCounts() {
    assertThat(evaluate("NORMAL", 12, "ACTIVE", 900).rule()).isEqualTo("Rule_Eligible");
  }

  @ParameterizedTest(name = "licence {0}: not offered")
  @CsvSource({"REVOKED", "DEREGISTERED", "UNKNOWN"})
  void aBorrowerNoLongerOperatingIsNotOffered(String licence) {
    assertNotEligible(evaluate("NORMAL", LoanRenewal.Eligibility.NEVER_OVERDUE, licence, 900), "Rule_NotOperating",
        "NOT_OPERATING");
  }

  @Test
  void aFreshScoreOneBelowTheBarIsNotOffered() {
    assertNotEligible(evaluate("NORMAL", LoanRenewal.Eligibility.NEVER_OVERDUE, "ACTIVE", 599), "Rule_ScoreBelowBar",
        "SCORE_BELOW_BAR");
  }

  @Test
  void aHardRedFlagVetoesWhateverTheScore() {
    assertNotEligible(table.evaluate(new RenewalEligibilityTable.Facts("NORMAL", LoanRenewal.Eligibility.NEVER_OVERDUE, "ACTIVE",
        900, true, 0).inputs()), "Rule_HardRedFlag", "HARD_RED_FLAG");
  }

  @Test
  void aLoanWithAWarningSignalStillBeingCheckedIsNotOffered() {
    assertNotEligible(table.evaluate(new RenewalEligibilityTable.Facts("NORMAL", LoanRenewal.Eligibility.NEVER_OVERDUE, "ACTIVE",
        900, false, 1).inputs()), "Rule_SignalUnderCheck", "SIGNAL_UNDER_CHECK");
  }

  @Test
  void aSignalUnderCheckIsTheReasonKeptOnlyAfterTheClassificationAndTheOverdueRecord() {
    assertNotEligible(table.evaluate(new RenewalEligibilityTable.Facts("NORMAL", 3, "ACTIVE", 900, false, 2).inputs()),
        "Rule_OverdueWithinTwelveMonths", "OVERDUE_WITHIN_12_MONTHS");
    assertNotEligible(table.evaluate(new RenewalEligibilityTable.Facts("NORMAL", LoanRenewal.Eligibility.NEVER_OVERDUE, "REVOKED",
        100, true, 2).inputs()), "Rule_SignalUnderCheck", "SIGNAL_UNDER_CHECK");
  }

  @Test
  void theFirstFailedConditionIsTheReasonKept() {
    assertNotEligible(evaluate("SPECIAL_MENTION", 3, "REVOKED", 100), "Rule_NotNormal", "CLASSIFICATION_NOT_NORMAL");
    assertNotEligible(evaluate("NORMAL", 3, "REVOKED", 100), "Rule_OverdueWithinTwelveMonths", "OVERDUE_WITHIN_12_MONTHS");
    assertNotEligible(evaluate("NORMAL", 30, "REVOKED", 100), "Rule_NotOperating", "NOT_OPERATING");
  }
}
