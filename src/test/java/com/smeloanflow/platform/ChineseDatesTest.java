package com.smeloanflow.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** A date in a mail reads as the footer's does: 2027年1月7日, without leading zeros; a moment in the bank's time zone. */
class ChineseDatesTest {

  @Test
  void aDayReadsAsYearMonthDayWithoutLeadingZeros() {
    assertThat(ChineseDates.day(LocalDate.of(2027, 1, 7))).isEqualTo("2027年1月7日");
    assertThat(ChineseDates.day(LocalDate.of(2026, 12, 17))).isEqualTo("2026年12月17日");
  }

  @Test
  void aMomentReadsInTheBanksTimeZone() {
    assertThat(ChineseDates.minute(Instant.parse("2027-01-06T17:30:00Z"))).isEqualTo("2027年1月7日 01:30");
    assertThat(ChineseDates.second(Instant.parse("2027-01-06T17:30:05Z"))).isEqualTo("2027年1月7日 01:30:05");
  }

  @Test
  void aMissingDateIsAProgrammingErrorNotTheTextNull() {
    assertThatThrownBy(() -> ChineseDates.day(null)).isInstanceOf(NullPointerException.class);
  }
}
