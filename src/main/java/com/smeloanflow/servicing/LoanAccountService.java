package com.smeloanflow.servicing;

import com.smeloanflow.intake.LoanApplication;
import com.smeloanflow.intake.LoanApplicationRepository;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.platform.DatabaseSequences;
import com.smeloanflow.platform.StateConflictException;
import com.smeloanflow.processing.InternalDefaultRepository;
import com.smeloanflow.processing.source.InternalDefault;
import com.smeloanflow.processing.source.InternalDefaultStatus;
import java.math.BigDecimal;
import java.util.Collection;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.support.incrementer.DataFieldMaxValueIncrementer;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Opens the loan account of a disbursed application and reads it back. One account per
 * application, however often {@link #open} is called and from however many nodes: the account is
 * opened once and every later call answers with it. The account is written in the caller's
 * transaction (e.g. the process step that disbursed), so it is kept or rolled back with that step.
 */
@Service
public class LoanAccountService {

  private static final Logger log = LoggerFactory.getLogger(LoanAccountService.class);
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

  private final LoanAccountRepository accounts;
  private final LoanApplicationRepository applications;
  private final LedgerRepository ledger;
  private final InternalDefaultRepository defaults;
  private final RecoveryRepository recoveries;
  private final DataFieldMaxValueIncrementer loanNumbers;
  private final BusinessClock clock;
  private final TransactionTemplate savepoint;
  private final RepaymentScheduleCalculator calculator = new RepaymentScheduleCalculator();
  /**
   * Later stages that hear of an opening (accountability) and a write-off (monitoring); looked up when one happens, none
   * unless Spring sets them.
   */
  private Supplier<Stream<LoanLifecycleListener>> lifecycle = Stream::empty;

  public LoanAccountService(LoanAccountRepository accounts, LoanApplicationRepository applications, LedgerRepository ledger,
      InternalDefaultRepository defaults, RecoveryRepository recoveries, DataSource dataSource,
      PlatformTransactionManager transactionManager, BusinessClock clock) {
    this.accounts = accounts;
    this.recoveries = recoveries;
    this.applications = applications;
    this.ledger = ledger;
    this.defaults = defaults;
    this.loanNumbers = DatabaseSequences.of(dataSource, "loan_account_seq");
    this.clock = clock;
    // Inside the caller's transaction a savepoint: a lost race rolls back only our insert.
    this.savepoint = new TransactionTemplate(transactionManager);
    this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
  }

  /** The listeners of later stages (monitoring uses this service too, so they are looked up when needed). */
  @Autowired
  void lifecycleListeners(ObjectProvider<LoanLifecycleListener> listeners) {
    this.lifecycle = listeners::orderedStream;
  }

  /**
   * Opens the loan account with its repayment schedule, or returns the account already opened for
   * the application.
   *
   * @throws IllegalArgumentException when the command's terms cannot make a schedule
   */
  public LoanAccount open(OpenLoanAccount command) {
    LoanApplication application = applications.get(command.applicationId());
    return open(command.applicationId(), command, application.branchCode(), application.product().name());
  }

  /**
   * Opens the loan account of one drawdown on a credit line (its own schedule and loan number, of the line's
   * application, branch and product), or returns the account already opened for the drawdown.
   *
   * @throws IllegalArgumentException when the command's terms cannot make a schedule
   */
  public LoanAccount openDrawdown(String drawdownId, OpenLoanAccount command) {
    LoanApplication application = applications.get(command.applicationId());
    return open(drawdownId, command, application.branchCode(), application.product().name());
  }

  private LoanAccount open(String openingKey, OpenLoanAccount command, String branchCode, String product) {
    Optional<LoanAccount> existing = accounts.findByOpeningKey(openingKey);
    if (existing.isPresent()) {
      return alreadyOpen(existing.get(), command);
    }
    List<Instalment> schedule = calculator.schedule(command.principal(), command.annualRatePercent(),
        command.termMonths(), command.method(), command.disbursedOn());
    LoanAccount account = new LoanAccount(nextLoanId(), command.applicationId(), command.creditCode(),
        command.borrowerName(), branchCode, product, command.principal().setScale(2, RoundingMode.UNNECESSARY),
        command.annualRatePercent().setScale(4, RoundingMode.UNNECESSARY), command.termMonths(), command.method(),
        command.disbursedOn(), RepaymentScheduleCalculator.maturityDate(command.disbursedOn(), command.termMonths()),
        command.corePostingReference(), LoanAccount.ACTIVE, schedule);
    try {
      savepoint.executeWithoutResult(status -> accounts.insert(account, openingKey, clock.now()));
    } catch (DataAccessException e) {
      // Another node opened the account for this key first (unique opening_key).
      return accounts.findByOpeningKey(openingKey)
          .map(opened -> alreadyOpen(opened, command))
          .orElseThrow(() -> e);
    }
    lifecycle.get().forEach(listener -> listener.opened(account));
    log.info("Application {}: loan account {} opened ({}), {} CNY at {}% for {} months ({}), matures {}",
        account.applicationId(), account.loanId(), openingKey, account.principal().toPlainString(),
        account.annualRatePercent().stripTrailingZeros().toPlainString(), account.termMonths(),
        account.repaymentMethod().label(), account.maturityDate());
    return account;
  }

  /** The loan account with its schedule. */
  public Optional<LoanAccount> find(String loanId) {
    return accounts.findById(loanId);
  }

  /** These loan accounts with their schedules, by loan id, in a few statements however many; a loan not found is left out. */
  public Map<String, LoanAccount> findAll(Collection<String> loanIds) {
    return accounts.findAllById(loanIds);
  }

  /** The loan account opened for an application, with its schedule. */
  public Optional<LoanAccount> findByApplication(String applicationId) {
    return accounts.findByApplication(applicationId);
  }

  /** The loan that renewed {@code loanId} (无还本续贷), if it was renewed. */
  public Optional<LoanAccount> findRenewalOf(String loanId) {
    return accounts.findByRenewalOf(loanId);
  }

  /** Only the loan id of an application's account, e.g. for its status page (no schedule read). */
  public Optional<String> findLoanIdByApplication(String applicationId) {
    return accounts.findLoanIdByApplication(applicationId);
  }

  /** The loan's standing after the last daily close that covered it. */
  public Optional<LoanStanding> standing(String loanId) {
    return ledger.standing(loanId);
  }

  /** {@link #standing} of each of these loans, by loan id, in a few statements however many; a loan not found is left out. */
  public Map<String, LoanStanding> standings(Collection<String> loanIds) {
    return ledger.standings(loanIds);
  }

  /** What the borrower owes, from the ledger. */
  public LoanBalances balances(String loanId) {
    return LoanBalances.of(ledger.lines(loanId));
  }

  /** The instalments with what was paid of them and the penalty interest charged. */
  public List<LedgerLine> ledger(String loanId) {
    return ledger.lines(loanId);
  }

  /** {@link #ledger} of each of these loans, by loan id, in a few statements however many; a loan not found is left out. */
  public Map<String, List<LedgerLine>> ledgers(Collection<String> loanIds) {
    return ledger.lines(loanIds);
  }

  /**
   * The claim kept for each of these loans that was written off (账销案存, {@link WrittenOffClaim}) with what was
   * recovered of it since (核销后收回, reversed recoveries taken back), by loan id, in a few statements however many; a
   * loan never written off is left out.
   */
  public Map<String, WrittenOffClaim> writeOffClaims(Collection<String> loanIds) {
    return recoveries.claims(loanIds);
  }

  /** The loan's classification changes, newest first. */
  public List<ClassificationChange> classificationHistory(String loanId) {
    return ledger.classificationHistory(loanId);
  }

  /**
   * What the loans opened for these applications still owe in principal (for the borrower's exposure):
   * the ledger's outstanding principal of the loans still ACTIVE; a settled or written-off loan counts 0.
   */
  public BigDecimal outstandingPrincipal(Collection<String> applicationIds) {
    if (applicationIds.isEmpty()) {
      return BigDecimal.ZERO.setScale(2);
    }
    return accounts.outstandingPrincipal(applicationIds);
  }

  /** Principal still outstanding on each of these loans (0 once settled or written off), from the ledger. */
  public java.util.Map<String, BigDecimal> outstandingPrincipalByLoan(Collection<String> loanIds) {
    return accounts.outstandingPrincipalByLoan(loanIds);
  }

  /**
   * The ACTIVE loans of these products maturing from {@code from} to {@code to} (inclusive), by loan id,
   * a page of at most {@code limit} after {@code afterLoanId} (null: the first page). For renewal's offer scan.
   */
  public List<String> activeLoansMaturingBetween(LocalDate from, LocalDate to, Collection<String> products,
      String afterLoanId, int limit) {
    return accounts.activeMaturingBetween(from, to, products, afterLoanId, limit);
  }

  /**
   * Renewal without repaying principal (无还本续贷) at maturity, in one transaction: the old loan's principal
   * due at maturity is repaid with the new loan's (no principal demanded from the borrower; the interest of
   * the maturity instalment stays due as agreed, so the old loan settles when it is paid), and the new loan's
   * account opens on the maturity date on the old loan's terms, classified 正常 and recorded as a renewal
   * (source {@code RENEWAL}), not a restructuring; the lifecycle listeners hear of it
   * ({@link LoanLifecycleListener#renewed}, e.g. the old loan's customer manager answers for the new loan). Repeating it
   * answers with the account opened the first time.
   *
   * @throws LoanNotFoundException  no such loan
   * @throws StateConflictException the loan is settled or written off, its maturity instalment was already
   *     counted overdue by the daily close (a loan overdue at maturity is not renewed, whoever asks), or its
   *     principal due at maturity is not the renewed amount (a prepayment since approval): nothing is written
   */
  @Transactional
  public LoanAccount renew(RenewLoan command) {
    LedgerRepository.LockedLoan locked = ledger.lock(command.loanId())
        .orElseThrow(() -> new LoanNotFoundException(command.loanId()));
    Optional<LoanAccount> renewed = accounts.findByRenewalOf(command.loanId());
    if (renewed.isPresent()) {
      log.info("Loan {}: already renewed by {}", command.loanId(), renewed.get().loanId());
      return renewed.get();
    }
    // The refusals below are in English: only the renewal's posting job calls this, after the same checks under the
    // loan's lock (see StaffText).
    if (!LoanAccount.ACTIVE.equals(locked.status())) {
      throw new StateConflictException("Loan " + command.loanId() + " is " + locked.status() + " and cannot be renewed");
    }
    LoanAccount old = accounts.findById(command.loanId()).orElseThrow();
    List<LedgerLine> lines = new java.util.ArrayList<>(ledger.lines(command.loanId()));
    Optional<LedgerLine> overdue = LedgerLine.overdueMaturityInstalment(lines, old.maturityDate());
    if (overdue.isPresent()) {
      throw new StateConflictException("Loan " + command.loanId() + " cannot be renewed: its maturity instalment "
          + overdue.get().number() + " due " + overdue.get().dueDate() + " was already counted OVERDUE by the daily close "
          + "(a loan overdue at maturity is not renewed)");
    }
    BigDecimal due = BigDecimal.ZERO.setScale(2);
    for (int i = 0; i < lines.size(); i++) {
      LedgerLine line = lines.get(i);
      if (line.dueDate().equals(old.maturityDate()) && line.principalDue().signum() > 0) {
        due = due.add(line.principalDue());
        LedgerLine paid = line.paying(AllocationComponent.CURRENT_PRINCIPAL, line.principalDue());
        lines.set(i, paid.settled() ? paid.withStatus(InstalmentStatus.PAID, old.maturityDate()) : paid);
      }
    }
    if (due.compareTo(command.principal()) != 0) {
      throw new StateConflictException("Loan " + command.loanId() + " owes " + due.toPlainString()
          + " CNY principal at maturity, not the renewed " + command.principal().toPlainString());
    }
    ledger.save(command.loanId(), lines);
    ledger.renewalPostingEnded(command.loanId());
    LoanAccount account = new LoanAccount(nextLoanId(), old.applicationId(), old.creditCode(), old.borrowerName(),
        old.branchCode(), old.product(), command.principal(), old.annualRatePercent(), old.termMonths(), old.repaymentMethod(),
        old.maturityDate(), RepaymentScheduleCalculator.maturityDate(old.maturityDate(), old.termMonths()),
        command.corePostingReference(), LoanAccount.ACTIVE,
        calculator.schedule(command.principal(), old.annualRatePercent(), old.termMonths(), old.repaymentMethod(),
            old.maturityDate()));
    accounts.insertRenewal(account, clock.now(), old.loanId(), accounts.renewalGeneration(old.loanId()) + 1);
    ledger.recordClassificationChange(account.loanId(), old.maturityDate(), ClassificationChange.RENEWAL,
        Classification.NORMAL, Classification.NORMAL, 0, "无还本续贷: 接续借据 " + old.loanId() + " (续贷, 非重组), 分类保持正常",
        clock.now());
    lifecycle.get().forEach(listener -> listener.renewed(old, account));
    log.info("Loan {}: renewed at maturity {} by loan {} ({} CNY, posting {})", old.loanId(), old.maturityDate(),
        account.loanId(), command.principal().toPlainString(), command.corePostingReference());
    return account;
  }

  /**
   * The loan is called in (提前收回贷款, post-loan monitoring): everything it still owes falls due on {@code on}, the day
   * the borrower is told to repay by ({@link Acceleration}: the principal not yet due, the interest of the period under
   * way up to that day, none of later periods). In the caller's transaction (the call-in's), with the loan's row locked.
   * Once only: a loan already called in keeps its acceleration date and schedule (a second call-in, a retried step),
   * and a loan not active (settled, written off) is left alone.
   *
   * @return the acceleration date in effect: {@code on}, or the earlier call-in's
   * @throws LoanNotFoundException no such loan
   */
  @Transactional
  public LocalDate accelerate(String loanId, LocalDate on) {
    LedgerRepository.LockedLoan loan = ledger.lock(loanId).orElseThrow(() -> new LoanNotFoundException(loanId));
    if (loan.acceleratedOn() != null) {
      log.info("Loan {}: called in again, already accelerated to {}: schedule unchanged", loanId, loan.acceleratedOn());
      return loan.acceleratedOn();
    }
    if (!LoanAccount.ACTIVE.equals(loan.status())) {
      log.info("Loan {}: called in while {}, nothing to accelerate", loanId, loan.status());
      return on;
    }
    List<LedgerLine> accelerated = Acceleration.of(ledger.lines(loanId), loan.disbursedOn(), on);
    ledger.accelerate(loanId, on, accelerated);
    log.info("Loan {}: accelerated, everything owed falls due on {}: {} CNY of principal", loanId, on,
        LoanBalances.of(accelerated).outstandingPrincipal().toPlainString());
    return on;
  }

  /** The day a call-in made everything the loan owes fall due ({@link #accelerate}); empty while it is not called in. */
  public Optional<LocalDate> acceleratedOn(String loanId) {
    return ledger.acceleratedOn(loanId);
  }

  /**
   * Locks the loan's row until the caller's transaction ends: its repayments, reversals, write-off and renewal wait
   * until then. A caller that reads the ledger and decides on it (the renewal's posting at maturity, before it asks
   * core banking) locks first, so that nothing changes the ledger between its read and its decision.
   *
   * @return the day a call-in made everything the loan owes fall due ({@link #accelerate}, which takes this lock too),
   *     read with the lock; empty while it is not called in
   * @throws LoanNotFoundException no such loan
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public Optional<LocalDate> lock(String loanId) {
    return Optional.ofNullable(ledger.lock(loanId).orElseThrow(() -> new LoanNotFoundException(loanId)).acceleratedOn());
  }

  /**
   * As {@link #lock}, for a caller that answers a missing loan itself: a later stage that locks its own row of the loan
   * after the loan's (monitoring), in the order in which this stage's writers take the two. Only inside the caller's
   * transaction (MANDATORY, as {@link #lock}): a transaction of its own would release the lock as it returned.
   *
   * @return whether there is such a loan (its row then locked until the caller's transaction ends)
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public boolean lockIfExists(String loanId) {
    return ledger.lock(loanId).isPresent();
  }

  /**
   * A renewal posting of {@code principal}, the loan's principal due at maturity, is under way: core banking is being
   * asked to lend it into the repayment of that principal, outside any lock of the loan's row. Until {@link #renew}
   * books it or {@link #renewalPostingEnded} says it was not posted, the ledger takes that principal as being repaid: a
   * repayment or reversal that would change it is refused ({@link RepaymentService}), one that leaves it alone is booked.
   * In the caller's transaction (the loan's row locked); the caller commits it before core banking is asked.
   *
   * @return when the posting was recorded: the run's own record, which only it ends ({@link #renewalPostingEnded})
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public Instant renewalPostingStarted(String loanId, BigDecimal principal) {
    ledger.lock(loanId).orElseThrow(() -> new LoanNotFoundException(loanId));
    Instant since = clock.now();
    ledger.renewalPostingStarted(loanId, principal, since);
    return since;
  }

  /**
   * The renewal posting that {@link #renewalPostingStarted} recorded at {@code since} was not made. A record written
   * since by another run of the same posting (its job's lock expired while core banking was slow, and the job ran again)
   * stays: that run's posting is under way, and only that run ends it, or {@link #renew} books it.
   *
   * @return whether the record of {@code since} was there and is gone
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public boolean renewalPostingEnded(String loanId, Instant since) {
    ledger.lock(loanId).orElseThrow(() -> new LoanNotFoundException(loanId));
    return ledger.renewalPostingEnded(loanId, since);
  }

  /**
   * A renewal posting recorded as under way on a loan ({@link #renewalPostingStarted}).
   *
   * @param principal the principal due at maturity it repays
   * @param since     when its run recorded it (the value that run ends it with)
   */
  public record RenewalPostingUnderWay(BigDecimal principal, Instant since) {}

  /**
   * The renewal posting recorded as under way on the loan, if any (read without a lock).
   *
   * @throws LoanNotFoundException no such loan
   */
  public Optional<RenewalPostingUnderWay> renewalPostingUnderWay(String loanId) {
    return ledger.renewalPosting(loanId).orElseThrow(() -> new LoanNotFoundException(loanId));
  }

  /**
   * Writes the loan off: status WRITTEN_OFF with the principal then outstanding, the default recorded in the bank's
   * default database (dated the day it defaulted, else the write-off day), and the claim the bank keeps (账销案存,
   * {@link WrittenOffClaim}): that principal, the interest fallen due by the write-off day and unpaid, and the penalty
   * interest accrued and unpaid. Money received for the loan afterwards is a recovery of that claim (核销后收回,
   * {@link RepaymentService#receive}); the instalments stay as they were written off.
   *
   * @return the principal written off
   * @throws LoanNotFoundException  no such loan
   * @throws StateConflictException the loan is not active (already settled or written off)
   */
  @Transactional
  public BigDecimal writeOff(WriteOffLoan command) {
    LedgerRepository.LockedLoan locked = ledger.lock(command.loanId()).orElseThrow(() -> new LoanNotFoundException(command.loanId()));
    if (!LoanAccount.ACTIVE.equals(locked.status())) {
      // English: only the collection case's write-off job calls this, for a case still open (see StaffText).
      throw new StateConflictException("Loan " + command.loanId() + " is " + locked.status() + " and cannot be written off");
    }
    List<LedgerLine> lines = ledger(command.loanId());
    BigDecimal principal = LoanBalances.of(lines).outstandingPrincipal();
    BigDecimal interest = lines.stream().filter(line -> !line.dueDate().isAfter(command.businessDate()))
        .map(LedgerLine::interestDue).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
    BigDecimal penalty = lines.stream().map(LedgerLine::penaltyDue).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
    ledger.writeOff(command.loanId(), command.businessDate(), principal);
    recoveries.open(command.loanId(), command.businessDate(), new WrittenOffClaim.Split(principal, interest, penalty));
    LoanStanding standing = ledger.standing(command.loanId()).orElseThrow();
    LoanAccount loan = accounts.findById(command.loanId()).orElseThrow();
    defaults.record(loan.creditCode(), writtenOffDefault(standing.defaultedOn(), command.businessDate(), principal),
        clock.now());
    log.info("Loan {}: written off on {} with {} CNY principal outstanding ({} CNY interest and {} CNY penalty interest"
            + " unpaid), approved by {} ({}); the claim is kept", command.loanId(), command.businessDate(),
        principal.toPlainString(), interest.toPlainString(), penalty.toPlainString(), command.approvedBy(),
        command.reason());
    lifecycle.get().forEach(listener -> listener.writtenOff(command.loanId(), command.businessDate()));
    return principal;
  }

  /**
   * What the bank's default database records of a write-off: the default dated the day the loan defaulted (else the
   * write-off day), for the principal written off. A recovery that repays the whole claim replaces it by the same
   * event recorded as repaid (SETTLED); its reversal puts it back.
   */
  static InternalDefault writtenOffDefault(LocalDate defaultedOn, LocalDate writtenOffOn, BigDecimal principal) {
    return new InternalDefault(defaultedOn != null ? defaultedOn : writtenOffOn, principal, InternalDefaultStatus.WRITTEN_OFF);
  }

  /**
   * Takes the post-loan risk review's classification as one source of the loan's classification: the
   * loan's classification becomes the strictest of it and the days-past-due floor, and stays so at every
   * daily close (a repaid arrear lowers only the floor). A changed review is kept in the classification
   * history (source {@code RISK_REVIEW}).
   *
   * @return the loan's classification now
   * @throws LoanNotFoundException  no such loan
   * @throws StateConflictException the loan is settled or written off
   */
  @Transactional
  public Classification applyRiskReview(RiskReview review) {
    LedgerRepository.LockedLoan locked = ledger.lock(review.loanId()).orElseThrow(() -> new LoanNotFoundException(review.loanId()));
    if (!LoanAccount.ACTIVE.equals(locked.status())) {
      // English: the only caller found the loan active under the monitored loan's lock (see StaffText).
      throw new StateConflictException("Loan " + review.loanId() + " is " + locked.status() + ": no risk review applies");
    }
    LoanStanding standing = ledger.standing(review.loanId()).orElseThrow();
    Classification previous = ledger.reviewClassification(review.loanId()).orElse(Classification.NORMAL);
    Classification classification = Classification.strictest(standing.dpdClassification(), review.classification());
    ledger.review(review.loanId(), review.classification(), classification);
    if (previous != review.classification()) {
      String reason = review.reason().length() > 480 ? review.reason().substring(0, 480) + "…" : review.reason();
      ledger.recordClassificationChange(review.loanId(), review.businessDate(), ClassificationChange.RISK_REVIEW,
          review.classification(), previous, standing.daysPastDue(), reason + " (" + review.decidedBy() + ")", clock.now());
      log.info("Loan {}: risk review {} -> {} by {} ({}); classification {}", review.loanId(), previous,
          review.classification(), review.decidedBy(), review.reason(), classification);
    }
    return classification;
  }

  private String nextLoanId() {
    return "LN" + DAY.format(clock.today()) + String.format("%06d", loanNumbers.nextLongValue() % 1_000_000);
  }

  private LoanAccount alreadyOpen(LoanAccount account, OpenLoanAccount command) {
    if (account.principal().compareTo(command.principal()) != 0
        || !account.corePostingReference().equals(command.corePostingReference())) {
      log.warn("Application {}: loan account {} is already open with {} CNY (posting {}); "
              + "a new request for {} CNY (posting {}) is answered with the open account",
          account.applicationId(), account.loanId(), account.principal().toPlainString(),
          account.corePostingReference(), command.principal().toPlainString(), command.corePostingReference());
    } else {
      log.info("Application {}: loan account {} is already open", account.applicationId(), account.loanId());
    }
    return account;
  }
}
