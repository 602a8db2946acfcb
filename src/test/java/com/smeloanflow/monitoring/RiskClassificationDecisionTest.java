package com.smeloanflow.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.process.PostLoanMonitoringProcess;
import com.smeloanflow.servicing.Classification;
import com.smeloanflow.servicing.DmnTable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code bpmn/risk-classification.dmn} (COLLECT): every rule names the least classification its fact
 * requires and the loan takes the strictest; one test per rule and boundary.
 */
class RiskClassificationDecisionTest {

  private final DmnTable table = new DmnTable(PostLoanMonitoringProcess.CLASSIFICATION_DECISION);

  /** A loan with nothing against it. */
  private static RiskClassificationTable.Facts clean() {
    return new RiskClassificationTable.Facts(Classification.NORMAL, null, 0, false, false, null);
  }

  /** rule → the classification it requires, for every rule that fired. */
  private Map<String, Classification> fired(RiskClassificationTable.Facts facts) {
    Map<String, Classification> fired = new TreeMap<>();
    for (DmnTable.Answer answer : table.evaluateAll(facts.variables())) {
      fired.put(answer.rule(), Classification.valueOf(answer.output(RiskClassificationTable.OUTPUT_CLASSIFICATION)));
      assertThat(answer.<String>output(RiskClassificationTable.OUTPUT_REASON)).as("reason of %s", answer.rule()).isNotBlank();
    }
    return fired;
  }

  private Classification strictest(RiskClassificationTable.Facts facts) {
    return fired(facts).values().stream().reduce(Classification.NORMAL, Classification::strictest);
  }

  @Test
  void followsTheModelConventions() {
    table.assertFollowsConventions();
  }

  @Test
  void aLoanWithNothingAgainstItIsNormal() {
    assertThat(fired(clean())).containsExactly(Map.entry("Rule_NoRiskFactor", Classification.NORMAL));
  }

  @ParameterizedTest(name = "floor {0}")
  @EnumSource(value = Classification.class, names = {"SPECIAL_MENTION", "SUBSTANDARD", "DOUBTFUL", "LOSS"})
  void anOverdueLoanIsAtLeastItsRegulatoryFloor(Classification floor) {
    RiskClassificationTable.Facts facts = new RiskClassificationTable.Facts(floor, null, 0, false, false, null);
    assertThat(fired(facts)).containsEntry("Rule_DaysPastDueFloor", floor);
    assertThat(strictest(facts)).isEqualTo(floor);
  }

  @ParameterizedTest(name = "approved {0}")
  @EnumSource(Classification.class)
  void anApprovedReclassificationIsTakenAsItIs(Classification approved) {
    RiskClassificationTable.Facts facts = new RiskClassificationTable.Facts(Classification.NORMAL, approved, 0, false, false, null);
    assertThat(fired(facts)).containsEntry("Rule_ApprovedReclassification", approved);
    assertThat(strictest(facts)).isEqualTo(approved);
  }

  @Test
  void anApprovedReclassificationNeverGoesBelowTheFloor() {
    RiskClassificationTable.Facts facts = new RiskClassificationTable.Facts(Classification.SUBSTANDARD, Classification.NORMAL, 0,
        false, false, null);
    assertThat(strictest(facts)).isEqualTo(Classification.SUBSTANDARD);
  }

  @ParameterizedTest(name = "{0} serious signals open: {1}")
  @CsvSource({"0, NORMAL", "1, SPECIAL_MENTION", "3, SPECIAL_MENTION"})
  void aSeriousSignalNotYetCheckedPutsTheLoanOnTheWatchList(int open, Classification expected) {
    RiskClassificationTable.Facts facts = new RiskClassificationTable.Facts(Classification.NORMAL, null, open, false, false, null);
    assertThat(fired(facts).containsKey("Rule_SeriousSignalOpen")).isEqualTo(open > 0);
    assertThat(strictest(facts)).isEqualTo(expected);
  }

  @Test
  void aDishonestDebtorListingIsAtLeastSubstandard() {
    RiskClassificationTable.Facts facts = new RiskClassificationTable.Facts(Classification.NORMAL, null, 1, true, false, null);
    assertThat(fired(facts)).containsEntry("Rule_DishonestDebtorListed", Classification.SUBSTANDARD);
    assertThat(strictest(facts)).isEqualTo(Classification.SUBSTANDARD);
  }

  @Test
  void aRevokedOrDeregisteredLicenceIsAtLeastSubstandard() {
    RiskClassificationTable.Facts facts = new RiskClassificationTable.Facts(Classification.NORMAL, null, 1, false, true, null);
    assertThat(fired(facts)).containsEntry("Rule_LicenceInvalid", Classification.SUBSTANDARD);
    assertThat(strictest(facts)).isEqualTo(Classification.SUBSTANDARD);
  }

  @ParameterizedTest(name = "finding {0}: {1} by {2}")
  @CsvSource({
      "NORMAL, NORMAL, Rule_NoRiskFactor",
      "WATCH, SPECIAL_MENTION, Rule_CheckFoundWatch",
      "RESTRICT_LINE, SPECIAL_MENTION, Rule_CheckRestrictedLine",
      "CALL_IN, SUBSTANDARD, Rule_CheckCalledIn"})
  void theLatestChecksFindingRaisesTheClassification(CheckOutcome finding, Classification expected, String rule) {
    RiskClassificationTable.Facts facts = new RiskClassificationTable.Facts(Classification.NORMAL, null, 0, false, false, finding);
    assertThat(fired(facts)).containsEntry(rule, expected);
    assertThat(strictest(facts)).isEqualTo(expected);
  }

  @Test
  void theStrictestFactWins() {
    RiskClassificationTable.Facts facts = new RiskClassificationTable.Facts(Classification.SPECIAL_MENTION,
        Classification.SPECIAL_MENTION, 1, false, false, CheckOutcome.CALL_IN);
    assertThat(fired(facts)).containsOnlyKeys("Rule_NoRiskFactor", "Rule_DaysPastDueFloor", "Rule_ApprovedReclassification",
        "Rule_SeriousSignalOpen", "Rule_CheckCalledIn");
    assertThat(strictest(facts)).isEqualTo(Classification.SUBSTANDARD);
    assertThat(strictest(new RiskClassificationTable.Facts(Classification.LOSS, null, 0, true, true, CheckOutcome.CALL_IN)))
        .isEqualTo(Classification.LOSS);
  }

  @Test
  void everyRuleOfTheTableIsTested() {
    assertThat(table.rows()).extracting(row -> row.get("rule")).containsExactlyInAnyOrderElementsOf(List.of(
        "Rule_NoRiskFactor", "Rule_DaysPastDueFloor", "Rule_ApprovedReclassification", "Rule_SeriousSignalOpen",
        "Rule_DishonestDebtorListed", "Rule_LicenceInvalid", "Rule_CheckFoundWatch", "Rule_CheckRestrictedLine",
        "Rule_CheckCalledIn"));
  }
}
