package com.smeloanflow.processing.decisions;

import static com.smeloanflow.processing.decisions.DecisionTableTester.variables;
import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.intake.GuaranteeType;
import com.smeloanflow.intake.Product;
import com.smeloanflow.processing.decisions.DecisionTableTester.Evaluation;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code bpmn/approval-authority.dmn}: every rule and every amount boundary (DESIGN.md §3.1 step 5, §4). */
class ApprovalAuthorityDecisionTest {

  private static final BigDecimal AUTO_LIMIT = new BigDecimal("300000.00");
  private static final BigDecimal UNIT_AUTHORITY = new BigDecimal("5000000.00");

  private static DecisionTableTester table;

  @BeforeAll
  static void parseTable() {
    table = new DecisionTableTester("approval-authority");
  }

  /** An otherwise eligible borrower: grade A, no red flag. */
  private static Map<String, Object> borrower(String grade, String guaranteeType, Object requestedAmount) {
    return variables("eligible", true, "hardRedFlag", false, "redFlag", false, "grade", grade,
        "guaranteeType", guaranteeType, "requestedAmount", requestedAmount);
  }

  private static Evaluation evaluate(Map<String, Object> variables) {
    return table.evaluate(variables);
  }

  private static void assertRoute(Evaluation evaluation, String route, String rule) {
    assertThat(evaluation.<String>output("approvalRoute")).isEqualTo(route);
    assertThat(evaluation.firedRule()).isEqualTo(rule);
    assertThat(evaluation.<String>output("routeReason")).isNotBlank();
  }

  // --- REJECT -------------------------------------------------------------------------------------

  @Test
  void rejectsApplicationThatFailsProductEligibility() {
    Map<String, Object> variables = borrower("A", "CREDIT", new BigDecimal("100000.00"));
    variables.put("eligible", false);

    Evaluation evaluation = evaluate(variables);

    assertRoute(evaluation, "REJECT", "Rule_RejectNotEligible");
    assertThat(evaluation.<String>output("routeReason")).isEqualTo("不符合产品准入条件");
  }

  @Test
  void rejectsDishonestDebtor() {
    Map<String, Object> variables = borrower("A", "CREDIT", new BigDecimal("100000.00"));
    variables.put("hardRedFlag", true);
    variables.put("redFlag", true);

    Evaluation evaluation = evaluate(variables);

    assertRoute(evaluation, "REJECT", "Rule_RejectHardRedFlag");
    assertThat(evaluation.<String>output("routeReason"))
        .isEqualTo("命中硬性风险信号(失信被执行人、征信当前逾期或执照吊销/注销)");
  }

  @Test
  void rejectsHardRedFlagBeforeAnyAmountRouting() {
    Map<String, Object> variables = borrower("B", "MORTGAGE", new BigDecimal("8000000.00"));
    variables.put("hardRedFlag", true);
    variables.put("redFlag", true);

    assertRoute(evaluate(variables), "REJECT", "Rule_RejectHardRedFlag");
  }

  @Test
  void rejectsGradeEEvenForSmallCreditLoan() {
    Evaluation evaluation = evaluate(borrower("E", "CREDIT", new BigDecimal("50000.00")));

    assertRoute(evaluation, "REJECT", "Rule_RejectGradeE");
    assertThat(evaluation.<String>output("routeReason")).contains("E级");
  }

  @Test
  void rejectsGradeEAboveUnitAuthority() {
    assertRoute(evaluate(borrower("E", "MORTGAGE", new BigDecimal("9000000.00"))), "REJECT", "Rule_RejectGradeE");
  }

  // --- AUTO ---------------------------------------------------------------------------------------

  @Test
  void autoApprovesStrongSmallCreditLoan() {
    Evaluation evaluation = evaluate(borrower("A", "CREDIT", new BigDecimal("100000.00")));

    assertRoute(evaluation, "AUTO", "Rule_AutoSmallCreditGoodGrade");
  }

  @Test
  void autoApprovesGradeBSmallCreditLoan() {
    assertRoute(evaluate(borrower("B", "CREDIT", new BigDecimal("100000.00"))), "AUTO", "Rule_AutoSmallCreditGoodGrade");
  }

  @Test
  void autoApprovesThreeHundredThousandExactly() {
    assertRoute(evaluate(borrower("A", "CREDIT", new BigDecimal("300000.00"))), "AUTO", "Rule_AutoSmallCreditGoodGrade");
  }

  @Test
  void routesThreeHundredThousandAndOneCentToSingleApprover() {
    assertRoute(evaluate(borrower("A", "CREDIT", new BigDecimal("300000.01"))), "SINGLE", "Rule_SingleWithinUnitAuthority");
  }

  @Test
  void routesSmallCreditLoanWithSoftRedFlagToSingleApprover() {
    Map<String, Object> variables = borrower("A", "CREDIT", new BigDecimal("100000.00"));
    variables.put("redFlag", true);

    assertRoute(evaluate(variables), "SINGLE", "Rule_SingleWithinUnitAuthority");
  }

  @ParameterizedTest(name = "grade {0} small credit loan goes to a single approver")
  @ValueSource(strings = {"C", "D"})
  void routesSmallCreditLoanOfMediumGradeToSingleApprover(String grade) {
    assertRoute(evaluate(borrower(grade, "CREDIT", new BigDecimal("100000.00"))), "SINGLE", "Rule_SingleWithinUnitAuthority");
  }

  @ParameterizedTest(name = "{0} small loan goes to a single approver")
  @ValueSource(strings = {"MORTGAGE", "GUARANTEE", "JOINT_GUARANTEE"})
  void routesSmallSecuredLoanToSingleApprover(String guaranteeType) {
    assertRoute(evaluate(borrower("A", guaranteeType, new BigDecimal("100000.00"))), "SINGLE", "Rule_SingleWithinUnitAuthority");
  }

  @Test
  void doesNotAutoApproveWhenEligibilityIsUnknown() {
    Map<String, Object> variables = borrower("A", "CREDIT", new BigDecimal("100000.00"));
    variables.put("eligible", null);

    assertRoute(evaluate(variables), "SINGLE", "Rule_SingleWithinUnitAuthority");
  }

  @Test
  void doesNotAutoApproveWhenRedFlagsAreUnknown() {
    Map<String, Object> variables = borrower("A", "CREDIT", new BigDecimal("100000.00"));
    variables.put("hardRedFlag", null);
    variables.put("redFlag", null);

    assertRoute(evaluate(variables), "SINGLE", "Rule_SingleWithinUnitAuthority");
  }

  // --- SINGLE / COMMITTEE -------------------------------------------------------------------------

  @Test
  void routesFiveMillionExactlyToSingleApprover() {
    assertRoute(evaluate(borrower("A", "MORTGAGE", new BigDecimal("5000000.00"))), "SINGLE", "Rule_SingleWithinUnitAuthority");
  }

  @Test
  void routesFiveMillionAndOneCentToCommittee() {
    assertRoute(evaluate(borrower("A", "MORTGAGE", new BigDecimal("5000000.01"))), "COMMITTEE", "Rule_CommitteeAboveUnitAuthority");
  }

  @Test
  void routesTenMillionMortgageLoanToCommittee() {
    assertRoute(evaluate(borrower("C", "MORTGAGE", new BigDecimal("10000000.00"))), "COMMITTEE", "Rule_CommitteeAboveUnitAuthority");
  }

  @Test
  void leavesMissingAmountUnroutedSoTheProcessFailsVisibly() {
    Evaluation evaluation = evaluate(borrower("B", "MORTGAGE", null));

    assertThat(evaluation.result()).isEmpty();
    assertThat(evaluation.matchedRuleIds()).isEmpty();
  }

  static Stream<Arguments> amountsOfEveryNumberType() {
    return Stream.of(
        Arguments.of(new BigDecimal("300000.00"), "AUTO"),
        Arguments.of(new BigDecimal("300000"), "AUTO"),
        Arguments.of(300000L, "AUTO"),
        Arguments.of(300000, "AUTO"),
        Arguments.of(300000.0d, "AUTO"),
        Arguments.of(new BigDecimal("300000.01"), "SINGLE"),
        Arguments.of(300000.01d, "SINGLE"),
        Arguments.of(new BigDecimal("5000000.00"), "SINGLE"),
        Arguments.of(5000000L, "SINGLE"),
        Arguments.of(5000000, "SINGLE"),
        Arguments.of(new BigDecimal("5000000.01"), "COMMITTEE"),
        Arguments.of(5000000.01d, "COMMITTEE"),
        Arguments.of(new BigDecimal("99999999999999.99"), "COMMITTEE"))
        .map(Arguments::get)
        .map(a -> Arguments.of(a[0], a[0].getClass().getSimpleName(), a[1]));
  }

  @ParameterizedTest(name = "{0} as {1} routes {2}")
  @MethodSource("amountsOfEveryNumberType")
  void comparesAmountsOfEveryJavaNumberTypeAlike(Object amount, String javaType, String route) {
    assertThat(evaluate(borrower("A", "CREDIT", amount)).<String>output("approvalRoute")).isEqualTo(route);
  }

  // --- completeness -------------------------------------------------------------------------------

  /**
   * Every product with each guarantee type it accepts, every grade, every combination of the flags
   * and amounts on both sides of both boundaries: exactly one rule fires and it gives the route of
   * the written policy (DESIGN.md §4).
   */
  @Test
  void everyCombinationYieldsExactlyOneRouteOfTheAuthorityPolicy() {
    List<String> amounts = List.of("10000.00", "299999.99", "300000.00", "300000.01", "1000000.00",
        "4999999.99", "5000000.00", "5000000.01", "10000000.00");
    List<String> mismatches = new ArrayList<>();
    int evaluations = 0;
    for (Product product : Product.values()) {
      for (GuaranteeType guarantee : product.guaranteeTypes()) {
        for (String grade : List.of("A", "B", "C", "D", "E")) {
          for (String amountText : amounts) {
            BigDecimal amount = new BigDecimal(amountText);
            for (int flags = 0; flags < 8; flags++) {
              boolean eligible = (flags & 1) == 0;
              boolean hardRedFlag = (flags & 2) != 0;
              boolean redFlag = hardRedFlag || (flags & 4) != 0;
              Evaluation evaluation = table.evaluate(variables("eligible", eligible, "hardRedFlag", hardRedFlag,
                  "redFlag", redFlag, "grade", grade, "guaranteeType", guarantee.name(), "requestedAmount", amount));
              evaluations++;
              String expected = expectedRoute(eligible, hardRedFlag, redFlag, grade, guarantee.name(), amount);
              String actual = evaluation.matchedRuleIds().size() == 1 ? evaluation.output("approvalRoute") : null;
              if (!expected.equals(actual)) {
                mismatches.add(product + "/" + guarantee + "/" + grade + "/" + amount + "/eligible=" + eligible
                    + ",hard=" + hardRedFlag + ",red=" + redFlag + ": expected " + expected + ", got "
                    + evaluation.matchedRuleIds() + " " + actual);
              }
            }
          }
        }
      }
    }
    assertThat(evaluations).isGreaterThan(3000);
    assertThat(mismatches).isEmpty();
  }

  /** The policy of DESIGN.md §4 written out in Java, as the oracle of the completeness test. */
  private static String expectedRoute(boolean eligible, boolean hardRedFlag, boolean redFlag, String grade,
      String guaranteeType, BigDecimal amount) {
    if (!eligible || hardRedFlag || grade.equals("E")) {
      return "REJECT";
    }
    if (guaranteeType.equals("CREDIT") && amount.compareTo(AUTO_LIMIT) <= 0
        && (grade.equals("A") || grade.equals("B")) && !redFlag) {
      return "AUTO";
    }
    return amount.compareTo(UNIT_AUTHORITY) <= 0 ? "SINGLE" : "COMMITTEE";
  }
}
