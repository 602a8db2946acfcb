package com.smeloanflow.servicing;

import com.smeloanflow.support.AbstractIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.smeloanflow.intake.IntakeService;
import com.smeloanflow.intake.LoanApplication;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

class LoanApiTest extends AbstractIntegrationTest {

  @Autowired TestRestTemplate http;
  @Autowired LoanAccountService loans;
  @Autowired IntakeService intake;
  @Autowired ObjectMapper json;

  @Test
  void showsTheLoanAccountWithItsRepaymentSchedule() throws Exception {
    LoanApplication application = DisbursedApplications.register(intake);
    LoanAccount loan = loans.open(DisbursedApplications.openingOf(application, "CB2025031500000010"));

    ResponseEntity<String> response = http.withBasicAuth("admin", "demo").getForEntity("/api/loans/" + loan.loanId(), String.class);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
    String body = response.getBody();
    // Money as JSON numbers with 2 decimals, dates ISO.
    assertThat(body).contains("\"principal\":100000.00", "\"totalInterest\":2371.90", "\"disbursedOn\":\"2025-03-15\"",
        "\"maturityDate\":\"2026-03-15\"");
    JsonNode view = json.readTree(body);
    assertThat(view.get("loanId").asText()).isEqualTo(loan.loanId());
    assertThat(view.get("applicationId").asText()).isEqualTo(application.id());
    assertThat(view.get("borrowerName").asText()).isEqualTo(application.enterpriseName());
    assertThat(view.get("repaymentMethod").asText()).isEqualTo("EQUAL_INSTALMENT");
    assertThat(view.get("repaymentMethodLabel").asText()).isEqualTo("等额本息");
    assertThat(view.get("status").asText()).isEqualTo("ACTIVE");
    assertThat(view.get("corePostingReference").asText()).isEqualTo("CB2025031500000010");
    assertThat(view.get("annualRatePercent").decimalValue()).isEqualByComparingTo("4.35");
    JsonNode schedule = view.get("schedule");
    assertThat(schedule).hasSize(12);
    JsonNode first = schedule.get(0);
    assertThat(first.get("number").asInt()).isEqualTo(1);
    assertThat(first.get("dueDate").asText()).isEqualTo("2025-04-15");
    assertThat(first.get("principal").isNumber()).isTrue();
    assertThat(first.get("principal").decimalValue()).isEqualByComparingTo("8168.49");
    assertThat(first.get("interest").decimalValue()).isEqualByComparingTo("362.50");
    assertThat(first.get("total").decimalValue()).isEqualByComparingTo("8530.99");
    assertThat(first.get("remainingPrincipal").decimalValue()).isEqualByComparingTo("91831.51");
    assertThat(schedule.get(11).get("remainingPrincipal").decimalValue()).isEqualByComparingTo("0");
    assertThat(body).contains("\"interest\":362.50", "\"remainingPrincipal\":0.00");
  }

  @Test
  void answersAnUnknownLoanWithProblemJson() throws Exception {
    ResponseEntity<String> response = http.withBasicAuth("admin", "demo").getForEntity("/api/loans/LN19990101999999", String.class);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    JsonNode problem = json.readTree(response.getBody());
    assertThat(problem.get("status").asInt()).isEqualTo(404);
    assertThat(problem.get("title").asText()).isEqualTo("贷款不存在");
    assertThat(problem.get("detail").asText()).isEqualTo("借据 LN19990101999999 不存在 (loan LN19990101999999 does not exist)");
    assertThat(problem.get("instance").asText()).isEqualTo("/api/loans/LN19990101999999");
    assertThat(problem.get("type").asText()).endsWith("/problems/not-found");
  }

  @Autowired DailyCloseService dailyClose;
  @Autowired RepaymentService repayments;

  @Test
  void showsEachInstalmentsStateTheArrearsTheClassificationWithItsReasonsAndTheRepayments() throws Exception {
    java.time.LocalDate disbursed = BusinessDates.era();
    LoanAccount loan = TestLoans.with(intake, loans).disbursedOn(disbursed);
    java.time.LocalDate day3 = disbursed.plusMonths(1).plusDays(2);
    dailyClose.close(disbursed.plusMonths(1));
    dailyClose.close(day3);
    // received the day after the close of day 3 (value-dated day 3, it would be applied as of before that close)
    repayments.receive(new ReceiveRepayment(loan.loanId(), "TX-VIEW-" + loan.loanId(), new java.math.BigDecimal("400.00"),
        day3.plusDays(1), "core-banking"));

    ResponseEntity<String> response = http.withBasicAuth("collector", "demo").getForEntity("/api/loans/" + loan.loanId(), String.class);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode view = json.readTree(response.getBody());
    assertThat(view.get("branchCode").asText()).isEqualTo("ZY001");
    assertThat(view.get("product").asText()).isEqualTo("CREDIT_QUICK");
    assertThat(view.get("status").asText()).isEqualTo("ACTIVE");
    assertThat(view.get("statusLabel").asText()).isEqualTo("还款中");
    assertThat(view.get("daysPastDue").asInt()).isEqualTo(3);
    assertThat(view.get("classification").asText()).isEqualTo("SPECIAL_MENTION");
    assertThat(view.get("classificationLabel").asText()).isEqualTo("关注");
    assertThat(view.get("penaltyRatePercent").decimalValue()).isEqualByComparingTo("6.525");
    // Three days of 1.48 penalty interest (the close of day 3 charges day 2 too, which no close charged); 400.00 paid
    // 4.44 penalty and 362.50 interest and 33.06 principal.
    assertThat(view.get("penaltyAccrued").decimalValue()).isEqualByComparingTo("4.44");
    assertThat(view.get("penaltyOutstanding").decimalValue()).isEqualByComparingTo("0.00");
    assertThat(view.get("arrears").decimalValue()).isEqualByComparingTo("8135.43");
    assertThat(view.get("outstandingPrincipal").decimalValue()).isEqualByComparingTo("99966.94");
    JsonNode first = view.get("schedule").get(0);
    assertThat(first.get("status").asText()).isEqualTo("OVERDUE");
    assertThat(first.get("statusLabel").asText()).isEqualTo("逾期");
    assertThat(first.get("interestPaid").decimalValue()).isEqualByComparingTo("362.50");
    assertThat(first.get("principalPaid").decimalValue()).isEqualByComparingTo("33.06");
    assertThat(view.get("schedule").get(1).get("status").asText()).isEqualTo("DUE");
    JsonNode change = view.get("classificationHistory").get(0);
    assertThat(change.get("classification").asText()).isEqualTo("SPECIAL_MENTION");
    assertThat(change.get("previousClassification").asText()).isEqualTo("NORMAL");
    assertThat(change.get("source").asText()).isEqualTo("DPD_FLOOR");
    assertThat(change.get("reason").asText()).contains("逾期1天");
    assertThat(view.get("repayments")).hasSize(1);
    assertThat(view.get("repayments").get(0).get("allocations").get(0).get("componentLabel").asText()).isEqualTo("逾期罚息");
    JsonNode collectionCase = view.get("collectionCase");
    assertThat(collectionCase.get("caseId").asText()).startsWith("CC");
    assertThat(collectionCase.get("status").asText()).isEqualTo("OPEN");
    assertThat(collectionCase.get("statusLabel").asText()).isEqualTo("催收中");
  }

  @Test
  void branchStaffReadOnlyTheirOwnBranchsLoans() throws Exception {
    LoanAccount zy001 = TestLoans.with(intake, loans).disbursedOn(java.time.LocalDate.of(2026, 1, 5));
    LoanAccount zy002 = TestLoans.with(intake, loans).branch("ZY002").disbursedOn(java.time.LocalDate.of(2026, 1, 5));

    assertThat(http.withBasicAuth("zy001-acceptor", "demo").getForEntity("/api/loans/" + zy001.loanId(), String.class)
        .getStatusCode()).isEqualTo(HttpStatus.OK);
    ResponseEntity<String> refused = http.withBasicAuth("zy002-acceptor", "demo")
        .getForEntity("/api/loans/" + zy001.loanId(), String.class);
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(http.withBasicAuth("zy001-cm", "demo").getForEntity("/api/loans/" + zy002.loanId(), String.class)
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

    JsonNode ownBranch = json.readTree(http.withBasicAuth("zy002-acceptor", "demo")
        .getForEntity("/api/loans?size=200", String.class).getBody());
    assertThat(ownBranch.get("loans").findValuesAsText("branchCode")).containsOnly("ZY002");
    assertThat(ownBranch.get("loans").findValuesAsText("loanId")).contains(zy002.loanId()).doesNotContain(zy001.loanId());
    assertThat(http.withBasicAuth("zy002-acceptor", "demo").getForEntity("/api/loans?branchCode=ZY001", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

    JsonNode central = json.readTree(http.withBasicAuth("team-lead", "demo")
        .getForEntity("/api/loans?branchCode=ZY001&status=ACTIVE&size=200", String.class).getBody());
    assertThat(central.get("loans").findValuesAsText("branchCode")).containsOnly("ZY001");
    assertThat(central.get("loans").findValuesAsText("status")).containsOnly("ACTIVE");
    assertThat(central.get("total").asLong()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void listsOverdueLoansByDaysPastDue() throws Exception {
    java.time.LocalDate disbursed = BusinessDates.era();
    LoanAccount overdue = TestLoans.with(intake, loans).disbursedOn(disbursed);
    dailyClose.close(disbursed.plusMonths(1).plusDays(9));

    // Every page of the list: the shared test database holds other tests' overdue loans, this one may be on any page.
    List<String> loanIds = new ArrayList<>();
    long total;
    int pageNumber = 0;
    do {
      JsonNode page = json.readTree(http.withBasicAuth("collector", "demo")
          .getForEntity("/api/loans?minDaysPastDue=10&size=200&page=" + pageNumber++, String.class).getBody());
      assertThat(page.get("size").asInt()).isEqualTo(200);
      assertThat(page.get("loans").findValues("daysPastDue")).allSatisfy(d -> assertThat(d.asInt()).isGreaterThanOrEqualTo(10));
      List<String> onPage = page.get("loans").findValuesAsText("loanId");
      loanIds.addAll(onPage);
      total = onPage.isEmpty() ? loanIds.size() : page.get("total").asLong();
    } while (loanIds.size() < total);

    assertThat(loanIds).contains(overdue.loanId());
  }

  @Test
  void refusesBadListParametersNamingThem() throws Exception {
    ResponseEntity<String> response = http.withBasicAuth("admin", "demo")
        .getForEntity("/api/loans?branchCode=zy001'--&status=LOST&minDaysPastDue=-1&size=500", String.class);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(json.readTree(response.getBody()).get("errors").findValuesAsText("field"))
        .containsExactlyInAnyOrder("branchCode", "status", "minDaysPastDue", "size");
  }

  @Test
  void refusesCallersWithoutCredentials() {
    ResponseEntity<String> response = http.getForEntity("/api/loans/LN19990101999999", String.class);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }
}
