package com.smeloanflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InputHygieneTest {

  @ParameterizedTest
  @ValueSource(strings = {"遵义市汇川区明达机械加工有限公司", "Zhang Ming", "张明 (法定代表人)", "O'Brien & Söhne GmbH", "𠀀𠀁 生僻字"})
  void acceptsOrdinaryNamesIncludingCharactersOutsideTheBasicPlane(String name) {
    assertThat(InputHygiene.singleLine("name", name)).isEmpty();
  }

  @Test
  void acceptsLineBreaksOnlyWhereTextMaySpanLines() {
    assertThat(InputHygiene.multiLine("purpose", "购置设备\n扩大生产")).isEmpty();
    assertThat(InputHygiene.singleLine("name", "张\n明")).hasValueSatisfying(v -> assertThat(v.code()).isEqualTo("CONTROL_CHARACTER"));
  }

  @Test
  void refusesNulControlCharactersDirectionOverridesAndLoneSurrogates() {
    assertThat(code("a\u0000b")).isEqualTo("CONTROL_CHARACTER");
    assertThat(code("a\u001bb")).isEqualTo("CONTROL_CHARACTER");
    assertThat(code("a\u0085b")).isEqualTo("CONTROL_CHARACTER");
    assertThat(code("abc\u202Egpj.exe")).isEqualTo("DIRECTION_OVERRIDE");
    assertThat(code("a\u2066b")).isEqualTo("DIRECTION_OVERRIDE");
    assertThat(code("a\uD800b")).isEqualTo("INVALID_CHARACTER");
    assertThat(code("a\uDC00")).isEqualTo("INVALID_CHARACTER");
  }

  @Test
  void refusesNamesOfInvisibleCharactersOnly() {
    assertThat(code("\u200B\u200B")).isEqualTo("INVISIBLE_ONLY");
    assertThat(code("\uFEFF \u3000\u2060")).isEqualTo("INVISIBLE_ONLY");
    assertThat(code("\u3164")).isEqualTo("INVISIBLE_ONLY");
    assertThat(InputHygiene.singleLine("name", "张\u200B明")).isEmpty();
  }

  @Test
  void datesBeforeTheFloorOrAfterTodayAreRefused() {
    LocalDate today = LocalDate.of(2026, 11, 23);
    assertThat(InputHygiene.dateWithin("d", LocalDate.of(1, 1, 1), InputHygiene.EARLIEST_ESTABLISHED_ON, today))
        .hasValueSatisfying(v -> assertThat(v.code()).isEqualTo("TOO_EARLY"));
    assertThat(InputHygiene.dateWithin("d", InputHygiene.EARLIEST_ESTABLISHED_ON, InputHygiene.EARLIEST_ESTABLISHED_ON, today)).isEmpty();
    assertThat(InputHygiene.dateWithin("d", today.plusDays(1), InputHygiene.EARLIEST_ESTABLISHED_ON, today))
        .hasValueSatisfying(v -> assertThat(v.code()).isEqualTo("IN_FUTURE"));
  }

  @Test
  void reportedTimesNearNowAreAcceptedFarOnesRefused() {
    Instant now = Instant.parse("2026-11-23T02:00:00Z");
    Duration past = Duration.ofDays(90);
    Duration ahead = Duration.ofMinutes(10);
    assertThat(InputHygiene.instantNear("t", now.minus(Duration.ofDays(30)), now, past, ahead)).isEmpty();
    assertThat(InputHygiene.instantNear("t", now.plus(Duration.ofMinutes(5)), now, past, ahead)).isEmpty();
    assertThat(InputHygiene.instantNear("t", now.plus(Duration.ofDays(1)), now, past, ahead)).isPresent();
    assertThat(InputHygiene.instantNear("t", now.minus(Duration.ofDays(400)), now, past, ahead)).isPresent();
  }

  private static String code(String value) {
    return InputHygiene.singleLine("name", value).orElseThrow().code();
  }
}
