package com.smeloanflow.renewal;

import com.smeloanflow.monitoring.CallInListener;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.process.LoanRenewalProcess;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A called-in loan (提前收回贷款, a post-loan check's CALL_IN) is never renewed: the renewal under way (APPLIED, APPROVED,
 * SIGNED or AMOUNT_REVIEW) ends through its model, the interrupting event subprocess 贷款已提前收回, 终止续贷 of {@code
 * loan-renewal} (message {@link LoanRenewalProcess.Messages#LOAN_CALLED_IN}): whatever the instance waits for is
 * cancelled (审批续贷申请, the committee's votes or the chair's resolution, the signature, the timers before maturity,
 * 复核续贷金额, the posting's job), 终止续贷 records CALLED_IN ({@link #recordCalledIn}) and the borrower is mailed
 * (RENEWAL_CALLED_IN). A contract sent and not signed is cancelled in the e-signature service by the envelope poller
 * ({@link RenewalEnvelopeCancellations}) after the call-in has committed.
 *
 * <p><b>In the call-in's transaction</b>, not after it: the moment the loan is called in, no approver may approve, no
 * borrower may sign and no maturity posting may renew it; doing it later (a job, a poll) would leave a window in which
 * all three still can, and a renewal the call-in's rollback would then have ended. Nothing here calls an outside service
 * (the mail goes through the outbox, the envelope is cancelled after the commit), so the checker's conclusion is never
 * failed by one. The renewal's row is locked first ({@code loan_renewal} before {@code loan_account}, which the call-in
 * locks next), the order of the maturity posting ({@link RenewalPostingService}) and of the signature
 * ({@link RenewalContractService#signatureReceived}): one of them waits for the other. A posting that ran before the
 * call-in locked the row has recorded its posting as under way; a posting that runs after the call-in committed finds
 * the loan called in under the loan's lock and posts nothing ({@link RenewalPostingService.Outcome#CALLED_IN}).
 */
@Service
public class RenewalCallIns implements CallInListener {

  private static final Logger log = LoggerFactory.getLogger(RenewalCallIns.class);

  private final RenewalRepository renewals;
  private final RuntimeService runtimeService;
  private final BusinessClock clock;

  public RenewalCallIns(RenewalRepository renewals, RuntimeService runtimeService, BusinessClock clock) {
    this.renewals = renewals;
    this.runtimeService = runtimeService;
    this.clock = clock;
  }

  /**
   * Ends the loan's renewal under way, if any, through its process (in the caller's transaction, the call-in's). A loan
   * without a renewal, or whose renewal is not under way (offered, or at an end), is left as it is.
   */
  @Override
  @Transactional
  public void callingIn(String loanId, String checkId) {
    Optional<LoanRenewal> renewal = renewals.lock(loanId);
    if (renewal.isEmpty() || !renewal.get().status().underWay()) {
      return;
    }
    int ended = runtimeService.createMessageCorrelation(LoanRenewalProcess.Messages.LOAN_CALLED_IN)
        .processInstanceBusinessKey(loanId).correlateAllWithResult().size();
    if (ended == 0) {
      // an instance of a model version before 贷款已提前收回 (not rolled out yet): the posting still refuses to renew
      log.warn("Loan {}: called in by check {} while its renewal is {}, but no renewal instance waits for the call-in "
          + "(an older model version): the renewal is not ended; its maturity posting will post nothing. Roll the instance "
          + "out to the current version", loanId, checkId, renewal.get().status());
      return;
    }
    log.info("Loan {}: called in by check {}: its renewal, {}, ended", loanId, checkId, renewal.get().status());
  }

  /**
   * 终止续贷: records the renewal CALLED_IN, closed today, unless it reached an end already. A contract sent and not signed
   * is left for the envelope poller.
   */
  @Transactional
  public void recordCalledIn(String loanId) {
    LoanRenewal renewal = renewals.lock(loanId).orElseThrow();
    if (!renewal.status().underWay()) {
      return;
    }
    renewals.closed(loanId, RenewalStatus.CALLED_IN, clock.today());
    log.info("Loan {}: renewal ended, the loan was called in (was {}){}", loanId, renewal.status(),
        renewal.envelopeId() != null && renewal.signatureId() == null
            ? "; its unsigned contract's envelope " + renewal.envelopeId() + " is cancelled in the e-signature service next"
            : "");
  }
}
