package com.smeloanflow.processing.decisions;

import static com.smeloanflow.processing.decisions.DecisionTableTester.variables;
import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.intake.CollateralType;
import com.smeloanflow.processing.decisions.DecisionTableTester.Evaluation;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code bpmn/collateral-ltv.dmn}: the loan-to-value ratio of each collateral type, which caps what may
 * be lent on a mortgage (appraised value × ratio).
 */
class CollateralLtvDecisionTest {

  private static DecisionTableTester table;

  @BeforeAll
  static void parseTable() {
    table = new DecisionTableTester("collateral-ltv");
  }

  @ParameterizedTest(name = "{0} may be lent up to {1}% of its appraised value")
  @CsvSource({"RESIDENTIAL_PROPERTY, 70, Rule_LtvResidential", "COMMERCIAL_PROPERTY, 60, Rule_LtvCommercial",
      "INDUSTRIAL_PROPERTY, 50, Rule_LtvIndustrial", "LAND_USE_RIGHT, 50, Rule_LtvLandUseRight", "EQUIPMENT, 30, Rule_LtvEquipment"})
  void capsEachCollateralTypeAtItsLoanToValueRatio(String collateralType, double percent, String rule) {
    Evaluation evaluation = table.evaluate(variables("collateralType", collateralType));

    assertThat(evaluation.firedRule()).isEqualTo(rule);
    assertThat(evaluation.<Double>output("maxLtvPercent")).isEqualTo(percent);
  }

  @Test
  void everyCollateralTypeTheApplicationAcceptsHasExactlyOneRatio() {
    Arrays.stream(CollateralType.values()).forEach(type ->
        assertThat(table.evaluate(variables("collateralType", type.name())).matchedRuleIds()).as(type.name()).hasSize(1));
  }

  @Test
  void unknownCollateralHasNoRatioSoTheProcessStopsVisibly() {
    assertThat(table.evaluate(variables("collateralType", "ARTWORK")).matchedRuleIds()).isEmpty();
  }
}
