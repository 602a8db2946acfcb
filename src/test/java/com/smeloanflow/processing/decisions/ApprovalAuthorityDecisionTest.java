package com.smeloanflow.processing.decisions;

import static com.smeloanflow.processing.decisions.DecisionTableTester.variables;
import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.intake.GuaranteeType;
import com.smeloanflow.processing.decisions.DecisionTableTester.Evaluation;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code bpmn/approval-authority.dmn}: every rule and every boundary (DESIGN.md §3.1 step 5, §4). The
 * authority applies to the borrower's exposure (open applications and outstanding loans of the
 * enterprise and of its legal representative's enterprises, this one included), the model approves only
 * within its own suggested limit, and an application a person reviewed is approved by a person.
 */
class ApprovalAuthorityDecisionTest {

  private static final BigDecimal AUTO_LIMIT = new BigDecimal("300000.00");
  private static final BigDecimal UNIT_AUTHORITY = new BigDecimal("5000000.00");

  private static DecisionTableTester table;

  @BeforeAll
  static void parseTable() {
    table = new DecisionTableTester("approval-authority");
  }

  /**
   * An otherwise eligible borrower with no red flag whose only credit with the bank is this request
   * (exposure = requested amount), well within the model's suggested limit, never reviewed by a person.
   */
  private static Map<String, Object> borrower(String grade, String guaranteeType, Object requestedAmount) {
    return variables("eligible", true, "hardRedFlag", false, "redFlag", false, "grade", grade,
        "guaranteeType", guaranteeType, "requestedAmount", requestedAmount, "suggestedLimit", new BigDecimal("2000000.00"),
        "borrowerExposure", requestedAmount, "exceptionReviewed", false);
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
    assertThat(evaluation.<String>output("customerReason")).isEqualTo("PRODUCT_CRITERIA_NOT_MET");
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
    assertThat(evaluation.<String>output("customerReason")).as("the applicant is told the catalogue's words")
        .isEqualTo("CREDIT_RECORD");
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
    assertThat(evaluation.<String>output("customerReason")).isEqualTo("OVERALL_ASSESSMENT");
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
  void doesNotAutoApproveAboveTheModelsOwnSuggestedLimit() {
    Map<String, Object> variables = borrower("A", "CREDIT", new BigDecimal("300000.00"));
    variables.put("suggestedLimit", new BigDecimal("120000.00"));

    Evaluation evaluation = evaluate(variables);

    assertRoute(evaluation, "SINGLE", "Rule_SingleWithinUnitAuthority");
    assertThat(evaluation.<String>output("customerReason")).isNull();
  }

  @Test
  void autoApprovesUpToTheSuggestedLimitExactly() {
    Map<String, Object> variables = borrower("A", "CREDIT", new BigDecimal("120000.00"));
    variables.put("suggestedLimit", new BigDecimal("120000.00"));

    assertRoute(evaluate(variables), "AUTO", "Rule_AutoSmallCreditGoodGrade");
  }

  @Test
  void secondSmallLoanOnTopOfAnOutstandingOneIsNotApprovedByTheModel() {
    Map<String, Object> variables = borrower("A", "CREDIT", new BigDecimal("200000.00"));
    variables.put("borrowerExposure", new BigDecimal("400000.00"));

    assertRoute(evaluate(variables), "SINGLE", "Rule_SingleWithinUnitAuthority");
  }

  @Test
  void splittingALoanDoesNotDodgeTheCommittee() {
    Map<String, Object> variables = borrower("A", "MORTGAGE", new BigDecimal("3000000.00"));
    variables.put("borrowerExposure", new BigDecimal("6000000.00"));

    assertRoute(evaluate(variables), "COMMITTEE", "Rule_CommitteeAboveUnitAuthority");
  }

  @Test
  void applicationAPersonReviewedIsApprovedByAPerson() {
    Map<String, Object> variables = borrower("A", "CREDIT", new BigDecimal("100000.00"));
    variables.put("exceptionReviewed", true);

    assertRoute(evaluate(variables), "SINGLE", "Rule_SingleWithinUnitAuthority");
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
    // the exposure is what the limits compare: each limit, a cent over it, and far above
    List<String> amounts = List.of("10000.00", "300000.00", "300000.01", "5000000.00", "5000000.01");
    List<String> mismatches = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger evaluations = new AtomicInteger();
    // one guarantee type per thread: the DMN engine evaluates concurrently
    Arrays.stream(GuaranteeType.values()).parallel().forEach(guarantee -> {
      for (String grade : List.of("A", "B", "C", "D", "E")) {
        for (String amountText : amounts) {
          BigDecimal amount = new BigDecimal(amountText);
          for (int flags = 0; flags < 32; flags++) {
            boolean eligible = (flags & 1) == 0;
            boolean hardRedFlag = (flags & 2) != 0;
            boolean redFlag = hardRedFlag || (flags & 4) != 0;
            boolean reviewed = (flags & 8) != 0;
            // the request within the model's limit or not; the exposure this request alone or with 300,000 more
            BigDecimal limit = (flags & 16) == 0 ? amount : amount.subtract(new BigDecimal("0.01"));
            for (BigDecimal exposure : List.of(amount, amount.add(new BigDecimal("300000.00")))) {
              Evaluation evaluation = table.evaluate(variables("eligible", eligible, "hardRedFlag", hardRedFlag,
                  "redFlag", redFlag, "grade", grade, "guaranteeType", guarantee.name(), "requestedAmount", amount,
                  "suggestedLimit", limit, "borrowerExposure", exposure, "exceptionReviewed", reviewed));
              evaluations.incrementAndGet();
              String expected = expectedRoute(eligible, hardRedFlag, redFlag, grade, guarantee.name(),
                  amount.compareTo(limit) <= 0, exposure, reviewed);
              String actual = evaluation.matchedRuleIds().size() == 1 ? evaluation.output("approvalRoute") : null;
              if (!expected.equals(actual)) {
                mismatches.add(guarantee + "/" + grade + "/" + amount + "/exposure " + exposure + "/eligible="
                    + eligible + ",hard=" + hardRedFlag + ",red=" + redFlag + ",reviewed=" + reviewed + ",withinLimit="
                    + (amount.compareTo(limit) <= 0) + ": expected " + expected + ", got " + evaluation.matchedRuleIds() + " " + actual);
              }
            }
          }
        }
      }
    });
    assertThat(evaluations.get()).isGreaterThan(5000);
    assertThat(mismatches).isEmpty();
  }

  /** The policy of DESIGN.md §4 written out in Java, as the oracle of the completeness test. */
  private static String expectedRoute(boolean eligible, boolean hardRedFlag, boolean redFlag, String grade,
      String guaranteeType, boolean withinModelLimit, BigDecimal exposure, boolean reviewed) {
    if (!eligible || hardRedFlag || grade.equals("E")) {
      return "REJECT";
    }
    if (guaranteeType.equals("CREDIT") && exposure.compareTo(AUTO_LIMIT) <= 0 && withinModelLimit && !reviewed
        && (grade.equals("A") || grade.equals("B")) && !redFlag) {
      return "AUTO";
    }
    return exposure.compareTo(UNIT_AUTHORITY) <= 0 ? "SINGLE" : "COMMITTEE";
  }
}
