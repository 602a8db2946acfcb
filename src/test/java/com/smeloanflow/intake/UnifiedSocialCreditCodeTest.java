package com.smeloanflow.intake;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** GB 32100-2015 unified social credit code: format and check character. */
class UnifiedSocialCreditCodeTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "91520303MA6DKQ8X4A", // the API example: check character A
      "91350100M000100Y43", // check character 3
      "91110108551385082Q", // check character Q
      "915203030900000210", // sum mod 31 = 0: check value 31 becomes 0
  })
  void acceptsCodeWithCorrectCheckCharacter(String code) {
    assertThat(UnifiedSocialCreditCode.hasValidFormat(code)).isTrue();
    assertThat(UnifiedSocialCreditCode.hasValidCheckCharacter(code)).isTrue();
  }

  @ParameterizedTest(name = "{0} should end in {1}")
  @CsvSource({
      "91520303MA6DKQ8X4B, A",
      "91520303MA6DKQ8X40, A",
      "91350100M000100Y44, 3",
      "91110108551385082R, Q",
      "915203030900000211, 0",
  })
  void rejectsCodeWithWrongCheckCharacter(String code, char correct) {
    assertThat(UnifiedSocialCreditCode.hasValidFormat(code)).isTrue();
    assertThat(UnifiedSocialCreditCode.hasValidCheckCharacter(code)).isFalse();
    assertThat(UnifiedSocialCreditCode.checkCharacter(code.substring(0, 17))).isEqualTo(correct);
  }

  @ParameterizedTest(name = "transposed: {0}")
  @ValueSource(strings = {"91520303AM6DKQ8X4A", "19520303MA6DKQ8X4A", "91520303MA6DKQX84A"})
  void rejectsCodeWithTransposedCharacters(String code) {
    assertThat(UnifiedSocialCreditCode.hasValidCheckCharacter(code)).isFalse();
  }

  @ParameterizedTest(name = "\"{0}\"")
  @NullAndEmptySource
  @ValueSource(strings = {
      "91520303MA6DKQ8X4",    // 17 characters
      "91520303MA6DKQ8X4AA",  // 19 characters
      "91520303ma6dkq8x4a",   // lower case
      "91520303MA6DKQ8I4A",   // I is not in the alphabet
      "91520303MA6DKQ8O4A",   // O
      "91520303MA6DKQ8S4A",   // S
      "91520303MA6DKQ8V4A",   // V
      "91520303MA6DKQ8Z4A",   // Z
      "9152A303MA6DKQ8X4A",   // administrative division (characters 3-8) must be digits
      "91520303MA6DKQ8X4-",
  })
  void rejectsMalformedCode(String code) {
    assertThat(UnifiedSocialCreditCode.hasValidFormat(code)).isFalse();
    assertThat(UnifiedSocialCreditCode.hasValidCheckCharacter(code)).isFalse();
  }
}
