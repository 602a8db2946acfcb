package com.smeloanflow.servicing;

import com.smeloanflow.support.AbstractIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.smeloanflow.intake.IntakeService;
import com.smeloanflow.intake.LoanApplication;
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
  void branchStaffReadTheirOwnBranchsLoanButNotAnotherBranchs() throws Exception {
    LoanApplication application = DisbursedApplications.register(intake); // branch ZY001
    LoanAccount loan = loans.open(DisbursedApplications.openingOf(application, "CB2025031500000011"));

    ResponseEntity<String> ownBranch = http.withBasicAuth("zy001-acceptor", "demo").getForEntity("/api/loans/" + loan.loanId(), String.class);
    ResponseEntity<String> otherBranch = http.withBasicAuth("zy002-acceptor", "demo").getForEntity("/api/loans/" + loan.loanId(), String.class);

    assertThat(ownBranch.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(json.readTree(ownBranch.getBody()).get("loanId").asText()).isEqualTo(loan.loanId());
    assertThat(otherBranch.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(otherBranch.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(otherBranch.getBody()).doesNotContain(application.enterpriseName());
  }

  @Test
  void answersAnUnknownLoanWithProblemJson() throws Exception {
    ResponseEntity<String> response = http.withBasicAuth("admin", "demo").getForEntity("/api/loans/LN19990101999999", String.class);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    JsonNode problem = json.readTree(response.getBody());
    assertThat(problem.get("status").asInt()).isEqualTo(404);
    assertThat(problem.get("title").asText()).isEqualTo("贷款不存在");
    assertThat(problem.get("detail").asText()).contains("LN19990101999999");
    assertThat(problem.get("type").asText()).endsWith("/problems/not-found");
  }

  @Test
  void refusesCallersWithoutCredentials() {
    ResponseEntity<String> response = http.getForEntity("/api/loans/LN19990101999999", String.class);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }
}
