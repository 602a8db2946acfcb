package com.smeloanflow.servicing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.smeloanflow.notification.MailCaseType;
import com.smeloanflow.notification.MailOutbox;
import com.smeloanflow.notification.MailStatus;
import com.smeloanflow.notification.MailTemplate;
import com.smeloanflow.notification.OutboxMail;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.platform.ChineseDates;
import com.smeloanflow.platform.StateConflictException;
import com.smeloanflow.processing.InternalDefaultRepository;
import com.smeloanflow.processing.source.InternalDefault;
import com.smeloanflow.processing.source.InternalDefaultStatus;
import com.smeloanflow.support.AbstractIntegrationTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The daily close (日终批处理) on H2: overdue instalments, penalty interest once a day, days past
 * due, the regulatory minimum classification with its history, settlement, catching up missed
 * days, a crash half-way and the rerun, and two nodes at once. Each test works in an era of its own
 * ({@link BusinessDates}); its loans (100,000.00 at 4.35 %, 12 months, equal instalments) are
 * disbursed on the era's first day, the first instalment (principal 8,168.49) due a month later.
 */
class DailyCloseTest extends AbstractIntegrationTest {

  /** One day of penalty interest on 8,168.49 overdue at 4.35 % + 50 %: 8,168.49 × 6.525 % / 360 = 1.4805. */
  private static final BigDecimal ONE_DAY_ON_FIRST_PRINCIPAL = new BigDecimal("1.48");

  @Autowired DailyCloseService dailyClose;
  @Autowired LoanAccountService loans;
  @Autowired RepaymentService repayments;
  @Autowired PenaltyInterest penalty;
  @Autowired InternalDefaultRepository defaults;
  @Autowired DataSource dataSource;
  @Autowired LedgerCloseStatements statements;
  @Autowired PlatformTransactionManager transactionManager;
  @Autowired BusinessClock clock;
  @Autowired MailOutbox outbox;
  @Autowired(required = false) List<ArrearsListener> listeners = List.of();

  private LocalDate disbursed;
  private LocalDate firstDue;

  @BeforeEach
  void era() {
    disbursed = BusinessDates.era();
    firstDue = disbursed.plusMonths(1);
  }

  private LoanAccount loan() {
    return TestLoans.with(intakeService, loans).disbursedOn(disbursed);
  }

  private LedgerLine instalment(LoanAccount loan, int number) {
    return loans.ledger(loan.loanId()).get(number - 1);
  }

  private LoanStanding standing(LoanAccount loan) {
    return loans.standing(loan.loanId()).orElseThrow();
  }

  @Test
  void theCloseOfTheDueDateMarksTheUnpaidInstalmentOverdueWithOneDayOfPenaltyInterest() {
    LoanAccount loan = loan();
    dailyClose.close(firstDue.minusDays(1));
    assertThat(instalment(loan, 1).status()).isEqualTo(InstalmentStatus.DUE);
    assertThat(standing(loan).daysPastDue()).isZero();

    DailyCloseRun run = dailyClose.close(firstDue);

    LedgerLine first = instalment(loan, 1);
    assertThat(first.status()).isEqualTo(InstalmentStatus.OVERDUE);
    assertThat(first.penaltyAccrued()).isEqualTo(ONE_DAY_ON_FIRST_PRINCIPAL);
    assertThat(penalty.forOneDay(new BigDecimal("8168.49"), new BigDecimal("4.35"))).isEqualTo(ONE_DAY_ON_FIRST_PRINCIPAL);
    assertThat(instalment(loan, 2).status()).isEqualTo(InstalmentStatus.DUE);
    LoanStanding standing = standing(loan);
    assertThat(standing.daysPastDue()).isEqualTo(1);
    assertThat(standing.overdueSince()).isEqualTo(firstDue);
    assertThat(standing.classification()).isEqualTo(Classification.SPECIAL_MENTION);
    assertThat(standing.lastClosedOn()).isEqualTo(firstDue);
    assertThat(loans.classificationHistory(loan.loanId())).singleElement().satisfies(change -> {
      assertThat(change.businessDate()).isEqualTo(firstDue);
      assertThat(change.source()).isEqualTo(ClassificationChange.DPD_FLOOR);
      assertThat(change.previous()).isEqualTo(Classification.NORMAL);
      assertThat(change.reason()).isEqualTo(Classification.floorReason(1)).contains("逾期1天", "关注");
    });
    assertThat(run.completed()).isTrue();
    assertThat(run.overdueLoans()).isEqualTo(1);
    assertThat(run.penaltyAccrued()).isEqualTo(ONE_DAY_ON_FIRST_PRINCIPAL);
    assertThat(run.classifications()).isEqualTo(1);
    assertThat(loans.balances(loan.loanId()).arrears()).isEqualByComparingTo("8532.47");
  }

  @Test
  void penaltyInterestAccruesOnceADayAndClosingADayAgainChangesNothing() {
    LoanAccount loan = loan();
    dailyClose.close(firstDue);
    dailyClose.close(firstDue.plusDays(1));
    DailyCloseRun third = dailyClose.close(firstDue.plusDays(2));

    DailyCloseRun again = dailyClose.close(firstDue.plusDays(1));

    assertThat(instalment(loan, 1).penaltyAccrued()).isEqualTo(new BigDecimal("4.44"));
    assertThat(standing(loan).daysPastDue()).isEqualTo(3);
    assertThat(again.attempts()).isEqualTo(1);
    assertThat(again.completed()).isTrue();
    assertThat(third.penaltyAccrued()).isEqualTo(ONE_DAY_ON_FIRST_PRINCIPAL);
  }

  @Test
  void theMinimumClassificationFollowsDaysPastDueWithAReasonForEachChange() {
    LoanAccount loan = loan();
    dailyClose.close(firstDue);
    dailyClose.close(firstDue.plusDays(89));   // 90 days past due: still 关注
    assertThat(standing(loan).classification()).isEqualTo(Classification.SPECIAL_MENTION);
    dailyClose.close(firstDue.plusDays(90));   // 91
    dailyClose.close(firstDue.plusDays(269));  // 270
    assertThat(standing(loan).classification()).isEqualTo(Classification.SUBSTANDARD);
    dailyClose.close(firstDue.plusDays(270));  // 271
    dailyClose.close(firstDue.plusDays(359));  // 360
    assertThat(standing(loan).classification()).isEqualTo(Classification.DOUBTFUL);
    dailyClose.close(firstDue.plusDays(360));  // 361

    LoanStanding standing = standing(loan);
    assertThat(standing.daysPastDue()).isEqualTo(361);
    assertThat(standing.classification()).isEqualTo(Classification.LOSS);
    assertThat(standing.defaultedOn()).isEqualTo(firstDue.plusDays(90));
    assertThat(loans.classificationHistory(loan.loanId())).extracting(ClassificationChange::businessDate,
        ClassificationChange::previous, ClassificationChange::classification, ClassificationChange::daysPastDue).containsExactly(
        org.assertj.core.groups.Tuple.tuple(firstDue.plusDays(360), Classification.DOUBTFUL, Classification.LOSS, 361),
        org.assertj.core.groups.Tuple.tuple(firstDue.plusDays(270), Classification.SUBSTANDARD, Classification.DOUBTFUL, 271),
        org.assertj.core.groups.Tuple.tuple(firstDue.plusDays(90), Classification.SPECIAL_MENTION, Classification.SUBSTANDARD, 91),
        org.assertj.core.groups.Tuple.tuple(firstDue, Classification.NORMAL, Classification.SPECIAL_MENTION, 1));
    assertThat(loans.classificationHistory(loan.loanId()).get(0).reason()).contains("逾期361天", "超过360天", "损失");
  }

  @Test
  void aLoanWhoseArrearsWereRepaidIsNormalAgainAtTheNextClose() {
    LoanAccount loan = loan();
    dailyClose.close(firstDue);
    dailyClose.close(firstDue.plusDays(1));
    repayments.receive(new ReceiveRepayment(loan.loanId(), "TX-CURE-" + loan.loanId(), new BigDecimal("8533.95"),
        firstDue.plusDays(2), "core-banking"));

    dailyClose.close(firstDue.plusDays(2));

    LoanStanding standing = standing(loan);
    assertThat(standing.daysPastDue()).isZero();
    assertThat(standing.overdueSince()).isNull();
    assertThat(standing.classification()).isEqualTo(Classification.NORMAL);
    assertThat(loans.classificationHistory(loan.loanId()).get(0).reason()).contains("逾期已结清");
    assertThat(instalment(loan, 1).status()).isEqualTo(InstalmentStatus.PAID);
    assertThat(instalment(loan, 1).penaltyAccrued()).isEqualTo(new BigDecimal("2.96"));
  }

  /**
   * A loan cured and settled by the same close. Each row of the history is one source's change: the floor's (the
   * arrears are repaid: 关注→正常, DPD_FLOOR) and, where the risk review still held the loan 关注 or worse, the
   * settlement's (that level ends at 正常, SETTLEMENT). Two real changes of two sources, as on any other day; never a
   * 正常→正常 row. A loan only its floor held 关注 is 正常 as soon as the floor falls, so its settlement adds nothing.
   */
  @Test
  void aLoanCuredAndSettledByOneCloseKeepsEachSourcesChangeAndNoNormalToNormalRow() {
    LoanAccount floorOnly = loan();
    LoanAccount reviewed = loan();
    dailyClose.close(firstDue);
    loans.applyRiskReview(new RiskReview(reviewed.loanId(), Classification.SUBSTANDARD, firstDue, "经营恶化, 现金流不足",
        "risk-officer"));
    LocalDate payoffDay = firstDue.plusDays(3);
    for (LoanAccount loan : List.of(floorOnly, reviewed)) {
      repayments.receive(new ReceiveRepayment(loan.loanId(), "TX-CURE-SETTLE-" + loan.loanId(),
          repayments.payoffAmount(loan.loanId(), payoffDay), payoffDay, "core-banking"));
    }

    dailyClose.close(payoffDay);

    assertThat(standing(floorOnly).status()).isEqualTo(LoanAccount.SETTLED);
    assertThat(loans.classificationHistory(floorOnly.loanId())).extracting(ClassificationChange::businessDate,
        ClassificationChange::source, ClassificationChange::previous, ClassificationChange::classification).containsExactly(
        org.assertj.core.groups.Tuple.tuple(payoffDay, ClassificationChange.DPD_FLOOR, Classification.SPECIAL_MENTION,
            Classification.NORMAL),
        org.assertj.core.groups.Tuple.tuple(firstDue, ClassificationChange.DPD_FLOOR, Classification.NORMAL,
            Classification.SPECIAL_MENTION));
    assertThat(standing(reviewed).status()).isEqualTo(LoanAccount.SETTLED);
    assertThat(standing(reviewed).classification()).isEqualTo(Classification.NORMAL);
    assertThat(loans.classificationHistory(reviewed.loanId())).extracting(ClassificationChange::businessDate,
        ClassificationChange::source, ClassificationChange::previous, ClassificationChange::classification).containsExactly(
        org.assertj.core.groups.Tuple.tuple(payoffDay, ClassificationChange.SETTLEMENT, Classification.SUBSTANDARD,
            Classification.NORMAL),
        org.assertj.core.groups.Tuple.tuple(payoffDay, ClassificationChange.DPD_FLOOR, Classification.SPECIAL_MENTION,
            Classification.NORMAL),
        org.assertj.core.groups.Tuple.tuple(firstDue, ClassificationChange.RISK_REVIEW, Classification.NORMAL,
            Classification.SUBSTANDARD),
        org.assertj.core.groups.Tuple.tuple(firstDue, ClassificationChange.DPD_FLOOR, Classification.NORMAL,
            Classification.SPECIAL_MENTION));
  }

  @Test
  void aLoanRepaidInFullIsSettledItsBorrowerMailedAndADefaultedOneIsRecordedInTheDefaultDatabase() {
    LoanAccount repaid = loan();
    LoanAccount defaulted = loan();
    repayments.receive(new ReceiveRepayment(repaid.loanId(), "TX-PAYOFF-" + repaid.loanId(), new BigDecimal("100362.50"),
        disbursed.plusDays(5), "core-banking"));
    dailyClose.close(firstDue);
    startCollectionProcesses();  // as the nodes' poller does seconds after the close
    dailyClose.close(firstDue.plusDays(90));
    assertThat(standing(defaulted).defaultedOn()).isEqualTo(firstDue.plusDays(90));
    LocalDate payoffDay = firstDue.plusDays(100);
    BigDecimal payoff = repayments.payoffAmount(defaulted.loanId(), payoffDay);
    repayments.receive(new ReceiveRepayment(defaulted.loanId(), "TX-LATE-" + defaulted.loanId(), payoff, payoffDay,
        "core-banking"));

    DailyCloseRun run = dailyClose.close(payoffDay);

    assertThat(standing(repaid).status()).isEqualTo(LoanAccount.SETTLED);
    assertThat(standing(repaid).closedOn()).isEqualTo(firstDue);
    assertThat(standing(defaulted).status()).isEqualTo(LoanAccount.SETTLED);
    assertThat(standing(defaulted).closedOn()).isEqualTo(payoffDay);
    assertThat(run.loansSettled()).isEqualTo(1);
    assertThat(defaults.find(defaulted.creditCode())).containsExactly(
        new InternalDefault(firstDue.plusDays(90), new BigDecimal("100000.00"), InternalDefaultStatus.SETTLED));
    assertThat(defaults.find(repaid.creditCode())).isEmpty();
    assertThat(outbox.mailsOf(MailCaseType.LOAN, repaid.loanId())).singleElement().satisfies(mail -> {
      assertThat(mail.template()).isEqualTo(MailTemplate.LOAN_SETTLED);
      assertThat(mail.recipient()).isEqualTo(applications.get(repaid.applicationId()).legalRepEmail());
      assertThat(mail.subject()).contains("贷款已结清", repaid.loanId());
      assertThat(mail.body()).contains("已于" + ChineseDates.day(firstDue) + "全部还清");
    });
    // The late payoff first cured its collection case (the borrower is told the arrears are cleared), then settled it.
    assertThat(outbox.mailsOf(MailCaseType.LOAN, defaulted.loanId())).extracting(OutboxMail::template)
        .containsExactly(MailTemplate.ARREARS_CLEARED, MailTemplate.LOAN_SETTLED);
  }

  @Test
  void aDefaultSettledByAPayoffThatBouncesIsOwedAgainInTheDefaultDatabaseAndRecordedOnceWhenSettledAgain() {
    LoanAccount defaulted = loan();
    dailyClose.close(firstDue);
    startCollectionProcesses();
    dailyClose.close(firstDue.plusDays(90));
    LocalDate payoffDay = firstDue.plusDays(100);
    String bounced = "TX-BOUNCED-" + defaulted.loanId();
    repayments.receive(new ReceiveRepayment(defaulted.loanId(), bounced, repayments.payoffAmount(defaulted.loanId(), payoffDay),
        payoffDay, "core-banking"));
    dailyClose.close(payoffDay);
    InternalDefault settled = new InternalDefault(firstDue.plusDays(90), new BigDecimal("100000.00"), InternalDefaultStatus.SETTLED);
    assertThat(defaults.find(defaulted.creditCode())).containsExactly(settled);

    repayments.reverse(new ReverseRepayment(defaulted.loanId(), bounced, "退票", "core-banking"));

    assertThat(standing(defaulted).status()).isEqualTo(LoanAccount.ACTIVE);
    assertThat(defaults.find(defaulted.creditCode())).as("the enterprise's default is not repaid any more").isEmpty();

    LocalDate secondPayoff = payoffDay.plusDays(3);
    repayments.receive(new ReceiveRepayment(defaulted.loanId(), "TX-GOOD-" + defaulted.loanId(),
        repayments.payoffAmount(defaulted.loanId(), secondPayoff), secondPayoff, "core-banking"));
    dailyClose.close(secondPayoff);

    assertThat(standing(defaulted).status()).isEqualTo(LoanAccount.SETTLED);
    assertThat(defaults.find(defaulted.creditCode())).containsExactly(settled);
  }

  /**
   * The overdue reminder (逾期还款提醒, as collections queues it) after the close of the first due date: the penalty rule
   * where principal is overdue; a 先息后本 loan whose overdue instalment is interest only is told that overdue interest
   * bears no penalty interest, which is what the close charged it (nothing).
   */
  @Test
  void theOverdueReminderStatesThePenaltyRuleOnlyWhenPrincipalIsOverdue() {
    LoanAccount equalInstalments = loan();
    LoanAccount interestFirst = TestLoans.with(intakeService, loans)
        .term(12, com.smeloanflow.approval.RepaymentMethod.INTEREST_FIRST).disbursedOn(disbursed);
    dailyClose.close(firstDue);

    new org.springframework.transaction.support.TransactionTemplate(transactionManager).executeWithoutResult(status -> {
      outbox.enqueue(equalInstalments.loanId(), MailTemplate.OVERDUE_REMINDER);
      outbox.enqueue(interestFirst.loanId(), MailTemplate.OVERDUE_REMINDER);
    });

    assertThat(instalment(interestFirst, 1).penaltyAccrued()).as("no penalty on overdue interest").isZero();
    assertThat(outbox.mailsOf(MailCaseType.LOAN, equalInstalments.loanId())).singleElement().satisfies(mail ->
        assertThat(mail.body()).contains("逾期本金：人民币 8168.49 元",
            "逾期本金按合同利率上浮 50% 按日计收罚息。逾期记录将按规定报送金融信用信息基础数据库。"));
    assertThat(outbox.mailsOf(MailCaseType.LOAN, interestFirst.loanId())).singleElement().satisfies(mail ->
        assertThat(mail.body()).contains("逾期本金：人民币 0.00 元",
                "逾期利息不计收罚息，也不计复利。逾期记录将按规定报送金融信用信息基础数据库。")
            .doesNotContain("按日计收罚息", "上浮"));
  }

  /**
   * 核销: a defaulted loan partly repaid, then written off with the principal left. A reversal of that repayment reported
   * after the write-off would make the principal it paid owed on the loan again while the write-off keeps the lower
   * figure: it is refused naming the write-off, and the written-off principal, the ledger, the account's principal, the
   * default database and the borrower's mails stay as the write-off left them.
   */
  @Test
  void aRepaymentOfAWrittenOffLoanIsNotReversedAndTheBooksKeepWhatWasWrittenOff() {
    LoanAccount loan = loan();
    dailyClose.close(firstDue);
    startCollectionProcesses();
    dailyClose.close(firstDue.plusDays(90));
    LocalDate paidOn = firstDue.plusDays(95);
    String partial = "TX-PARTIAL-" + loan.loanId();
    repayments.receive(new ReceiveRepayment(loan.loanId(), partial, new BigDecimal("20000.00"), paidOn, "core-banking"));
    LocalDate writtenOffOn = firstDue.plusDays(120);
    BigDecimal writtenOff = loans.writeOff(new WriteOffLoan(loan.loanId(), writtenOffOn, "collector2", "诉讼终结, 无可执行财产"));
    List<LedgerLine> ledgerWrittenOff = loans.ledger(loan.loanId());
    List<InternalDefault> defaultRecorded = defaults.find(loan.creditCode());
    int mailsBefore = outbox.mailsOf(MailCaseType.LOAN, loan.loanId()).size();
    assertThat(writtenOff).as("20,000.00 less the penalty and interest overdue went to principal").isLessThan(
        new BigDecimal("100000.00"));

    assertThatThrownBy(() -> repayments.reverse(new ReverseRepayment(loan.loanId(), partial, "退票", "core-banking")))
        .isInstanceOf(com.smeloanflow.platform.StateConflictException.class)
        .hasMessageContaining("[LOAN_WRITTEN_OFF]")
        .hasMessageContaining("借据 " + loan.loanId() + " 已于" + ChineseDates.day(writtenOffOn) + "核销 (核销本金 " + writtenOff.toPlainString()
            + " 元)")
        .hasMessageContaining("不能冲正其核销前的还款 " + partial);

    LoanStanding standing = standing(loan);
    assertThat(standing.status()).isEqualTo(LoanAccount.WRITTEN_OFF);
    assertThat(standing.writtenOffPrincipal()).isEqualByComparingTo(writtenOff);
    assertThat(loans.balances(loan.loanId()).outstandingPrincipal()).as("the ledger owes what was written off")
        .isEqualByComparingTo(writtenOff);
    assertThat(jdbc.sql("SELECT outstanding_principal FROM loan_account WHERE loan_id = :id").param("id", loan.loanId())
        .query(BigDecimal.class).single()).as("the account's principal").isEqualByComparingTo(writtenOff);
    assertThat(loans.ledger(loan.loanId())).isEqualTo(ledgerWrittenOff);
    assertThat(repayments.find(partial).orElseThrow().reversed()).isFalse();
    assertThat(defaults.find(loan.creditCode())).isEqualTo(defaultRecorded).containsExactly(
        new InternalDefault(firstDue.plusDays(90), writtenOff, InternalDefaultStatus.WRITTEN_OFF));
    assertThat(outbox.mailsOf(MailCaseType.LOAN, loan.loanId())).as("no reversal mail").hasSize(mailsBefore);
  }

  @Test
  void aBouncedPayoffReopensTheSettledLoanAndTellsTheBorrowerWhatIsOwedOnceEvenWhenReportedAgainAndTheMailServerIsDown() {
    LoanAccount loan = loan();
    String payoff = "TX-BOUNCE-" + loan.loanId();
    repayments.receive(new ReceiveRepayment(loan.loanId(), payoff, new BigDecimal("100362.50"), disbursed.plusDays(5),
        "core-banking"));
    dailyClose.close(firstDue);
    assertThat(standing(loan).status()).isEqualTo(LoanAccount.SETTLED);
    mailServer.stop();

    repayments.reverse(new ReverseRepayment(loan.loanId(), payoff, "退票: 付款账户余额不足, 柜员张三核实", "core-banking"));
    repayments.reverse(new ReverseRepayment(loan.loanId(), payoff, "退票: 付款账户余额不足, 柜员张三核实", "core-banking"));

    assertThat(standing(loan).status()).as("the reversal is not held up by the mail server").isEqualTo(LoanAccount.ACTIVE);
    List<OutboxMail> mails = outbox.mailsOf(MailCaseType.LOAN, loan.loanId());
    assertThat(mails).extracting(OutboxMail::template).as("the settlement notice, then one reopening notice however often"
        + " core banking reports the reversal").containsExactly(MailTemplate.LOAN_SETTLED, MailTemplate.LOAN_REOPENED);
    OutboxMail reopened = mails.get(1);
    assertThat(reopened.status()).isEqualTo(MailStatus.PENDING);
    assertThat(reopened.recipient()).isEqualTo(applications.get(loan.applicationId()).legalRepEmail());
    assertThat(reopened.subject()).contains("还款已冲正", "贷款恢复为未结清", loan.loanId());
    // Everything fell due in the era, long before today: all of it is overdue, to repay at once.
    BigDecimal owed = repayments.payoffAmount(loan.loanId(), clock.today());
    assertThat(reopened.body()).contains(
        "于" + ChineseDates.day(disbursed.plusDays(5)) + "归还的人民币 100362.50 元（交易流水 " + payoff + "）未能实际入账，已被冲正",
        "结清通知不再有效",
        "逾期应还：人民币 " + owed.toPlainString() + " 元（最早一期应还日" + ChineseDates.day(firstDue) + "），请立即归还",
        "尚欠本金：人民币 100000.00 元");
    assertThat(reopened.body()).as("core banking's note is the bank's, not the borrower's").doesNotContain("柜员", "退票");

    mailServer.start();
    moveClockBy(Duration.ofMinutes(1).plusSeconds(1)); // the outbox's first back-off
    dispatchMails(loan.loanId());
    assertThat(outbox.get(reopened.id()).status()).isEqualTo(MailStatus.SENT);
  }

  /**
   * A book where most loans have nothing to do on most days: the close covers every loan each day (its
   * last close moves on), and only the loans with something to do change. Seeded by SQL, closed in chunks
   * of five; the figures are those of the close before it looked only at loans with something to do.
   */
  @Test
  void aDayWithNothingDueAndADueDateCloseEveryLoanAndChangeOnlyThoseWithSomethingToDo() {
    String book = "MX" + disbursed.getYear();
    String repaid = "MR" + disbursed.getYear();
    // Twelve loans, the 4th, 8th and 12th do not pay their first instalment; two loans already repaid in full.
    LoanBookSeeder.seed(jdbc, dataSource, book, 12, disbursed, firstDue, 4);
    LoanBookSeeder.seed(jdbc, dataSource, repaid, 2, disbursed, disbursed.plusMonths(12), 1000);
    List<String> loanIds = new ArrayList<>();
    for (int k = 1; k <= 12; k++) {
      loanIds.add(String.format("%sL%08d", book, k));
    }
    List<String> unpaid = List.of(loanIds.get(3), loanIds.get(7), loanIds.get(11));
    DailyCloseService close = node("mixed-book", 5, (day, step, lastLoan) -> {});
    BigDecimal oneDay = penalty.forOneDay(new BigDecimal("8333.33"), new BigDecimal("4.35"));

    DailyCloseRun nothingDue = close.close(firstDue.minusDays(1));

    assertThat(nothingDue.loansClosed()).isEqualTo(14);
    assertThat(nothingDue.overdueLoans()).isZero();
    assertThat(nothingDue.penaltyAccrued()).isEqualByComparingTo("0");
    assertThat(nothingDue.classifications()).isZero();
    assertThat(nothingDue.loansSettled()).isEqualTo(2);
    assertThat(nothingDue.collectionLoans()).isZero();
    assertThat(loanIds).allSatisfy(id -> assertThat(loans.standing(id).orElseThrow()).satisfies(standing -> {
      assertThat(standing.status()).isEqualTo(LoanAccount.ACTIVE);
      assertThat(standing.lastClosedOn()).isEqualTo(firstDue.minusDays(1));
      assertThat(standing.daysPastDue()).isZero();
      assertThat(standing.classification()).isEqualTo(Classification.NORMAL);
    }));
    assertThat(List.of(repaid + "L00000001", repaid + "L00000002")).allSatisfy(id ->
        assertThat(loans.standing(id).orElseThrow()).satisfies(standing -> {
          assertThat(standing.status()).isEqualTo(LoanAccount.SETTLED);
          assertThat(standing.closedOn()).isEqualTo(firstDue.minusDays(1));
          assertThat(standing.lastClosedOn()).isEqualTo(firstDue.minusDays(1));
        }));

    DailyCloseRun dueDate = close.close(firstDue);
    DailyCloseRun dayAfter = close.close(firstDue.plusDays(1));

    assertThat(dueDate.loansClosed()).isEqualTo(12);
    assertThat(dueDate.overdueLoans()).isEqualTo(3);
    assertThat(dueDate.penaltyAccrued()).isEqualByComparingTo(oneDay.multiply(BigDecimal.valueOf(3)));
    assertThat(dueDate.classifications()).isEqualTo(3);
    assertThat(dueDate.loansSettled()).isZero();
    assertThat(dueDate.collectionLoans()).isEqualTo(listeners.isEmpty() ? 0 : 3);
    assertThat(dayAfter.loansClosed()).isEqualTo(12);
    assertThat(dayAfter.overdueLoans()).isEqualTo(3);
    assertThat(dayAfter.classifications()).isZero();
    for (String id : loanIds) {
      LoanStanding standing = loans.standing(id).orElseThrow();
      List<LedgerLine> ledger = loans.ledger(id);
      assertThat(standing.lastClosedOn()).isEqualTo(firstDue.plusDays(1));
      assertThat(ledger.subList(1, 12)).allSatisfy(line -> {
        assertThat(line.status()).isEqualTo(InstalmentStatus.DUE);
        assertThat(line.penaltyAccrued()).isEqualByComparingTo("0");
      });
      if (unpaid.contains(id)) {
        assertThat(ledger.get(0).status()).isEqualTo(InstalmentStatus.OVERDUE);
        assertThat(ledger.get(0).penaltyAccrued()).isEqualByComparingTo(oneDay.multiply(BigDecimal.valueOf(2)));
        assertThat(standing.daysPastDue()).isEqualTo(2);
        assertThat(standing.overdueSince()).isEqualTo(firstDue);
        assertThat(standing.classification()).isEqualTo(Classification.SPECIAL_MENTION);
        assertThat(loans.classificationHistory(id)).singleElement()
            .satisfies(change -> assertThat(change.businessDate()).isEqualTo(firstDue));
      } else {
        assertThat(ledger.get(0).status()).isEqualTo(InstalmentStatus.PAID);
        assertThat(ledger.get(0).penaltyAccrued()).isEqualByComparingTo("0");
        assertThat(standing.daysPastDue()).isZero();
        assertThat(standing.overdueSince()).isNull();
        assertThat(standing.classification()).isEqualTo(Classification.NORMAL);
        assertThat(loans.classificationHistory(id)).isEmpty();
      }
    }
  }

  /**
   * The first close of a book no close has covered yet (a fresh demo database; each test's era is one): the scheduled
   * close and the demo's {@code POST /api/sandbox/daily-close} both close through a date, and with no close before it
   * they close that date only — "no previous close" is neither taken as yesterday nor as the disbursement day. Before
   * the first due date nothing is overdue and no penalty interest accrues; the close of the due date charges its one
   * day, as a book closed every night would.
   */
  @Test
  void theFirstCloseOfABookChargesNothingBeforeTheFirstDueDateAndOneDayOnIt() {
    LoanAccount loan = loan();

    List<DailyCloseRun> first = dailyClose.closeThrough(firstDue.minusDays(1));

    assertThat(first).extracting(DailyCloseRun::businessDate).containsExactly(firstDue.minusDays(1));
    assertThat(first.get(0).penaltyAccrued()).isEqualByComparingTo("0");
    assertThat(first.get(0).overdueLoans()).isZero();
    assertThat(instalment(loan, 1).status()).isEqualTo(InstalmentStatus.DUE);
    assertThat(instalment(loan, 1).penaltyAccrued()).isEqualByComparingTo("0");
    assertThat(loans.balances(loan.loanId()).arrears()).isEqualByComparingTo("0");
    assertThat(standing(loan).daysPastDue()).isZero();

    assertThat(dailyClose.closeThrough(firstDue)).extracting(DailyCloseRun::businessDate).containsExactly(firstDue);
    assertThat(instalment(loan, 1).penaltyAccrued()).isEqualTo(ONE_DAY_ON_FIRST_PRINCIPAL);
    assertThat(standing(loan).daysPastDue()).isEqualTo(1);
  }

  /**
   * The first close of a book after a due date (a fresh demo database closed by the sandbox ten days after the first
   * instalment fell due, or a scheduled close that first succeeds then): it closes that date only, and the instalment
   * has been overdue ten days. It charges each of them as ten nightly closes would, one day of 1.48 rounded to the fen
   * ten times (14.80, not 14.81), not one day while the loan counts 10 days past due; the next close charges its one
   * day.
   */
  @Test
  void theFirstCloseOfABookAfterADueDateChargesEveryDayOverdueAsNightlyClosesWould() {
    LoanAccount loan = loan();

    List<DailyCloseRun> first = dailyClose.closeThrough(firstDue.plusDays(9));

    assertThat(first).extracting(DailyCloseRun::businessDate).containsExactly(firstDue.plusDays(9));
    assertThat(standing(loan).daysPastDue()).isEqualTo(10);
    assertThat(instalment(loan, 1).penaltyAccrued()).isEqualTo(new BigDecimal("14.80"));
    assertThat(first.get(0).penaltyAccrued()).isEqualTo(new BigDecimal("14.80"));

    List<DailyCloseRun> next = dailyClose.closeThrough(firstDue.plusDays(10));

    assertThat(next).singleElement().satisfies(run ->
        assertThat(run.penaltyAccrued()).isEqualTo(ONE_DAY_ON_FIRST_PRINCIPAL));
    assertThat(instalment(loan, 1).penaltyAccrued()).isEqualTo(new BigDecimal("16.28"));
    assertThat(standing(loan).daysPastDue()).isEqualTo(11);
    assertThat(loans.balances(loan.loanId()).arrears()).as("8,168.49 principal, 362.50 interest, 11 days of 1.48")
        .isEqualByComparingTo("8547.27");
  }

  /**
   * A repayment of the arrears bounces days later: the instalment is overdue again, counted from its due date; the
   * reversal charges the days the closes took it as paid (they charged nothing), and the next close its own day, as
   * nightly closes would have had the money never come: six days of 1.48 from the due date, not two.
   */
  @Test
  void theCloseAfterABouncedRepaymentChargesTheDaysItWasTakenAsPaid() {
    LoanAccount loan = loan();
    dailyClose.close(firstDue);
    String bounced = "TX-BOUNCED-ARREARS-" + loan.loanId();
    repayments.receive(new ReceiveRepayment(loan.loanId(), bounced, loans.balances(loan.loanId()).arrears(),
        firstDue.plusDays(1), "core-banking"));
    dailyClose.closeThrough(firstDue.plusDays(4));
    assertThat(instalment(loan, 1).status()).isEqualTo(InstalmentStatus.PAID);
    assertThat(instalment(loan, 1).penaltyAccrued()).isEqualTo(ONE_DAY_ON_FIRST_PRINCIPAL);
    repayments.reverse(new ReverseRepayment(loan.loanId(), bounced, "退票", "core-banking"));

    DailyCloseRun run = dailyClose.close(firstDue.plusDays(5));

    assertThat(standing(loan).daysPastDue()).isEqualTo(6);
    assertThat(run.penaltyAccrued()).as("its own day: the reversal charged the four before it")
        .isEqualTo(ONE_DAY_ON_FIRST_PRINCIPAL);
    assertThat(instalment(loan, 1).penaltyAccrued()).isEqualTo(new BigDecimal("8.88"));
  }

  /**
   * The same bounce, and the borrower repays the arrears quoted right after it (the reversal mail's 逾期应还), value-dated
   * the next day and reported before that day's close: those arrears already hold the penalty interest of the four days
   * the bounced repayment counted as paid (the closes of those days ran and charged nothing), so the bank gets the five
   * days of 1.48 nightly closes would have charged, 7.40, not the due date's 1.48 alone.
   */
  @Test
  void aBouncedRepaymentOwesAtOnceThePenaltyInterestOfTheDaysItWasTakenAsPaid() {
    LoanAccount loan = loan();
    dailyClose.close(firstDue);
    String bounced = "TX-BOUNCED-QUOTE-" + loan.loanId();
    repayments.receive(new ReceiveRepayment(loan.loanId(), bounced, loans.balances(loan.loanId()).arrears(),
        firstDue.plusDays(1), "core-banking"));
    dailyClose.closeThrough(firstDue.plusDays(4));
    moveClockTo(firstDue.plusDays(5).atTime(10, 0).atZone(java.time.ZoneId.of("Asia/Shanghai")).toInstant());

    repayments.reverse(new ReverseRepayment(loan.loanId(), bounced, "退票", "core-banking"));

    assertThat(instalment(loan, 1).status()).isEqualTo(InstalmentStatus.OVERDUE);
    assertThat(instalment(loan, 1).penaltyAccrued()).as("the due date and the four days it counted as paid")
        .isEqualTo(new BigDecimal("7.40"));
    BigDecimal quoted = loans.balances(loan.loanId()).arrears();
    assertThat(quoted).as("8,168.49 principal, 362.50 interest, 5 days of 1.48").isEqualByComparingTo("8538.39");
    repayments.receive(new ReceiveRepayment(loan.loanId(), "TX-REPAID-QUOTE-" + loan.loanId(), quoted,
        firstDue.plusDays(5), "core-banking"));
    dailyClose.close(firstDue.plusDays(5));

    assertThat(instalment(loan, 1).status()).isEqualTo(InstalmentStatus.PAID);
    assertThat(instalment(loan, 1).penaltyAccrued()).isEqualTo(new BigDecimal("7.40"));
    assertThat(instalment(loan, 1).penaltyPaid()).isEqualTo(new BigDecimal("7.40"));
    assertThat(standing(loan).daysPastDue()).isZero();
  }

  /**
   * The repayment that cured the loan bounces days later: the loan is past due again at once, as the closes count it —
   * five days through the last close (D + 4), 关注 with the floor's reason, the change recorded as the reversal's — not
   * 0 and 正常 until the next close (what the loan view, collections and monitoring read). That close counts on to six
   * days without recording the floor again, and hands the loan to collections.
   */
  @Test
  void aBouncedRepaymentMakesTheLoanPastDueAndSpecialMentionAtOnce() {
    LoanAccount loan = loan();
    dailyClose.close(firstDue);
    String bounced = "TX-BOUNCED-DPD-" + loan.loanId();
    repayments.receive(new ReceiveRepayment(loan.loanId(), bounced, loans.balances(loan.loanId()).arrears(),
        firstDue.plusDays(1), "core-banking"));
    dailyClose.closeThrough(firstDue.plusDays(4));
    assertThat(standing(loan).daysPastDue()).isZero();
    assertThat(standing(loan).classification()).isEqualTo(Classification.NORMAL);
    moveClockTo(firstDue.plusDays(5).atTime(10, 0).atZone(java.time.ZoneId.of("Asia/Shanghai")).toInstant());

    repayments.reverse(new ReverseRepayment(loan.loanId(), bounced, "退票", "core-banking"));

    LoanStanding standing = standing(loan);
    assertThat(standing.daysPastDue()).as("due date D through the last close, D + 4").isEqualTo(5);
    assertThat(standing.overdueSince()).isEqualTo(firstDue);
    assertThat(standing.classification()).isEqualTo(Classification.SPECIAL_MENTION);
    assertThat(loans.classificationHistory(loan.loanId()).get(0)).satisfies(change -> {
      assertThat(change.source()).isEqualTo(ClassificationChange.REVERSAL);
      assertThat(change.businessDate()).isEqualTo(firstDue.plusDays(4));
      assertThat(change.previous()).isEqualTo(Classification.NORMAL);
      assertThat(change.classification()).isEqualTo(Classification.SPECIAL_MENTION);
      assertThat(change.daysPastDue()).isEqualTo(5);
      assertThat(change.reason()).isEqualTo(Classification.floorReason(5));
    });
    DailyCloseRun next = dailyClose.close(firstDue.plusDays(5));
    assertThat(standing(loan).daysPastDue()).isEqualTo(6);
    assertThat(next.classifications()).as("the floor was restated by the reversal").isZero();
    assertThat(next.collectionLoans()).isEqualTo(1);
  }

  /**
   * Closes lag behind the calendar (the last one of D - 2) when an early payment of the instalment due D bounces on
   * D + 1: the instalment is overdue again, but no close has yet seen its due date, so the reversal counts no days past
   * due (not -1 as of D - 2) and leaves it 正常; the close of D counts day 1, as for any unpaid instalment.
   */
  @Test
  void aBouncedEarlyPaymentWhileClosesLagCountsNoDaysPastDueBeforeTheCloseOfItsDueDate() {
    LoanAccount loan = loan();
    dailyClose.close(firstDue.minusDays(2));
    String bounced = "TX-BOUNCED-EARLY-" + loan.loanId();
    repayments.receive(new ReceiveRepayment(loan.loanId(), bounced, new BigDecimal("8530.99"), firstDue.minusDays(3),
        "core-banking"));
    assertThat(instalment(loan, 1).status()).isEqualTo(InstalmentStatus.PAID);
    moveClockTo(firstDue.plusDays(1).atTime(10, 0).atZone(java.time.ZoneId.of("Asia/Shanghai")).toInstant());

    repayments.reverse(new ReverseRepayment(loan.loanId(), bounced, "退票", "core-banking"));

    assertThat(instalment(loan, 1).status()).isEqualTo(InstalmentStatus.OVERDUE);
    assertThat(standing(loan).daysPastDue()).isZero();
    assertThat(standing(loan).overdueSince()).isNull();
    assertThat(standing(loan).classification()).isEqualTo(Classification.NORMAL);
    dailyClose.closeThrough(firstDue);
    assertThat(standing(loan).daysPastDue()).isEqualTo(1);
    assertThat(standing(loan).classification()).isEqualTo(Classification.SPECIAL_MENTION);
  }

  /**
   * What a reversal charges of penalty interest is in the daily close's figures: the close of the reversal's business
   * date reports it next to what it accrued itself, so the closes' figures add up to the penalty interest the ledger
   * charged (1.48 on D, the reversal's four days of 1.48, 5.92, and 1.48 on D + 5: 8.88).
   */
  @Test
  void theCloseReportsThePenaltyInterestAReversalOfItsBusinessDateCharged() {
    LoanAccount loan = loan();
    DailyCloseRun dueDate = dailyClose.close(firstDue);
    String bounced = "TX-BOUNCED-TOTAL-" + loan.loanId();
    repayments.receive(new ReceiveRepayment(loan.loanId(), bounced, loans.balances(loan.loanId()).arrears(),
        firstDue.plusDays(1), "core-banking"));
    List<DailyCloseRun> paid = dailyClose.closeThrough(firstDue.plusDays(4));
    moveClockTo(firstDue.plusDays(5).atTime(10, 0).atZone(java.time.ZoneId.of("Asia/Shanghai")).toInstant());
    repayments.reverse(new ReverseRepayment(loan.loanId(), bounced, "退票", "core-banking"));

    DailyCloseRun next = dailyClose.close(firstDue.plusDays(5));

    assertThat(next.penaltyAccrued()).isEqualTo(ONE_DAY_ON_FIRST_PRINCIPAL);
    assertThat(next.penaltyChargedByReversals()).as("four days of 1.48").isEqualTo(new BigDecimal("5.92"));
    assertThat(dailyClose.run(firstDue.plusDays(5)).orElseThrow().penaltyChargedByReversals()).isEqualTo(new BigDecimal("5.92"));
    assertThat(dueDate.penaltyChargedByReversals()).isEqualTo(new BigDecimal("0.00"));
    BigDecimal reported = java.util.stream.Stream.concat(java.util.stream.Stream.of(dueDate, next), paid.stream())
        .map(run -> run.penaltyAccrued().add(run.penaltyChargedByReversals())).reduce(BigDecimal.ZERO, BigDecimal::add);
    assertThat(reported).isEqualByComparingTo(instalment(loan, 1).penaltyAccrued()).isEqualByComparingTo("8.88");
  }

  /**
   * A reversal reported while the daily close of the day before is still handing overdue loans to collections (00:30,
   * minutes on a big book; core banking's feed arrives then too): that close's ledger step has already covered the loan,
   * taking the bounced repayment as paid, and will not come back to it. The reversal charges its day as well and counts
   * the loan past due as of it: due D, repaid value-dated D + 1, the closes through D + 4 completed and D + 5's past its
   * ledger step, the instalment owes six days of 1.48 (8.88) at once and the loan is 6 days past due, not five days of
   * penalty interest and 5 days past due until the next close (the arrears the reversal mail quotes, and money paid
   * before that close, would leave D + 5 uncharged for good).
   */
  @Test
  void aReversalDuringTheHandOverOfADailyCloseChargesTheDayThatCloseTookTheRepaymentAsPaid() throws Exception {
    LoanAccount loan = loan();
    LoanAccount unpaid = loan();  // overdue: the close of D + 5 has a loan to hand to collections
    dailyClose.close(firstDue);
    String bounced = "TX-BOUNCED-HANDOVER-" + loan.loanId();
    repayments.receive(new ReceiveRepayment(loan.loanId(), bounced, loans.balances(loan.loanId()).arrears(),
        firstDue.plusDays(1), "core-banking"));
    dailyClose.closeThrough(firstDue.plusDays(4));
    moveClockTo(firstDue.plusDays(6).atTime(0, 35).atZone(java.time.ZoneId.of("Asia/Shanghai")).toInstant());
    CountDownLatch handingOver = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    DailyCloseService node = node("node-handover", 1000, (day, step, lastLoan) -> {
      if (DailyCloseRun.STEP_COLLECTIONS.equals(step)) {
        handingOver.countDown();
        try {
          release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    });
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<DailyCloseRun> close = pool.submit(() -> node.close(firstDue.plusDays(5)));
      assertThat(handingOver.await(30, TimeUnit.SECONDS)).isTrue();

      repayments.reverse(new ReverseRepayment(loan.loanId(), bounced, "退票", "core-banking"));

      assertThat(instalment(loan, 1).penaltyAccrued()).as("D to D + 5, six days of 1.48").isEqualTo(new BigDecimal("8.88"));
      assertThat(standing(loan).daysPastDue()).isEqualTo(6);
      release.countDown();
      assertThat(close.get(60, TimeUnit.SECONDS).completed()).isTrue();
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
    assertThat(instalment(unpaid, 1).penaltyAccrued()).isEqualTo(ONE_DAY_ON_FIRST_PRINCIPAL.multiply(BigDecimal.valueOf(6)));
    dailyClose.close(firstDue.plusDays(6));
    assertThat(instalment(loan, 1).penaltyAccrued()).as("charged once a day").isEqualTo(new BigDecimal("10.36"));
    assertThat(standing(loan).daysPastDue()).isEqualTo(7);
  }

  /**
   * A part payment of the arrears bounces days later: the closes since it charged 0.10 a day on the 532.47 principal it
   * left, not 1.48 on the 8,168.49 owed had it never come. The reversal charges the difference for those days, so the
   * instalment owes what nightly closes would have charged: five days of 1.48, 7.40, not 1.48 and four days of 0.10.
   */
  @Test
  void aBouncedPartPaymentOwesThePenaltyInterestOnThePrincipalItHadPaidForTheDaysSince() {
    LoanAccount loan = loan();
    dailyClose.close(firstDue);
    String bounced = "TX-BOUNCED-PART-" + loan.loanId();
    repayments.receive(new ReceiveRepayment(loan.loanId(), bounced, new BigDecimal("8000.00"), firstDue.plusDays(1),
        "core-banking"));
    dailyClose.closeThrough(firstDue.plusDays(4));
    assertThat(instalment(loan, 1).principalDue()).isEqualTo(new BigDecimal("532.47"));
    assertThat(instalment(loan, 1).penaltyAccrued()).as("the due date's 1.48, then 0.10 a day on 532.47")
        .isEqualTo(new BigDecimal("1.88"));
    moveClockTo(firstDue.plusDays(5).atTime(10, 0).atZone(java.time.ZoneId.of("Asia/Shanghai")).toInstant());

    repayments.reverse(new ReverseRepayment(loan.loanId(), bounced, "退票", "core-banking"));

    assertThat(instalment(loan, 1).principalDue()).isEqualTo(new BigDecimal("8168.49"));
    assertThat(instalment(loan, 1).penaltyAccrued()).as("five days of 1.48 on 8,168.49").isEqualTo(new BigDecimal("7.40"));
    assertThat(repayments.find(bounced).orElseThrow().reversalPenaltyCharges()).as("the 1.38 a day more, four days")
        .containsExactly(new ReversalPenaltyCharge(1, firstDue.plusDays(5), firstDue.plusDays(1), firstDue.plusDays(4), 4,
            new BigDecimal("5.52")));
    assertThat(dailyClose.close(firstDue.plusDays(5)).penaltyAccrued()).isEqualTo(ONE_DAY_ON_FIRST_PRINCIPAL);
    assertThat(instalment(loan, 1).penaltyAccrued()).isEqualTo(new BigDecimal("8.88"));
  }

  /**
   * A payment of the first instalment that prepaid 50,000.00 bounces after the second instalment fell due unpaid: the
   * closes since charged the second on the lower principal the prepayment's recomputed schedule gave it. The reversal
   * restores its principal and charges the difference for those five days, and charges the first instalment, owed again,
   * for every day since its due date: both owe what nightly closes would have charged had the money never come.
   */
  @Test
  void aBouncedPrepaymentOwesThePenaltyInterestOnTheRestoredPrincipalOfAnInstalmentDueSince() {
    LoanAccount loan = loan();
    LocalDate secondDue = disbursed.plusMonths(2);
    BigDecimal rate = new BigDecimal("4.35");
    String bounced = "TX-BOUNCED-PREPAY-" + loan.loanId();
    repayments.receive(new ReceiveRepayment(loan.loanId(), bounced, new BigDecimal("58530.99"), firstDue.minusDays(5),
        "core-banking"));
    dailyClose.close(firstDue);
    dailyClose.closeThrough(secondDue.plusDays(4));
    BigDecimal lowered = instalment(loan, 2).principalDue();
    assertThat(instalment(loan, 2).penaltyAccrued()).isEqualTo(penalty.forOneDay(lowered, rate).multiply(BigDecimal.valueOf(5)));
    moveClockTo(secondDue.plusDays(5).atTime(10, 0).atZone(java.time.ZoneId.of("Asia/Shanghai")).toInstant());

    repayments.reverse(new ReverseRepayment(loan.loanId(), bounced, "退票", "core-banking"));

    BigDecimal restored = instalment(loan, 2).principalDue();
    assertThat(restored).isGreaterThan(lowered);
    assertThat(instalment(loan, 2).penaltyAccrued()).as("five days on the principal restored")
        .isEqualTo(penalty.forOneDay(restored, rate).multiply(BigDecimal.valueOf(5)));
    long sinceFirstDue = java.time.temporal.ChronoUnit.DAYS.between(firstDue, secondDue.plusDays(5));
    assertThat(instalment(loan, 1).penaltyAccrued()).as("every day from its due date")
        .isEqualTo(ONE_DAY_ON_FIRST_PRINCIPAL.multiply(BigDecimal.valueOf(sinceFirstDue)));
  }

  /**
   * Reports out of value-date order: the penalty interest of five closes paid on D + 5, then a part payment value-dated
   * D + 2 reported after it, which bounces. The closes of D + 2 to D + 4 ran before that part payment was booked and
   * charged the whole principal (the back-valuation found their charge paid already and reversed nothing): its reversal
   * charges nothing more for them, the borrower owes the five days once.
   */
  @Test
  void aBouncedPartPaymentBookedAfterTheClosesOfItsValueDateOwesNoSecondChargeForThem() {
    LoanAccount loan = loan();
    dailyClose.close(firstDue);
    dailyClose.closeThrough(firstDue.plusDays(4));
    repayments.receive(new ReceiveRepayment(loan.loanId(), "TX-PENALTY-" + loan.loanId(), new BigDecimal("7.40"),
        firstDue.plusDays(5), "core-banking"));
    String bounced = "TX-BOUNCED-LATE-" + loan.loanId();
    repayments.receive(new ReceiveRepayment(loan.loanId(), bounced, new BigDecimal("8000.00"), firstDue.plusDays(2),
        "core-banking"));
    assertThat(instalment(loan, 1).penaltyAccrued()).isEqualTo(new BigDecimal("7.40"));
    moveClockTo(firstDue.plusDays(5).atTime(10, 0).atZone(java.time.ZoneId.of("Asia/Shanghai")).toInstant());

    repayments.reverse(new ReverseRepayment(loan.loanId(), bounced, "退票", "core-banking"));

    assertThat(instalment(loan, 1).principalDue()).isEqualTo(new BigDecimal("8168.49"));
    assertThat(instalment(loan, 1).penaltyAccrued()).as("five days of 1.48, charged once").isEqualTo(new BigDecimal("7.40"));
  }

  /**
   * The first close of a book 100 days after a due date sees the loan 100 days past due: its default date, which the
   * default database and regulatory reporting read, is the 91st day past due, not the close's date; the classification
   * history keeps the close's date, the day the bank classified the loan 次级.
   */
  @Test
  void aCloseAcrossTheNinetiethDayPastDueRecordsTheDefaultOnTheNinetyFirstDay() {
    LoanAccount loan = loan();

    dailyClose.closeThrough(firstDue.plusDays(99));

    LoanStanding standing = standing(loan);
    assertThat(standing.daysPastDue()).isEqualTo(100);
    assertThat(standing.classification()).isEqualTo(Classification.SUBSTANDARD);
    assertThat(standing.defaultedOn()).isEqualTo(firstDue.plusDays(90));
    assertThat(loans.classificationHistory(loan.loanId())).singleElement().satisfies(change -> {
      assertThat(change.businessDate()).isEqualTo(firstDue.plusDays(99));
      assertThat(change.previous()).isEqualTo(Classification.NORMAL);
      assertThat(change.classification()).isEqualTo(Classification.SUBSTANDARD);
      assertThat(change.daysPastDue()).isEqualTo(100);
    });
  }

  /**
   * The first close to see a loan more than 90 days past due comes after its 91st day, and a part payment value-dated
   * between the two paid some principal: the default is recorded with the principal owed on its default date, the
   * whole 100,000.00, and so the default database has it once the loan is repaid (before, the principal left at the
   * close, less what the part payment paid).
   */
  @Test
  void aDefaultSeenLateIsRecordedWithThePrincipalOwedOnItsNinetyFirstDay() {
    LoanAccount loan = loan();
    repayments.receive(new ReceiveRepayment(loan.loanId(), "TX-PART-" + loan.loanId(), new BigDecimal("3000.00"),
        firstDue.plusDays(95), "core-banking"));
    dailyClose.close(firstDue.plusDays(99));
    assertThat(standing(loan).defaultedOn()).isEqualTo(firstDue.plusDays(90));
    assertThat(loans.balances(loan.loanId()).outstandingPrincipal()).isLessThan(new BigDecimal("100000.00"));

    LocalDate payoffDay = firstDue.plusDays(100);
    repayments.receive(new ReceiveRepayment(loan.loanId(), "TX-PAYOFF-" + loan.loanId(),
        repayments.payoffAmount(loan.loanId(), payoffDay), payoffDay, "core-banking"));
    dailyClose.close(payoffDay);

    assertThat(standing(loan).status()).isEqualTo(LoanAccount.SETTLED);
    assertThat(defaults.find(loan.creditCode())).containsExactly(
        new InternalDefault(firstDue.plusDays(90), new BigDecimal("100000.00"), InternalDefaultStatus.SETTLED));
  }

  /**
   * The first close of a book crashed (its run left running) and the scheduled close of the next night finds no
   * completed close: it resumes the crashed date before closing its own, and skips no business date (before, it
   * closed the new date only and the crashed one stayed unclosed, its loans never charged its penalty day by it).
   */
  @Test
  void aCrashedFirstCloseIsResumedBeforeTheNextDateNotSkipped() {
    List<LoanAccount> book = List.of(loan(), loan(), loan());
    DailyCloseService crashing = node("node-crashing", 1, (day, step, lastLoan) -> {
      if (lastLoan.compareTo(book.get(1).loanId()) >= 0) {
        throw new IllegalStateException("simulated crash after " + lastLoan);
      }
    });
    assertThatThrownBy(() -> crashing.closeThrough(firstDue)).hasMessageContaining("simulated crash");
    assertThat(dailyClose.run(firstDue).orElseThrow().status()).isEqualTo(DailyCloseRun.RUNNING);

    List<DailyCloseRun> next = dailyClose.closeThrough(firstDue.plusDays(1));

    assertThat(next).extracting(DailyCloseRun::businessDate).containsExactly(firstDue, firstDue.plusDays(1));
    assertThat(next).allSatisfy(run -> assertThat(run.completed()).isTrue());
    assertThat(next.get(0).attempts()).isEqualTo(2);
    assertThat(book).allSatisfy(l -> {
      assertThat(standing(l).daysPastDue()).isEqualTo(2);
      assertThat(instalment(l, 1).penaltyAccrued()).isEqualTo(new BigDecimal("2.96"));
      assertThat(loans.classificationHistory(l.loanId())).singleElement()
          .satisfies(change -> assertThat(change.businessDate()).isEqualTo(firstDue));
    });
  }

  /**
   * The close of the due date crashed half-way (its run left running: the first loan closed, the others not) and the
   * next close asked for is a later date's alone: the crashed date is resumed and completed first, so no date is left
   * half closed behind a later one. Every loan has each day's penalty interest charged once (four days, 5.92), its
   * 关注 dated the due date, and the due date's run completed before the later date's started (before, the due date
   * stayed running for ever: the next closeThrough starts after the later date, and the loans the crash left had
   * their 关注 dated the later date).
   */
  @Test
  void aLaterDateIsClosedOnlyAfterTheCrashedCloseOfAnEarlierDateIsResumed() {
    List<LoanAccount> book = List.of(loan(), loan(), loan());
    DailyCloseService crashing = node("node-crashing", 1, (day, step, lastLoan) -> {
      if (lastLoan.compareTo(book.get(1).loanId()) >= 0) {
        throw new IllegalStateException("simulated crash after " + lastLoan);
      }
    });
    assertThatThrownBy(() -> crashing.close(firstDue)).hasMessageContaining("simulated crash");
    assertThat(dailyClose.run(firstDue).orElseThrow().status()).isEqualTo(DailyCloseRun.RUNNING);
    assertThat(standing(book.get(2)).lastClosedOn()).isNull();

    DailyCloseRun later = dailyClose.close(firstDue.plusDays(3));

    DailyCloseRun resumed = dailyClose.run(firstDue).orElseThrow();
    assertThat(resumed.completed()).isTrue();
    assertThat(resumed.attempts()).isEqualTo(2);
    assertThat(resumed.finishedAt()).isBeforeOrEqualTo(later.startedAt());
    assertThat(later.completed()).isTrue();
    assertThat(book).allSatisfy(l -> {
      assertThat(instalment(l, 1).penaltyAccrued()).isEqualTo(new BigDecimal("5.92"));
      assertThat(standing(l).daysPastDue()).isEqualTo(4);
      assertThat(standing(l).lastClosedOn()).isEqualTo(firstDue.plusDays(3));
      assertThat(loans.classificationHistory(l.loanId())).singleElement()
          .satisfies(change -> assertThat(change.businessDate()).isEqualTo(firstDue));
    });
    assertThat(dailyClose.closeThrough(firstDue.plusDays(4))).extracting(DailyCloseRun::businessDate)
        .containsExactly(firstDue.plusDays(4));
  }

  /**
   * A close asked for a date before the book's first completed close (the sandbox's endpoint, or the scheduled close
   * after the engine clock was set back) crashed: the next scheduled close, whose catch-up starts after the completed
   * date, resumes and completes it first (before, it stayed running for ever, half its loans closed).
   */
  @Test
  void closeThroughResumesACrashedCloseOfADateBeforeTheLastCompletedOneFirst() {
    List<LoanAccount> book = List.of(loan(), loan(), loan());
    dailyClose.close(firstDue.plusDays(5));
    DailyCloseService crashing = node("node-crashing", 1, (day, step, lastLoan) -> {
      if (lastLoan.compareTo(book.get(1).loanId()) >= 0) {
        throw new IllegalStateException("simulated crash after " + lastLoan);
      }
    });
    assertThatThrownBy(() -> crashing.closeThrough(firstDue)).hasMessageContaining("simulated crash");
    assertThat(dailyClose.run(firstDue).orElseThrow().status()).isEqualTo(DailyCloseRun.RUNNING);

    List<DailyCloseRun> next = dailyClose.closeThrough(firstDue.plusDays(6));

    assertThat(next).extracting(DailyCloseRun::businessDate).containsExactly(firstDue, firstDue.plusDays(6));
    assertThat(next).allSatisfy(run -> assertThat(run.completed()).isTrue());
    assertThat(dailyClose.run(firstDue).orElseThrow().attempts()).isEqualTo(2);
    assertThat(book).allSatisfy(l -> assertThat(standing(l).daysPastDue()).isEqualTo(7));
  }

  @Test
  void closeThroughCatchesUpEveryMissedDayInOrder() {
    LoanAccount loan = loan();
    dailyClose.close(firstDue);

    List<DailyCloseRun> runs = dailyClose.closeThrough(firstDue.plusDays(3));

    assertThat(runs).extracting(DailyCloseRun::businessDate)
        .containsExactly(firstDue.plusDays(1), firstDue.plusDays(2), firstDue.plusDays(3));
    assertThat(runs).allSatisfy(run -> assertThat(run.completed()).isTrue());
    assertThat(instalment(loan, 1).penaltyAccrued()).isEqualTo(new BigDecimal("5.92"));
    assertThat(standing(loan).daysPastDue()).isEqualTo(4);
    assertThat(dailyClose.closeThrough(firstDue.plusDays(3))).extracting(DailyCloseRun::businessDate)
        .containsExactly(firstDue.plusDays(3));
  }

  @Test
  void aCloseThatCrashedHalfWayResumesAfterItsLastChunkAndDoesNoLoanTwice() {
    List<LoanAccount> book = new ArrayList<>();
    for (int k = 0; k < 5; k++) {
      book.add(loan());
    }
    // Chunks of two loans of the whole book in loan-id order: the close crashes on the chunk that reaches book[2].
    DailyCloseService crashing = node("node-crashing", 2, (day, step, lastLoan) -> {
      if (lastLoan.compareTo(book.get(2).loanId()) >= 0 && step.equals(DailyCloseRun.STEP_LEDGER)) {
        throw new IllegalStateException("simulated crash after " + lastLoan);
      }
    });

    assertThatThrownBy(() -> crashing.close(firstDue)).hasMessageContaining("simulated crash");

    DailyCloseRun crashed = dailyClose.run(firstDue).orElseThrow();
    assertThat(crashed.status()).isEqualTo(DailyCloseRun.RUNNING);
    assertThat(crashed.step()).isEqualTo(DailyCloseRun.STEP_LEDGER);
    assertThat(crashed.cursorLoanId()).isGreaterThanOrEqualTo(book.get(0).loanId()).isLessThan(book.get(2).loanId());
    assertThat(crashed.chunks()).isPositive();
    assertThat(standing(book.get(0)).lastClosedOn()).isEqualTo(firstDue);
    assertThat(book.subList(2, 5)).allSatisfy(l -> assertThat(standing(l).lastClosedOn()).isNull());

    DailyCloseRun rerun = node("node-b", 2, (day, step, lastLoan) -> {}).close(firstDue);

    assertThat(rerun.completed()).isTrue();
    assertThat(rerun.attempts()).isEqualTo(2);
    assertThat(rerun.node()).isEqualTo("node-b");
    assertThat(rerun.loansClosed()).isEqualTo(5);
    assertThat(rerun.overdueLoans()).isEqualTo(5);
    assertThat(book).allSatisfy(l -> {
      assertThat(instalment(l, 1).penaltyAccrued()).isEqualTo(ONE_DAY_ON_FIRST_PRINCIPAL);
      assertThat(loans.classificationHistory(l.loanId())).hasSize(1);
      assertThat(standing(l).daysPastDue()).isEqualTo(1);
    });
  }

  /** A node whose close, once its first chunk is done, says so ({@code holding}) and waits for {@code release}. */
  private DailyCloseService heldInItsFirstChunk(String name, CountDownLatch holding, CountDownLatch release) {
    return node(name, 1000, (day, step, lastLoan) -> {
      holding.countDown();
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
  }

  @Test
  void whileOneNodeClosesTheDayASecondNodeIsRefusedAndNothingIsDoneTwice() throws Exception {
    LoanAccount loan = loan();
    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    DailyCloseService nodeA = heldInItsFirstChunk("node-a", holding, release);
    DailyCloseService nodeB = node("node-b", 1000, (day, step, lastLoan) -> {});
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<DailyCloseRun> a = pool.submit(() -> nodeA.close(firstDue));
      assertThat(holding.await(30, TimeUnit.SECONDS)).isTrue();

      assertThatThrownBy(() -> nodeB.close(firstDue)).isInstanceOf(DailyCloseBusyException.class)
          .hasMessageStartingWith("日终批处理正在 node-a/").hasMessageContaining(" 上运行, 请待其结束后重试 (");
      assertThatThrownBy(() -> dailyClose.closeThrough(firstDue)).isInstanceOf(DailyCloseBusyException.class);

      release.countDown();
      assertThat(a.get(60, TimeUnit.SECONDS).completed()).isTrue();
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
    assertThat(nodeB.close(firstDue).attempts()).isEqualTo(1);
    assertThat(instalment(loan, 1).penaltyAccrued()).isEqualTo(ONE_DAY_ON_FIRST_PRINCIPAL);
  }

  @Test
  void whileTheCloseRunsASecondRunOnTheSameNodeIsRefusedNotQueuedBehindIt() throws Exception {
    LoanAccount loan = loan();
    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    DailyCloseService node = heldInItsFirstChunk("node-c", holding, release);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<DailyCloseRun> first = pool.submit(() -> node.close(firstDue));
      assertThat(holding.await(30, TimeUnit.SECONDS)).isTrue();

      // the sandbox's POST /api/sandbox/daily-close or a second close job on the node that runs the close
      Future<List<DailyCloseRun>> second = pool.submit(() -> node.closeThrough(firstDue));

      assertThatThrownBy(() -> second.get(20, TimeUnit.SECONDS))
          .as("a second run on the node is answered at once (409), not after the first")
          .hasCauseInstanceOf(DailyCloseBusyException.class)
          .hasMessageContaining("日终批处理正在 node-c 上运行, 请待其结束后重试");
      release.countDown();
      assertThat(first.get(60, TimeUnit.SECONDS).completed()).isTrue();
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
    assertThat(node.close(firstDue).attempts()).as("the refused run did nothing").isEqualTo(1);
    assertThat(instalment(loan, 1).penaltyAccrued()).isEqualTo(ONE_DAY_ON_FIRST_PRINCIPAL);
  }

  @Test
  void refusesToCatchUpMoreDaysThanAllowedWithoutAnOperator() {
    DailyCloseService strict = new DailyCloseService(jdbc, transactionManager, clock, statements, listeners,
        1000, Duration.ofMinutes(10), 5, "node-strict", (day, step, lastLoan) -> {});
    try {
      strict.close(firstDue);
      assertThatThrownBy(() -> strict.closeThrough(firstDue.plusDays(6)))
          .as("a refusal the sandbox's run answers 409, not a failure it answers 500")
          .isInstanceOf(DailyCloseCatchUpException.class).isInstanceOf(StateConflictException.class)
          .hasMessageStartingWith("日终批处理至" + ChineseDates.day(firstDue.plusDays(6)) + "需补跑自" + ChineseDates.day(firstDue.plusDays(1)) + "起的 6 个营业日,"
              + " 超过上限 5 个").hasMessageContaining("max-catch-up-days=5");
      assertThat(dailyClose.run(firstDue.plusDays(1))).isEmpty();
    } finally {
      strict.destroy();
    }
  }

  private final List<DailyCloseService> nodes = new ArrayList<>();

  private DailyCloseService node(String name, int chunkSize, DailyCloseService.ChunkObserver observer) {
    DailyCloseService node = new DailyCloseService(jdbc, transactionManager, clock, statements, listeners,
        chunkSize, Duration.ofMinutes(10), 400, name, observer);
    nodes.add(node);
    return node;
  }

  @org.junit.jupiter.api.AfterEach
  void stopNodes() {
    nodes.forEach(DailyCloseService::destroy);
  }
}
