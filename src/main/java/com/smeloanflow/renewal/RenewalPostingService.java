package com.smeloanflow.renewal;

import com.smeloanflow.casefile.CustomerReason;
import com.smeloanflow.disbursement.CoreBankingGateway;
import com.smeloanflow.disbursement.CorePosting;
import com.smeloanflow.disbursement.DisbursementOrder;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.process.LoanOriginationProcess;
import com.smeloanflow.servicing.LedgerLine;
import com.smeloanflow.servicing.LoanAccount;
import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.servicing.RenewLoan;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The maturity posting of a signed renewal: ONE core banking posting with its own idempotency key
 * ({@code RENEWAL-<old loan id>}) lends the new loan's principal straight into the repayment of the old
 * loan's (借新还旧: the settlement account is the old loan, nothing reaches the borrower's account); then
 * the ledger settles that principal and opens the new loan from the maturity date (no day without a
 * loan), classified 正常 as a renewal, and post-loan monitoring starts for the new loan. A replayed job
 * posts nothing new: core banking answers the key with the first posting, the ledger with the account it
 * opened, monitoring's start message is sent only when the account was opened now.
 *
 * <p>Before any money moves, the principal due at maturity is compared with the amount to lend (the signed
 * amount, or the principal due a reviewer chose to renew in 复核续贷金额). A prepayment since changed it:
 * nothing is posted, the renewal waits for the review ({@link Outcome#AMOUNT_CHANGED}); all of it prepaid:
 * nothing to renew, the renewal ends ({@link Outcome#PRINCIPAL_PREPAID}). Between the two, the eligibility table is asked
 * again with the loan as it stands at maturity ({@link RenewalEligibilityRecheck}, the check that routing and approval
 * make): a loan downgraded, in arrears or with a warning signal under check since the approval is not renewed, the
 * renewal is declined and nothing is posted ({@link Outcome#NO_LONGER_ELIGIBLE}). Before all three, the maturity
 * instalment: if the daily close of the maturity date already counted its principal overdue (the posting ran
 * late: the job executor was down, or its retries ran past the close), the loan was overdue at maturity and is
 * not renewed; nothing is posted ({@link Outcome#MATURITY_OVERDUE}). Before all of them, under the old loan's lock: a
 * loan a post-loan check called in is never renewed ({@link Outcome#CALLED_IN}; the call-in ends the renewal itself,
 * {@link RenewalCallIns}, so this holds for one nothing ended). These are answers, not failures, so that
 * what they record commits with the process's next step; a technical failure (core banking down) throws and
 * the job is retried.
 *
 * <p>On that overdue path only, core banking is first asked what it booked under the key: an earlier attempt
 * may have posted at maturity and lost the answer, its retry running only after the close. Then money moved
 * that neither the ledger nor the renewal shows; the posting writes nothing and throws
 * {@link RenewalPostedWhileOverdueException} (logged at ERROR), so the retries end in an incident for an
 * operator, the renewal neither ended nor the borrower mailed.
 */
@Service
public class RenewalPostingService {

  private static final Logger log = LoggerFactory.getLogger(RenewalPostingService.class);

  private final RenewalRepository renewals;
  private final LoanAccountService loans;
  private final CoreBankingGateway coreBanking;
  private final RuntimeService runtimeService;
  private final BusinessClock clock;
  /** The decision before core banking is asked: committed at once, so that no row lock is held while it answers. */
  private final TransactionTemplate ownTransaction;
  /** How long a run of the posting job may be in flight: its job's lock time. */
  private final RenewalPostingLockTime lockTime;
  private final RenewalEligibilityRecheck recheck;

  public RenewalPostingService(RenewalRepository renewals, LoanAccountService loans, CoreBankingGateway coreBanking,
      RuntimeService runtimeService, BusinessClock clock, PlatformTransactionManager transactionManager,
      RenewalPostingLockTime lockTime, RenewalEligibilityRecheck recheck) {
    this.recheck = recheck;
    this.lockTime = lockTime;
    this.ownTransaction = new TransactionTemplate(transactionManager);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.renewals = renewals;
    this.loans = loans;
    this.coreBanking = coreBanking;
    this.runtimeService = runtimeService;
    this.clock = clock;
  }

  /** The idempotency key of a loan's renewal posting in core banking. */
  public static String idempotencyKey(String loanId) {
    return "RENEWAL-" + loanId;
  }

  /** What the maturity posting did. */
  public enum Outcome {
    /** Posted (now or by an earlier run): the new loan repaid the old loan's principal due at maturity. */
    RENEWED,
    /** Nothing posted: the principal due at maturity is not the amount to lend; 复核续贷金额 decides. */
    AMOUNT_CHANGED,
    /** Nothing posted: all principal due at maturity was prepaid; nothing to renew. */
    PRINCIPAL_PREPAID,
    /**
     * Nothing posted: the daily close had already counted the maturity instalment overdue; a loan overdue at
     * maturity is not renewed (借新还旧 of an overdue loan), it falls due as agreed.
     */
    MATURITY_OVERDUE,
    /**
     * Nothing posted: a post-loan check called the loan in (its ledger accelerated) and nothing ended the renewal (an
     * instance of a model version before 贷款已提前收回); a called-in loan is never renewed. The delegates answer it with
     * the BPMN error RENEWAL_LOAN_CALLED_IN and the borrower is mailed 续贷终止 once: by the model's 通知续贷终止, or, on a
     * version where nothing catches the error and the engine ends the instance, by {@link CalledInRefusal}.
     */
    CALLED_IN,
    /**
     * Nothing posted: the eligibility table, asked again with the loan as it stands at maturity, or on the last working
     * day before a maturity date nobody works ({@link RenewalEligibilityRecheck}), no longer offers renewal: downgraded,
     * in arrears or with a warning signal under check since the approval. The renewal is DECLINED (the borrower told the catalogue text only, staff the table's reason);
     * the old loan falls due as agreed.
     */
    NO_LONGER_ELIGIBLE
  }

  /**
   * @param newLoan       the new loan (RENEWED only)
   * @param dueAtMaturity the old loan's principal due at maturity the posting found (a replay of RENEWED: the
   *                      amount renewed)
   */
  public record Result(Outcome outcome, LoanAccount newLoan, BigDecimal dueAtMaturity) {}

  /**
   * 核对到期应还本金, on the last working day before a maturity date that is no working day: whether a prepayment
   * since signing changed the principal due at maturity. If so it is recorded for 复核续贷金额 (as the posting would
   * record it at maturity), so that the review takes place on that working day. Nothing else is decided here: all
   * of it prepaid, or the amount unchanged, and the posting at maturity acts as ever. Before that, under the old loan's
   * lock (taken after the renewal's, the posting's order), a loan a post-loan check called in without the renewal ending
   * (called in on a model version before 贷款已提前收回, before the call-in ended such renewals itself) ends the renewal as
   * the posting would: CALLED_IN, no review ({@link Outcome#CALLED_IN}; the borrower is mailed 续贷终止 by the model, or by
   * {@link CalledInRefusal} on a version that does not catch the error). Between the two, as the posting does, the
   * eligibility table is asked again with the loan as it stands ({@link RenewalEligibilityRecheck}): a loan downgraded, in
   * arrears or with a warning signal under check since the approval is not renewed, the renewal is DECLINED that day with
   * the table's reason for staff ({@link Outcome#NO_LONGER_ELIGIBLE}), not sent to a review whose only answer left would
   * be 不再续贷. Nothing is asked of core banking: nothing can have been posted before the maturity.
   *
   * @return {@link Outcome#AMOUNT_CHANGED} with the principal now due at maturity when it differs from the amount to
   *     renew and is not zero, {@link Outcome#CALLED_IN} for a called-in loan, {@link Outcome#NO_LONGER_ELIGIBLE} for a
   *     loan no longer eligible, or nothing to decide now
   */
  @Transactional
  public Optional<Result> checkBeforeMaturity(String loanId) {
    LoanRenewal renewal = renewals.lock(loanId).orElseThrow();
    if (renewal.status() != RenewalStatus.SIGNED) {
      throw new IllegalStateException("Renewal of loan " + loanId + " is " + renewal.status() + ", not signed: nothing checked");
    }
    Optional<LocalDate> calledIn = loans.lock(loanId);
    if (calledIn.isPresent()) {
      renewals.closed(loanId, RenewalStatus.CALLED_IN, clock.today());
      log.warn("Loan {}: called in (its ledger accelerated on {}) while its signed renewal went on; checked before the "
          + "maturity {}: a called-in loan is not renewed, the renewal ends, nothing will be posted", loanId, calledIn.get(),
          renewal.maturityDate());
      return Optional.of(new Result(Outcome.CALLED_IN, null, null));
    }
    LoanAccount old = loans.find(loanId).orElseThrow();
    List<LedgerLine> ledger = loans.ledger(loanId);
    BigDecimal dueAtMaturity = RenewalFactsService.principalDueAtMaturity(old, ledger);
    if (dueAtMaturity.signum() == 0) {
      return Optional.empty(); // all prepaid: the posting at maturity ends the renewal, nothing to renew
    }
    // The posting's order: the eligibility table before the amount, and after the maturity instalment: a check that ran
    // only after the daily close of the maturity date counted it overdue (the job executor was down) leaves that loan to
    // the posting, MATURITY_OVERDUE, as before.
    Optional<RenewalEligibilityTable.Answer> lapsed =
        LedgerLine.overdueMaturityInstalment(ledger, old.maturityDate()).isPresent() ? Optional.empty()
            : recheck.noLongerEligible(renewal);
    if (lapsed.isPresent()) {
      renewals.declinedAtMaturity(loanId, RenewalEligibilityRecheck.internalReason(lapsed.get()),
          CustomerReason.OVERALL_ASSESSMENT.name(), clock.today());
      log.warn("Loan {}: no longer eligible for renewal ({}), checked on {} before the maturity {} nobody works: the signed "
          + "renewal is declined, nothing will be posted, the loan falls due as agreed", loanId, lapsed.get().code(),
          clock.today(), renewal.maturityDate());
      return Optional.of(new Result(Outcome.NO_LONGER_ELIGIBLE, null, dueAtMaturity));
    }
    if (!needsAmountReview(dueAtMaturity, renewal.amountToRenew())) {
      return Optional.empty();
    }
    renewals.amountChanged(loanId, dueAtMaturity);
    log.info("Loan {}: owes {} CNY principal at maturity {}, not the {} CNY signed; 复核续贷金额 on the last working day "
        + "before it, {}", loanId, dueAtMaturity.toPlainString(), renewal.maturityDate(),
        renewal.amountToRenew().toPlainString(), clock.today());
    return Optional.of(new Result(Outcome.AMOUNT_CHANGED, null, dueAtMaturity));
  }

  /**
   * Posts the renewal at maturity, holding no row lock while core banking answers:
   * <ol>
   *   <li>under the renewal's and the old loan's locks, in a short transaction of its own, what is to be done is
   *       decided; to post, the old loan records the renewal posting under way ({@link
   *       LoanAccountService#renewalPostingStarted}), so that until it is booked no repayment or reversal changes the
   *       principal due at maturity (one that would is refused, one that would not is booked at once);</li>
   *   <li>core banking is asked, no lock held: it posts once per key ({@code RENEWAL-<old loan id>}) and answers a
   *       repeat with the first posting;</li>
   *   <li>the result is booked in the caller's transaction (the job's), under the locks again: the ledger renews the
   *       principal, the renewal is RENEWED and monitoring of the new loan starts, all or nothing. A run that finds it
   *       booked by another answers with that.</li>
   * </ol>
   * A run that dies after (1) leaves the posting recorded as under way; its retry decides again, posts again (core
   * banking answers with the first posting) and books. A renewal that ends instead (its instance cancelled in Cockpit,
   * say) has the record withdrawn with it ({@link RenewalEndedListener}) unless core banking booked the posting or the record is younger than the job lock time (a
   * run may be waiting for core banking's answer under it: an operator withdraws it later). A failed call withdraws its own record (the retry decides afresh,
   * as after a lost answer), never one a later run of the same job wrote meanwhile (the job's lock expired while core
   * banking was slow): that run's posting is under way. The paths that post nothing ask core banking what it booked under the key (no lock held
   * either) and, nothing booked, record their answer in the caller's transaction under the locks.
   *
   * @return what was done; a technical failure (core banking, ledger) throws and the job is retried
   * @throws RenewalPostedWhileOverdueException the maturity instalment is counted overdue but core banking booked the
   *     renewal's posting: nothing written, an operator decides
   * @throws RenewalPostedWhileAmountChangedException the principal due at maturity changed (or was all prepaid) but core
   *     banking booked the renewal's posting (an earlier attempt lost its answer): nothing written, an operator decides
   */
  @Transactional
  public Result post(String loanId) {
    Plan plan = ownTransaction.execute(status -> plan(loanId, true));
    if (plan.done() != null) {
      return plan.done();
    }
    if (plan.outcome() == Outcome.RENEWED) {
      return postAndBook(loanId, plan);
    }
    return notPosted(loanId, plan);
  }

  /**
   * What the posting is to do, read under the renewal's and the old loan's locks: answered already (renewed before),
   * post {@code amount}, or post nothing ({@code outcome} other than RENEWED). With {@code startPosting}, a posting
   * to make is recorded on the old loan as under way.
   */
  private record Plan(Result done, Outcome outcome, BigDecimal amount, BigDecimal dueAtMaturity, LoanAccount old,
      LedgerLine overdue, Instant postingSince, RenewalEligibilityTable.Answer noLongerEligible) {

    Plan(Result done, Outcome outcome, BigDecimal amount, BigDecimal dueAtMaturity, LoanAccount old, LedgerLine overdue,
        Instant postingSince) {
      this(done, outcome, amount, dueAtMaturity, old, overdue, postingSince, null);
    }
  }

  private Plan plan(String loanId, boolean startPosting) {
    LoanRenewal renewal = renewals.lock(loanId).orElseThrow();
    if (renewal.status() == RenewalStatus.RENEWED) {
      return new Plan(new Result(Outcome.RENEWED, loans.find(renewal.newLoanId()).orElseThrow(), renewal.renewedAmount()),
          null, null, null, null, null, null);
    }
    if (renewal.status() != RenewalStatus.SIGNED && renewal.status() != RenewalStatus.AMOUNT_REVIEW) {
      throw new IllegalStateException("Renewal of loan " + loanId + " is " + renewal.status() + ", not signed: nothing posted");
    }
    Optional<LocalDate> calledIn = loans.lock(loanId);
    LoanAccount old = loans.find(loanId).orElseThrow();
    List<LedgerLine> ledger = loans.ledger(loanId);
    // Before all: a loan called in is never renewed. Read with the loan's lock, which the call-in's acceleration takes
    // too: a call-in committed before is seen here; one still to come waits for this decision and then ends the renewal.
    if (calledIn.isPresent()) {
      return new Plan(null, Outcome.CALLED_IN, null, null, old, null, null);
    }
    // Before any money moves: the ledger renews exactly the principal due at maturity; a prepayment after
    // signing changed it, and a posting of the signed amount would lend what the ledger then refuses to book.
    BigDecimal dueAtMaturity = RenewalFactsService.principalDueAtMaturity(old, ledger);
    // Next, before the amount: the posting ran after the daily close of the maturity date had counted that principal
    // overdue: the loan was overdue at maturity (classified, maybe handed to collections) and is not renewed.
    Optional<LedgerLine> overdue = LedgerLine.overdueMaturityInstalment(ledger, old.maturityDate());
    if (overdue.isPresent()) {
      return new Plan(null, Outcome.MATURITY_OVERDUE, null, dueAtMaturity, old, overdue.get(), null);
    }
    BigDecimal amount = renewal.amountToRenew();
    if (dueAtMaturity.signum() == 0) {
      return new Plan(null, Outcome.PRINCIPAL_PREPAID, amount, dueAtMaturity, old, null, null);
    }
    // Before the amount and any money: the eligibility table again, with the loan as it stands now. The approval used
    // the loan as it stood then; a downgrade, an arrear or a warning signal under check since is not renewed.
    Optional<RenewalEligibilityTable.Answer> lapsed = recheck.noLongerEligible(renewal);
    if (lapsed.isPresent()) {
      return new Plan(null, Outcome.NO_LONGER_ELIGIBLE, amount, dueAtMaturity, old, null, null, lapsed.get());
    }
    if (needsAmountReview(dueAtMaturity, amount)) {
      return new Plan(null, Outcome.AMOUNT_CHANGED, amount, dueAtMaturity, old, null, null);
    }
    Instant since = startPosting ? loans.renewalPostingStarted(loanId, amount) : null;
    return new Plan(null, Outcome.RENEWED, amount, dueAtMaturity, old, null, since);
  }

  private Result postAndBook(String loanId, Plan plan) {
    CorePosting posting;
    try {
      posting = coreBanking.disburse(new DisbursementOrder(idempotencyKey(loanId), loanId, plan.old().borrowerName(),
          plan.old().creditCode(), "借新还旧:" + loanId, plan.amount()));
    } catch (RuntimeException e) {
      // Maybe posted all the same (an answer lost): the retry decides afresh and, posting nothing, asks core banking.
      // Only this run's own record ends: another run of the job (its lock expired while core banking was slow) may
      // have recorded its posting since, still under way.
      ownTransaction.executeWithoutResult(status -> loans.renewalPostingEnded(loanId, plan.postingSince()));
      throw e;
    }
    LoanRenewal renewal = renewals.lock(loanId).orElseThrow();
    if (renewal.status() == RenewalStatus.RENEWED) {
      // booked meanwhile by a concurrent run of the same posting (core banking answered both with one posting)
      return new Result(Outcome.RENEWED, loans.find(renewal.newLoanId()).orElseThrow(), renewal.renewedAmount());
    }
    if (renewal.status() != RenewalStatus.SIGNED && renewal.status() != RenewalStatus.AMOUNT_REVIEW) {
      // ended while core banking posted (the loan called in, say): money moved that nothing of ours books
      IllegalStateException needsOperator = new IllegalStateException("Loan " + loanId + ": core banking posted the renewal ("
          + posting.postingReference() + ", " + posting.amount().toPlainString() + " CNY) but the renewal became "
          + renewal.status() + " meanwhile: nothing booked, an operator books or reverses the posting");
      log.error("{}", needsOperator.getMessage());
      throw needsOperator;
    }
    boolean openedNow = loans.findRenewalOf(loanId).isEmpty();
    LoanAccount renewed = loans.renew(new RenewLoan(loanId, posting.amount(), posting.postingReference()));
    renewals.renewed(loanId, posting.postingReference(), renewed.loanId(), posting.amount(), renewal.maturityDate());
    if (openedNow) {
      runtimeService.createMessageCorrelation(LoanOriginationProcess.Messages.LOAN_DISBURSED)
          .processInstanceBusinessKey(renewed.loanId()).correlateStartMessage();
    }
    log.info("Loan {}: renewed by {} at maturity {} (posting {}{})", loanId, renewed.loanId(), renewal.maturityDate(),
        posting.postingReference(), posting.replayed() ? ", replayed" : "");
    return new Result(Outcome.RENEWED, renewed, plan.dueAtMaturity());
  }

  /**
   * Nothing is to be posted. Unless an earlier attempt of this job posted and lost its answer (its retry running after
   * the daily close counted the maturity overdue, or after a repayment reached the ledger): then money moved that
   * nothing of ours shows, and a person decides. Core banking is asked outside any lock; down, it throws and the job is
   * retried. Nothing booked: the answer is recorded as decided again under the locks, in the caller's transaction, and a
   * posting another run recorded as under way is ended unless that run may still be in flight ({@link
   * #endAnotherRunsRecord}).
   */
  private Result notPosted(String loanId, Plan plan) {
    Optional<CorePosting> posted = coreBanking.find(idempotencyKey(loanId));
    if (posted.isPresent()) {
      RuntimeException needsOperator = plan.outcome() == Outcome.CALLED_IN
          ? new IllegalStateException("Loan " + loanId + " was called in, but core banking booked its renewal's posting ("
              + posted.get().postingReference() + "): nothing written, an operator decides")
          : plan.outcome() == Outcome.NO_LONGER_ELIGIBLE
          ? new IllegalStateException("Loan " + loanId + " no longer meets renewal eligibility ("
              + plan.noLongerEligible().code() + "), but core banking booked its renewal's posting ("
              + posted.get().postingReference() + "): nothing written, an operator decides")
          : plan.outcome() == Outcome.MATURITY_OVERDUE
          ? new RenewalPostedWhileOverdueException(loanId, posted.get(), plan.old().maturityDate(), plan.overdue().number())
          : new RenewalPostedWhileAmountChangedException(loanId, posted.get(), plan.old().maturityDate(),
              plan.dueAtMaturity());
      log.error("{}", needsOperator.getMessage());
      throw needsOperator;
    }
    Plan now = plan(loanId, false);
    if (now.done() != null) {
      return now.done();
    }
    endAnotherRunsRecord(loanId);
    switch (now.outcome()) {
      case CALLED_IN -> {
        renewals.closed(loanId, RenewalStatus.CALLED_IN, clock.today());
        log.warn("Loan {}: called in (its ledger accelerated on {}) while its signed renewal went on: a called-in loan is "
            + "not renewed, nothing posted", loanId, loans.acceleratedOn(loanId).orElseThrow());
        return new Result(Outcome.CALLED_IN, null, null);
      }
      case MATURITY_OVERDUE -> {
        renewals.closed(loanId, RenewalStatus.MATURITY_OVERDUE, clock.today());
        log.warn("Loan {}: the daily close had already counted the maturity instalment due {} overdue when the renewal "
            + "posting ran on {}; a loan overdue at maturity is not renewed: nothing posted, the loan falls due as agreed",
            loanId, now.old().maturityDate(), clock.today());
        return new Result(Outcome.MATURITY_OVERDUE, null, now.dueAtMaturity());
      }
      case NO_LONGER_ELIGIBLE -> {
        renewals.declinedAtMaturity(loanId, RenewalEligibilityRecheck.internalReason(now.noLongerEligible()),
            CustomerReason.OVERALL_ASSESSMENT.name(), clock.today());
        log.warn("Loan {}: no longer eligible for renewal at maturity {} ({}): the signed renewal is declined, nothing "
            + "posted, the loan falls due as agreed", loanId, now.old().maturityDate(), now.noLongerEligible().code());
        return new Result(Outcome.NO_LONGER_ELIGIBLE, null, now.dueAtMaturity());
      }
      case PRINCIPAL_PREPAID -> {
        renewals.principalPrepaid(loanId, clock.today());
        log.info("Loan {}: all principal due at maturity {} prepaid after signing; nothing to renew, nothing posted", loanId,
            now.old().maturityDate());
        return new Result(Outcome.PRINCIPAL_PREPAID, null, now.dueAtMaturity());
      }
      case AMOUNT_CHANGED -> {
        renewals.amountChanged(loanId, now.dueAtMaturity());
        log.info("Loan {}: owes {} CNY principal at maturity, not the {} CNY to renew: nothing posted, 复核续贷金额 decides",
            loanId, now.dueAtMaturity().toPlainString(), now.amount().toPlainString());
        return new Result(Outcome.AMOUNT_CHANGED, null, now.dueAtMaturity());
      }
      default -> throw new IllegalStateException("Renewal of loan " + loanId + " became postable while core banking was "
          + "asked what it booked: nothing recorded, the job is retried");
    }
  }

  /**
   * This run posts nothing and recorded nothing, so a posting still recorded as under way is another run's. One that
   * died is ended: its job ran again only once its lock had run out, so the record is at least a lock time old (core
   * banking, just asked, booked nothing under the key). A younger one's run may still be waiting for core banking (say
   * its job was queued before it ran, and this run took the job over when the lock ran out): its posting may yet land,
   * so nothing is decided now; this throws and the job is retried after its retry delay (10 minutes, more than the lock
   * time), by when that run has booked the renewal or the record is old enough to end.
   */
  private void endAnotherRunsRecord(String loanId) {
    Optional<LoanAccountService.RenewalPostingUnderWay> record = loans.renewalPostingUnderWay(loanId);
    if (record.isEmpty()) {
      return;
    }
    Instant endableFrom = lockTime.endableFrom(record.get());
    if (clock.now().isBefore(endableFrom)) {
      throw new IllegalStateException("Loan " + loanId + ": another run of the renewal posting recorded its posting of "
          + record.get().principal().toPlainString() + " CNY as under way at " + record.get().since() + ", less than the job"
          + " lock time " + lockTime.duration() + " ago, and may still be waiting for core banking; nothing decided, the job is retried"
          + " (the record may be ended from " + endableFrom + ")");
    }
    loans.renewalPostingEnded(loanId, record.get().since());
  }

  /**
   * The one rule both the check before maturity and the posting apply: a principal due at maturity that is not zero
   * (all of it prepaid: nothing to renew) and not the amount to renew (a prepayment since signing changed it) is
   * renewed only after 复核续贷金额.
   */
  private static boolean needsAmountReview(BigDecimal dueAtMaturity, BigDecimal amountToRenew) {
    return dueAtMaturity.signum() != 0 && dueAtMaturity.compareTo(amountToRenew) != 0;
  }
}
