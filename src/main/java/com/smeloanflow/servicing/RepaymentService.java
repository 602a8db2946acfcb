package com.smeloanflow.servicing;

import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.platform.ChineseDates;
import com.smeloanflow.platform.ContentHash;
import com.smeloanflow.processing.InternalDefaultRepository;
import com.smeloanflow.processing.source.InternalDefault;
import com.smeloanflow.processing.source.InternalDefaultStatus;
import com.smeloanflow.platform.FieldViolation;
import com.smeloanflow.platform.InputHygiene;
import com.smeloanflow.platform.InvalidFieldsException;
import com.smeloanflow.platform.StateConflictException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The repayment feed of core banking: applies each repayment once, in the product's allocation
 * order, and takes back a reversed one (not a repayment made before a write-off: {@link #reverse}). Money received
 * for a written-off loan is booked as a recovery (核销后收回) of the write-off's claim ({@link #receive}).
 *
 * <p>Safe to repeat: the transaction id is core banking's idempotency key, in any case and over all loans
 * ({@link #stored}): one bank transaction is credited to one loan once. The same id with the
 * same loan, amount and value date answers with the repayment already applied; with anything else (another loan too)
 * it is refused (409). Repayments of one loan apply one at a time (the loan's row is locked), so
 * concurrent replays store one repayment. Bad input is refused before anything is stored. A reversal mails the
 * borrower (queued in the outbox with the reversal, so a mail outage never holds it up); a reversal reported again
 * answers with the first and mails nothing.
 */
@Service
public class RepaymentService {

  private static final Logger log = LoggerFactory.getLogger(RepaymentService.class);
  private static final Pattern TRANSACTION_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

  private final LedgerRepository ledger;
  private final RepaymentRepository repayments;
  private final AllocationRules rules;
  private final BusinessClock clock;
  private final ObjectProvider<ArrearsListener> listeners;
  private final ObjectProvider<LoanLifecycleListener> lifecycle;
  private final InternalDefaultRepository defaults;
  private final RecoveryRepository recoveries;
  private final PenaltyInterest penalty;
  /** The daily close's statements (the one bean): a reversal restates days past due and the floor with them. */
  private final LedgerCloseStatements closeStatements;
  private final RepaymentAllocator allocator = new RepaymentAllocator();
  /** A repayment's row is inserted in a savepoint: refused by the key of a report that raced it, the ledger reads on. */
  private final TransactionTemplate savepoint;

  // The listeners (collections) use this service too: looked up when a repayment clears arrears or is reversed.

  public RepaymentService(LedgerRepository ledger, RepaymentRepository repayments, AllocationRules rules,
      BusinessClock clock, ObjectProvider<ArrearsListener> listeners, ObjectProvider<LoanLifecycleListener> lifecycle,
      InternalDefaultRepository defaults, RecoveryRepository recoveries, PenaltyInterest penalty,
      LedgerCloseStatements closeStatements, PlatformTransactionManager transactionManager) {
    this.savepoint = new TransactionTemplate(transactionManager);
    this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    this.defaults = defaults;
    this.closeStatements = closeStatements;
    this.penalty = penalty;
    this.recoveries = recoveries;
    this.ledger = ledger;
    this.repayments = repayments;
    this.rules = rules;
    this.clock = clock;
    this.listeners = listeners;
    this.lifecycle = lifecycle;
  }

  /** A repayment as applied, and whether this call only answered an earlier report of it. */
  public record Receipt(StoredRepayment repayment, boolean replayed) {}

  /**
   * Applies a repayment core banking debited, once per transaction id.
   *
   * <p>As of its value date, also when daily closes of that date or later ran before core banking reported it
   * ({@link BackValuation}): the penalty interest those closes charged is not owed on the value date, an instalment due
   * on it or later is the current one, and the amount is held to the value date's payoff amount. What the closes charged
   * on the principal it paid is reversed by an entry of its own ({@link PenaltyReversal}, {@code penalty_reversal});
   * money paid on the due date D and reported after D's close owes no penalty interest and clears the arrears.
   *
   * <p>On a written-off loan (核销, 账销案存) the money is a <b>recovery</b> (核销后收回): the loan stays written off (a
   * recovery never reopens it, nor restarts collections or monitoring) and the money pays the write-off's claim
   * ({@link WrittenOffClaim}): the principal written off first, then the interest that had fallen due and was unpaid at
   * the write-off, then the penalty interest then accrued and unpaid; the instalments stay as they were written off. A
   * recovery is refused, nothing written, when its value date is before the write-off's business date (400
   * {@code valueDate} {@code BEFORE_WRITE_OFF}, naming the date: money received before the write-off was a repayment of
   * the loan, and the write-off was approved without it) or its amount is above the claim remaining (400 {@code amount}
   * {@code EXCEEDS_CLAIM}, naming it). The same transaction id answers the same way as for any repayment. A recovery
   * that leaves nothing of the claim records the enterprise's default in the bank's default database as repaid
   * (SETTLED instead of WRITTEN_OFF: still a default, scored as one repaid) and mails the borrower that the debt is
   * repaid; a partial recovery mails nothing, as a partial repayment of an overdue loan.
   *
   * @throws InvalidFieldsException  bad input (400), naming each field; also an amount above the payoff amount (or, for
   *     a written-off loan, the claim remaining) and a value date before the write-off
   * @throws LoanNotFoundException   no such loan (404)
   * @throws StateConflictException  the transaction id was used for another repayment (409 {@code TRANSACTION_ID_REUSED},
   *     naming the first report), the loan is settled (409 {@code LOAN_SETTLED}), or it would change the principal due at
   *     maturity while a renewal posting is under way (409 {@code RENEWAL_POSTING})
   */
  @Transactional
  public Receipt receive(ReceiveRepayment command) {
    List<FieldViolation> violations = violations(command);
    if (!violations.isEmpty()) {
      throw new InvalidFieldsException(violations, "还款信息有误: " + violations.stream().map(FieldViolation::field).toList());
    }
    LedgerRepository.LockedLoan loan = ledger.lock(command.loanId()).orElseThrow(() -> new LoanNotFoundException(command.loanId()));
    BigDecimal amount = command.amount().setScale(2, RoundingMode.UNNECESSARY);
    String hash = hash(command.loanId(), amount, command.valueDate());
    var earlier = stored(command.loanId(), command.transactionId());
    if (earlier.isPresent()) {
      return replay(earlier.get(), hash, command);
    }
    if (loan.status().equals(LoanAccount.WRITTEN_OFF)) {
      return recover(command, amount, hash);
    }
    if (!loan.status().equals(LoanAccount.ACTIVE)) {
      throw new StateConflictException("[LOAN_SETTLED] 借据 " + command.loanId() + " 已结清 (" + loan.status()
          + "), 不再入账还款 (loanId)");
    }
    if (command.valueDate().isBefore(loan.disbursedOn())) {
      // Money cannot repay a loan before it was paid out; taken as given, it would settle the loan without the
      // interest of its first period (a period not yet begun owes none).
      throw new InvalidFieldsException(List.of(new FieldViolation("valueDate", "BEFORE_DISBURSEMENT",
          "起息日不能早于放款日 (" + ChineseDates.day(loan.disbursedOn()) + ")")), "还款起息日早于放款日" + ChineseDates.day(loan.disbursedOn()));
    }
    // Applied as of its value date: penalty interest and overdue marks of daily closes of that date or later undone
    BackValuation asOf = backValuation(command.loanId(), loan.annualRatePercent(), command.valueDate());
    List<LedgerLine> lines = asOf.asOfValueDate();
    BigDecimal payoff = RepaymentAllocator.payoffAmount(lines, command.valueDate());
    // A renewal posting under way repays the principal due at maturity: taken as repaid, as once the renewal is booked
    BigDecimal renewing = loan.renewalPosting() == null ? BigDecimal.ZERO
        : loan.renewalPosting().min(LedgerLine.principalDueAtMaturity(lines, loan.maturityDate()));
    payoff = payoff.subtract(renewing);
    if (amount.compareTo(payoff) > 0) {
      String renewal = renewing.signum() == 0 ? "" : " (到期本金 " + renewing.toPlainString() + " 元正由续贷归还)";
      throw new InvalidFieldsException(List.of(new FieldViolation("amount", "EXCEEDS_PAYOFF",
          "超过结清金额 " + payoff.toPlainString() + " 元" + renewal + ", 多付部分不予入账")),
          "还款金额超过结清金额 " + payoff.toPlainString() + " 元" + renewal);
    }
    AllocationRule rule = rules.forLoan(loan);
    Allocation allocation = allocator.allocate(lines, new RepaymentAllocator.Terms(loan.annualRatePercent(), loan.method(),
        loan.acceleratedOn()),
        command.valueDate(), amount, rule);
    List<PenaltyReversal> penaltyReversed = List.of();
    if (asOf.backValued()) {
      allocation = asOf.settle(allocation);
      penaltyReversed = asOf.reversals(allocation.after());
    }
    refuseIfRenewalPrincipalChanges(loan, lines, allocation.after(), "本笔还款");
    Allocation applied = allocation;
    insertOnce(command.transactionId(), () -> repayments.insert(command.transactionId(), command.loanId(), amount,
        command.valueDate(), hash, applied, command.receivedBy(), clock.now()));
    ledger.save(command.loanId(), allocation.after());
    ledger.reversePenalty(command.loanId(), command.transactionId(), penaltyReversed);
    log.info("Loan {}: repayment {} of {} CNY (value date {}) applied: {}{}{}{}", command.loanId(), command.transactionId(),
        amount.toPlainString(), command.valueDate(), allocation.lines().size() + " allocation lines",
        allocation.scheduleRecomputed() ? ", " + allocation.prepaidPrincipal().toPlainString() + " CNY prepaid, schedule recomputed" : "",
        penaltyReversed.isEmpty() ? "" : ", back-valued: " + penaltyReversed.stream().map(PenaltyReversal::amount)
            .reduce(BigDecimal::add).orElseThrow().toPlainString() + " CNY penalty interest charged since the value date reversed",
        allocation.arrearsCleared() ? ", arrears cleared" : "");
    if (allocation.arrearsCleared()) {
      listeners.orderedStream().forEach(l -> l.arrearsCleared(command.loanId(), command.transactionId(), command.valueDate()));
    }
    return new Receipt(repayments.find(command.transactionId()).orElseThrow(), false);
  }

  /**
   * While a renewal posting is under way (core banking lending the new loan into the repayment of the principal due at
   * maturity, {@link LoanAccountService#renewalPostingStarted}), nothing may change that principal: the renewal would
   * lend what the ledger no longer owes, or too little. A repayment or reversal that would is refused (409
   * {@code RENEWAL_POSTING}, nothing written; core banking reports it again once the renewal is booked), one that
   * leaves it alone (the maturity instalment's interest, say) is booked at once.
   */
  private static void refuseIfRenewalPrincipalChanges(LedgerRepository.LockedLoan loan, List<LedgerLine> before,
      List<LedgerLine> after, String what) {
    if (loan.renewalPosting() == null) {
      return;
    }
    BigDecimal atMaturity = LedgerLine.principalDueAtMaturity(before, loan.maturityDate());
    if (LedgerLine.principalDueAtMaturity(after, loan.maturityDate()).compareTo(atMaturity) != 0) {
      throw new StateConflictException("[RENEWAL_POSTING] 借据 " + loan.loanId() + " 正在办理续贷转贷入账 (到期本金 "
          + atMaturity.toPlainString() + " 元由新借据归还), " + what + "将改变到期应还本金, 暂不入账, 请续贷入账完成后重新报送"
          + " (a renewal posting of the loan is under way; the principal due at maturity may not change until it is booked)");
    }
  }

  /** Books money received for a written-off loan as a recovery of its claim (the loan's row is locked). */
  private Receipt recover(ReceiveRepayment command, BigDecimal amount, String hash) {
    String loanId = command.loanId();
    WrittenOffClaim claim = recoveries.claim(loanId).orElseThrow();
    if (command.valueDate().isBefore(claim.writtenOffOn())) {
      throw new InvalidFieldsException(List.of(new FieldViolation("valueDate", "BEFORE_WRITE_OFF",
          "借据已于" + ChineseDates.day(claim.writtenOffOn()) + "核销, 核销后收回的起息日不能早于核销日")),
          "核销后收回的起息日早于核销日" + ChineseDates.day(claim.writtenOffOn()));
    }
    if (amount.compareTo(claim.remaining()) > 0) {
      WrittenOffClaim.Split owed = claim.remainingParts();
      throw new InvalidFieldsException(List.of(new FieldViolation("amount", "EXCEEDS_CLAIM",
          "超过核销后尚欠金额 " + claim.remaining().toPlainString() + " 元 (本金 " + owed.principal().toPlainString()
              + " 元, 利息 " + owed.interest().toPlainString() + " 元, 罚息 " + owed.penalty().toPlainString()
              + " 元), 多付部分不予入账")), "核销后收回金额超过尚欠金额 " + claim.remaining().toPlainString() + " 元");
    }
    WrittenOffClaim.Split split = claim.allocate(amount);
    insertOnce(command.transactionId(), () -> repayments.insertRecovery(command.transactionId(), loanId, amount,
        command.valueDate(), hash, command.receivedBy(), clock.now()));
    recoveries.insert(command.transactionId(), loanId, split);
    recoveries.addRecovered(loanId, split);
    BigDecimal remaining = claim.remaining().subtract(amount);
    boolean repaid = remaining.signum() == 0;
    if (repaid) {
      // the written-off default is repaid: the default database keeps it as a default, repaid
      writtenOffDefault(loanId, claim).ifPresent(d -> {
        defaults.withdraw(d.creditCode(), d.writtenOff());
        defaults.record(d.creditCode(), d.repaid(), clock.now());
      });
    }
    log.info("Loan {}: recovery {} of {} CNY after the write-off of {} (value date {}): principal {}, interest {},"
            + " penalty {}; recovered {} of {} CNY, {} CNY of the claim remain{}", loanId, command.transactionId(),
        amount.toPlainString(), claim.writtenOffOn(), command.valueDate(), split.principal().toPlainString(),
        split.interest().toPlainString(), split.penalty().toPlainString(), claim.recovered().add(amount).toPlainString(),
        claim.claim().toPlainString(), remaining.toPlainString(), repaid ? " (claim repaid in full)" : "");
    listeners.orderedStream().forEach(l -> l.recovered(loanId, command.transactionId(), repaid));
    return new Receipt(repayments.find(command.transactionId()).orElseThrow(), false);
  }

  /**
   * Stores a repayment's (or recovery's) row, once per bank transaction: its id in any case is one key over all loans
   * ({@code transaction_key}, V156). Only a report of the id for another loan can race past the loan's lock; the one
   * that stores second is refused (409 {@code TRANSACTION_ID_REUSED}) naming the loan the first credited, read after the
   * savepoint its insert was rolled back to (the database waited for the first to commit).
   */
  private void insertOnce(String transactionId, Runnable insert) {
    try {
      savepoint.executeWithoutResult(status -> insert.run());
    } catch (DuplicateKeyException e) {
      throw transactionIdReused(transactionId, repayments.findByKey(transactionId).orElse(null));
    }
  }

  /** The default the write-off recorded in the bank's default database, as the write-off recorded it. */
  private record WrittenOffDefault(String creditCode, InternalDefault writtenOff) {

    InternalDefault repaid() {
      return new InternalDefault(writtenOff.defaultDate(), writtenOff.amount(),
          InternalDefaultStatus.SETTLED);
    }
  }

  private Optional<WrittenOffDefault> writtenOffDefault(String loanId, WrittenOffClaim claim) {
    LoanStanding standing = ledger.standing(loanId).orElseThrow();
    return ledger.creditCode(loanId).map(code -> new WrittenOffDefault(code,
        LoanAccountService.writtenOffDefault(standing.defaultedOn(), claim.writtenOffOn(), claim.principal())));
  }

  /** Takes back a bounced recovery: what it paid of the claim is owed again; the loan stays written off. */
  private Receipt reverseRecovery(ReverseRepayment command, StoredRepayment recovery) {
    String loanId = command.loanId();
    WrittenOffClaim claim = recoveries.claim(loanId).orElseThrow();
    recoveries.addRecovered(loanId, RecoveryRepository.negated(recovery.recoverySplit()));
    repayments.markReversed(command.transactionId(), command.reason().trim(), command.reversedBy(), clock.now());
    if (claim.remaining().signum() == 0) {
      // the claim was repaid in full and is owed again: the default database keeps the write-off again
      writtenOffDefault(loanId, claim).ifPresent(d -> {
        defaults.withdraw(d.creditCode(), d.repaid());
        defaults.record(d.creditCode(), d.writtenOff(), clock.now());
      });
    }
    listeners.orderedStream().forEach(l -> l.recoveryReversed(loanId, command.transactionId()));
    log.info("Loan {}: recovery {} of {} CNY reversed by {} ({}): {} CNY of the write-off's claim remain", loanId,
        command.transactionId(), recovery.amount().toPlainString(), command.reversedBy(), command.reason().trim(),
        claim.remaining().add(recovery.amount()).toPlainString());
    return new Receipt(repayments.find(command.transactionId()).orElseThrow(), false);
  }

  /**
   * Takes back what a bounced repayment paid: it is owed again, a settled loan is active again, and the penalty interest
   * of the days closes took it as paid is charged at once ({@link #chargeDaysTheClosesTookAsPaid}; each charge an entry
   * naming the reversed repayment and the reversal's business date, which the daily close of that date reports); days
   * past due, the default date and the regulatory floor are restated at once as of the last close that covered the loan
   * ({@link #restateDaysPastDue}), not left at what that close saw until the next one. A close still running counts once
   * its ledger step has passed the loan ({@link LedgerRepository#lastLedgerStepCovering}): it does not come back to it. Of a called-in loan,
   * what it puts back is accelerated again ({@link RepaymentAllocator#reverse(List, List, List,
   * RepaymentAllocator.Terms, LocalDate, LocalDate)}): a repayment made before the call-in does not bring back the
   * monthly due dates or the interest of periods after the repay-by date.
   *
   * <p>A recovery of a written-off loan (核销后收回, see {@link #receive}) is reversed too: what it paid of the claim is
   * owed again (the claim remaining grows by it), the loan stays written off, a claim it had repaid in full is
   * recorded as written off again in the default database, and the borrower is mailed that the payment bounced and
   * what is still owed; reported again, it is answered with the first.
   *
   * <p>A written-off loan (核销) stays written off, and its repayments made before the write-off are not reversed here: the write-off was
   * approved for what the loan then owed (its claim, {@link WrittenOffClaim}: the principal then outstanding,
   * {@code written_off_principal}, also the default database's figure, and the interest and penalty interest unpaid),
   * so a repayment taken back after it would make what it paid owed on the loan again while the write-off still says
   * the loan's debt is written off — the books would hold it twice. Such a reversal is refused (409
   * {@code LOAN_WRITTEN_OFF}, naming the loan, the write-off and what it paid of 本金, 利息 and 罚息, which it would make
   * owed again) and
   * nothing is written: the write-off has to be corrected by the bank first, outside this feed. A reversal made before
   * the write-off and reported again after it is answered with the first, as any repeated reversal.
   *
   * @throws InvalidFieldsException  bad input (400)
   * @throws LoanNotFoundException   no such loan, or no such repayment of it (404)
   * @throws StateConflictException  the loan is written off and this is a repayment made before the write-off (409
   *     {@code LOAN_WRITTEN_OFF}), a later repayment still rests on the schedule this one's prepayment recomputed (409
   *     {@code LATER_REPAYMENT_POSTED}), or the reversal would change the principal due at maturity while a renewal
   *     posting is under way (409 {@code RENEWAL_POSTING})
   */
  @Transactional
  public Receipt reverse(ReverseRepayment reported) {
    List<FieldViolation> violations = new ArrayList<>();
    if (reported.reason() == null || reported.reason().isBlank() || reported.reason().length() > 200) {
      violations.add(new FieldViolation("reason", "REQUIRED", "请填写冲正原因 (1-200 字)"));
    } else {
      InputHygiene.singleLine("reason", reported.reason()).ifPresent(violations::add);
    }
    if (!violations.isEmpty()) {
      throw new InvalidFieldsException(violations, "冲正信息有误");
    }
    LedgerRepository.LockedLoan loan = ledger.lock(reported.loanId())
        .orElseThrow(() -> new LoanNotFoundException(reported.loanId()));
    StoredRepayment repayment = stored(reported.loanId(), reported.transactionId())
        .filter(r -> r.loanId().equals(reported.loanId()))
        .orElseThrow(() -> LoanNotFoundException.noRepayment(reported.loanId(), reported.transactionId()));
    // the id as stored from here on (as first reported; core banking may write it in another case)
    ReverseRepayment command = new ReverseRepayment(reported.loanId(), repayment.transactionId(), reported.reason(),
        reported.reversedBy());
    if (repayment.reversed()) {
      return new Receipt(repayment, true);
    }
    if (repayment.recovery()) {
      return reverseRecovery(command, repayment);
    }
    if (LoanAccount.WRITTEN_OFF.equals(loan.status())) {
      throw writtenOff(repayment);
    }
    if (repayment.scheduleRecomputed() && repayments.postedAfter(command.loanId(), repayment.sequenceNo())) {
      throw new StateConflictException("[LATER_REPAYMENT_POSTED] 还款 " + command.transactionId() + " 提前归还了本金并重算了"
          + "还款计划, 其后入账的还款是按重算后的计划分配的: 须先冲正其后的还款, 再冲正这一笔 (transactionId)");
    }
    List<LedgerLine> before = ledger.lines(command.loanId());
    // a called-in loan's lines as they were before a repayment made ahead of the call-in are accelerated again
    List<LedgerLine> after = allocator.reverse(before, repayment.allocations(),
        repayments.scheduleBefore(command.transactionId()), new RepaymentAllocator.Terms(loan.annualRatePercent(),
            loan.method(), loan.acceleratedOn()), loan.disbursedOn(), clock.today());
    refuseIfRenewalPrincipalChanges(loan, before, after, "本笔冲正");
    if (loan.acceleratedOn() != null) {
      ledger.saveWithDueDates(command.loanId(), after);
    } else {
      ledger.save(command.loanId(), after);
    }
    // what a back-valued repayment reversed of the penalty interest is charged again
    ledger.takeBackPenaltyReversal(command.loanId(), command.transactionId());
    boolean reopened = ledger.reopen(command.loanId());
    // the last business date a close covered the loan (none before its first close, which counts what follows itself),
    // also one whose close is still running past the loan (handing loans to collections): it does not come back to it
    LocalDate closedThrough = Stream.of(ledger.standing(command.loanId()).map(LoanStanding::lastClosedOn),
            ledger.lastLedgerStepCovering(command.loanId()))
        .flatMap(Optional::stream).max(LocalDate::compareTo).orElse(null);
    // and the days the closes ran while it counted as paid, at once: owed by money received from today on
    if (closedThrough != null) {
      chargeDaysTheClosesTookAsPaid(command.loanId(), loan.annualRatePercent(), repayment, principalOwedAgain(before, after),
          closedThrough);
    }
    repayments.markReversed(command.transactionId(), command.reason().trim(), command.reversedBy(), clock.now());
    // Heard in this transaction (servicing's ReversalNotice queues the borrower's mail); a reversal reported again is
    // answered above and calls nobody.
    listeners.orderedStream().forEach(l -> l.repaymentReversed(command.loanId(), command.transactionId(), reopened));
    if (reopened) {
      // a default the settlement recorded as repaid is owed again
      ledger.defaulted(command.loanId()).ifPresent(d -> defaults.withdraw(d.creditCode(), d.settled()));
      lifecycle.orderedStream().forEach(l -> l.reopened(command.loanId(), clock.today())); // monitoring starts again
    }
    // overdue again now, not at the next close: what the loan view, collections and monitoring read (a reopened loan's
    // monitoring, started again above, hears the floor's change)
    if (closedThrough != null && overdueAgain(before, after)) {
      restateDaysPastDue(command.loanId(), closedThrough);
    }
    log.info("Loan {}: repayment {} of {} CNY reversed by {} ({}): what it paid is owed again{}", command.loanId(),
        command.transactionId(), repayment.amount().toPlainString(), command.reversedBy(), command.reason().trim(),
        reopened ? ", the settled loan is active again" : "");
    return new Receipt(repayments.find(command.transactionId()).orElseThrow(), false);
  }

  /**
   * Charges the penalty interest a reversal of {@code reversed} makes owed for days daily closes have already run, as
   * nightly closes would have charged it had the money never come ({@link LedgerCloseStatements}: one day on the
   * principal owed, times the days):
   * <ul>
   *   <li>an instalment it made overdue again was taken as paid by the closes since, which charged it nothing: each day
   *       no close charged, from its due date (or the day after the last one charged) through the last business date a
   *       close covered the loan, is charged now, and {@code penalty_accrued_through} moves to that date, so no close
   *       charges it again;</li>
   *   <li>one whose principal it lowered was charged by those closes (from its value date or the due date, and only
   *       closes started after it was booked: a close of an earlier start charged the principal before it, and what a
   *       back-valuation of it reversed of that {@link LedgerRepository#takeBackPenaltyReversal} put back) on the
   *       principal it left: paid in part, or recomputed lower by its prepayment and fallen due since. The difference to
   *       the principal owed again ({@code principalOwedAgain}) is charged for those days.</li>
   * </ul>
   * Without it, money paid before the next close (the payoff amount or the arrears the reversal mail quotes) would repay
   * the loan without those days, and no close would ever charge them. Each instalment's charge is an entry of its own
   * naming the days it covers, one range (the first, then the second kind above), which the reversed repayment shows
   * ({@link ReversalPenaltyCharge}).
   */
  private void chargeDaysTheClosesTookAsPaid(String loanId, BigDecimal annualRatePercent, StoredRepayment reversed,
      Map<Integer, BigDecimal> principalOwedAgain, LocalDate closedThrough) {
    // the first business date whose close started after the repayment was booked (and charged what it left)
    LocalDate closedAfterIt = ledger.lastCloseStartedBy(loanId, reversed.receivedAt()).map(day -> day.plusDays(1))
        .orElse(LocalDate.MIN);
    LedgerRepository.LinesAndPenaltyAccrual now = ledger.linesAndPenaltyAccrual(loanId);
    for (LedgerLine line : now.lines()) {
      LocalDate charged = now.penaltyAccruedThrough().get(line.number());
      BigDecimal oneDay = penalty.forOneDay(line.principalDue(), annualRatePercent);
      BigDecimal owed = LedgerLine.ZERO;
      // the days charged, one range: those closes charged on the principal it left, then those no close charged
      LocalDate from = null;
      LocalDate through = charged;
      BigDecimal owedAgain = principalOwedAgain.getOrDefault(line.number(), BigDecimal.ZERO);
      if (charged != null && owedAgain.signum() > 0 && line.status() == InstalmentStatus.OVERDUE) {
        LocalDate chargedLess = Stream.of(reversed.valueDate(), line.dueDate(), closedAfterIt)
            .max(LocalDate::compareTo).orElseThrow();
        if (!chargedLess.isAfter(charged)) {
          BigDecimal chargedADay = penalty.forOneDay(line.principalDue().subtract(owedAgain).max(BigDecimal.ZERO),
              annualRatePercent);
          BigDecimal more = oneDay.subtract(chargedADay).max(BigDecimal.ZERO)
              .multiply(BigDecimal.valueOf(ChronoUnit.DAYS.between(chargedLess, charged) + 1));
          if (more.signum() > 0) {
            owed = owed.add(more);
            from = chargedLess;
          }
        }
      }
      int days = PenaltyInterest.daysNotCharged(line, charged, closedThrough);
      if (days > 0) {
        owed = owed.add(oneDay.multiply(BigDecimal.valueOf(days)));
        if (from == null) {
          from = closedThrough.minusDays(days - 1);
        }
        through = closedThrough;
      }
      if (owed.signum() > 0) {
        ledger.chargePenaltyOnReversal(loanId, reversed.transactionId(), line.number(), owed, from, through,
            clock.today());
      }
    }
  }

  /**
   * Days past due, the default date and the regulatory floor (关注 and worse) of the loan as of the last business date a
   * daily close covered it, by the close's own statements ({@link LedgerCloseStatements#restate}), after a reversal made
   * it past due again (or older past due): 5 days past due and 关注 right after a reversal on D + 5 of the repayment that
   * cured an instalment due D, closes run through D + 4 — not 0 and 正常 until the next close. A floor that moves is
   * recorded in the history as the reversal's ({@link ClassificationChange#REVERSAL}, of that business date: the close's
   * own row of it stays as the close saw the loan) and told to monitoring, as the close tells it. Only when the reversal
   * made an instalment overdue again ({@link #overdueAgain}): a reversal that leaves what is overdue as it was changes
   * no days past due, and a cure by another repayment since the close stays the next close's to record. Nothing before
   * the loan's first close: that close counts the days.
   */
  private void restateDaysPastDue(String loanId, LocalDate closedThrough) {
    closeStatements.restate(loanId, closedThrough).ifPresent(change -> {
      ledger.recordClassificationChange(loanId, closedThrough, ClassificationChange.REVERSAL, change.floor(),
          change.previousFloor(), change.daysPastDue(), Classification.floorReason(change.daysPastDue()), clock.now());
      log.info("Loan {}: a reversal restated it {} days past due as of {}, floor {} -> {}", loanId, change.daysPastDue(),
          closedThrough, change.previousFloor(), change.floor());
      lifecycle.orderedStream().forEach(l -> l.floorChanged(closedThrough, List.of(change)));
    });
  }

  /** Whether the reversal made an instalment overdue that was not before it (paid, or not yet due). */
  private static boolean overdueAgain(List<LedgerLine> before, List<LedgerLine> after) {
    Set<Integer> overdueBefore = new HashSet<>();
    before.stream().filter(line -> line.status() == InstalmentStatus.OVERDUE).forEach(line -> overdueBefore.add(line.number()));
    return after.stream().anyMatch(line -> line.status() == InstalmentStatus.OVERDUE && !overdueBefore.contains(line.number()));
  }

  /** By instalment, the principal a reversal makes owed again: what it owes after it ({@code after}) more than before. */
  private static Map<Integer, BigDecimal> principalOwedAgain(List<LedgerLine> before, List<LedgerLine> after) {
    Map<Integer, BigDecimal> owedBefore = new HashMap<>();
    before.forEach(line -> owedBefore.put(line.number(), line.principalDue()));
    Map<Integer, BigDecimal> owedAgain = new HashMap<>();
    for (LedgerLine line : after) {
      BigDecimal more = line.principalDue().subtract(owedBefore.getOrDefault(line.number(), line.principalDue()));
      if (more.signum() > 0) {
        owedAgain.put(line.number(), more);
      }
    }
    return owedAgain;
  }

  private StateConflictException writtenOff(StoredRepayment repayment) {
    LoanStanding standing = ledger.standing(repayment.loanId()).orElseThrow();
    String paid = AllocationLine.inWords(AllocationLine.paidByPart(repayment.allocations()));
    log.warn("Loan {}: reversal of repayment {} refused, the loan was written off on {} with {} CNY principal",
        repayment.loanId(), repayment.transactionId(), standing.closedOn(), standing.writtenOffPrincipal());
    return new StateConflictException("[LOAN_WRITTEN_OFF] 借据 " + repayment.loanId() + " 已于" + ChineseDates.day(standing.closedOn())
        + "核销 (核销本金 " + standing.writtenOffPrincipal().toPlainString() + " 元), 不能冲正其核销前的还款 "
        + repayment.transactionId() + ": 冲正将使其归还的" + paid + "重新计为借据欠款, 而核销时确定的欠款 (核销本金及未还利息、罚息)"
        + "不变, 账务不符; 须先由资产保全部门调整核销 (transactionId)");
  }

  /** A repayment by its transaction id. */
  public Optional<StoredRepayment> find(String transactionId) {
    return repayments.find(transactionId);
  }

  /**
   * The repayment stored under {@code transactionId} in any case, of this loan or another: bank transaction ids are
   * letters, digits, {@code -} and {@code _}, unique in the bank, whose case carries no meaning, so {@code tx-001} and
   * {@code TX-001} are one bank transaction reported twice (a feed re-keyed by hand), credited once and kept as first
   * reported; reported for another loan (a core-banking fault, a channel's retry with the wrong loan id), it is the
   * first loan's ({@link #replay} refuses it, naming that loan). The exact id first, then the loan's own rows (a row
   * V156 found reusing an earlier row's id in another case has a key of its own), then the key over all loans.
   * Repayments of one loan apply one at a time under its row lock; two reports of one id for two loans at once are
   * told apart by the key's unique index ({@link #insertOnce}).
   */
  private Optional<StoredRepayment> stored(String loanId, String transactionId) {
    return repayments.find(transactionId).or(() -> repayments.findInAnyCase(loanId, transactionId))
        .or(() -> repayments.findByKey(transactionId));
  }

  /** What the loan received in repayments reported after {@code since} and not reversed. */
  public BigDecimal receivedSince(String loanId, Instant since) {
    return repayments.receivedSince(loanId, since);
  }

  /** The loan's repayments in the order they were applied (not the recoveries after a write-off). */
  public List<StoredRepayment> ofLoan(String loanId) {
    return repayments.ofLoan(loanId, StoredRepayment.REPAYMENT);
  }

  /** What was received for the loan after it was written off (核销后收回), in the order it was booked. */
  public List<StoredRepayment> recoveriesOf(String loanId) {
    return repayments.ofLoan(loanId, StoredRepayment.RECOVERY);
  }

  /** The written-off loan's claim and what was recovered of it; empty unless written off. */
  public Optional<WrittenOffClaim> claim(String loanId) {
    return recoveries.claim(loanId);
  }

  /** Everything it takes to settle the loan on {@code valueDate}. */
  public BigDecimal payoffAmount(String loanId, LocalDate valueDate) {
    BigDecimal rate = ledger.annualRatePercent(loanId).orElseThrow(() -> new LoanNotFoundException(loanId));
    return RepaymentAllocator.payoffAmount(backValuation(loanId, rate, valueDate).asOfValueDate(), valueDate);
  }

  /** The loan's ledger as of {@code valueDate}, undoing what daily closes of that date or later charged and marked. */
  private BackValuation backValuation(String loanId, BigDecimal annualRatePercent, LocalDate valueDate) {
    LedgerRepository.LinesAndPenaltyAccrual ledgerNow = ledger.linesAndPenaltyAccrual(loanId);
    return BackValuation.of(ledgerNow.lines(), ledgerNow.penaltyAccruedThrough(), valueDate,
        principal -> penalty.forOneDay(principal, annualRatePercent));
  }

  private Receipt replay(StoredRepayment earlier, String hash, ReceiveRepayment command) {
    String earlierHash = repayments.requestHash(earlier.transactionId()).orElseThrow();
    if (!earlierHash.equals(hash)) {
      throw transactionIdReused(command.transactionId(), earlier);
    }
    log.info("Loan {}: repayment {} reported again, answered with the one applied", command.loanId(), command.transactionId());
    return new Receipt(earlier, true);
  }

  /**
   * The transaction id, core banking's idempotency key, was reported before for another loan, amount or value date
   * (409, as the servicing ledger's other refusals: a code, the words staff read, the field): nothing is booked. Names
   * what the first report was, when it is known ({@code earlier} is null when a report for another loan won the race).
   */
  private static StateConflictException transactionIdReused(String transactionId, StoredRepayment earlier) {
    String first = earlier == null ? "已用于另一笔还款"
        : "已于此前报送 (借据 " + earlier.loanId() + ", 金额 " + earlier.amount().toPlainString() + " 元, 起息日"
            + ChineseDates.day(earlier.valueDate()) + ")";
    return new StateConflictException("[TRANSACTION_ID_REUSED] 交易流水 " + transactionId + " " + first
        + ", 本次报送的借据、金额或起息日与之不同, 不予入账: 同一笔还款请按原内容重报, 另一笔还款请使用新的交易流水 (transactionId)");
  }

  private List<FieldViolation> violations(ReceiveRepayment command) {
    List<FieldViolation> violations = new ArrayList<>();
    if (command.transactionId() == null || command.transactionId().isBlank()) {
      violations.add(new FieldViolation("transactionId", "REQUIRED", "不能为空"));
    } else if (!TRANSACTION_ID.matcher(command.transactionId()).matches()) {
      violations.add(new FieldViolation("transactionId", "INVALID_FORMAT", "应为 1-64 位字母、数字、- 或 _"));
    }
    BigDecimal amount = command.amount();
    if (amount == null) {
      violations.add(new FieldViolation("amount", "REQUIRED", "不能为空"));
    } else if (amount.signum() <= 0) {
      violations.add(new FieldViolation("amount", "NOT_POSITIVE", "还款金额须大于 0"));
    } else if (amount.stripTrailingZeros().scale() > 2) {
      violations.add(new FieldViolation("amount", "TOO_MANY_DECIMALS", "金额最多两位小数"));
    } else if (amount.compareTo(new BigDecimal("1000000000000")) >= 0) {
      violations.add(new FieldViolation("amount", "TOO_LARGE", "金额过大"));
    }
    if (command.valueDate() == null) {
      violations.add(new FieldViolation("valueDate", "REQUIRED", "不能为空"));
    } else if (command.valueDate().isAfter(clock.today())) {
      violations.add(new FieldViolation("valueDate", "IN_FUTURE", "起息日不能晚于今天 (" + ChineseDates.day(clock.today()) + ")"));
    }
    return violations;
  }

  static String hash(String loanId, BigDecimal amount, LocalDate valueDate) {
    return ContentHash.sha256Hex(loanId + "|" + amount.toPlainString() + "|" + valueDate);
  }
}
