package com.smeloanflow.servicing;

import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.platform.DatabaseSequences;
import java.math.RoundingMode;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.support.incrementer.DataFieldMaxValueIncrementer;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
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
  private final DataFieldMaxValueIncrementer loanNumbers;
  private final BusinessClock clock;
  private final TransactionTemplate savepoint;
  private final RepaymentScheduleCalculator calculator = new RepaymentScheduleCalculator();

  public LoanAccountService(LoanAccountRepository accounts, DataSource dataSource,
      PlatformTransactionManager transactionManager, BusinessClock clock) {
    this.accounts = accounts;
    this.loanNumbers = DatabaseSequences.of(dataSource, "loan_account_seq");
    this.clock = clock;
    // Inside the caller's transaction a savepoint: a lost race rolls back only our insert.
    this.savepoint = new TransactionTemplate(transactionManager);
    this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
  }

  /**
   * Opens the loan account with its repayment schedule, or returns the account already opened for
   * the application.
   *
   * @throws IllegalArgumentException when the command's terms cannot make a schedule
   */
  public LoanAccount open(OpenLoanAccount command) {
    Optional<LoanAccount> existing = accounts.findByApplication(command.applicationId());
    if (existing.isPresent()) {
      return alreadyOpen(existing.get(), command);
    }
    List<Instalment> schedule = calculator.schedule(command.principal(), command.annualRatePercent(),
        command.termMonths(), command.method(), command.disbursedOn());
    LoanAccount account = new LoanAccount(nextLoanId(), command.applicationId(), command.creditCode(),
        command.borrowerName(), command.principal().setScale(2, RoundingMode.UNNECESSARY),
        command.annualRatePercent().setScale(4, RoundingMode.UNNECESSARY), command.termMonths(), command.method(),
        command.disbursedOn(), RepaymentScheduleCalculator.maturityDate(command.disbursedOn(), command.termMonths()),
        command.corePostingReference(), LoanAccount.ACTIVE, schedule);
    try {
      savepoint.executeWithoutResult(status -> accounts.insert(account, clock.now()));
    } catch (DataAccessException e) {
      // Another node opened the account for this application first (unique application_id).
      return accounts.findByApplication(command.applicationId())
          .map(opened -> alreadyOpen(opened, command))
          .orElseThrow(() -> e);
    }
    log.info("Application {}: loan account {} opened, {} CNY at {}% for {} months ({}), matures {}",
        account.applicationId(), account.loanId(), account.principal().toPlainString(),
        account.annualRatePercent().stripTrailingZeros().toPlainString(), account.termMonths(),
        account.repaymentMethod().label(), account.maturityDate());
    return account;
  }

  /** The loan account with its schedule. */
  public Optional<LoanAccount> find(String loanId) {
    return accounts.findById(loanId);
  }

  /** The loan account opened for an application, with its schedule. */
  public Optional<LoanAccount> findByApplication(String applicationId) {
    return accounts.findByApplication(applicationId);
  }

  /** Only the loan id of an application's account, e.g. for its status page (no schedule read). */
  public Optional<String> findLoanIdByApplication(String applicationId) {
    return accounts.findLoanIdByApplication(applicationId);
  }

  /**
   * What the loans opened for these applications still owe in principal. Until repayments are booked
   * (the servicing ledger), that is the principal of every loan still ACTIVE.
   */
  public java.math.BigDecimal outstandingPrincipal(java.util.Collection<String> applicationIds) {
    if (applicationIds.isEmpty()) {
      return java.math.BigDecimal.ZERO;
    }
    return accounts.outstandingPrincipal(applicationIds);
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
