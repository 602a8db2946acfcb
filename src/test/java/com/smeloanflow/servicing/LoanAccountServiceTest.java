package com.smeloanflow.servicing;

import com.smeloanflow.approval.RepaymentMethod;

import com.smeloanflow.support.AbstractIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.smeloanflow.disbursement.CoreBankingGateway;
import com.smeloanflow.disbursement.CoreBankingUnavailableException;
import com.smeloanflow.disbursement.CorePosting;
import com.smeloanflow.disbursement.DisbursementOrder;
import com.smeloanflow.disbursement.SandboxCoreBanking;
import com.smeloanflow.disbursement.SandboxCoreBankingFaults;
import com.smeloanflow.intake.ApplicationNotFoundException;
import com.smeloanflow.intake.IntakeService;
import com.smeloanflow.intake.LoanApplication;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.platform.StateConflictException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

class LoanAccountServiceTest extends AbstractIntegrationTest {

  @Autowired LoanAccountService loans;
  @Autowired IntakeService intake;
  @Autowired JdbcClient jdbc;
  @Autowired TransactionTemplate transaction;
  @Autowired BusinessClock clock;
  @Autowired CoreBankingGateway coreBanking;
  @Autowired SandboxCoreBanking sandbox;
  @Autowired SandboxCoreBankingFaults faults;
  @Autowired RepaymentService repayments;
  @Autowired DailyCloseService dailyClose;

  @AfterEach
  void noMoreFaults() {
    faults.reset();
  }

  /**
   * The disbursement step as the process runs it: post to core banking, then open the account, in
   * one transaction. The core system's answer is lost after it posted: the step's transaction
   * rolls back and the step is retried.
   */
  @Test
  void retriedDisbursementStepAfterALostAnswerPostsOnceAndOpensOneAccount() {
    LoanApplication application = DisbursedApplications.register(intake);
    DisbursementOrder order = DisbursementOrder.forApplication(application.id(), application.enterpriseName(),
        application.creditCode(), "6217000010001234567", new BigDecimal("100000.00"));
    Supplier<LoanAccount> disbursementStep = () -> transaction.execute(status -> {
      CorePosting posting = coreBanking.disburse(order);
      return loans.open(DisbursedApplications.openingOf(application, posting.postingReference()));
    });
    faults.failAfterPosting(1);

    assertThatThrownBy(disbursementStep::get).isInstanceOf(CoreBankingUnavailableException.class);
    assertThat(sandbox.postingsOf(application.id())).hasSize(1);
    assertThat(loans.findByApplication(application.id())).isEmpty();

    LoanAccount account = disbursementStep.get();
    disbursementStep.get();

    List<CorePosting> postings = sandbox.postingsOf(application.id());
    assertThat(postings).hasSize(1);
    assertThat(account.corePostingReference()).isEqualTo(postings.get(0).postingReference());
    assertThat(accountsOf(application.id())).isEqualTo(1);
  }

  @Test
  void opensOneAccountWhenOpenedTwiceForTheSameApplication() {
    LoanApplication application = DisbursedApplications.register(intake);

    LoanAccount first = loans.open(DisbursedApplications.openingOf(application, "CB2025031500000001"));
    LoanAccount second = loans.open(DisbursedApplications.openingOf(application, "CB2025031500000001"));

    assertThat(second).isEqualTo(first);
    assertThat(accountsOf(application.id())).isEqualTo(1);
    assertThat(instalmentsOf(first.loanId())).isEqualTo(12);
  }

  @Test
  void storesTheScheduleAndReadsItBack() {
    LoanApplication application = DisbursedApplications.register(intake);

    LoanAccount opened = loans.open(DisbursedApplications.openingOf(application, "CB2025031500000002"));

    assertThat(opened.loanId()).matches("LN" + DateTimeFormatter.ofPattern("yyyyMMdd").format(clock.today()) + "\\d{6}");
    assertThat(opened.status()).isEqualTo(LoanAccount.ACTIVE);
    assertThat(opened.principal()).isEqualTo(new BigDecimal("100000.00"));
    assertThat(opened.annualRatePercent()).isEqualTo(new BigDecimal("4.3500"));
    assertThat(opened.maturityDate()).isEqualTo(LocalDate.of(2026, 3, 15));
    assertThat(opened.schedule()).hasSize(12);
    assertThat(opened.schedule().get(0)).isEqualTo(new Instalment(1, LocalDate.of(2025, 4, 15),
        new BigDecimal("8168.49"), new BigDecimal("362.50"), new BigDecimal("8530.99"), new BigDecimal("91831.51")));
    assertThat(opened.totalInterest()).isEqualTo(new BigDecimal("2371.90"));

    assertThat(loans.find(opened.loanId())).contains(opened);
    assertThat(loans.findByApplication(application.id())).contains(opened);
    assertThat(loans.findLoanIdByApplication(application.id())).contains(opened.loanId());
    assertThat(loans.find("LN19990101999999")).isEmpty();
  }

  @Test
  void opensOneAccountWhenTwoNodesOpenItAtTheSameTime() throws Exception {
    LoanApplication application = DisbursedApplications.register(intake);
    int nodes = 4;
    ExecutorService executor = Executors.newFixedThreadPool(nodes);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<LoanAccount>> answers = new ArrayList<>();
      for (int node = 0; node < nodes; node++) {
        Callable<LoanAccount> open = () -> {
          start.await();
          return loans.open(DisbursedApplications.openingOf(application, "CB2025031500000003"));
        };
        answers.add(executor.submit(open));
      }
      start.countDown();
      List<String> loanIds = new ArrayList<>();
      for (Future<LoanAccount> answer : answers) {
        loanIds.add(answer.get(30, TimeUnit.SECONDS).loanId());
      }
      assertThat(loanIds).containsOnly(loanIds.get(0));
    } finally {
      executor.shutdownNow();
    }
    assertThat(accountsOf(application.id())).isEqualTo(1);
  }

  @Test
  void accountIsRolledBackWithTheProcessStepThatOpenedIt() {
    LoanApplication application = DisbursedApplications.register(intake);

    transaction.executeWithoutResult(status -> {
      loans.open(DisbursedApplications.openingOf(application, "CB2025031500000004"));
      status.setRollbackOnly();
    });

    assertThat(loans.findByApplication(application.id())).isEmpty();
    assertThat(loans.open(DisbursedApplications.openingOf(application, "CB2025031500000004")).schedule()).hasSize(12);
  }

  @Test
  void opensNoAccountForAnApplicationTheBankDoesNotHave() {
    OpenLoanAccount unknown = new OpenLoanAccount("SL19990101999999", "91520303MA6DKQ8X4A", "不存在的企业",
        new BigDecimal("100000.00"), new BigDecimal("4.35"), 12, RepaymentMethod.INTEREST_FIRST,
        LocalDate.of(2025, 3, 15), "CB2025031500000005");

    assertThatThrownBy(() -> loans.open(unknown)).isInstanceOf(ApplicationNotFoundException.class);
    assertThat(loans.findByApplication("SL19990101999999")).isEmpty();
  }

  @Test
  void answersTheOutstandingPrincipalOfABorrowersLoansFromTheLedgerForItsExposure() {
    LoanAccount repaying = TestLoans.with(intake, loans).disbursedOn(clock.today().minusDays(10));
    LoanAccount writtenOff = TestLoans.with(intake, loans).disbursedOn(clock.today().minusDays(10));
    LoanApplication noLoan = DisbursedApplications.register(intake);
    repayments.receive(new ReceiveRepayment(repaying.loanId(), "TX-EXP-" + repaying.loanId(), new BigDecimal("18530.99"),
        clock.today(), "core-banking"));
    loans.writeOff(new WriteOffLoan(writtenOff.loanId(), clock.today(), "collector2", "测试"));

    // 100,000.00 less the first instalment's 8,168.49 and 10,000.00 prepaid; the written-off loan counts 0.00.
    assertThat(loans.outstandingPrincipal(List.of(repaying.applicationId(), writtenOff.applicationId(), noLoan.id())))
        .isEqualTo(new BigDecimal("81831.51"));
    assertThat(loans.outstandingPrincipal(List.of(writtenOff.applicationId(), noLoan.id()))).isEqualTo(new BigDecimal("0.00"));
    assertThat(loans.outstandingPrincipal(List.of())).isEqualTo(new BigDecimal("0.00"));
  }

  /** Lists of many loans (a manager's performance) read a few statements per hundred loans, not a few per loan. */
  @Test
  void readsManyLoansAtOnceAsItReadsEachOne() {
    LoanAccount repaying = TestLoans.with(intake, loans).disbursedOn(clock.today().minusDays(10));
    LoanAccount writtenOff = TestLoans.with(intake, loans).disbursedOn(clock.today().minusDays(10));
    LoanAccount untouched = TestLoans.with(intake, loans).disbursedOn(clock.today());
    repayments.receive(new ReceiveRepayment(repaying.loanId(), "TX-BULK-" + repaying.loanId(), new BigDecimal("9000.00"),
        clock.today(), "core-banking"));
    loans.writeOff(new WriteOffLoan(writtenOff.loanId(), clock.today(), "collector2", "测试"));
    // 250 ids, more than one statement takes: the loans first, in the middle and last, unknown ids between them
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 247; i++) {
      ids.add("LN19990101%06d".formatted(i));
    }
    ids.add(0, repaying.loanId());
    ids.add(150, writtenOff.loanId());
    ids.add(untouched.loanId());

    Map<String, LoanAccount> accounts = loans.findAll(ids);
    Map<String, LoanStanding> standings = loans.standings(ids);
    Map<String, List<LedgerLine>> ledgers = loans.ledgers(ids);

    for (LoanAccount loan : List.of(repaying, writtenOff, untouched)) {
      assertThat(accounts.get(loan.loanId())).isEqualTo(loans.find(loan.loanId()).orElseThrow());
      assertThat(standings.get(loan.loanId())).isEqualTo(loans.standing(loan.loanId()).orElseThrow());
      assertThat(ledgers.get(loan.loanId())).isEqualTo(loans.ledger(loan.loanId())).hasSize(12);
    }
    assertThat(accounts).containsOnlyKeys(repaying.loanId(), writtenOff.loanId(), untouched.loanId());
    assertThat(standings).containsOnlyKeys(repaying.loanId(), writtenOff.loanId(), untouched.loanId());
    assertThat(ledgers).containsOnlyKeys(repaying.loanId(), writtenOff.loanId(), untouched.loanId());
    assertThat(standings.get(writtenOff.loanId()).status()).isEqualTo(LoanAccount.WRITTEN_OFF);
    assertThat(ledgers.get(repaying.loanId()).get(0).interestPaid()).isEqualByComparingTo("362.50");
    assertThat(loans.findAll(List.of())).isEmpty();
  }

  @Test
  void refusesAnOpeningWithoutItsTerms() {
    assertThatThrownBy(() -> new OpenLoanAccount("SL20250315000001", "91520303MA6DKQ8X4A", "企业",
        new BigDecimal("100000.001"), new BigDecimal("4.35"), 12, RepaymentMethod.INTEREST_FIRST,
        LocalDate.of(2025, 3, 15), "CB1"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SL20250315000001").hasMessageContaining("principal");
    assertThatThrownBy(() -> new OpenLoanAccount("SL20250315000001", "91520303MA6DKQ8X4A", "企业",
        new BigDecimal("100000.00"), new BigDecimal("4.35001"), 12, RepaymentMethod.INTEREST_FIRST,
        LocalDate.of(2025, 3, 15), "CB1"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rate");
    assertThatThrownBy(() -> new OpenLoanAccount("SL20250315000001", "91520303MA6DKQ8X4A", "企业",
        new BigDecimal("100000.00"), new BigDecimal("4.35"), 12, RepaymentMethod.INTEREST_FIRST,
        LocalDate.of(2025, 3, 15), " "))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("corePostingReference");
  }

  /**
   * Renewal without repaying principal is for a loan not overdue at maturity: once the daily close of the
   * maturity date counted the maturity instalment overdue, servicing refuses the renewal whoever asks, and
   * writes nothing (no new account, the old loan's ledger and classification as they were).
   */
  @Test
  void refusesToRenewALoanWhoseMaturityInstalmentTheDailyCloseCountedOverdueAndWritesNothing() {
    LoanAccount loan = TestLoans.with(intake, loans).term(12, RepaymentMethod.INTEREST_FIRST).disbursedOn(BusinessDates.era());
    dailyClose.close(loan.maturityDate());
    List<LedgerLine> before = loans.ledger(loan.loanId());
    assertThat(before.get(11).dueDate()).isEqualTo(loan.maturityDate());
    assertThat(before.get(11).status()).isEqualTo(InstalmentStatus.OVERDUE);
    assertThat(before.get(11).principalDue()).isEqualByComparingTo("100000.00");
    List<ClassificationChange> history = loans.classificationHistory(loan.loanId());

    assertThatThrownBy(() -> loans.renew(new RenewLoan(loan.loanId(), new BigDecimal("100000.00"), "CB-RN-OVERDUE")))
        .isInstanceOf(StateConflictException.class).hasMessageContaining(loan.loanId())
        .hasMessageContaining("instalment 12 due " + loan.maturityDate()).hasMessageContaining("OVERDUE");

    assertThat(loans.findRenewalOf(loan.loanId())).isEmpty();
    assertThat(accountsOf(loan.applicationId())).as("a renewal's account would share the application").isEqualTo(1);
    assertThat(loans.ledger(loan.loanId())).isEqualTo(before);
    assertThat(loans.classificationHistory(loan.loanId())).isEqualTo(history);
    assertThat(loans.find(loan.loanId()).orElseThrow().status()).isEqualTo(LoanAccount.ACTIVE);
  }

  private long accountsOf(String applicationId) {
    return jdbc.sql("SELECT COUNT(*) FROM loan_account WHERE application_id = :id").param("id", applicationId)
        .query(Long.class).single();
  }

  /**
   * While a renewal posting is under way (core banking lending the new loan into the repayment of the principal due at
   * maturity, no row lock held), nothing may change that principal: a reversal of a prepayment that recomputed the
   * schedule, or a repayment that would prepay, is refused (409 RENEWAL_POSTING, nothing written); money that leaves it
   * alone is booked at once. Once the posting is over (here: not made), the reversal goes through.
   */
  @Test
  void whileARenewalPostingIsUnderWayNothingChangesThePrincipalDueAtMaturity() {
    LoanAccount loan = TestLoans.with(intake, loans).disbursedOn(clock.today().minusMonths(2));
    LedgerLine first = loans.ledger(loan.loanId()).get(0);
    String prepayment = "TX-PREPAY-" + loan.loanId();
    repayments.receive(new ReceiveRepayment(loan.loanId(), prepayment, first.outstanding().add(new BigDecimal("5000.00")),
        first.dueDate(), "core-banking"));
    List<LedgerLine> ledger = loans.ledger(loan.loanId());
    BigDecimal atMaturity = ledger.get(ledger.size() - 1).principalDue();
    Instant since = transaction.execute(status -> loans.renewalPostingStarted(loan.loanId(), atMaturity));

    assertThatThrownBy(() -> repayments.reverse(new ReverseRepayment(loan.loanId(), prepayment, "退票", "core-banking")))
        .isInstanceOf(StateConflictException.class).hasMessageContaining("[RENEWAL_POSTING]")
        .hasMessageContaining(atMaturity.toPlainString());
    LedgerLine second = loans.ledger(loan.loanId()).get(1);
    assertThatThrownBy(() -> repayments.receive(new ReceiveRepayment(loan.loanId(), "TX-MORE-" + loan.loanId(),
        second.outstanding().add(new BigDecimal("1000.00")), clock.today(), "core-banking")))
        .isInstanceOf(StateConflictException.class).hasMessageContaining("[RENEWAL_POSTING]");
    assertThat(loans.ledger(loan.loanId()).get(ledger.size() - 1).principalDue()).isEqualByComparingTo(atMaturity);
    assertThat(repayments.find(prepayment).orElseThrow().reversed()).isFalse();

    Boolean ended = transaction.execute(status -> loans.renewalPostingEnded(loan.loanId(), since));
    assertThat(ended).isTrue();
    assertThat(repayments.reverse(new ReverseRepayment(loan.loanId(), prepayment, "退票", "core-banking")).repayment().reversed())
        .isTrue();
  }

  private long instalmentsOf(String loanId) {
    return jdbc.sql("SELECT COUNT(*) FROM repayment_instalment WHERE loan_id = :id").param("id", loanId)
        .query(Long.class).single();
  }
}
