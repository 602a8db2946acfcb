package com.smeloanflow.renewal;

import com.smeloanflow.disbursement.ESignatureService;
import com.smeloanflow.platform.BusinessClock;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Cancels in the e-signature service the unsigned renewal contract of a renewal an operator cancelled (CANCELLED by
 * {@link RenewalContractService#processEnded}) or a call-in ended (CALLED_IN by {@link RenewalCallIns}), so that the
 * borrower is no longer shown a contract to sign. Not in the cancellation's transaction, which is the engine's: the
 * cancellation is recorded first and is never failed or held up by the e-signature service, and an envelope is never
 * cancelled for a cancellation that rolled back. A poller on every node ({@link RenewalEnvelopeCancellationSchedule}) cancels the envelopes of the committed cancellations after it.
 *
 * <ul>
 *   <li><b>Safe to repeat.</b> The service cancels an envelope once ({@link ESignatureService#cancel}: cancelling again
 *       changes nothing); {@code loan_renewal.envelope_cancelled_at} records that it did, and only a renewal without it
 *       is taken. Two nodes polling at once may both ask the service: harmless.</li>
 *   <li><b>Retried, fairly.</b> While the service is down or refuses an envelope, the envelope stays to be cancelled,
 *       logged at WARN with the loan and the envelope, and later polls ask again, for as long as it takes. A poll takes
 *       the envelopes least recently tried first (never tried before all, V137's {@code envelope_cancel_tried_at}), so
 *       envelopes the service keeps refusing, however many, never hold back a newer cancellation's envelope.</li>
 *   <li><b>For an operator.</b> Each refusal is counted on the renewal ({@code envelope_cancel_attempts}, the last in
 *       {@code envelope_cancel_error}); at the {@code alert-after-attempts}-th refusal the envelope is logged once at
 *       ERROR, naming the loan, the envelope and the last error, to be looked into with the e-signature service. It is
 *       not given up: later polls still ask (cancelling is harmless to repeat), and it is cancelled once the service
 *       accepts. Operations see the envelopes still to be cancelled, and those refused that often, in the cluster figure
 *       {@code smeloan_renewal_envelopes_to_cancel{state}}; staff see the renewal's in
 *       {@link RenewalView#envelopeCancellation()} (the channel does not).</li>
 *   <li>A contract signed before the cancellation is left as it is: the borrower has nothing left to sign, and the
 *       signature stays on record (an operator may still have to book a posting core banking made under it).</li>
 * </ul>
 */
@Service
public class RenewalEnvelopeCancellations {

  /** The ends whose unsigned contract's envelope is cancelled here, after the end has committed. */
  public static final Set<RenewalStatus> ENDS = Set.of(RenewalStatus.CANCELLED, RenewalStatus.CALLED_IN);

  private static final Logger log = LoggerFactory.getLogger(RenewalEnvelopeCancellations.class);

  private final RenewalRepository renewals;
  private final ESignatureService eSignature;
  private final BusinessClock clock;
  private final int batchSize;
  private final int alertAfterAttempts;

  public RenewalEnvelopeCancellations(RenewalRepository renewals, ESignatureService eSignature, BusinessClock clock,
      @Value("${smeloan.renewal.envelope-cancellation.batch-size:100}") int batchSize,
      @Value("${smeloan.renewal.envelope-cancellation.alert-after-attempts}") int alertAfterAttempts) {
    if (batchSize < 1 || alertAfterAttempts < 1) {
      throw new IllegalArgumentException("smeloan.renewal.envelope-cancellation.batch-size and alert-after-attempts must "
          + "be at least 1, were " + batchSize + " and " + alertAfterAttempts);
    }
    this.renewals = renewals;
    this.eSignature = eSignature;
    this.clock = clock;
    this.batchSize = batchSize;
    this.alertAfterAttempts = alertAfterAttempts;
  }

  /**
   * Cancels the envelopes still to be cancelled, up to {@code batch-size} of them, the least recently tried first, each
   * on its own: one the service refuses is counted and goes to the back of the queue, the others go on.
   *
   * @return how many envelopes the service cancelled
   */
  public int cancelDue() {
    int cancelled = 0;
    for (RenewalRepository.EnvelopeToCancel envelope : renewals.envelopesToCancel(batchSize)) {
      try {
        eSignature.cancel(envelope.envelopeId());
      } catch (RuntimeException e) {
        int attempts = renewals.envelopeCancelRefused(envelope.loanId(), clock.now(), e.toString());
        log.warn("Loan {}: the renewal ended, but the e-signature service could not cancel its contract's envelope "
            + "{} ({}, attempt {}); the borrower may still see it to sign until a later poll cancels it", envelope.loanId(),
            envelope.envelopeId(), e.toString(), attempts);
        if (attempts == alertAfterAttempts) {
          log.error("Loan {}: the e-signature service has refused {} times to cancel the envelope {} of the ended "
              + "renewal (last: {}); the borrower may still see the contract to sign: have it looked into with the "
              + "e-signature service (later polls still ask)", envelope.loanId(), attempts, envelope.envelopeId(),
              e.toString());
        }
        continue;
      }
      renewals.envelopeCancelled(envelope.loanId(), clock.now());
      log.info("Loan {}: the renewal ended; its contract's envelope {} is cancelled in the e-signature service",
          envelope.loanId(), envelope.envelopeId());
      cancelled++;
    }
    return cancelled;
  }
}
