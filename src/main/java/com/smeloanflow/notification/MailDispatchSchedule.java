package com.smeloanflow.notification;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Polls the mail outbox on every node ({@code smeloan.mail.outbox.dispatcher-enabled}, on by
 * default; off in tests, which call {@link MailDispatcher#dispatchDue()} themselves). A poll sends
 * one batch; the next poll follows {@code poll-interval} after the previous one ended.
 */
@Configuration
@EnableScheduling
@ConditionalOnProperty(name = "smeloan.mail.outbox.dispatcher-enabled", havingValue = "true", matchIfMissing = true)
public class MailDispatchSchedule {

  private static final Logger log = LoggerFactory.getLogger(MailDispatchSchedule.class);

  private final MailDispatcher dispatcher;

  public MailDispatchSchedule(MailDispatcher dispatcher) {
    this.dispatcher = dispatcher;
  }

  @Scheduled(fixedDelayString = "${smeloan.mail.outbox.poll-interval:PT10S}", initialDelayString = "PT5S")
  public void poll() {
    try {
      dispatcher.dispatchDue();
    } catch (RuntimeException e) {
      // The database is unreachable, say: the mails stay in the outbox; the next poll tries again.
      log.error("Mail outbox poll failed; retrying at the next poll", e);
    }
  }
}
