package com.smeloanflow.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The outbox's retry schedule: 1, 5 and 15 minutes, then every hour. */
class MailOutboxPropertiesTest {

  private static final List<Duration> BANK_DEFAULT =
      List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofHours(1));

  private static MailOutboxProperties withBackoff(List<Duration> backoff) {
    return new MailOutboxProperties(true, Duration.ofSeconds(10), 20, 24, backoff, Duration.ofMinutes(5));
  }

  @Test
  void failedMailWaitsOneFiveAndFifteenMinutesThenEveryHour() {
    MailOutboxProperties properties = withBackoff(BANK_DEFAULT);

    assertThat(properties.backoffAfter(1)).isEqualTo(Duration.ofMinutes(1));
    assertThat(properties.backoffAfter(2)).isEqualTo(Duration.ofMinutes(5));
    assertThat(properties.backoffAfter(3)).isEqualTo(Duration.ofMinutes(15));
    assertThat(properties.backoffAfter(4)).isEqualTo(Duration.ofHours(1));
    assertThat(properties.backoffAfter(5)).isEqualTo(Duration.ofHours(1));
    assertThat(properties.backoffAfter(23)).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void scheduleWithoutAPositiveWaitIsRefusedAtStartup() {
    assertThatThrownBy(() -> withBackoff(List.of())).hasMessageContaining("backoff");
    assertThatThrownBy(() -> withBackoff(List.of(Duration.ofMinutes(1), Duration.ZERO))).hasMessageContaining("backoff");
    assertThatThrownBy(() -> new MailOutboxProperties(true, Duration.ofSeconds(10), 20, 0, BANK_DEFAULT, Duration.ofMinutes(5)))
        .hasMessageContaining("max-attempts");
  }
}
