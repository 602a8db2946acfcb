package com.smeloanflow.servicing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.ApiClient.Response;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A reversed repayment as staff read it over HTTP, with real JSON: a collector (资产保全) or the borrower's customer
 * manager opening the loan sees, with the repayment that bounced, what its reversal charged at once of the penalty
 * interest of the days the daily closes had taken it as paid (the reversal's business date, the days, the amount), the
 * figure the close of that date reports as {@code penaltyChargedByReversals}. Each test works in an era of its own
 * ({@link BusinessDates}): 100,000.00 at 4.35 % for 12 months at ZY001, the first instalment (8,530.99: principal
 * 8,168.49, interest 362.50) due a month after disbursement, one day of penalty interest on it 1.48.
 */
class RepaymentReversalApiTest extends AbstractIntegrationTest {

  private static final String CORE_BANKING = "core-banking";

  @Autowired DailyCloseService dailyClose;
  @Autowired LoanAccountService loans;
  @Autowired BusinessClock clock;

  private LocalDate due;
  private LoanAccount loan;

  @BeforeEach
  void loanOfAnEra() {
    LocalDate disbursed = BusinessDates.era();
    due = disbursed.plusMonths(1);
    loan = TestLoans.with(intakeService, loans).disbursedOn(disbursed);
  }

  private JsonNode repaymentAsReadBy(String user, String transactionId) {
    Response view = api.get("/api/loans/" + loan.loanId(), user);
    assertThat(view.status()).as(view.toString()).isEqualTo(200);
    for (JsonNode repayment : view.json().get("repayments")) {
      if (repayment.get("transactionId").asText().equals(transactionId)) {
        return repayment;
      }
    }
    throw new AssertionError("no repayment " + transactionId + " in " + view);
  }

  /**
   * Due D, the arrears (the instalment and D's day, 1.48) paid value-dated D + 1, the closes of D + 1 to D + 4 take
   * the instalment as paid; then the payment bounces: its reversal charges those four days, 5.92, at once. Whoever
   * reads the repayment sees that charge beside the bounce, not only a penalty interest that grew between two closes.
   */
  @Test
  void aReversedRepaymentShowsThePenaltyInterestItsReversalChargedForTheDaysTheClosesTookItAsPaid() {
    dailyClose.close(due);
    String bounced = "TX-BOUNCED-" + loan.loanId();
    Response paid = api.post("/api/loans/" + loan.loanId() + "/repayments", CORE_BANKING, "{\"transactionId\": \""
        + bounced + "\", \"amount\": 8532.47, \"valueDate\": \"" + due.plusDays(1) + "\"}");
    assertThat(paid.status()).as(paid.toString()).isEqualTo(201);
    assertThat(paid.body()).contains("\"penaltyChargedByReversal\":0.00", "\"reversalPenaltyCharges\":[]");
    dailyClose.closeThrough(due.plusDays(4));

    Response reversal = api.post("/api/loans/" + loan.loanId() + "/repayments/" + bounced + "/reversal", CORE_BANKING,
        "{\"reason\": \"退票: 付款账户余额不足\"}");

    assertThat(reversal.status()).as(reversal.toString()).isEqualTo(200);
    assertThat(reversal.body()).contains("\"penaltyChargedByReversal\":5.92");
    for (String reader : new String[] {"collector", "zy001-cm"}) {
      JsonNode repayment = repaymentAsReadBy(reader, bounced);
      assertThat(repayment.get("status").asText()).as(reader).isEqualTo("REVERSED");
      assertThat(repayment.get("statusLabel").asText()).isEqualTo("已冲正");
      assertThat(repayment.get("reversalReason").asText()).isEqualTo("退票: 付款账户余额不足");
      assertThat(repayment.get("penaltyChargedByReversal").decimalValue()).as(reader).isEqualByComparingTo("5.92");
      assertThat(repayment.get("reversalPenaltyCharges")).as(reader).singleElement().satisfies(charge -> {
        assertThat(charge.get("instalmentNumber").asInt()).isEqualTo(1);
        assertThat(charge.get("chargedOn").asText()).as("the reversal's business date").isEqualTo(clock.today().toString());
        assertThat(charge.get("chargedFrom").asText()).isEqualTo(due.plusDays(1).toString());
        assertThat(charge.get("chargedThrough").asText()).isEqualTo(due.plusDays(4).toString());
        assertThat(charge.get("days").asInt()).isEqualTo(4);
        assertThat(charge.get("amount").decimalValue()).isEqualByComparingTo("5.92");
      });
    }
    assertThat(loans.ledger(loan.loanId()).get(0).penaltyAccrued()).as("D's day and the four the reversal charged")
        .isEqualByComparingTo("7.40");
  }

  /** Starts the collection processes the close queued, and runs the loan's due collection jobs (a cure closes its case). */
  private void runCollections() {
    startCollectionProcesses();
    runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(loan.loanId()).list()
        .forEach(instance -> executeDueJobs(instance.getId()));
  }

  private JsonNode collectionCases() {
    Response cases = api.get("/api/loans/" + loan.loanId() + "/collection-cases", "collector");
    assertThat(cases.status()).as(cases.toString()).isEqualTo(200);
    return cases.json();
  }

  /**
   * The arrears of D repaid value-dated D + 1 cure the collection case the close of D opened; the payment bounces on
   * D + 5, closes run through D + 4: the loan is 5 days past due at once, but the reversal opens no case (the ledger's
   * reversal hands nothing to collections). The close of D + 5, the next night, hands it over as any overdue loan: a
   * new case, 6 days past due, next to the cured one.
   */
  @Test
  void aReversalThatMakesTheLoanOverdueAgainOpensNoCaseAndTheNextDailyCloseHandsItToCollections() {
    dailyClose.close(due);
    runCollections();
    assertThat(collectionCases()).as("the close of the due date opens a case").singleElement()
        .satisfies(c -> assertThat(c.get("status").asText()).isEqualTo("OPEN"));
    String bounced = "TX-CURE-" + loan.loanId();
    Response paid = api.post("/api/loans/" + loan.loanId() + "/repayments", CORE_BANKING, "{\"transactionId\": \""
        + bounced + "\", \"amount\": 8532.47, \"valueDate\": \"" + due.plusDays(1) + "\"}");
    assertThat(paid.status()).as(paid.toString()).isEqualTo(201);
    runCollections();
    dailyClose.closeThrough(due.plusDays(4));

    Response reversal = api.post("/api/loans/" + loan.loanId() + "/repayments/" + bounced + "/reversal", CORE_BANKING,
        "{\"reason\": \"退票: 付款账户余额不足\"}");
    runCollections();

    assertThat(reversal.status()).as(reversal.toString()).isEqualTo(200);
    assertThat(loans.standing(loan.loanId()).orElseThrow().daysPastDue()).as("past due again at once").isEqualTo(5);
    assertThat(collectionCases()).as("the reversal opens no case: only the cured one").singleElement()
        .satisfies(c -> assertThat(c.get("status").asText()).isEqualTo("CURED"));

    dailyClose.close(due.plusDays(5));
    runCollections();

    JsonNode cases = collectionCases();
    assertThat(cases).as("newest first").hasSize(2);
    assertThat(cases.get(0).get("status").asText()).isEqualTo("OPEN");
    assertThat(cases.get(0).get("openedOn").asText()).isEqualTo(due.plusDays(5).toString());
    assertThat(cases.get(0).get("openedDaysPastDue").asInt()).isEqualTo(6);
    assertThat(cases.get(1).get("status").asText()).isEqualTo("CURED");
  }

  /**
   * Core banking reports a repayment and bounces it with its note; the borrower's channel reads the loan and asks the
   * reversal again. It is told the repayment was reversed (还款已冲正) and what that charged, never who received it
   * (core banking's or a member of staff's user id) nor the bank's note on why it was reversed.
   */
  @Test
  void theChannelReadsThatARepaymentWasReversedWithoutTheBanksNoteOrWhoReceivedIt() {
    String bounced = "TX-BOUNCED-CH-" + loan.loanId();
    Response paid = api.post("/api/loans/" + loan.loanId() + "/repayments", CORE_BANKING, "{\"transactionId\": \""
        + bounced + "\", \"amount\": 8530.99, \"valueDate\": \"" + due + "\"}");
    assertThat(paid.status()).as(paid.toString()).isEqualTo(201);
    Response reversal = api.post("/api/loans/" + loan.loanId() + "/repayments/" + bounced + "/reversal", CORE_BANKING,
        "{\"reason\": \"退票: 付款账户余额不足, 柜员已电话联系\"}");
    assertThat(reversal.status()).as(reversal.toString()).isEqualTo(200);

    JsonNode repayment = repaymentAsReadBy(CHANNEL, bounced);
    Response again = api.post("/api/loans/" + loan.loanId() + "/repayments/" + bounced + "/reversal", CHANNEL,
        "{\"reason\": \"退票\"}");

    assertThat(repayment.get("status").asText()).isEqualTo("REVERSED");
    assertThat(repayment.get("statusLabel").asText()).isEqualTo("还款已冲正");
    assertThat(again.status()).as(again.toString()).isEqualTo(200);
    for (JsonNode seen : List.of(repayment, again.json())) {
      assertThat(seen.path("reversedAt").isTextual()).as("when it was reversed: %s", seen).isTrue();
      assertThat(seen.hasNonNull("reversalReason")).as("the bank's note: %s", seen).isFalse();
      assertThat(seen.hasNonNull("receivedBy")).as("who received it: %s", seen).isFalse();
      assertThat(seen.toString()).doesNotContain("柜员", CORE_BANKING);
    }
    JsonNode staffs = repaymentAsReadBy("collector", bounced);
    assertThat(staffs.get("reversalReason").asText()).isEqualTo("退票: 付款账户余额不足, 柜员已电话联系");
    assertThat(staffs.get("receivedBy").asText()).isEqualTo(CORE_BANKING);
    assertThat(staffs.get("statusLabel").asText()).isEqualTo("已冲正");
  }
}
