package com.smeloanflow.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.smeloanflow.platform.FieldViolation;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What an administrator may enter for a branch: code, Chinese name, county-level grid. */
class BranchValidatorTest {

  private static List<String> fields(List<FieldViolation> violations) {
    return violations.stream().map(v -> v.field() + ":" + v.code()).toList();
  }

  private static List<FieldViolation> create(String code, String name, String... grid) {
    return BranchValidator.violations(new CreateBranch(code, name, grid == null ? null : Arrays.asList(grid)));
  }

  @Test
  void aBranchWithCodeChineseNameAndCountyLevelGridIsValid() {
    assertThat(create("ZY001", "汇川支行", "520303")).isEmpty();
    assertThat(create("GY001", "贵阳白云支行", "520113", "520115")).isEmpty();
    assertThat(BranchValidator.violations(new UpdateBranch("ZY001", " 汇川支行 ", List.of("520303")))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"zy001", "ZY01", "ZY0001", "Z1001", "ZY 01", "ZYA01"})
  void codeIsTwoCapitalLettersAndThreeDigits(String code) {
    assertThat(fields(create(code, "汇川支行", "520303"))).containsExactly("code:INVALID_FORMAT");
  }

  @Test
  void missingFieldsAreEachNamed() {
    assertThat(fields(create(null, " ", (String[]) null))).containsExactly("code:REQUIRED", "name:REQUIRED", "grid:REQUIRED");
    assertThat(fields(create("ZY001", "汇川支行"))).containsExactly("grid:REQUIRED");
  }

  @Test
  void nameIsChineseAndAtMostOneHundredCharacters() {
    assertThat(create("ZY001", "支".repeat(100), "520303")).isEmpty();
    assertThat(fields(create("ZY001", "支".repeat(101), "520303"))).containsExactly("name:TOO_LONG");
    assertThat(fields(create("ZY001", "Huichuan Branch", "520303"))).containsExactly("name:NOT_CHINESE");
  }

  @Test
  void gridDivisionsAreSixDigitCountyLevelCodesOfAProvinceNamedByPosition() {
    assertThat(fields(create("ZY001", "汇川支行", "520303", "52030", "5203031", "99 0303", "990303", "520300", "520303")))
        .containsExactly("grid[1]:INVALID_DIVISION", "grid[2]:INVALID_DIVISION", "grid[3]:INVALID_DIVISION",
            "grid[4]:INVALID_DIVISION", "grid[5]:INVALID_DIVISION", "grid[6]:DUPLICATE");
  }

  @Test
  void everyDivisionProblemHasAChineseMessage() {
    assertThat(AdministrativeDivisions.problem("52030")).hasValueSatisfying(m -> assertThat(m).contains("6 位数字"));
    assertThat(AdministrativeDivisions.problem("990303")).hasValueSatisfying(m -> assertThat(m).contains("省级"));
    assertThat(AdministrativeDivisions.problem("520300")).hasValueSatisfying(m -> assertThat(m).contains("县级"));
    assertThat(AdministrativeDivisions.problem("820001")).isEmpty();
  }

  @Test
  void anEnterprisesDivisionIsCharactersThreeToEightOfItsCreditCode() {
    assertThat(AdministrativeDivisions.ofCreditCode("91520303MA6DKQ8X4A")).isEqualTo("520303");
    assertThatThrownBy(() -> AdministrativeDivisions.ofCreditCode("9152030")).isInstanceOf(IllegalArgumentException.class);
  }
}
