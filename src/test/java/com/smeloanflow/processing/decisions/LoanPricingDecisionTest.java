package com.smeloanflow.processing.decisions;

import static com.smeloanflow.processing.decisions.DecisionTableTester.variables;
import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.intake.GuaranteeType;
import com.smeloanflow.processing.decisions.DecisionTableTester.Evaluation;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code bpmn/loan-pricing.dmn} (COLLECT + SUM): every rule of the three groups, and exactly one
 * rule per group for every valid input (DESIGN.md §4: rate = LPR + spread by grade, guarantee,
 * industry).
 */
class LoanPricingDecisionTest {

  /** Default 1-year LPR of the application configuration, in percent. */
  private static final BigDecimal LPR_ONE_YEAR = new BigDecimal("3.00");

  private static final Map<String, String> GRADE_SPREAD =
      Map.of("A", "0.30", "B", "0.60", "C", "1.00", "D", "1.60", "E", "2.50");
  private static final Map<String, String> GUARANTEE_SPREAD =
      Map.of("MORTGAGE", "-0.20", "GUARANTEE", "0.20", "JOINT_GUARANTEE", "0.30", "CREDIT", "0.50");
  private static final Map<String, String> INDUSTRY_SPREAD =
      Map.of("A", "0.10", "C", "0.00", "E", "0.40", "F", "0.15", "H", "0.30");
  private static final String OTHER_INDUSTRY_SPREAD = "0.20";

  private static DecisionTableTester table;

  @BeforeAll
  static void parseTable() {
    table = new DecisionTableTester("loan-pricing");
  }

  private static Evaluation price(String grade, String guaranteeType, String industryCode) {
    return table.evaluate(variables("grade", grade, "guaranteeType", guaranteeType, "industryCode", industryCode));
  }

  /** The sum as the caller uses it: a double rounded to 2 decimals. */
  private static BigDecimal spread(Evaluation evaluation) {
    Object value = evaluation.result().getSingleResult().getEntry("spreadPercent");
    assertThat(value).isInstanceOf(Double.class);
    return BigDecimal.valueOf((Double) value).setScale(2, RoundingMode.HALF_UP);
  }

  @Test
  void pricesStrongPureCreditManufacturerAtLprPlusEightyBasisPoints() {
    Evaluation evaluation = price("A", "CREDIT", "C34");

    assertThat(evaluation.matchedRuleIds()).containsExactly(
        "Rule_GradeSpreadA", "Rule_GuaranteeSpreadCredit", "Rule_IndustrySpreadManufacturing");
    assertThat(spread(evaluation)).isEqualByComparingTo("0.80");
    assertThat(LPR_ONE_YEAR.add(spread(evaluation))).isEqualByComparingTo("3.80");
  }

  @Test
  void pricesMortgagedAgriculturalBorrowerBelowLprPlusOnePoint() {
    Evaluation evaluation = price("B", "MORTGAGE", "A01");

    assertThat(spread(evaluation)).isEqualByComparingTo("0.50");
  }

  @ParameterizedTest(name = "grade {0} adds {1} points")
  @CsvSource({"A, 0.30", "B, 0.60", "C, 1.00", "D, 1.60", "E, 2.50"})
  void addsGradeSpread(String grade, String expected) {
    // Manufacturing (0.00) with a guarantee (0.20): the grade is the rest.
    Evaluation evaluation = price(grade, "GUARANTEE", "C13");

    assertThat(evaluation.matchedRuleIds()).contains("Rule_GradeSpread" + grade);
    assertThat(spread(evaluation)).isEqualByComparingTo(new BigDecimal(expected).add(new BigDecimal("0.20")));
  }

  @ParameterizedTest(name = "guarantee {0} adds {2} points")
  @CsvSource({
      "MORTGAGE, Rule_GuaranteeSpreadMortgage, -0.20",
      "GUARANTEE, Rule_GuaranteeSpreadGuarantee, 0.20",
      "JOINT_GUARANTEE, Rule_GuaranteeSpreadJointGuarantee, 0.30",
      "CREDIT, Rule_GuaranteeSpreadCredit, 0.50"})
  void addsGuaranteeSpread(String guaranteeType, String rule, String expected) {
    // Grade A (0.30) in manufacturing (0.00): the guarantee is the rest.
    Evaluation evaluation = price("A", guaranteeType, "C34");

    assertThat(evaluation.matchedRuleIds()).contains(rule);
    assertThat(spread(evaluation)).isEqualByComparingTo(new BigDecimal(expected).add(new BigDecimal("0.30")));
  }

  @ParameterizedTest(name = "industry {0} adds {2} points")
  @CsvSource({
      "A01, Rule_IndustrySpreadAgriculture, 0.10",
      "C34, Rule_IndustrySpreadManufacturing, 0.00",
      "C, Rule_IndustrySpreadManufacturing, 0.00",
      "E48, Rule_IndustrySpreadConstruction, 0.40",
      "F52, Rule_IndustrySpreadWholesaleRetail, 0.15",
      "H6210, Rule_IndustrySpreadAccommodationCatering, 0.30",
      "I65, Rule_IndustrySpreadOther, 0.20",
      "B06, Rule_IndustrySpreadOther, 0.20",
      "T97, Rule_IndustrySpreadOther, 0.20"})
  void addsIndustrySpreadBySectionLetter(String industryCode, String rule, String expected) {
    // Grade A (0.30) with a guarantee (0.20): the industry is the rest.
    Evaluation evaluation = price("A", "GUARANTEE", industryCode);

    assertThat(evaluation.matchedRuleIds()).contains(rule);
    assertThat(spread(evaluation)).isEqualByComparingTo(new BigDecimal(expected).add(new BigDecimal("0.50")));
  }

  @Test
  void pricesMissingIndustryCodeAsOtherIndustry() {
    Evaluation evaluation = price("A", "GUARANTEE", null);

    assertThat(evaluation.matchedRuleIds()).containsExactly(
        "Rule_GradeSpreadA", "Rule_GuaranteeSpreadGuarantee", "Rule_IndustrySpreadOther");
  }

  /**
   * Every grade, guarantee type and GB/T 4754 section A–T: exactly three rules fire, one per group,
   * and the rounded sum equals the grade + guarantee + industry spreads.
   */
  @Test
  void everyGradeGuaranteeAndIndustrySectionMatchesExactlyOneRulePerGroup() {
    List<String> mismatches = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger evaluations = new AtomicInteger();
    // one grade per thread: the DMN engine evaluates concurrently
    List.of("A", "B", "C", "D", "E").parallelStream().forEach(grade -> {
      for (GuaranteeType guarantee : GuaranteeType.values()) {
        for (char section = 'A'; section <= 'T'; section++) {
          String industryCode = section + "01";
          Evaluation evaluation = price(grade, guarantee.name(), industryCode);
          evaluations.incrementAndGet();
          List<String> rules = evaluation.matchedRuleIds();
          BigDecimal expected = new BigDecimal(GRADE_SPREAD.get(grade))
              .add(new BigDecimal(GUARANTEE_SPREAD.get(guarantee.name())))
              .add(new BigDecimal(INDUSTRY_SPREAD.getOrDefault(String.valueOf(section), OTHER_INDUSTRY_SPREAD)));
          boolean onePerGroup = rules.size() == 3
              && rules.stream().filter(r -> r.startsWith("Rule_GradeSpread")).count() == 1
              && rules.stream().filter(r -> r.startsWith("Rule_GuaranteeSpread")).count() == 1
              && rules.stream().filter(r -> r.startsWith("Rule_IndustrySpread")).count() == 1;
          if (!onePerGroup || spread(evaluation).compareTo(expected) != 0) {
            mismatches.add(grade + "/" + guarantee + "/" + industryCode + ": " + rules + " sum "
                + evaluation.result().getSingleResult().getEntry("spreadPercent") + ", expected " + expected);
          }
        }
      }
    });
    assertThat(evaluations.get()).isEqualTo(5 * 4 * 20);
    assertThat(mismatches).isEmpty();
  }
}
