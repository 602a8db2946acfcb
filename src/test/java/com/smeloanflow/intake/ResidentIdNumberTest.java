package com.smeloanflow.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** GB 11643-1999 citizen identification number: format, birth date and ISO 7064 MOD 11-2 check digit. */
class ResidentIdNumberTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "52030219850714321X", // check digit X
      "520302199002114020", // check digit 0
      "11010519491231002X",
      "440524188001010014",
  })
  void acceptsNumberWithCorrectCheckDigit(String number) {
    assertThat(ResidentIdNumber.hasValidFormat(number)).isTrue();
    assertThat(ResidentIdNumber.hasValidCheckDigit(number)).isTrue();
  }

  @ParameterizedTest(name = "{0} should end in {1}")
  @CsvSource({
      "520302198507143210, X",
      "520302198507143219, X",
      "520302199002114021, 0",
      "52030219900211402X, 0",
      "440524188001010015, 4",
  })
  void rejectsNumberWithWrongCheckDigit(String number, char correct) {
    assertThat(ResidentIdNumber.hasValidFormat(number)).isTrue();
    assertThat(ResidentIdNumber.hasValidCheckDigit(number)).isFalse();
    assertThat(ResidentIdNumber.checkDigit(number.substring(0, 17))).isEqualTo(correct);
  }

  @ParameterizedTest(name = "\"{0}\"")
  @NullAndEmptySource
  @ValueSource(strings = {
      "52030219850714321",    // 17 characters
      "52030219850714321X0",  // 19 characters
      "52030219850714321x",   // lower-case x
      "5203021985071432XX",   // X only as the last character
      "520302198507143 1X",
      "520302850714321",      // old 15-digit number
  })
  void rejectsMalformedNumber(String number) {
    assertThat(ResidentIdNumber.hasValidFormat(number)).isFalse();
    assertThat(ResidentIdNumber.hasValidCheckDigit(number)).isFalse();
  }

  @Test
  void readsBirthDateFromNumber() {
    assertThat(ResidentIdNumber.birthDate("52030219850714321X")).isEqualTo(LocalDate.of(1985, 7, 14));
    assertThat(ResidentIdNumber.birthDate("520302199002114020")).isEqualTo(LocalDate.of(1990, 2, 11));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"520302198502304321", "520302198513014321", "520302199002294321", "520302198507004321"})
  void hasNoBirthDateWhenDateDoesNotExist(String number) {
    assertThat(ResidentIdNumber.birthDate(number)).isNull();
  }
}
