package com.smeloanflow.servicing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.ApiClient.Response;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A repayment core banking reports after the daily close of its value date (a repayment made on the due date D, fed in
 * after D's close at 00:30 the next day) is applied as of its value date, over HTTP with real JSON. The close of D
 * charges one day of penalty interest, owed by money received after D (paid on D+1 it costs one day, paid on D
 * nothing): the penalty interest closes of the value date or later charged on the principal it paid is reversed (an
 * entry of its own, {@code penaltyReversals}), and the loan owes exactly what it would had the report come before the
 * close. Each test works in an era of its own ({@link BusinessDates}): 100,000.00 at 4.35 % for 12 months, the first
 * instalment (8,530.99: principal 8,168.49, interest 362.50) due a month after disbursement, one day of penalty
 * interest on it 1.48.
 */
class BackValuedRepaymentApiTest extends AbstractIntegrationTest {

  private static final String CORE_BANKING = "core-banking";

  @Autowired DailyCloseService dailyClose;
  @Autowired LoanAccountService loans;
  @Autowired RepaymentService repaymentService;

  private LocalDate disbursed;
  private LocalDate due;

  @BeforeEach
  void era() {
    disbursed = BusinessDates.era();
    due = disbursed.plusMonths(1);
  }

  private LoanAccount loan() {
    return TestLoans.with(intakeService, loans).disbursedOn(disbursed);
  }

  private Response repay(LoanAccount loan, String transactionId, String amount, LocalDate valueDate) {
    return api.post("/api/loans/" + loan.loanId() + "/repayments", CORE_BANKING, "{\"transactionId\": \"" + transactionId
        + "\", \"amount\": " + amount + ", \"valueDate\": \"" + valueDate + "\"}");
  }

  private JsonNode view(LoanAccount loan) {
    Response view = api.get("/api/loans/" + loan.loanId(), "admin");
    assertThat(view.status()).as(view.toString()).isEqualTo(200);
    return view.json();
  }

  private static final List<String> OWED = List.of("outstandingPrincipal", "outstandingInterest", "overduePrincipal",
      "overdueInterest", "penaltyAccrued", "penaltyOutstanding", "arrears", "payoffAmount");

  @Test
  void aRepaymentOnTheDueDateReportedAfterThatDaysCloseOwesNoPenaltyInterestAsIfReportedBeforeIt() {
    LoanAccount reportedInTime = loan();
    LoanAccount reportedLate = loan();
    assertThat(repay(reportedInTime, "TX-ONTIME-" + reportedInTime.loanId(), "8530.99", due).status()).isEqualTo(201);

    dailyClose.close(due);
    assertThat(view(reportedLate).get("penaltyOutstanding").decimalValue()).isEqualByComparingTo("1.48");
    assertThat(view(reportedLate).get("collectionCase").get("status").asText()).isEqualTo("OPEN");
    String late = "TX-LATE-" + reportedLate.loanId();
    Response answer = repay(reportedLate, late, "8530.99", due);

    assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
    JsonNode repayment = answer.json();
    // paid on time: the current instalment's interest and principal, no penalty interest
    assertThat(repayment.get("allocations")).extracting(l -> l.get("component").asText(), l -> l.get("amount").decimalValue().setScale(2).toPlainString())
        .containsExactly(tuple("CURRENT_INTEREST", "362.50"),
            tuple("CURRENT_PRINCIPAL", "8168.49"));
    // a cure: the case the close opened ends as cured (CollectionProcessTest), and no cure mail: it was on time
    assertThat(repayment.get("arrearsCleared").asBoolean()).isTrue();
    assertThat(repaymentService.find(late).orElseThrow().paidOnTime()).isTrue();
    assertThat(answer.body()).contains("\"penaltyReversed\":1.48");
    assertThat(repayment.get("penaltyReversals")).singleElement().satisfies(reversal -> {
      assertThat(reversal.get("instalmentNumber").asInt()).isEqualTo(1);
      assertThat(reversal.get("accruedFrom").asText()).isEqualTo(due.toString());
      assertThat(reversal.get("accruedThrough").asText()).isEqualTo(due.toString());
      assertThat(reversal.get("days").asInt()).isEqualTo(1);
      assertThat(reversal.get("amount").decimalValue()).isEqualByComparingTo("1.48");
    });
    JsonNode lateView = view(reportedLate);
    JsonNode inTimeView = view(reportedInTime);
    for (String owed : OWED) {
      assertThat(lateView.get(owed).decimalValue()).as(owed).isEqualByComparingTo(inTimeView.get(owed).decimalValue());
    }
    assertThat(lateView.get("penaltyOutstanding").decimalValue()).isEqualByComparingTo("0");
    assertThat(lateView.get("arrears").decimalValue()).isEqualByComparingTo("0");
    JsonNode first = lateView.get("schedule").get(0);
    assertThat(first.get("status").asText()).isEqualTo("PAID");
    assertThat(first.get("paidOn").asText()).isEqualTo(due.toString());
    assertThat(first.get("penaltyAccrued").decimalValue()).isEqualByComparingTo("0");

    Response again = repay(reportedLate, late, "8530.99", due);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json()).isEqualTo(repayment);
    assertThat(view(reportedLate).get("penaltyAccrued").decimalValue()).isEqualByComparingTo("0");

    // the next close: not past due, 正常 again, nothing more charged
    dailyClose.close(due.plusDays(1));
    JsonNode closed = view(reportedLate);
    assertThat(closed.get("daysPastDue").asInt()).isZero();
    assertThat(closed.get("classification").asText()).isEqualTo("NORMAL");
    for (String owed : OWED) {
      assertThat(closed.get(owed).decimalValue()).as(owed).isEqualByComparingTo(view(reportedInTime).get(owed).decimalValue());
    }
  }

  @Test
  void aRepaymentOnTheDayAfterTheDueDateReportedAfterThatDaysCloseOwesOneDayOfPenaltyInterest() {
    LoanAccount loan = loan();
    dailyClose.close(due);
    dailyClose.close(due.plusDays(1));
    assertThat(view(loan).get("penaltyOutstanding").decimalValue()).isEqualByComparingTo("2.96");

    // paid on D+1: the instalment and the close of D's day (1.48); the close of D+1 charged what was already paid
    Response answer = repay(loan, "TX-NEXTDAY-" + loan.loanId(), "8532.47", due.plusDays(1));

    assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
    JsonNode repayment = answer.json();
    assertThat(repayment.get("allocations")).extracting(l -> l.get("component").asText(), l -> l.get("amount").decimalValue().setScale(2).toPlainString())
        .containsExactly(tuple("OVERDUE_PENALTY", "1.48"),
            tuple("OVERDUE_INTEREST", "362.50"),
            tuple("OVERDUE_PRINCIPAL", "8168.49"));
    assertThat(repayment.get("arrearsCleared").asBoolean()).isTrue();
    assertThat(repaymentService.find("TX-NEXTDAY-" + loan.loanId()).orElseThrow().paidOnTime())
        .as("one day late: a real cure, the borrower gets the cure mail").isFalse();
    assertThat(repayment.get("penaltyReversals")).singleElement().satisfies(reversal -> {
      assertThat(reversal.get("accruedFrom").asText()).isEqualTo(due.plusDays(1).toString());
      assertThat(reversal.get("days").asInt()).isEqualTo(1);
      assertThat(reversal.get("amount").decimalValue()).isEqualByComparingTo("1.48");
    });
    JsonNode view = view(loan);
    assertThat(view.get("penaltyAccrued").decimalValue()).as("one day's penalty interest stays").isEqualByComparingTo("1.48");
    assertThat(view.get("penaltyOutstanding").decimalValue()).isEqualByComparingTo("0");
    assertThat(view.get("arrears").decimalValue()).isEqualByComparingTo("0");
    assertThat(view.get("schedule").get(0).get("status").asText()).isEqualTo("PAID");
  }

  @Test
  void aRepaymentOnTheDayAfterTheDueDateReportedBeforeThatDaysCloseReversesNothing() {
    LoanAccount loan = loan();
    dailyClose.close(due);

    Response answer = repay(loan, "TX-INTIME-" + loan.loanId(), "8532.47", due.plusDays(1));

    assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
    assertThat(answer.body()).contains("\"penaltyReversed\":0.00", "\"penaltyReversals\":[]");
    assertThat(answer.json().get("arrearsCleared").asBoolean()).isTrue();
    assertThat(view(loan).get("penaltyAccrued").decimalValue()).isEqualByComparingTo("1.48");
  }

  @Test
  void aBouncedBackValuedRepaymentOwesItsInstalmentAndThePenaltyInterestItReversedAgain() {
    LoanAccount loan = loan();
    dailyClose.close(due);
    String late = "TX-BOUNCE-" + loan.loanId();
    assertThat(repay(loan, late, "8530.99", due).status()).isEqualTo(201);

    Response reversal = api.post("/api/loans/" + loan.loanId() + "/repayments/" + late + "/reversal", CORE_BANKING,
        "{\"reason\": \"退票: 付款账户余额不足\"}");

    assertThat(reversal.status()).as(reversal.toString()).isEqualTo(200);
    JsonNode view = view(loan);
    assertThat(view.get("penaltyAccrued").decimalValue()).isEqualByComparingTo("1.48");
    JsonNode first = view.get("schedule").get(0);
    assertThat(first.get("status").asText()).isEqualTo("OVERDUE");
    assertThat(first.get("outstanding").decimalValue()).isEqualByComparingTo("8532.47");
    assertThat(first.get("penaltyAccrued").decimalValue()).isEqualByComparingTo("1.48");
    // reported again: answered with the first, nothing charged twice
    api.post("/api/loans/" + loan.loanId() + "/repayments/" + late + "/reversal", CORE_BANKING,
        "{\"reason\": \"退票: 付款账户余额不足\"}");
    assertThat(view(loan).get("penaltyAccrued").decimalValue()).isEqualByComparingTo("1.48");
  }
}
