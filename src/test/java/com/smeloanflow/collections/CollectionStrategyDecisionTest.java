package com.smeloanflow.collections;

import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.process.CollectionProcess;
import com.smeloanflow.servicing.Classification;
import com.smeloanflow.servicing.DmnTable;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code bpmn/collection-strategy.dmn}: the collection ladder, one test per rule and per days-past-due boundary. */
class CollectionStrategyDecisionTest {

  private final DmnTable table = new DmnTable(CollectionProcess.STRATEGY_DECISION);

  /** A case with no promise and no contact yet, 1,000.00 CNY overdue, classified 关注. */
  private static CollectionFacts facts(int daysPastDue, int ladderStep) {
    return new CollectionFacts(daysPastDue, new BigDecimal("1000.00"), Classification.SPECIAL_MENTION, PromiseStatus.NONE,
        ladderStep, null);
  }

  private void assertNext(CollectionFacts facts, CollectionAction action, String rule) {
    DmnTable.Answer answer = table.evaluate(facts.variables());
    assertThat(answer.rule()).as("rule for %s", facts).isEqualTo(rule);
    assertThat(CollectionAction.valueOf(answer.output(CollectionStrategy.OUTPUT_ACTION))).isEqualTo(action);
    assertThat(answer.<String>output(CollectionStrategy.OUTPUT_REASON)).isNotBlank();
  }

  @Test
  void theFirstOverdueDayMailsAReminder() {
    assertNext(facts(1, 0), CollectionAction.REMINDER_MAIL, "Rule_RemindOnTheFirstDay");
  }

  @Test
  void nothingIsDoneBeforeTheLoanIsOverdueOrTwiceOnTheSameRung() {
    assertNext(facts(0, 0), CollectionAction.WAIT, "Rule_WaitForTheNextRung");
    assertNext(facts(2, 1), CollectionAction.WAIT, "Rule_WaitForTheNextRung");
  }

  @ParameterizedTest(name = "{0} days past due at rung {1}: {2}")
  @CsvSource({
      "2, 1, WAIT, Rule_WaitForTheNextRung",
      "3, 1, PHONE_COLLECTION, Rule_CallAtThreeDays",
      "14, 2, WAIT, Rule_WaitForTheNextRung",
      "15, 2, FIELD_VISIT, Rule_VisitAtFifteenDays",
      "29, 3, WAIT, Rule_WaitForTheNextRung",
      "30, 3, TEAM_LEAD_ESCALATION, Rule_EscalateAtThirtyDays",
      "89, 4, WAIT, Rule_WaitForTheNextRung",
      "90, 4, PROPOSE_DISPOSAL, Rule_ProposeDisposalAtNinetyDays",
      "120, 5, WAIT, Rule_WaitForTheNextRung"})
  void theLadderClimbsAtItsDaysPastDue(int daysPastDue, int ladderStep, CollectionAction action, String rule) {
    assertNext(facts(daysPastDue, ladderStep), action, rule);
  }

  @Test
  void aCaseOpenedLateStartsOnTheRungItsDaysPastDueCallFor() {
    assertNext(facts(40, 0), CollectionAction.TEAM_LEAD_ESCALATION, "Rule_EscalateAtThirtyDays");
  }

  @Test
  void anOpenPromisePausesEvenALongOverdueCase() {
    CollectionFacts facts = new CollectionFacts(100, new BigDecimal("90000.00"), Classification.SUBSTANDARD, PromiseStatus.OPEN,
        2, ContactOutcome.PROMISE_TO_PAY);
    assertNext(facts, CollectionAction.WAIT, "Rule_WaitWhilePromiseOpen");
  }

  @ParameterizedTest(name = "broken at rung {0}: {1}")
  @CsvSource({
      "2, FIELD_VISIT, Rule_VisitAfterBrokenPhonePromise",
      "3, TEAM_LEAD_ESCALATION, Rule_EscalateAfterBrokenVisitPromise",
      "4, PROPOSE_DISPOSAL, Rule_ProposeDisposalAfterBrokenPromise"})
  void aBrokenPromiseGoesOneStepUp(int ladderStep, CollectionAction action, String rule) {
    assertNext(new CollectionFacts(5, new BigDecimal("1000.00"), Classification.SPECIAL_MENTION, PromiseStatus.BROKEN,
        ladderStep, ContactOutcome.PROMISE_TO_PAY), action, rule);
  }

  @ParameterizedTest(name = "kept at rung {0}: {1}")
  @CsvSource({
      "2, PHONE_COLLECTION, Rule_CallAgainAfterKeptPromise",
      "3, FIELD_VISIT, Rule_VisitAgainAfterKeptPromise",
      "4, TEAM_LEAD_ESCALATION, Rule_SuperviseAgainAfterKeptPromise"})
  void aKeptPromiseIsFollowedUpOnTheSameRungWithoutEscalating(int ladderStep, CollectionAction action, String rule) {
    assertNext(new CollectionFacts(60, new BigDecimal("1000.00"), Classification.SPECIAL_MENTION, PromiseStatus.KEPT,
        ladderStep, ContactOutcome.PROMISE_TO_PAY), action, rule);
  }

  @Test
  void aWrongNumberSendsTheCustomerManagerBeforeDayFifteen() {
    assertNext(new CollectionFacts(4, new BigDecimal("1000.00"), Classification.SPECIAL_MENTION, PromiseStatus.NONE, 2,
        ContactOutcome.WRONG_NUMBER), CollectionAction.FIELD_VISIT, "Rule_VisitAfterWrongNumber");
    assertNext(new CollectionFacts(4, new BigDecimal("1000.00"), Classification.SPECIAL_MENTION, PromiseStatus.NONE, 3,
        ContactOutcome.WRONG_NUMBER), CollectionAction.WAIT, "Rule_WaitForTheNextRung");
  }

  @ParameterizedTest(name = "{0} CNY overdue for {1} days: {2}")
  @CsvSource({
      "500000.00, 7, FIELD_VISIT, Rule_VisitEarlyForLargeArrears",
      "499999.99, 7, WAIT, Rule_WaitForTheNextRung",
      "500000.00, 6, WAIT, Rule_WaitForTheNextRung"})
  void largeArrearsBringTheFieldVisitForwardToDaySeven(String amount, int daysPastDue, CollectionAction action, String rule) {
    assertNext(new CollectionFacts(daysPastDue, new BigDecimal(amount), Classification.SPECIAL_MENTION, PromiseStatus.NONE, 2,
        null), action, rule);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"DOUBTFUL", "LOSS"})
  void aDoubtfulOrLossLoanGoesStraightToDisposal(Classification classification) {
    assertNext(new CollectionFacts(10, new BigDecimal("1000.00"), classification, PromiseStatus.NONE, 1, null),
        CollectionAction.PROPOSE_DISPOSAL, "Rule_ProposeDisposalWhenDoubtfulOrLoss");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"DOUBTFUL", "LOSS"})
  void aDoubtfulOrLossLoanGoesToDisposalEvenWhileAPromiseToPayRuns(Classification classification) {
    assertNext(new CollectionFacts(20, new BigDecimal("1000.00"), classification, PromiseStatus.OPEN, 2,
        ContactOutcome.PROMISE_TO_PAY), CollectionAction.PROPOSE_DISPOSAL, "Rule_ProposeDisposalWhenDoubtfulOrLoss");
  }

  @Test
  void aDoubtfulLoanAlreadyAtDisposalWaitsOutItsPromise() {
    assertNext(new CollectionFacts(20, new BigDecimal("1000.00"), Classification.DOUBTFUL, PromiseStatus.OPEN, 5,
        ContactOutcome.PROMISE_TO_PAY), CollectionAction.WAIT, "Rule_WaitWhilePromiseOpen");
  }

  @Test
  void everyRuleNamesAnActionOfTheLadder() {
    assertThat(table.rows()).hasSize(16).allSatisfy(row ->
        assertThat(CollectionAction.valueOf(row.get(CollectionStrategy.OUTPUT_ACTION))).isNotNull());
  }

  @Test
  void followsTheDecisionTableConventions() {
    table.assertFollowsConventions();
  }
}
