package com.smeloanflow.notification;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the mail outbox is sent ({@code smeloan.mail.outbox.*}).
 *
 * @param dispatcherEnabled whether this node polls the outbox (off in tests, which dispatch themselves)
 * @param pollInterval      pause between two polls of the outbox
 * @param batchSize         due mails taken per poll
 * @param maxAttempts       attempts before a mail is FAILED and waits for an operator
 * @param backoff           wait after the 1st, 2nd, ... failed attempt; the last one repeats
 * @param lease             how long a claim keeps other nodes off a mail; longer than an SMTP call can take
 */
@ConfigurationProperties("smeloan.mail.outbox")
public record MailOutboxProperties(
    @DefaultValue("true") boolean dispatcherEnabled,
    @DefaultValue("PT10S") Duration pollInterval,
    @DefaultValue("20") int batchSize,
    @DefaultValue("24") int maxAttempts,
    @DefaultValue({"PT1M", "PT5M", "PT15M", "PT1H"}) List<Duration> backoff,
    @DefaultValue("PT5M") Duration lease) {

  public MailOutboxProperties {
    if (batchSize < 1 || maxAttempts < 1) {
      throw new IllegalArgumentException("smeloan.mail.outbox.batch-size and max-attempts must be at least 1");
    }
    if (backoff == null || backoff.isEmpty() || backoff.stream().anyMatch(d -> d.isNegative() || d.isZero())) {
      throw new IllegalArgumentException("smeloan.mail.outbox.backoff must list positive durations, e.g. PT1M, PT5M, PT15M, PT1H");
    }
    if (lease.isNegative() || lease.isZero()) {
      throw new IllegalArgumentException("smeloan.mail.outbox.lease must be positive");
    }
    backoff = List.copyOf(backoff);
  }

  /** The wait before the next attempt after {@code failedAttempts} failed ones (1, 2, ...). */
  public Duration backoffAfter(int failedAttempts) {
    return backoff.get(Math.min(Math.max(failedAttempts, 1), backoff.size()) - 1);
  }
}
