package com.smeloanflow.servicing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.smeloanflow.notification.MailCaseType;
import com.smeloanflow.notification.MailOutbox;
import com.smeloanflow.notification.MailTemplate;
import com.smeloanflow.notification.OutboxMail;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.platform.ChineseDates;
import com.smeloanflow.processing.InternalDefaultRepository;
import com.smeloanflow.processing.source.InternalDefaultStatus;
import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.ApiClient.Response;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Money core banking received for a written-off loan (核销后收回) over HTTP as core banking reports it, and the loan as
 * staff read it: booked as a recovery of the claim the bank kept (账销案存), never above it nor dated before the
 * write-off, idempotent by transaction id, reversible, and the loan stays written off.
 *
 * <p>The loan (100,000.00 CNY, 12 months at 4.35 %, equal instalments) was disbursed 40 days ago; its first instalment
 * (interest 362.50) fell due unpaid and bore 12.34 CNY penalty interest; it was written off yesterday: the claim is
 * 100,000.00 principal + 362.50 interest + 12.34 penalty interest = 100,374.84 CNY.
 */
class RecoveryApiTest extends AbstractIntegrationTest {

  private static final String CORE_BANKING = "core-banking";

  @Autowired LoanAccountService loans;
  @Autowired BusinessClock clock;
  @Autowired MailOutbox outbox;
  @Autowired InternalDefaultRepository defaults;

  LoanAccount loan;
  LocalDate writtenOffOn;

  @BeforeEach
  void writeOffALoanWithInterestAndPenaltyUnpaid() {
    loan = TestLoans.with(intakeService, loans).disbursedOn(clock.today().minusDays(40));
    // what the daily closes since the first due date left on the ledger: the instalment overdue, penalty accrued
    jdbc.sql("UPDATE repayment_instalment SET status = 'OVERDUE', penalty_accrued = 12.34 WHERE loan_id = :id AND number = 1")
        .param("id", loan.loanId()).update();
    writtenOffOn = clock.today().minusDays(1);
    loans.writeOff(new WriteOffLoan(loan.loanId(), writtenOffOn, "collector2", "逾期90天以上, 催收无果"));
  }

  Response report(String transactionId, String amount, LocalDate valueDate) {
    return api.post("/api/loans/" + loan.loanId() + "/repayments", CORE_BANKING,
        "{\"transactionId\": \"" + transactionId + "\", \"amount\": " + amount + ", \"valueDate\": \"" + valueDate + "\"}");
  }

  Response reverse(String transactionId) {
    return api.post("/api/loans/" + loan.loanId() + "/repayments/" + transactionId + "/reversal", CORE_BANKING,
        "{\"reason\": \"退票: 付款账户余额不足\"}");
  }

  JsonNode writeOff() {
    Response view = api.get("/api/loans/" + loan.loanId(), "collector");
    assertThat(view.status()).as(view.toString()).isEqualTo(200);
    assertThat(view.json().get("status").asText()).as("a recovery never reopens the loan").isEqualTo("WRITTEN_OFF");
    return view.json().get("writeOff");
  }

  static String transactionId() {
    return "RC" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
  }

  List<OutboxMail> mails() {
    return outbox.mailsOf(MailCaseType.LOAN, loan.loanId());
  }

  @Test
  void moneyReceivedAfterTheWriteOffIsBookedAsARecoveryOfTheClaimAndTheLoanShowsWhatIsLeft() {
    String transaction = transactionId();
    int mailsBefore = mails().size();

    Response booked = report(transaction, "30000.00", clock.today());

    assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
    assertThat(booked.json().get("kind").asText()).isEqualTo("RECOVERY");
    assertThat(booked.json().get("kindLabel").asText()).isEqualTo("核销后收回");
    assertThat(booked.json().get("status").asText()).isEqualTo("POSTED");
    assertThat(booked.json().get("allocations")).as("it pays no instalment").isEmpty();
    assertThat(booked.json().get("recovery").get("principal").decimalValue()).isEqualByComparingTo("30000.00");
    assertThat(booked.json().get("recovery").get("interest").decimalValue()).isEqualByComparingTo("0.00");

    Response view = api.get("/api/loans/" + loan.loanId(), "collector");
    JsonNode writeOff = writeOff();
    assertThat(writeOff.get("writtenOffOn").asText()).isEqualTo(writtenOffOn.toString());
    assertThat(writeOff.get("writtenOffPrincipal").decimalValue()).isEqualByComparingTo("100000.00");
    assertThat(writeOff.get("interestAtWriteOff").decimalValue()).isEqualByComparingTo("362.50");
    assertThat(writeOff.get("penaltyAtWriteOff").decimalValue()).isEqualByComparingTo("12.34");
    assertThat(writeOff.get("claim").decimalValue()).isEqualByComparingTo("100374.84");
    assertThat(writeOff.get("recovered").decimalValue()).isEqualByComparingTo("30000.00");
    assertThat(writeOff.get("claimRemaining").decimalValue()).isEqualByComparingTo("70374.84");
    assertThat(writeOff.get("recoveries")).singleElement().satisfies(recovery -> {
      assertThat(recovery.get("transactionId").asText()).isEqualTo(transaction);
      assertThat(recovery.get("valueDate").asText()).isEqualTo(clock.today().toString());
      assertThat(recovery.get("amount").decimalValue()).isEqualByComparingTo("30000.00");
    });
    assertThat(view.json().get("repayments")).as("the recovery is not a repayment of an instalment").isEmpty();
    assertThat(view.json().get("outstandingPrincipal").decimalValue()).as("the instalments as written off")
        .isEqualByComparingTo("100000.00");
    assertThat(view.json().hasNonNull("collectionCase")).as("no collection case opens").isFalse();
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(loan.loanId()).count())
        .as("no collection or monitoring process starts again").isZero();
    assertThat(mails()).as("a partial payment mails nothing, as a partial repayment of an overdue loan")
        .hasSize(mailsBefore);
    assertThat(api.get("/api/loans/" + loan.loanId(), "zy002-acceptor").status()).as("another branch").isEqualTo(403);
  }

  @Test
  void aRecoveryReportedAgainIsAnsweredWithTheFirstAndAConflictingReuseOfItsIdIsRefused() {
    String transaction = transactionId();
    Response first = report(transaction, "30000.00", clock.today());

    Response again = report(transaction, "30000.00", clock.today());
    Response conflicting = report(transaction, "30001.00", clock.today());

    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json()).isEqualTo(first.json());
    assertThat(conflicting.status()).isEqualTo(409);
    assertThat(conflicting.json().get("detail").asText()).startsWith("[TRANSACTION_ID_REUSED] 交易流水 " + transaction
        + " 已于此前报送 (借据 " + loan.loanId() + ", 金额 30000.00 元, 起息日" + ChineseDates.day(clock.today()) + ")").endsWith("(transactionId)");
    assertThat(writeOff().get("recovered").decimalValue()).isEqualByComparingTo("30000.00");
    assertThat(writeOff().get("recoveries")).hasSize(1);
  }

  @Test
  void aRecoveryAboveTheClaimLeftIsRefusedNamingWhatIsLeftAndNothingIsWritten() {
    report(transactionId(), "100000.00", clock.today());
    String transaction = transactionId();

    Response refused = report(transaction, "374.85", clock.today());

    assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
    assertThat(refused.contentType()).isEqualTo("application/problem+json");
    assertThat(refused.json().get("errors")).singleElement().satisfies(error -> {
      assertThat(error.get("field").asText()).isEqualTo("amount");
      assertThat(error.get("code").asText()).isEqualTo("EXCEEDS_CLAIM");
      assertThat(error.get("message").asText()).contains("374.84", "利息 362.50", "罚息 12.34");
    });
    assertThat(writeOff().get("claimRemaining").decimalValue()).isEqualByComparingTo("374.84");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM loan_repayment WHERE transaction_id = :id").param("id", transaction)
        .query(Long.class).single()).isZero();
  }

  @Test
  void aRecoveryDatedBeforeTheWriteOffIsRefusedNamingTheWriteOffDay() {
    Response refused = report(transactionId(), "1000.00", writtenOffOn.minusDays(1));
    Response onTheDay = report(transactionId(), "1000.00", writtenOffOn);

    assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
    assertThat(refused.json().get("errors")).singleElement().satisfies(error -> {
      assertThat(error.get("field").asText()).isEqualTo("valueDate");
      assertThat(error.get("code").asText()).isEqualTo("BEFORE_WRITE_OFF");
      assertThat(error.get("message").asText()).contains("借据已于" + ChineseDates.day(writtenOffOn) + "核销");
    });
    assertThat(onTheDay.status()).isEqualTo(201);
    assertThat(writeOff().get("recoveries")).hasSize(1);
  }

  @Test
  void theWholeClaimRecoveredTellsTheBorrowerAllIsRepaidAndTheDefaultDatabaseKeepsTheDefaultAsRepaid() {
    String transaction = transactionId();

    Response booked = report(transaction, "100374.84", clock.today());

    assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
    assertThat(booked.json().get("recovery").get("principal").decimalValue()).isEqualByComparingTo("100000.00");
    assertThat(booked.json().get("recovery").get("interest").decimalValue()).isEqualByComparingTo("362.50");
    assertThat(booked.json().get("recovery").get("penalty").decimalValue()).isEqualByComparingTo("12.34");
    assertThat(writeOff().get("claimRemaining").decimalValue()).isEqualByComparingTo("0.00");
    assertThat(defaults.find(loan.creditCode())).as("still a default, now repaid").singleElement().satisfies(d -> {
      assertThat(d.status()).isEqualTo(InternalDefaultStatus.SETTLED);
      assertThat(d.amount()).isEqualByComparingTo("100000.00");
    });
    assertThat(mails()).singleElement().satisfies(mail -> {
      assertThat(mail.template()).isEqualTo(MailTemplate.RECOVERY_REPAID);
      assertThat(mail.recipient()).isEqualTo(applications.get(loan.applicationId()).legalRepEmail());
      assertThat(mail.subject()).contains("欠款已全部还清", loan.loanId());
      assertThat(mail.body()).contains("我行已收到", "交易流水 " + transaction, "金额人民币 100374.84 元",
          "借据 " + loan.loanId() + " 项下尚欠的本金、利息和罚息已全部还清");
      assertThat(mail.subject() + mail.body()).doesNotContain("核销");
    });
  }

  @Test
  void aBouncedRecoveryIsReversedOnceTheClaimIsOwedAgainAndTheBorrowerIsToldWhatIsOwed() {
    String transaction = transactionId();
    report(transaction, "100374.84", clock.today());

    Response reversed = reverse(transaction);
    Response again = reverse(transaction);

    assertThat(reversed.status()).as(reversed.toString()).isEqualTo(200);
    assertThat(reversed.json().get("status").asText()).isEqualTo("REVERSED");
    assertThat(reversed.json().get("kind").asText()).isEqualTo("RECOVERY");
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json()).isEqualTo(reversed.json());
    JsonNode writeOff = writeOff();
    assertThat(writeOff.get("recovered").decimalValue()).isEqualByComparingTo("0.00");
    assertThat(writeOff.get("claimRemaining").decimalValue()).isEqualByComparingTo("100374.84");
    assertThat(writeOff.get("recoveries")).singleElement()
        .satisfies(recovery -> assertThat(recovery.get("status").asText()).isEqualTo("REVERSED"));
    assertThat(defaults.find(loan.creditCode())).as("written off again").singleElement()
        .satisfies(d -> assertThat(d.status()).isEqualTo(InternalDefaultStatus.WRITTEN_OFF));
    assertThat(mails()).extracting(OutboxMail::template)
        .containsExactly(MailTemplate.RECOVERY_REPAID, MailTemplate.RECOVERY_REVERSED);
    OutboxMail mail = mails().get(1);
    assertThat(mail.subject()).contains("还款已冲正", loan.loanId());
    assertThat(mail.body()).contains(
        "于" + ChineseDates.day(clock.today()) + "归还的人民币 100374.84 元（交易流水 " + transaction + "）未能实际入账，已被冲正",
        "目前尚欠人民币 100374.84 元（本金 100000.00 元、利息 362.50 元、罚息 12.34 元），请尽快归还。");
    assertThat(mail.subject() + mail.body()).doesNotContain("核销", "余额不足");

    Response paidAgain = report(transactionId(), "100374.84", clock.today());
    assertThat(paidAgain.status()).as("the claim owed again is recovered again").isEqualTo(201);
  }

  @Test
  void aRepaymentMadeBeforeTheWriteOffIsStillNotReversedAndItsIdIsNotTakenForARecovery() {
    LoanAccount other = TestLoans.with(intakeService, loans).disbursedOn(clock.today().minusDays(10));
    String repaid = transactionId();
    String body = "{\"transactionId\": \"" + repaid + "\", \"amount\": 1000.00, \"valueDate\": \"" + clock.today() + "\"}";
    assertThat(api.post("/api/loans/" + other.loanId() + "/repayments", CORE_BANKING, body).status()).isEqualTo(201);
    loans.writeOff(new WriteOffLoan(other.loanId(), clock.today(), "collector2", "测试核销"));

    Response reportedAgain = api.post("/api/loans/" + other.loanId() + "/repayments", CORE_BANKING, body);
    Response reversal = api.post("/api/loans/" + other.loanId() + "/repayments/" + repaid + "/reversal", CORE_BANKING,
        "{\"reason\": \"退票\"}");

    assertThat(reportedAgain.status()).isEqualTo(200);
    assertThat(reportedAgain.json().get("kind").asText()).isEqualTo("REPAYMENT");
    assertThat(reversal.status()).isEqualTo(409);
    assertThat(reversal.json().get("detail").asText()).contains("[LOAN_WRITTEN_OFF]");
    JsonNode view = api.get("/api/loans/" + other.loanId(), "collector").json();
    assertThat(view.get("writeOff").get("recoveries")).isEmpty();
    assertThat(view.get("writeOff").get("claim").decimalValue()).isEqualByComparingTo("99362.50");
  }
}
