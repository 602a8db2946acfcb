package com.smeloanflow.servicing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code bpmn/repayment-allocation.dmn}: the allocation order of each product, rule by rule. */
class RepaymentAllocationDecisionTest {

  private final DmnTable table = new DmnTable(AllocationRules.DECISION_KEY);

  private AllocationRule orderOf(String product, String expectedRule) {
    DmnTable.Answer answer = table.evaluate(Map.of(AllocationRules.INPUT_PRODUCT, product));
    assertThat(answer.rule()).isEqualTo(expectedRule);
    return AllocationRule.parse(answer.output(AllocationRules.OUTPUT_ORDER), answer.output(AllocationRules.OUTPUT_SCOPE), product);
  }

  @Test
  void jointGuaranteeLoansClearTheOldestInstalmentFirst() {
    AllocationRule rule = orderOf("JOINT_GUARANTEE", "Rule_JointGuaranteeOldestInstalmentFirst");

    assertThat(rule.scope()).isEqualTo(AllocationScope.OLDEST_INSTALMENT_FIRST);
    assertThat(rule.order()).isEqualTo(AllocationRule.standard().order());
  }

  @ParameterizedTest
  @ValueSource(strings = {"CREDIT_QUICK", "MORTGAGE_QUICK", "GROWTH", "REVOLVING_LINE", "A_PRODUCT_NOT_YET_IN_THE_TABLE"})
  void everyOtherProductPaysPenaltyThenInterestThenPrincipalAcrossOverdueInstalments(String product) {
    AllocationRule rule = orderOf(product, "Rule_StandardPenaltyInterestPrincipal");

    assertThat(rule).isEqualTo(new AllocationRule(AllocationRule.standard().order(), AllocationScope.ACROSS_INSTALMENTS,
        product));
  }

  @Test
  void everyRuleGivesAnOrderTheLedgerCanApply() {
    assertThat(table.rows()).isNotEmpty().allSatisfy(row ->
        AllocationRule.parse(row.get(AllocationRules.OUTPUT_ORDER), row.get(AllocationRules.OUTPUT_SCOPE), row.get("rule")));
  }

  @Test
  void followsTheDecisionTableConventions() {
    table.assertFollowsConventions();
  }
}
