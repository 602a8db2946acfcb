package com.smeloanflow.servicing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.smeloanflow.approval.RepaymentMethod;
import com.smeloanflow.notification.MailCaseType;
import com.smeloanflow.notification.MailOutbox;
import com.smeloanflow.notification.MailStatus;
import com.smeloanflow.notification.MailTemplate;
import com.smeloanflow.notification.OutboxMail;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.platform.ChineseDates;
import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.ApiClient.Response;
import com.smeloanflow.support.BrokenMailValues;
import com.smeloanflow.support.Concurrently;
import com.smeloanflow.support.TestApplications;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The repayment feed over HTTP as core banking calls it: real JSON, problem+json naming each bad
 * field with nothing stored, idempotency by transaction id (replays, conflicting reuse, concurrent
 * replays), reversals of bounced payments, and the principal the loan account keeps as they move it
 * (the dashboard's book sums it). Loans are disbursed ten days ago: the first
 * instalment (8,530.99 CNY) is the current one.
 */
class RepaymentApiTest extends AbstractIntegrationTest {

  private static final String CORE_BANKING = "core-banking";

  @Autowired LoanAccountService loans;
  @Autowired BusinessClock clock;
  @Autowired MailOutbox outbox;

  private LoanAccount loan;

  @BeforeEach
  void openLoan() {
    loan = TestLoans.with(intakeService, loans).disbursedOn(clock.today().minusDays(10));
  }

  private Response repay(String loanId, String json) {
    return api.post("/api/loans/" + loanId + "/repayments", CORE_BANKING, json);
  }

  private static String body(String transactionId, String amount, Object valueDate) {
    return "{\"transactionId\": \"" + transactionId + "\", \"amount\": " + amount + ", \"valueDate\": \"" + valueDate + "\"}";
  }

  private static String transactionId() {
    return "TX" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
  }

  private long repaymentsStored(String transactionId) {
    return jdbc.sql("SELECT COUNT(*) FROM loan_repayment WHERE transaction_id = :id").param("id", transactionId)
        .query(Long.class).single();
  }

  private long repaymentsOf(String loanId) {
    return jdbc.sql("SELECT COUNT(*) FROM loan_repayment WHERE loan_id = :id").param("id", loanId).query(Long.class).single();
  }

  @Test
  void appliesARepaymentToTheCurrentInstalmentAndAnswersWhereTheMoneyWent() {
    String transaction = transactionId();

    Response answer = repay(loan.loanId(), body(transaction, "5000.00", clock.today()));

    assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
    JsonNode repayment = answer.json();
    assertThat(repayment.get("transactionId").asText()).isEqualTo(transaction);
    assertThat(repayment.get("status").asText()).isEqualTo("POSTED");
    assertThat(repayment.get("receivedBy").asText()).isEqualTo(CORE_BANKING);
    assertThat(answer.body()).contains("\"amount\":5000.00");
    JsonNode allocations = repayment.get("allocations");
    assertThat(allocations).hasSize(2);
    assertThat(allocations.get(0).get("component").asText()).isEqualTo("CURRENT_INTEREST");
    assertThat(allocations.get(0).get("componentLabel").asText()).isEqualTo("当期利息");
    assertThat(allocations.get(0).get("amount").decimalValue()).isEqualByComparingTo("362.50");
    assertThat(allocations.get(1).get("amount").decimalValue()).isEqualByComparingTo("4637.50");
    assertThat(loans.ledger(loan.loanId()).get(0).outstanding()).isEqualByComparingTo("3530.99");
  }

  @Test
  void aDrawdownOfAJointGuaranteedLineClearsTheOldestOverdueInstalmentFirstAsAJointGuaranteeLoanDoes() {
    // A drawdown is a REVOLVING_LINE loan of its line's application; the line is on joint guarantee (联保), so the group
    // answers per instalment. Two instalments fell due unpaid; one instalment's worth pays the first in full (interest
    // 362.50, principal 8,168.49) and nothing of the second, instead of both instalments' interest first.
    LoanAccount drawdown = TestLoans.with(intakeService, loans).application(TestApplications.jointGuaranteedLine())
        .drawdownDisbursedOn(clock.today().minusMonths(2).minusDays(10));

    Response answer = repay(drawdown.loanId(), body(transactionId(), "8530.99", clock.today()));

    assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
    JsonNode allocations = answer.json().get("allocations");
    assertThat(allocations.findValuesAsText("instalmentNumber")).as(answer.toString()).containsOnly("1");
    assertThat(allocations.findValuesAsText("component")).containsExactly("OVERDUE_INTEREST", "OVERDUE_PRINCIPAL");
    List<LedgerLine> ledger = loans.ledger(drawdown.loanId());
    assertThat(ledger.get(0).status()).isEqualTo(InstalmentStatus.PAID);
    assertThat(ledger.get(1).interestPaid()).isEqualByComparingTo("0.00");
    assertThat(ledger.get(1).principalPaid()).isEqualByComparingTo("0.00");
  }

  @Test
  void theSameRepaymentReportedTwiceIsAppliedOnceAndAnsweredWithTheFirst() {
    String transaction = transactionId();
    Response first = repay(loan.loanId(), body(transaction, "1000.00", clock.today()));

    Response again = repay(loan.loanId(), body(transaction, "1000.00", clock.today()));

    assertThat(first.status()).isEqualTo(201);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json()).isEqualTo(first.json());
    assertThat(repaymentsStored(transaction)).isEqualTo(1);
    assertThat(loans.ledger(loan.loanId()).get(0).interestPaid()).isEqualByComparingTo("362.50");
    assertThat(loans.ledger(loan.loanId()).get(0).principalPaid()).isEqualByComparingTo("637.50");
  }

  @Test
  void theSameTransactionIdWithAnotherBodyIsAConflictAndChangesNothing() {
    String transaction = transactionId();
    repay(loan.loanId(), body(transaction, "1000.00", clock.today()));

    Response otherAmount = repay(loan.loanId(), body(transaction, "1000.01", clock.today()));
    Response otherDate = repay(loan.loanId(), body(transaction, "1000.00", clock.today().minusDays(1)));
    LoanAccount other = TestLoans.with(intakeService, loans).disbursedOn(clock.today().minusDays(10));
    Response otherLoan = repay(other.loanId(), body(transaction, "1000.00", clock.today()));

    for (Response conflict : List.of(otherAmount, otherDate, otherLoan)) {
      assertThat(conflict.status()).as(conflict.toString()).isEqualTo(409);
      assertThat(conflict.contentType()).isEqualTo("application/problem+json");
      assertThat(conflict.json().get("title").asText()).isEqualTo("当前状态不允许此操作");
      // in Chinese as the ledger's other refusals, naming what the first report was
      assertThat(conflict.json().get("detail").asText()).isEqualTo("[TRANSACTION_ID_REUSED] 交易流水 " + transaction
          + " 已于此前报送 (借据 " + loan.loanId() + ", 金额 1000.00 元, 起息日" + ChineseDates.day(clock.today()) + "), 本次报送的借据、金额或"
          + "起息日与之不同, 不予入账: 同一笔还款请按原内容重报, 另一笔还款请使用新的交易流水 (transactionId)");
    }
    assertThat(repaymentsStored(transaction)).isEqualTo(1);
    assertThat(repaymentsOf(other.loanId())).isZero();
    assertThat(loans.ledger(loan.loanId()).get(0).principalPaid()).isEqualByComparingTo("637.50");
  }

  @Test
  void concurrentReplaysOfOneRepaymentStoreItOnce() throws Exception {
    String transaction = transactionId();

    List<Response> answers = Concurrently.run(6, () -> repay(loan.loanId(), body(transaction, "2000.00", clock.today())));

    assertThat(answers).extracting(Response::status).containsOnly(201, 200);
    assertThat(answers).filteredOn(a -> a.status() == 201).hasSize(1);
    assertThat(answers).extracting(a -> a.json().get("transactionId").asText()).containsOnly(transaction);
    assertThat(repaymentsStored(transaction)).isEqualTo(1);
    assertThat(loans.ledger(loan.loanId()).get(0).principalPaid()).isEqualByComparingTo("1637.50");
  }

  /**
   * Core banking reports one bank transaction twice, once in lower case (a feed re-keyed by hand, say): the ids differ
   * only in case, the money came once, so it is credited once and the later reports answer with the first. The
   * reversal finds it however its id is written.
   */
  @Test
  void theSameTransactionIdInAnotherCaseIsTheSameRepaymentAndIsCreditedOnce() {
    String transaction = transactionId();
    Response first = repay(loan.loanId(), body(transaction.toLowerCase(), "1000.00", clock.today()));

    Response again = repay(loan.loanId(), body(transaction, "1000.00", clock.today()));
    Response mixed = repay(loan.loanId(), body("tX" + transaction.substring(2), "1000.00", clock.today()));

    assertThat(first.status()).as(first.toString()).isEqualTo(201);
    assertThat(repaymentsOf(loan.loanId())).as("one repayment credited").isEqualTo(1);
    assertThat(loans.ledger(loan.loanId()).get(0).principalPaid()).isEqualByComparingTo("637.50");
    assertThat(again.status()).as(again.toString()).isEqualTo(200);
    assertThat(again.json()).isEqualTo(first.json());
    assertThat(mixed.status()).as(mixed.toString()).isEqualTo(200);
    assertThat(again.json().get("transactionId").asText()).as("kept as first reported")
        .isEqualTo(transaction.toLowerCase());

    Response reversal = api.post("/api/loans/" + loan.loanId() + "/repayments/" + transaction.toLowerCase() + "/reversal",
        CORE_BANKING, "{\"reason\": \"退票\"}");

    assertThat(reversal.status()).as(reversal.toString()).isEqualTo(200);
    assertThat(reversal.json().get("status").asText()).isEqualTo("REVERSED");
    assertThat(loans.ledger(loan.loanId()).get(0).principalPaid()).isEqualByComparingTo("0.00");
  }

  /**
   * Core banking's transaction id is unique in the bank, not per loan: reported again for another loan (a core-banking
   * fault, or the channel retrying with the wrong loan id), in any case, the money came once and was credited to the
   * first loan. The second report is refused naming that loan, and credits nothing; nor is its reversal the other loan's.
   */
  @Test
  void theSameTransactionIdInAnotherCaseForAnotherLoanIsRefusedNamingTheLoanItWasCreditedTo() {
    String transaction = transactionId();
    LoanAccount other = TestLoans.with(intakeService, loans).disbursedOn(clock.today().minusDays(10));
    Response first = repay(loan.loanId(), body(transaction.toLowerCase(), "1000.00", clock.today()));

    Response again = repay(other.loanId(), body(transaction, "1000.00", clock.today()));

    assertThat(first.status()).as(first.toString()).isEqualTo(201);
    assertThat(again.status()).as(again.toString()).isEqualTo(409);
    assertThat(again.contentType()).isEqualTo("application/problem+json");
    assertThat(again.json().get("detail").asText()).isEqualTo("[TRANSACTION_ID_REUSED] 交易流水 " + transaction
        + " 已于此前报送 (借据 " + loan.loanId() + ", 金额 1000.00 元, 起息日" + ChineseDates.day(clock.today()) + "), 本次报送的借据、金额或"
        + "起息日与之不同, 不予入账: 同一笔还款请按原内容重报, 另一笔还款请使用新的交易流水 (transactionId)");
    assertThat(repaymentsOf(other.loanId())).as("nothing credited to the second loan").isZero();
    assertThat(loans.ledger(other.loanId()).get(0).principalPaid()).isEqualByComparingTo("0.00");
    assertThat(loans.ledger(loan.loanId()).get(0).principalPaid()).isEqualByComparingTo("637.50");

    Response reversal = api.post("/api/loans/" + other.loanId() + "/repayments/" + transaction + "/reversal",
        CORE_BANKING, "{\"reason\": \"退票\"}");

    assertThat(reversal.status()).as(reversal.toString()).isEqualTo(404);
    assertThat(loans.ledger(loan.loanId()).get(0).principalPaid()).isEqualByComparingTo("637.50");
  }

  /**
   * Two reports of one transaction id (in two cases) for two loans at once, each under its own loan's lock: one is
   * credited, the other refused naming the loan the first was credited to.
   */
  @Test
  void oneTransactionIdReportedForTwoLoansAtOnceIsCreditedOnce() throws Exception {
    for (int round = 0; round < 3; round++) {
      String transaction = transactionId();
      List<LoanAccount> twoLoans = List.of(TestLoans.with(intakeService, loans).disbursedOn(clock.today().minusDays(10)),
          TestLoans.with(intakeService, loans).disbursedOn(clock.today().minusDays(10)));
      AtomicInteger next = new AtomicInteger();

      List<Response> answers = Concurrently.run(2, () -> {
        int k = next.getAndIncrement();
        String id = k == 0 ? transaction : transaction.toLowerCase();
        return repay(twoLoans.get(k).loanId(), body(id, "1000.00", clock.today()));
      });

      assertThat(answers).extracting(Response::status).as(answers.toString()).containsExactlyInAnyOrder(201, 409);
      // the answers come in the threads' order, not the loans': the loan credited is the one holding the repayment
      String credited = twoLoans.stream().filter(l -> repaymentsOf(l.loanId()) == 1L).findFirst().orElseThrow().loanId();
      Response refused = answers.stream().filter(a -> a.status() == 409).findFirst().orElseThrow();
      assertThat(refused.json().get("detail").asText()).startsWith("[TRANSACTION_ID_REUSED]").contains("借据 " + credited);
      assertThat(twoLoans).extracting(l -> repaymentsOf(l.loanId())).as("one credit over both loans")
          .containsExactlyInAnyOrder(1L, 0L);
    }
  }

  @Test
  void refusesBadInputNamingTheFieldAndStoresNothing() {
    String transaction = transactionId();
    assertBadField(body(transaction, "-100.00", clock.today()), "amount", "NOT_POSITIVE");
    assertBadField(body(transaction, "0", clock.today()), "amount", "NOT_POSITIVE");
    assertBadField(body(transaction, "100.001", clock.today()), "amount", "TOO_MANY_DECIMALS");
    assertBadField(body(transaction, "100.00", clock.today().plusDays(1)), "valueDate", "IN_FUTURE");
    assertBadField(body(transaction, "100.00", "2026-02-30"), "valueDate", "INVALID_TYPE");
    assertBadField(body(transaction, "\"lots\"", clock.today()), "amount", "INVALID_TYPE");
    assertBadField("{\"amount\": 100.00, \"valueDate\": \"" + clock.today() + "\"}", "transactionId", "REQUIRED");
    assertBadField(body("tx with spaces", "100.00", clock.today()), "transactionId", "INVALID_FORMAT");
    assertBadField("{\"transactionId\": \"" + transaction + "\"}", "amount", "REQUIRED");
    assertThat(repaymentsOf(loan.loanId())).isZero();
  }

  private void assertBadField(String json, String field, String code) {
    Response answer = repay(loan.loanId(), json);
    assertThat(answer.status()).as("%s -> %s", json, answer).isEqualTo(400);
    assertThat(answer.contentType()).isEqualTo("application/problem+json");
    assertThat(answer.json().get("errors").findValuesAsText("field")).as(json).contains(field);
    assertThat(answer.json().get("errors").findValuesAsText("code")).as(json).contains(code);
  }

  @Test
  void refusesMoreThanThePayoffAmountNamingTheAmount() {
    // The current instalment in full and the 91,831.51 principal owed after it.
    Response answer = repay(loan.loanId(), body(transactionId(), "100362.51", clock.today()));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json().get("errors").get(0).get("field").asText()).isEqualTo("amount");
    assertThat(answer.json().get("errors").get(0).get("code").asText()).isEqualTo("EXCEEDS_PAYOFF");
    assertThat(answer.json().get("errors").get(0).get("message").asText()).contains("100362.50");
    assertThat(repaymentsOf(loan.loanId())).isZero();
  }

  @Test
  void aValueDateBeforeTheDisbursementIsRefusedNamingItAndNothingIsPaid() {
    // The loan was paid out ten days ago; money dated before it cannot repay it. Taken as given, the whole
    // principal with no interest settled the loan (a period not begun owes none): 100,000.00 instead of 100,362.50.
    String transaction = transactionId();

    Response answer = repay(loan.loanId(), body(transaction, "100000.00", clock.today().minusDays(400)));

    assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
    assertThat(answer.contentType()).isEqualTo("application/problem+json");
    assertThat(answer.json().get("errors").get(0).get("field").asText()).isEqualTo("valueDate");
    assertThat(answer.json().get("errors").get(0).get("code").asText()).isEqualTo("BEFORE_DISBURSEMENT");
    assertThat(answer.json().get("errors").get(0).get("message").asText()).isEqualTo("起息日不能早于放款日 (" + ChineseDates.day(loan.disbursedOn()) + ")");
    assertThat(repaymentsOf(loan.loanId())).isZero();
    assertThat(loans.ledger(loan.loanId())).allSatisfy(l -> assertThat(l.principalPaid()).isEqualByComparingTo("0.00"));
    assertThat(repay(loan.loanId(), body(transactionId(), "100.00", loan.disbursedOn())).status())
        .as("the disbursement day itself is a value date").isEqualTo(201);
  }

  @Test
  void anUnknownLoanIsNotFound() {
    Response answer = repay("LN19990101999999", body(transactionId(), "100.00", clock.today()));

    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.contentType()).isEqualTo("application/problem+json");
    assertThat(answer.json().get("title").asText()).isEqualTo("贷款不存在");
    assertThat(answer.json().get("detail").asText()).isEqualTo("借据 LN19990101999999 不存在 (loan LN19990101999999 does not exist)");
  }

  @Test
  void aSettledLoanTakesNoRepayment() {
    repay(loan.loanId(), body(transactionId(), "100362.50", clock.today()));
    // as the daily close leaves a loan with nothing left to pay (结清)
    jdbc.sql("UPDATE loan_account SET status = 'SETTLED', closed_on = :today WHERE loan_id = :id")
        .param("today", clock.today()).param("id", loan.loanId()).update();
    String transaction = transactionId();

    Response answer = repay(loan.loanId(), body(transaction, "100.00", clock.today()));

    assertThat(answer.status()).isEqualTo(409);
    assertThat(answer.json().get("detail").asText())
        .isEqualTo("[LOAN_SETTLED] 借据 " + loan.loanId() + " 已结清 (SETTLED), 不再入账还款 (loanId)");
    assertThat(repaymentsStored(transaction)).isZero();
  }

  @Test
  void aRepaymentOfAWrittenOffLoanIsNotReversedAndTheLoanStaysWrittenOffWithWhatWasWrittenOff() {
    String repaid = repayNow("8530.99");
    String bouncedEarlier = repayNow("1000.00");
    reverse(bouncedEarlier);
    BigDecimal writtenOff = loans.writeOff(new WriteOffLoan(loan.loanId(), clock.today(), "collector2", "测试核销"));
    int mails = outbox.mailsOf(MailCaseType.LOAN, loan.loanId()).size();

    Response refused = api.post("/api/loans/" + loan.loanId() + "/repayments/" + repaid + "/reversal", CORE_BANKING,
        "{\"reason\": \"退票: 付款账户余额不足\"}");
    Response reportedAgain = api.post("/api/loans/" + loan.loanId() + "/repayments/" + bouncedEarlier + "/reversal",
        CORE_BANKING, "{\"reason\": \"退票: 付款账户余额不足\"}");

    assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
    assertThat(refused.contentType()).isEqualTo("application/problem+json");
    assertThat(refused.json().get("detail").asText()).contains("[LOAN_WRITTEN_OFF]",
        "借据 " + loan.loanId() + " 已于" + ChineseDates.day(clock.today()) + "核销 (核销本金 91831.51 元)",
        "不能冲正其核销前的还款 " + repaid, "冲正将使其归还的本金 8168.49 元、利息 362.50 元重新计为借据欠款", "transactionId");
    assertThat(reportedAgain.status()).as("a reversal made before the write-off, reported again").isEqualTo(200);
    assertThat(writtenOff).isEqualByComparingTo("91831.51");
    JsonNode view = api.get("/api/loans/" + loan.loanId(), "collector").json();
    assertThat(view.get("status").asText()).isEqualTo("WRITTEN_OFF");
    assertThat(view.get("writtenOffPrincipal").decimalValue()).isEqualByComparingTo("91831.51");
    assertThat(view.get("outstandingPrincipal").decimalValue()).as("owed on the loan = written off")
        .isEqualByComparingTo("91831.51");
    assertThat(keptMatchingTheLedger()).isEqualByComparingTo("91831.51");
    assertThat(loans.ledger(loan.loanId()).get(0).status()).isEqualTo(InstalmentStatus.PAID);
    assertThat(jdbc.sql("SELECT status FROM loan_repayment WHERE transaction_id = :id").param("id", repaid)
        .query(String.class).single()).isEqualTo("POSTED");
    assertThat(outbox.mailsOf(MailCaseType.LOAN, loan.loanId())).as("the borrower is told of no reversal").hasSize(mails);
  }

  @Test
  void aWrittenOffLoansRefusedReversalNamesWhatTheRepaymentPaidNotPrincipalItNeverPaid() {
    String interestOnly = repayNow("300.00");
    loans.writeOff(new WriteOffLoan(loan.loanId(), clock.today(), "collector2", "测试核销"));

    Response refused = api.post("/api/loans/" + loan.loanId() + "/repayments/" + interestOnly + "/reversal", CORE_BANKING,
        "{\"reason\": \"退票: 付款账户余额不足\"}");

    assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
    assertThat(refused.json().get("detail").asText())
        .contains("[LOAN_WRITTEN_OFF]", "冲正将使其归还的利息 300.00 元重新计为借据欠款", "核销时确定的欠款")
        .doesNotContain("本金 0.00");
  }

  @Test
  void onlyCoreBankingAndTheChannelGatewayReportRepayments() {
    String json = body(transactionId(), "100.00", clock.today());

    assertThat(api.post("/api/loans/" + loan.loanId() + "/repayments", "zy001-acceptor", json).status()).isEqualTo(403);
    assertThat(api.post("/api/loans/" + loan.loanId() + "/repayments", "collector", json).status()).isEqualTo(403);
    assertThat(api.send("POST", "/api/loans/" + loan.loanId() + "/repayments", null, null, json).status()).isEqualTo(401);
    assertThat(repaymentsOf(loan.loanId())).isZero();
  }

  @Test
  void aBouncedPaymentReversedByCoreBankingIsOwedAgain() {
    String transaction = transactionId();
    repay(loan.loanId(), body(transaction, "8530.99", clock.today()));
    assertThat(loans.ledger(loan.loanId()).get(0).status()).isEqualTo(InstalmentStatus.PAID);

    Response reversal = api.post("/api/loans/" + loan.loanId() + "/repayments/" + transaction + "/reversal", CORE_BANKING,
        "{\"reason\": \"退票: 付款账户余额不足\"}");
    Response again = api.post("/api/loans/" + loan.loanId() + "/repayments/" + transaction + "/reversal", CORE_BANKING,
        "{\"reason\": \"退票: 付款账户余额不足\"}");

    assertThat(reversal.status()).as(reversal.toString()).isEqualTo(200);
    assertThat(reversal.json().get("status").asText()).isEqualTo("REVERSED");
    assertThat(reversal.json().get("reversalReason").asText()).isEqualTo("退票: 付款账户余额不足");
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json()).isEqualTo(reversal.json());
    LedgerLine first = loans.ledger(loan.loanId()).get(0);
    assertThat(first.status()).isEqualTo(InstalmentStatus.DUE);
    assertThat(first.outstanding()).isEqualByComparingTo("8530.99");
    assertThat(api.post("/api/loans/" + loan.loanId() + "/repayments/TXUNKNOWN/reversal", CORE_BANKING,
        "{\"reason\": \"退票\"}").status()).isEqualTo(404);
    assertThat(api.post("/api/loans/" + loan.loanId() + "/repayments/" + transaction + "/reversal", CORE_BANKING,
        "{}").status()).isEqualTo(400);
  }

  @Test
  void theBorrowerOfAnActiveLoanIsToldOnceThatTheRepaymentBouncedAndWhatIsDueByWhen() {
    String transaction = transactionId();
    repay(loan.loanId(), body(transaction, "8530.99", clock.today()));
    LedgerLine first = loans.ledger(loan.loanId()).get(0);

    reverse(transaction);
    reverse(transaction);

    assertThat(outbox.mailsOf(MailCaseType.LOAN, loan.loanId())).singleElement().satisfies(mail -> {
      assertThat(mail.template()).isEqualTo(MailTemplate.REPAYMENT_REVERSED);
      assertThat(mail.recipient()).isEqualTo(applications.get(loan.applicationId()).legalRepEmail());
      assertThat(mail.subject()).contains("还款已冲正", loan.loanId()).doesNotContain("未结清");
      assertThat(mail.body()).contains(
          "于" + ChineseDates.day(clock.today()) + "归还的人民币 8530.99 元（交易流水 " + transaction + "）未能实际入账，已被冲正",
          "下一期应还：人民币 8530.99 元，还款日" + ChineseDates.day(first.dueDate()) + "。",
          "尚欠本金：人民币 100000.00 元");
      assertThat(mail.body()).doesNotContain("逾期应还", "结清通知", "余额不足");
    });
  }

  /** The reversal mail of a loan, after {@code transaction} of it was reversed over HTTP. */
  private OutboxMail reversalMailOf(LoanAccount reversedLoan, String transaction) {
    Response answer = api.post("/api/loans/" + reversedLoan.loanId() + "/repayments/" + transaction + "/reversal",
        CORE_BANKING, "{\"reason\": \"退票: 付款账户余额不足\"}");
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    List<OutboxMail> mails = outbox.mailsOf(MailCaseType.LOAN, reversedLoan.loanId());
    assertThat(mails).extracting(OutboxMail::template).containsExactly(MailTemplate.REPAYMENT_REVERSED);
    return mails.get(0);
  }

  @Test
  void aReversalThatLeavesNothingOverdueSaysNothingOfPenaltyInterest() {
    String transaction = repayNow("8530.99");

    OutboxMail mail = reversalMailOf(loan, transaction);

    assertThat(mail.body()).contains("其所归还的本金和利息恢复为应还款项", "下一期应还：人民币 8530.99 元")
        .doesNotContain("逾期应还", "罚息", "复利");
  }

  @Test
  void aReversalThatLeavesPrincipalOverdueStatesThePenaltyRuleOfTheOverdueReminder() {
    LoanAccount overdue = TestLoans.with(intakeService, loans).disbursedOn(clock.today().minusDays(40));
    LedgerLine first = loans.ledger(overdue.loanId()).get(0);
    String transaction = transactionId();
    assertThat(repay(overdue.loanId(), body(transaction, "8530.99", clock.today())).status()).isEqualTo(201);

    OutboxMail mail = reversalMailOf(overdue, transaction);

    assertThat(mail.body()).contains(
        "其所归还的本金和利息恢复为应还款项",
        "逾期应还：人民币 8530.99 元（最早一期应还日" + ChineseDates.day(first.dueDate()) + "），请立即归还。逾期本金按合同利率上浮 50% 按日计收罚息。")
        .doesNotContain("复利");
  }

  @Test
  void aReversalThatLeavesOnlyInterestOverdueSaysItBearsNoPenaltyInterest() {
    LoanAccount interestFirst = TestLoans.with(intakeService, loans).term(12, RepaymentMethod.INTEREST_FIRST)
        .disbursedOn(clock.today().minusDays(40));
    LedgerLine first = loans.ledger(interestFirst.loanId()).get(0);
    assertThat(first.principal()).as("先息后本: the first instalment is interest only").isZero();
    String transaction = transactionId();
    assertThat(repay(interestFirst.loanId(), body(transaction, first.total().toPlainString(), clock.today())).status())
        .isEqualTo(201);

    OutboxMail mail = reversalMailOf(interestFirst, transaction);

    assertThat(mail.body()).contains(
        "其所归还的利息恢复为应还款项",
        "逾期应还：人民币 " + first.total().toPlainString() + " 元（最早一期应还日" + ChineseDates.day(first.dueDate()) + "），请立即归还。"
            + "逾期利息不计收罚息，也不计复利。")
        .doesNotContain("按日计收罚息", "上浮");
  }

  @Test
  void aReversalWhoseNoticeCannotBeRenderedIsBookedAndTheNoticeWaitsFailedForAnOperator() {
    String transaction = transactionId();
    repay(loan.loanId(), body(transaction, "8530.99", clock.today()));
    BrokenMailValues.breakLoanMails(loan.loanId(), BrokenMailValues.Fault.THROWS);

    Response reversal = api.post("/api/loans/" + loan.loanId() + "/repayments/" + transaction + "/reversal", CORE_BANKING,
        "{\"reason\": \"退票: 付款账户余额不足\"}");

    assertThat(reversal.status()).as(reversal.toString()).isEqualTo(200);
    assertThat(reversal.json().get("status").asText()).isEqualTo("REVERSED");
    LedgerLine first = loans.ledger(loan.loanId()).get(0);
    assertThat(first.status()).as("owed again").isEqualTo(InstalmentStatus.DUE);
    assertThat(first.outstanding()).isEqualByComparingTo("8530.99");
    assertThat(outbox.mailsOf(MailCaseType.LOAN, loan.loanId())).singleElement().satisfies(mail -> {
      assertThat(mail.template()).isEqualTo(MailTemplate.REPAYMENT_REVERSED);
      assertThat(mail.status()).isEqualTo(MailStatus.FAILED);
      assertThat(mail.renderFailed()).isTrue();
      assertThat(mail.lastError()).contains("REPAYMENT_REVERSED", "LOAN " + loan.loanId(), BrokenMailValues.CAUSE);
    });
  }

  @AfterEach
  void repairMailValues() {
    BrokenMailValues.repairAll();
  }

  @Test
  void aPrepaymentCannotBeReversedWhileALaterRepaymentRestsOnItsSchedule() {
    String prepayment = transactionId();
    repay(loan.loanId(), body(prepayment, "18530.99", clock.today()));
    String later = transactionId();
    repay(loan.loanId(), body(later, "100.00", clock.today()));

    Response refused = api.post("/api/loans/" + loan.loanId() + "/repayments/" + prepayment + "/reversal", CORE_BANKING,
        "{\"reason\": \"退票\"}");
    Response laterFirst = api.post("/api/loans/" + loan.loanId() + "/repayments/" + later + "/reversal", CORE_BANKING,
        "{\"reason\": \"退票\"}");
    Response thenPrepayment = api.post("/api/loans/" + loan.loanId() + "/repayments/" + prepayment + "/reversal", CORE_BANKING,
        "{\"reason\": \"退票\"}");

    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.json().get("detail").asText()).startsWith("[LATER_REPAYMENT_POSTED] 还款 " + prepayment)
        .contains("须先冲正其后的还款", "(transactionId)");
    assertThat(laterFirst.status()).isEqualTo(200);
    assertThat(thenPrepayment.status()).isEqualTo(200);
    assertThat(loans.ledger(loan.loanId())).extracting(LedgerLine::total)
        .containsExactlyElementsOf(loan.schedule().stream().map(Instalment::total).toList());
    assertThat(loans.balances(loan.loanId()).outstandingPrincipal()).isEqualByComparingTo("100000.00");
  }

  @Test
  void payoffIsTheCurrentInstalmentAndThePrincipalAfterIt() {
    Response answer = repay(loan.loanId(), body(transactionId(), "100362.50", clock.today()));

    assertThat(answer.status()).isEqualTo(201);
    assertThat(loans.balances(loan.loanId()).outstandingPrincipal()).isEqualByComparingTo("0");
    assertThat(loans.ledger(loan.loanId())).allSatisfy(l -> assertThat(l.status()).isEqualTo(InstalmentStatus.PAID));
  }

  /** What the account keeps ({@code loan_account.outstanding_principal}, the dashboard's book), checked against the ledger. */
  private BigDecimal keptMatchingTheLedger() {
    BigDecimal kept = jdbc.sql("SELECT outstanding_principal FROM loan_account WHERE loan_id = :id").param("id", loan.loanId())
        .query(BigDecimal.class).single();
    assertThat(kept).as("kept on the account = the instalments' principal less what was paid")
        .isEqualByComparingTo(loans.balances(loan.loanId()).outstandingPrincipal());
    return kept;
  }

  private String repayNow(String amount) {
    String transaction = transactionId();
    Response answer = repay(loan.loanId(), body(transaction, amount, clock.today()));
    assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
    return transaction;
  }

  private void reverse(String transaction) {
    Response answer = api.post("/api/loans/" + loan.loanId() + "/repayments/" + transaction + "/reversal", CORE_BANKING,
        "{\"reason\": \"退票: 付款账户余额不足\"}");
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
  }

  @Test
  void theAccountKeepsThePrincipalStillOwedThroughRepaymentsReversalsAndThePayoff() {
    assertThat(keptMatchingTheLedger()).as("opened: the whole principal").isEqualByComparingTo("100000.00");

    String repayment = repayNow("5000.00");
    assertThat(keptMatchingTheLedger()).as("5,000.00 less the current interest 362.50").isEqualByComparingTo("95362.50");
    String prepayment = repayNow("18530.99");
    assertThat(keptMatchingTheLedger()).as("the rest of the first instalment and a prepayment of principal")
        .isLessThan(new BigDecimal("95362.50"));
    reverse(prepayment);
    assertThat(keptMatchingTheLedger()).as("the prepayment reversed").isEqualByComparingTo("95362.50");
    reverse(repayment);
    assertThat(keptMatchingTheLedger()).as("both reversed: the whole principal again").isEqualByComparingTo("100000.00");
    repayNow("100362.50");
    assertThat(keptMatchingTheLedger()).as("paid off").isEqualByComparingTo("0");

    assertThat(jdbc.sql("""
        SELECT a.loan_id FROM loan_account a
        WHERE a.outstanding_principal <> COALESCE(
          (SELECT SUM(i.principal - i.principal_paid) FROM repayment_instalment i WHERE i.loan_id = a.loan_id), 0)""")
        .query(String.class).list())
        .as("loans of every test so far in this database, whose kept principal differs from their instalments'").isEmpty();
  }
}
