package com.smeloanflow.processing.decisions;

import static com.smeloanflow.processing.decisions.DecisionTableTester.variables;
import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.intake.GuaranteeType;
import com.smeloanflow.intake.Product;
import com.smeloanflow.processing.decisions.DecisionTableTester.Evaluation;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code bpmn/product-eligibility.dmn}: every rule and every boundary (DESIGN.md §3.5, §4). */
class ProductEligibilityDecisionTest {

  private static final String ELIGIBLE = "Rule_EligibleDefault";

  private static DecisionTableTester table;

  @BeforeAll
  static void parseTable() {
    table = new DecisionTableTester("product-eligibility");
  }

  /** An active enterprise with the given record applying for a product. */
  private static Map<String, Object> enterprise(String product, String guaranteeType, Object yearsInBusiness,
      Object annualRevenue) {
    return variables("registrationStatus", "ACTIVE", "product", product, "guaranteeType", guaranteeType,
        "yearsInBusiness", yearsInBusiness, "annualRevenue", annualRevenue);
  }

  private static Evaluation evaluate(Map<String, Object> variables) {
    return table.evaluate(variables);
  }

  private static void assertIneligible(Evaluation evaluation, String rule, String reason) {
    assertThat(evaluation.firedRule()).isEqualTo(rule);
    assertThat(evaluation.<Boolean>output("eligible")).isFalse();
    assertThat(evaluation.<String>output("eligibilityReason")).isEqualTo(reason);
  }

  private static void assertEligible(Evaluation evaluation) {
    assertThat(evaluation.firedRule()).isEqualTo(ELIGIBLE);
    assertThat(evaluation.<Boolean>output("eligible")).isTrue();
    assertThat(evaluation.<String>output("eligibilityReason")).isEqualTo("符合产品准入条件");
  }

  // --- registration -------------------------------------------------------------------------------

  @Test
  void rejectsEnterpriseWithRevokedLicence() {
    Map<String, Object> variables = enterprise("CREDIT_QUICK", "CREDIT", 5, new BigDecimal("3000000.00"));
    variables.put("registrationStatus", "REVOKED");

    assertIneligible(evaluate(variables), "Rule_IneligibleLicenceRevoked", "营业执照已吊销, 不符合准入条件");
  }

  @Test
  void rejectsDeregisteredEnterprise() {
    Map<String, Object> variables = enterprise("MORTGAGE_QUICK", "MORTGAGE", 10, new BigDecimal("3000000.00"));
    variables.put("registrationStatus", "DEREGISTERED");

    assertIneligible(evaluate(variables), "Rule_IneligibleDeregistered", "企业已注销, 不符合准入条件");
  }

  @ParameterizedTest(name = "registration status \"{0}\" is not eligible")
  @NullSource
  @ValueSource(strings = {"SUSPENDED", "active", ""})
  void rejectsEnterpriseWhoseRegistrationIsNotConfirmedActive(String status) {
    Map<String, Object> variables = enterprise("MORTGAGE_QUICK", "MORTGAGE", 10, new BigDecimal("3000000.00"));
    variables.put("registrationStatus", status);

    assertIneligible(evaluate(variables), "Rule_IneligibleRegistrationNotActive",
        "工商登记状态非存续或无法确认, 不符合准入条件");
  }

  @Test
  void checksLicenceBeforeYearsInBusiness() {
    Map<String, Object> variables = enterprise("CREDIT_QUICK", "CREDIT", 0, BigDecimal.ZERO);
    variables.put("registrationStatus", "REVOKED");

    assertThat(evaluate(variables).firedRule()).isEqualTo("Rule_IneligibleLicenceRevoked");
  }

  // --- missing data and revenue -------------------------------------------------------------------

  @Test
  void rejectsWhenYearsInBusinessAreMissing() {
    assertIneligible(evaluate(enterprise("MORTGAGE_QUICK", "MORTGAGE", null, new BigDecimal("3000000.00"))),
        "Rule_IneligibleYearsInBusinessMissing", "缺少经营年限数据, 无法确认准入条件");
  }

  @Test
  void rejectsWhenAnnualRevenueIsMissing() {
    assertIneligible(evaluate(enterprise("MORTGAGE_QUICK", "MORTGAGE", 5, null)),
        "Rule_IneligibleAnnualRevenueMissing", "缺少年营业收入数据, 无法确认准入条件");
  }

  @Test
  void rejectsEnterpriseWithoutOperatingRevenue() {
    assertIneligible(evaluate(enterprise("MORTGAGE_QUICK", "MORTGAGE", 5, new BigDecimal("0.00"))),
        "Rule_IneligibleNoOperatingRevenue", "无经营收入, 缺乏第一还款来源, 不符合准入条件");
  }

  @Test
  void acceptsEnterpriseWithOneCentOfRevenue() {
    assertEligible(evaluate(enterprise("MORTGAGE_QUICK", "MORTGAGE", 5, new BigDecimal("0.01"))));
  }

  // --- years in business per product --------------------------------------------------------------

  @Test
  void rejectsCreditQuickLoanUnderTwoYears() {
    assertIneligible(evaluate(enterprise("CREDIT_QUICK", "CREDIT", 1, new BigDecimal("3000000.00"))),
        "Rule_IneligibleCreditQuickUnderTwoYears", "信用快贷要求企业经营满2年, 不符合准入条件");
  }

  @Test
  void acceptsCreditQuickLoanAtTwoYears() {
    assertEligible(evaluate(enterprise("CREDIT_QUICK", "CREDIT", 2, new BigDecimal("3000000.00"))));
  }

  @Test
  void rejectsMortgageQuickLoanUnderOneYear() {
    assertIneligible(evaluate(enterprise("MORTGAGE_QUICK", "MORTGAGE", 0, new BigDecimal("3000000.00"))),
        "Rule_IneligibleMortgageQuickUnderOneYear", "抵押快贷要求企业经营满1年, 不符合准入条件");
  }

  @Test
  void acceptsMortgageQuickLoanAtOneYear() {
    assertEligible(evaluate(enterprise("MORTGAGE_QUICK", "MORTGAGE", 1, new BigDecimal("3000000.00"))));
  }

  @Test
  void rejectsJointGuaranteeLoanUnderOneYear() {
    assertIneligible(evaluate(enterprise("JOINT_GUARANTEE", "JOINT_GUARANTEE", 0, new BigDecimal("800000.00"))),
        "Rule_IneligibleJointGuaranteeUnderOneYear", "联保贷要求企业经营满1年, 不符合准入条件");
  }

  @Test
  void acceptsJointGuaranteeLoanAtOneYear() {
    assertEligible(evaluate(enterprise("JOINT_GUARANTEE", "JOINT_GUARANTEE", 1, new BigDecimal("800000.00"))));
  }

  @Test
  void rejectsGrowthLoanUnderThreeYears() {
    assertIneligible(evaluate(enterprise("GROWTH", "GUARANTEE", 2, new BigDecimal("8000000.00"))),
        "Rule_IneligibleGrowthUnderThreeYears", "成长贷要求企业经营满3年, 不符合准入条件");
  }

  @Test
  void acceptsGrowthLoanAtThreeYears() {
    assertEligible(evaluate(enterprise("GROWTH", "GUARANTEE", 3, new BigDecimal("8000000.00"))));
  }

  @Test
  void rejectsGrowthLoanWithRevenueOneCentUnderOneMillion() {
    assertIneligible(evaluate(enterprise("GROWTH", "MORTGAGE", 5, new BigDecimal("999999.99"))),
        "Rule_IneligibleGrowthRevenueUnderOneMillion", "成长贷要求年营业收入不低于100万元, 不符合准入条件");
  }

  @Test
  void acceptsGrowthLoanWithRevenueOfOneMillionExactly() {
    assertEligible(evaluate(enterprise("GROWTH", "MORTGAGE", 5, new BigDecimal("1000000.00"))));
  }

  @Test
  void rejectsPureCreditRevolvingLineUnderThreeYears() {
    assertIneligible(evaluate(enterprise("REVOLVING_LINE", "CREDIT", 2, new BigDecimal("3000000.00"))),
        "Rule_IneligibleCreditRevolvingLineUnderThreeYears", "纯信用循环额度要求企业经营满3年, 不符合准入条件");
  }

  @Test
  void acceptsPureCreditRevolvingLineAtThreeYears() {
    assertEligible(evaluate(enterprise("REVOLVING_LINE", "CREDIT", 3, new BigDecimal("3000000.00"))));
  }

  @ParameterizedTest(name = "{0} revolving line under 2 years is not eligible")
  @ValueSource(strings = {"MORTGAGE", "GUARANTEE", "JOINT_GUARANTEE"})
  void rejectsSecuredRevolvingLineUnderTwoYears(String guaranteeType) {
    assertIneligible(evaluate(enterprise("REVOLVING_LINE", guaranteeType, 1, new BigDecimal("3000000.00"))),
        "Rule_IneligibleRevolvingLineUnderTwoYears", "循环额度要求企业经营满2年, 不符合准入条件");
  }

  @ParameterizedTest(name = "{0} revolving line at 2 years is eligible")
  @ValueSource(strings = {"MORTGAGE", "GUARANTEE", "JOINT_GUARANTEE"})
  void acceptsSecuredRevolvingLineAtTwoYears(String guaranteeType) {
    assertEligible(evaluate(enterprise("REVOLVING_LINE", guaranteeType, 2, new BigDecimal("3000000.00"))));
  }

  @ParameterizedTest(name = "years in business {0} ({1}) are read as whole years")
  @CsvSource({"2, Long", "2, Integer", "2, BigDecimal"})
  void readsYearsInBusinessOfAnyWholeNumberType(int years, String javaType) {
    Object value = switch (javaType) {
      case "Long" -> (long) years;
      case "BigDecimal" -> new BigDecimal(years);
      default -> years;
    };
    assertEligible(evaluate(enterprise("CREDIT_QUICK", "CREDIT", value, 3_000_000L)));
  }

  // --- completeness -------------------------------------------------------------------------------

  /**
   * Every product with each guarantee type it accepts, every registration status, 0–6 years and
   * revenues around the thresholds: exactly one rule fires and it agrees with the written rules.
   */
  @Test
  void everyCombinationYieldsExactlyOneVerdictOfTheEntryRules() {
    List<String> revenues = Arrays.asList(null, "0.00", "0.01", "500000.00", "999999.99", "1000000.00", "50000000.00");
    List<String> mismatches = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger evaluations = new AtomicInteger();
    // one product per thread: the DMN engine evaluates concurrently
    Arrays.stream(Product.values()).parallel().forEach(product -> {
      for (GuaranteeType guarantee : product.guaranteeTypes()) {
        for (String status : List.of("ACTIVE", "REVOKED", "DEREGISTERED")) {
          for (int years = 0; years <= 6; years++) {
            for (String revenueText : revenues) {
              BigDecimal revenue = revenueText == null ? null : new BigDecimal(revenueText);
              Evaluation evaluation = table.evaluate(variables("registrationStatus", status, "product", product.name(),
                  "guaranteeType", guarantee.name(), "yearsInBusiness", years, "annualRevenue", revenue));
              evaluations.incrementAndGet();
              boolean expected = expectedEligible(status, product, guarantee, years, revenue);
              Boolean actual = evaluation.matchedRuleIds().size() == 1 ? evaluation.output("eligible") : null;
              if (!Boolean.valueOf(expected).equals(actual)) {
                mismatches.add(product + "/" + guarantee + "/" + status + "/" + years + "y/" + revenue + ": expected "
                    + expected + ", got " + evaluation.matchedRuleIds() + " " + actual);
              }
            }
          }
        }
      }
    });
    assertThat(evaluations.get()).isGreaterThan(1000);
    assertThat(mismatches).isEmpty();
  }

  /** The entry rules written out in Java, as the oracle of the completeness test. */
  private static boolean expectedEligible(String status, Product product, GuaranteeType guarantee, int years,
      BigDecimal revenue) {
    if (!status.equals("ACTIVE") || revenue == null || revenue.signum() <= 0) {
      return false;
    }
    int minimumYears = switch (product) {
      case CREDIT_QUICK -> 2;
      case MORTGAGE_QUICK, JOINT_GUARANTEE -> 1;
      case GROWTH -> 3;
      case REVOLVING_LINE -> guarantee == GuaranteeType.CREDIT ? 3 : 2;
    };
    if (product == Product.GROWTH && revenue.compareTo(new BigDecimal("1000000")) < 0) {
      return false;
    }
    return years >= minimumYears;
  }
}
