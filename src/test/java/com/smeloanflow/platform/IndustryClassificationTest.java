package com.smeloanflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** GB/T 4754-2017's sections and divisions as staff read them beside the code. */
class IndustryClassificationTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "C34  | C34 通用设备制造业",
      "C    | C 制造业",
      "A01  | A01 农业",
      "A05  | A05 农、林、牧、渔专业及辅助性活动",
      "B11  | B11 开采专业及辅助性活动",
      "C21  | C21 家具制造业",
      "C39  | C39 计算机、通信和其他电子设备制造业",
      "D44  | D44 电力、热力生产和供应业",
      "F52  | F52 零售业",
      "I65  | I65 软件和信息技术服务业",
      "S96  | S96 基层群众自治组织及其他组织",
      "T97  | T97 国际组织",
      "T    | T 国际组织",
  })
  void aSectionOrDivisionReadsWithItsName(String code, String shown) {
    assertThat(IndustryClassification.describe(code)).isEqualTo(shown);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "C3411", // a class: not in the table
      "C341",  // a group: not in the table
      "A34",   // division 34 is manufacturing's, not agriculture's
      "C98",   // no division 98
      "U",     // no section U
  })
  void aCodeTheTableDoesNotNameReadsAsTheCodeAlone(String code) {
    assertThat(IndustryClassification.describe(code)).isEqualTo(code);
    assertThat(IndustryClassification.name(code)).isEmpty();
  }

  @ParameterizedTest
  @NullAndEmptySource
  void noCodeReadsAsADash(String code) {
    assertThat(IndustryClassification.describe(code)).isEqualTo("-");
  }

  @Test
  void theTableHoldsTheStandardsTwentySectionsAndNinetySevenDivisionsEachUnderItsSection() {
    Map<Boolean, Long> byKind = IndustryClassification.all().keySet().stream()
        .collect(Collectors.partitioningBy(code -> code.length() == 1, Collectors.counting()));
    assertThat(byKind).containsEntry(true, 20L).containsEntry(false, 97L);
    assertThat(IndustryClassification.all().keySet().stream().filter(code -> code.length() == 1))
        .containsExactly("A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "N", "O", "P", "Q", "R", "S", "T");
    // divisions 01..97, each once, in order
    assertThat(IndustryClassification.all().keySet().stream().filter(code -> code.length() == 3).map(code -> code.substring(1)))
        .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 97).mapToObj(n -> String.format("%02d", n)).toList());
  }
}
