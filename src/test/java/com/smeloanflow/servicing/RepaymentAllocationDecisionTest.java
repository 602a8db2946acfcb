package com.smeloanflow.servicing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code bpmn/repayment-allocation.dmn}: the allocation order of each product and guarantee type, rule by rule. */
class RepaymentAllocationDecisionTest {

  private final DmnTable table = new DmnTable(AllocationRules.DECISION_KEY);

  private AllocationRule orderOf(String product, String guaranteeType, String expectedRule) {
    DmnTable.Answer answer = table.evaluate(Map.of(AllocationRules.INPUT_PRODUCT, product,
        AllocationRules.INPUT_GUARANTEE_TYPE, guaranteeType));
    assertThat(answer.rule()).isEqualTo(expectedRule);
    return AllocationRule.parse(answer.output(AllocationRules.OUTPUT_ORDER), answer.output(AllocationRules.OUTPUT_SCOPE), product);
  }

  @Test
  void jointGuaranteeLoansClearTheOldestInstalmentFirst() {
    AllocationRule rule = orderOf("JOINT_GUARANTEE", "JOINT_GUARANTEE", "Rule_JointGuaranteeOldestInstalmentFirst");

    assertThat(rule.scope()).isEqualTo(AllocationScope.OLDEST_INSTALMENT_FIRST);
    assertThat(rule.order()).isEqualTo(AllocationRule.standard().order());
  }

  @Test
  void drawdownsOfAJointGuaranteedLineClearTheOldestInstalmentFirstByTheSameRule() {
    AllocationRule drawdown = orderOf("REVOLVING_LINE", "JOINT_GUARANTEE", "Rule_JointGuaranteeOldestInstalmentFirst");
    AllocationRule jointGuaranteeLoan = orderOf("JOINT_GUARANTEE", "JOINT_GUARANTEE", "Rule_JointGuaranteeOldestInstalmentFirst");

    assertThat(drawdown.scope()).isEqualTo(AllocationScope.OLDEST_INSTALMENT_FIRST).isEqualTo(jointGuaranteeLoan.scope());
    assertThat(drawdown.order()).isEqualTo(jointGuaranteeLoan.order());
  }

  @ParameterizedTest
  @CsvSource({"CREDIT_QUICK, CREDIT", "MORTGAGE_QUICK, MORTGAGE", "GROWTH, GUARANTEE", "GROWTH, MORTGAGE",
      "REVOLVING_LINE, CREDIT", "REVOLVING_LINE, MORTGAGE", "REVOLVING_LINE, GUARANTEE",
      "A_PRODUCT_NOT_YET_IN_THE_TABLE, CREDIT"})
  void everyOtherLoanPaysPenaltyThenInterestThenPrincipalAcrossOverdueInstalments(String product, String guaranteeType) {
    AllocationRule rule = orderOf(product, guaranteeType, "Rule_StandardPenaltyInterestPrincipal");

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
