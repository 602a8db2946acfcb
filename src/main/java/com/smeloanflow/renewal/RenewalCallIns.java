package com.smeloanflow.renewal;

import com.smeloanflow.monitoring.CallInListener;
import com.smeloanflow.notification.MailOutbox;
import com.smeloanflow.notification.MailTemplate;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.process.LoanRenewalProcess;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
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
 *
 * <p><b>An instance on a model version before 贷款已提前收回</b> (applied for before that release and not rolled out yet)
 * has no subscription for the message. Left alone it would go on: an approver could approve, the borrower sign, and only
 * the maturity posting would refuse. So the call-in ends it here, in the same transaction, the way the event subprocess
 * does: the renewal is recorded CALLED_IN, the borrower is mailed 续贷终止 (the same template), and the instance is
 * cancelled with the reason {@value #OLD_VERSION_CANCELLED}, which Cockpit shows. That takes its tasks out of Tasklist
 * (completing one opened before is refused with {@code 待办 … 已撤销 (贷款已提前收回, 续贷终止)}) and its timers and jobs
 * with it; {@link RenewalEndedListener} then finds the renewal at an end and leaves its status, and the envelope poller
 * cancels a contract sent and not signed. A signature reported afterwards is 409 (NOT_AWAITING_SIGNATURE, naming
 * CALLED_IN). An operator's rollout beforehand is still the better way: then the model's own 终止续贷 runs.
 *
 * <p>A loan called in on that version before the call-in ended such renewals (it then only logged a WARN line) left its
 * renewal going on. 核对到期应还本金 or the posting at maturity refuses it (CALLED_IN, nothing posted) with the BPMN error
 * RENEWAL_LOAN_CALLED_IN, which nothing on that version catches: the engine ends the instance there, and the borrower is
 * mailed 续贷终止 by {@link CalledInRefusal} before the error is thrown, in the same transaction.
 */
@Service
public class RenewalCallIns implements CallInListener {

  private static final Logger log = LoggerFactory.getLogger(RenewalCallIns.class);

  /** The delete reason of an instance on a model version before 贷款已提前收回 that a call-in ended. */
  public static final String OLD_VERSION_CANCELLED = "贷款已提前收回, 续贷终止";

  private final RenewalRepository renewals;
  private final RuntimeService runtimeService;
  private final BusinessClock clock;
  private final MailOutbox outbox;

  public RenewalCallIns(RenewalRepository renewals, RuntimeService runtimeService, BusinessClock clock, MailOutbox outbox) {
    this.renewals = renewals;
    this.runtimeService = runtimeService;
    this.clock = clock;
    this.outbox = outbox;
  }

  /**
   * Ends the loan's renewal under way, if any, through its process (in the caller's transaction, the call-in's). A loan
   * without a renewal, or whose renewal is not under way (offered, or at an end), is left as it is; an application for
   * an offered one afterwards is refused ({@link RenewalRefusal#CALLED_IN}).
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
      endOnAnOlderVersion(loanId, checkId, renewal.get());
      return;
    }
    log.info("Loan {}: called in by check {}: its renewal, {}, ended", loanId, checkId, renewal.get().status());
  }

  /**
   * No instance awaited the call-in: the renewal's instance runs a model version before 贷款已提前收回. It is ended as
   * that subprocess would end it: CALLED_IN, the borrower mailed, and the instance cancelled (its tasks, timers and jobs
   * with it), in the call-in's transaction.
   */
  private void endOnAnOlderVersion(String loanId, String checkId, LoanRenewal renewal) {
    List<ProcessInstance> instances = runtimeService.createProcessInstanceQuery().processDefinitionKey(LoanRenewalProcess.KEY)
        .processInstanceBusinessKey(loanId).list();
    recordCalledIn(loanId);
    outbox.enqueue(loanId, MailTemplate.RENEWAL_CALLED_IN);
    instances.forEach(instance -> runtimeService.deleteProcessInstance(instance.getId(), OLD_VERSION_CANCELLED));
    log.warn("Loan {}: called in by check {} while its renewal was {} on a model version before 贷款已提前收回 ({}): the "
        + "renewal is CALLED_IN, the borrower mailed, the instance cancelled", loanId, checkId, renewal.status(),
        instances.stream().map(ProcessInstance::getProcessDefinitionId).toList());
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
