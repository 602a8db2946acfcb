package com.smeloanflow.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.process.PostLoanMonitoringProcess;
import com.smeloanflow.servicing.DmnTable;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code bpmn/warning-signal-severity.dmn} (FIRST): one test per rule and per measure's boundary. */
class WarningSignalSeverityDecisionTest {

  private final DmnTable table = new DmnTable(PostLoanMonitoringProcess.SIGNAL_SEVERITY_DECISION);

  private static SignalEvidence measures(String taxRating, String overdueAmount, Integer enforcementCases, Integer dropPercent) {
    return new SignalEvidence(null, null, null, null, taxRating, overdueAmount == null ? null : new BigDecimal(overdueAmount),
        enforcementCases, dropPercent);
  }

  private void assertSeverity(SignalType type, SignalEvidence evidence, SignalSeverity severity, String rule) {
    DmnTable.Answer answer = table.evaluate(SignalSeverityTable.inputs(type, evidence));
    assertThat(answer.rule()).as("rule for %s %s", type, evidence).isEqualTo(rule);
    assertThat(SignalSeverity.valueOf(answer.output(SignalSeverityTable.OUTPUT_SEVERITY))).isEqualTo(severity);
    assertThat(answer.<String>output(SignalSeverityTable.OUTPUT_REASON)).isNotBlank();
  }

  @Test
  void followsTheModelConventions() {
    table.assertFollowsConventions();
  }

  @ParameterizedTest(name = "tax rating fell to {0}: {1}")
  @CsvSource({
      "B, ORDINARY, Rule_TaxRatingDrop",
      "M, ORDINARY, Rule_TaxRatingDrop",
      "C, SERIOUS, Rule_TaxRatingDropToCOrD",
      "D, SERIOUS, Rule_TaxRatingDropToCOrD"})
  void aTaxRatingDropIsSeriousAtCOrD(String rating, SignalSeverity severity, String rule) {
    assertSeverity(SignalType.TAX_RATING_DROP, measures(rating, null, null, null), severity, rule);
  }

  @ParameterizedTest(name = "{0} open enforcement cases: {1}")
  @CsvSource({"1, ORDINARY, Rule_NewEnforcementCase", "2, ORDINARY, Rule_NewEnforcementCase",
      "3, SERIOUS, Rule_ManyEnforcementCases"})
  void enforcementCasesAreSeriousFromThree(int cases, SignalSeverity severity, String rule) {
    assertSeverity(SignalType.COURT_ENFORCEMENT, measures(null, null, cases, null), severity, rule);
  }

  @Test
  void anEnforcementCaseReportedWithoutACountIsOrdinary() {
    assertSeverity(SignalType.COURT_ENFORCEMENT, measures(null, null, null, null), SignalSeverity.ORDINARY,
        "Rule_NewEnforcementCase");
  }

  @ParameterizedTest(name = "{0} CNY overdue elsewhere: {1}")
  @CsvSource({"99999.99, ORDINARY, Rule_OverdueElsewhere", "100000.00, SERIOUS, Rule_LargeOverdueElsewhere"})
  void overdueElsewhereIsSeriousFrom100000(String amount, SignalSeverity severity, String rule) {
    assertSeverity(SignalType.OVERDUE_ELSEWHERE, measures(null, amount, null, null), severity, rule);
  }

  @ParameterizedTest(name = "inflows {0}% down: {1}")
  @CsvSource({"50, ORDINARY, Rule_InflowsFalling", "69, ORDINARY, Rule_InflowsFalling", "70, SERIOUS, Rule_InflowsCollapsed"})
  void collapsingInflowsAreSeriousFrom70PercentDown(int drop, SignalSeverity severity, String rule) {
    assertSeverity(SignalType.INFLOW_COLLAPSE, measures(null, null, null, drop), severity, rule);
  }

  /**
   * The monthly re-query raises INFLOW_COLLAPSE from 50 % down (inflow-collapse-percent), but a signal reported over the
   * API may carry a smaller drop, or none: Rule_InflowsFalling takes it, ORDINARY (checked remotely), and its annotation
   * says so instead of "50-70 %".
   */
  @ParameterizedTest(name = "inflows {0}% down, reported over the API: ORDINARY")
  @CsvSource(value = {"20", "49", "NULL"}, nullValues = "NULL")
  void aSmallerOrUnreportedDropPushedOverTheApiIsOrdinaryAsItsRuleSays(Integer drop) {
    assertSeverity(SignalType.INFLOW_COLLAPSE, measures(null, null, null, drop), SignalSeverity.ORDINARY, "Rule_InflowsFalling");
    assertThat(table.annotation("Rule_InflowsFalling")).as("what the rule's annotation says it takes")
        .contains("不足70%", "less than 70 %").doesNotContain("50%-70%", "50-70 %");
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
      "DISHONEST_DEBTOR, SERIOUS, Rule_DishonestDebtor",
      "LICENCE_STATUS_CHANGE, SERIOUS, Rule_LicenceNoLongerValid",
      "ACCOUNT_FROZEN, SERIOUS, Rule_AccountFrozen",
      "CONTROLLER_UNREACHABLE, SERIOUS, Rule_ControllerUnreachable",
      "NEGATIVE_NEWS, ORDINARY, Rule_NegativeNews"})
  void signalsWithoutAMeasureHaveTheirOwnSeverity(SignalType type, SignalSeverity severity, String rule) {
    assertSeverity(type, measures(null, null, null, null), severity, rule);
  }

  @Test
  void aTypeTheTableDoesNotKnowYetIsCheckedRemotely() {
    Map<String, Object> inputs = new HashMap<>(SignalSeverityTable.inputs(SignalType.NEGATIVE_NEWS, measures(null, null, null, null)));
    inputs.put("signalType", "SUPPLIER_DISPUTE");
    DmnTable.Answer answer = table.evaluate(inputs);
    assertThat(answer.rule()).isEqualTo("Rule_AnyOtherSignal");
    assertThat(answer.<String>output(SignalSeverityTable.OUTPUT_SEVERITY)).isEqualTo("ORDINARY");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(SignalType.class)
  void everySignalTypeHasARuleOfItsOwn(SignalType type) {
    String rule = table.evaluate(SignalSeverityTable.inputs(type, measures("C", "1.00", 1, 60))).rule();
    assertThat(rule).as("%s", type).isNotEqualTo("Rule_AnyOtherSignal");
  }
}
