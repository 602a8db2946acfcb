package com.smeloanflow.creditline;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Settles drawdown requests whose core banking answer never came, on every node
 * ({@code smeloan.credit-line.reconciliation.poller-enabled}, on by default; off in tests, which call
 * {@link CreditLineService#reconcileUnanswered} themselves). A request is settled once it has had no answer for
 * {@code unanswered-for}, which must be longer than core banking's own time-out so that an order still under way is
 * not taken for one that was lost. Two nodes settling the same request store one drawdown: the booking and the
 * cancellation run under the line's lock and check the request's state.
 */
@Configuration
@EnableScheduling
@ConditionalOnProperty(name = "smeloan.credit-line.reconciliation.poller-enabled", havingValue = "true", matchIfMissing = true)
public class DrawdownReconciliationSchedule {

  private static final Logger log = LoggerFactory.getLogger(DrawdownReconciliationSchedule.class);

  private final CreditLineService lines;
  private final Duration unansweredFor;
  private final int batchSize;

  public DrawdownReconciliationSchedule(CreditLineService lines,
      @Value("${smeloan.credit-line.reconciliation.unanswered-for:PT5M}") Duration unansweredFor,
      @Value("${smeloan.credit-line.reconciliation.batch-size:100}") int batchSize) {
    this.lines = lines;
    this.unansweredFor = unansweredFor;
    this.batchSize = batchSize;
  }

  @Scheduled(fixedDelayString = "${smeloan.credit-line.reconciliation.poll-interval:PT1M}", initialDelayString = "PT30S")
  public void poll() {
    try {
      int settled = lines.reconcileUnanswered(unansweredFor, batchSize);
      if (settled > 0) {
        log.info("Settled {} drawdown requests whose core banking answer was lost", settled);
      }
    } catch (RuntimeException e) {
      // The database is unreachable, say: the requests stay pending and reserved; the next poll tries again.
      log.error("Drawdown reconciliation failed; retrying at the next poll", e);
    }
  }
}
