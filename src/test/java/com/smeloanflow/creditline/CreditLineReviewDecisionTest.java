package com.smeloanflow.creditline;

import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.process.CreditLineReviewProcess;
import com.smeloanflow.servicing.Classification;
import com.smeloanflow.servicing.DmnTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code bpmn/credit-line-review.dmn} (FIRST, the most serious rule first): one test per rule and per boundary. */
class CreditLineReviewDecisionTest {

  private final DmnTable table = new DmnTable(CreditLineReviewProcess.REVIEW_DECISION);

  private DmnTable.Answer review(int score, Classification worst, int maxDaysPastDue, int openSignals) {
    return table.evaluate(new CreditLineReviewTable.Facts(score, worst, maxDaysPastDue, openSignals).variables());
  }

  private void assertOutcome(DmnTable.Answer answer, String rule, ReviewOutcome outcome, Integer share, boolean personReview) {
    assertThat(answer.rule()).isEqualTo(rule);
    assertThat(ReviewOutcome.valueOf(answer.output(CreditLineReviewTable.OUTPUT_OUTCOME))).isEqualTo(outcome);
    Object actualShare = answer.output(CreditLineReviewTable.OUTPUT_LIMIT_SHARE);
    assertThat(actualShare == null ? null : ((Number) actualShare).intValue()).isEqualTo(share);
    assertThat(answer.<Boolean>output(CreditLineReviewTable.OUTPUT_PERSON_REVIEW)).isEqualTo(personReview);
    assertThat(answer.<String>output(CreditLineReviewTable.OUTPUT_REASON)).isNotBlank();
  }

  @Test
  void followsTheModelConventions() {
    table.assertFollowsConventions();
  }

  @ParameterizedTest(name = "a {0} drawdown closes the line, whatever the score")
  @EnumSource(value = Classification.class, names = {"SUBSTANDARD", "DOUBTFUL", "LOSS"})
  void aNonPerformingDrawdownClosesTheLineWithAPersonConfirming(Classification worst) {
    assertOutcome(review(900, worst, 0, 0), "Rule_NonPerformingDrawdown", ReviewOutcome.CLOSE, null, true);
  }

  @ParameterizedTest(name = "{0} days past due: {1}")
  @CsvSource({
      "31, Rule_LongOverdue, FREEZE, , true",
      "30, Rule_ShortOverdue, REDUCE, 80, false",
      "1, Rule_ShortOverdue, REDUCE, 80, false",
      "0, Rule_Healthy, CONTINUE, 100, false"})
  void daysPastDueOfADrawdownFreezeAboveThirtyAndReduceUpToThirty(int days, String rule, ReviewOutcome outcome, Integer share,
      boolean person) {
    assertOutcome(review(800, Classification.NORMAL, days, 0), rule, outcome, share, person);
  }

  @ParameterizedTest(name = "score {0}: {1}")
  @CsvSource({
      "0, Rule_ScoreBelowEntry, CLOSE, , true",
      "499, Rule_ScoreBelowEntry, CLOSE, , true",
      "500, Rule_ScoreWeak, FREEZE, , true",
      "599, Rule_ScoreWeak, FREEZE, , true",
      "600, Rule_ScoreModerate, REDUCE, 80, false",
      "699, Rule_ScoreModerate, REDUCE, 80, false",
      "700, Rule_Healthy, CONTINUE, 100, false",
      "1000, Rule_Healthy, CONTINUE, 100, false"})
  void theNewScoreClosesBelowFiveHundredFreezesBelowSixHundredAndReducesBelowSevenHundred(int score, String rule,
      ReviewOutcome outcome, Integer share, boolean person) {
    assertOutcome(review(score, Classification.NORMAL, 0, 0), rule, outcome, share, person);
  }

  @Test
  void openSignalsReduceToHalfWithAPersonWeighingThem() {
    assertOutcome(review(800, Classification.NORMAL, 0, 1), "Rule_SignalsOpen", ReviewOutcome.REDUCE, 50, true);
  }

  @Test
  void aDrawdownOnTheWatchListReducesToSeventyPercent() {
    assertOutcome(review(800, Classification.SPECIAL_MENTION, 0, 0), "Rule_WatchList", ReviewOutcome.REDUCE, 70, false);
  }

  @Test
  void theMostSeriousFactDecides() {
    assertThat(review(450, Classification.SUBSTANDARD, 40, 2).rule()).isEqualTo("Rule_NonPerformingDrawdown");
    assertThat(review(450, Classification.NORMAL, 40, 2).rule()).isEqualTo("Rule_LongOverdue");
    assertThat(review(450, Classification.NORMAL, 0, 2).rule()).isEqualTo("Rule_ScoreBelowEntry");
    assertThat(review(650, Classification.SPECIAL_MENTION, 5, 2).rule()).isEqualTo("Rule_SignalsOpen");
    assertThat(review(650, Classification.SPECIAL_MENTION, 5, 0).rule()).isEqualTo("Rule_WatchList");
  }
}
