package com.smeloanflow.collections;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.smeloanflow.process.CollectionProcess;
import com.smeloanflow.servicing.BusinessDates;
import com.smeloanflow.servicing.LoanAccount;
import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.servicing.TestLoans;
import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.ApiClient.Response;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A collection process start that failed every attempt waits for an operator: over
 * {@code /api/admin/collection-process-starts} the operator finds it with its error and, once the cause is fixed,
 * has it tried again; the next poll starts the process once. Nobody but administrators may do either.
 */
class CollectionProcessStartAdminApiTest extends AbstractIntegrationTest {

  private static final String ADMIN = "admin";

  @Autowired LoanAccountService loans;
  @Autowired CollectionCaseService cases;
  @Autowired CollectionRepository caseRows;

  private LoanAccount loan;
  private String caseId;

  @BeforeEach
  void caseWhoseStartWasGivenUp() {
    loan = TestLoans.with(intakeService, loans).disbursedOn(BusinessDates.era());
    caseId = cases.open(loan.loanId(), loan.branchCode(), loan.disbursedOn().plusMonths(1).plusDays(1), 1);
    // the poller's three failed attempts (retry far ahead, so no other test's poll takes it meanwhile)
    for (int attempt = 0; attempt < 3; attempt++) {
      caseRows.startFailed(caseId, "IllegalStateException: engine unavailable", Instant.now().plus(1, ChronoUnit.DAYS));
    }
  }

  @Test
  void operatorFindsTheGivenUpStartHasItRetriedAndThePollStartsTheProcessOnce() {
    Response givenUp = api.get("/api/admin/collection-process-starts", ADMIN);
    assertThat(givenUp.status()).as(givenUp.toString()).isEqualTo(200);
    JsonNode listed = entry(givenUp.json(), caseId);
    assertThat(listed).as("case %s in %s", caseId, givenUp.body()).isNotNull();
    assertThat(listed.path("loanId").asText()).isEqualTo(loan.loanId());
    assertThat(listed.path("branchCode").asText()).isEqualTo(loan.branchCode());
    assertThat(listed.path("attempts").asInt()).isEqualTo(3);
    assertThat(listed.path("lastError").asText()).contains("engine unavailable");
    startCollectionProcesses(); // other tests' due starts may be taken; a given-up one is not
    assertThat(caseRows.processStartOf(caseId).orElseThrow().attempts()).as("a given-up start is not polled").isEqualTo(3);
    assertThat(cases.openCase(loan.loanId()).orElseThrow().processInstanceId()).isNull();

    Response retried = api.post("/api/admin/collection-process-starts/" + caseId + "/retry", ADMIN, null);
    assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
    assertThat(retried.json().path("attempts").asInt()).isZero();
    assertThat(entry(api.get("/api/admin/collection-process-starts", ADMIN).json(), caseId)).isNull();

    Response again = api.post("/api/admin/collection-process-starts/" + caseId + "/retry", ADMIN, null);
    assertThat(again.status()).as("a start due again is not re-queued twice").isEqualTo(409);
    assertThat(again.contentType()).startsWith("application/problem+json");
    assertThat(again.json().path("detail").asText()).as("in Chinese, as the mail outbox's re-queue")
        .startsWith("催收案件 " + caseId + " 的流程发起仍在自动重试 (已失败 0 次, 最多 3 次), 只有已放弃的发起可以重新排队 (");

    assertThat(startCollectionProcesses()).isGreaterThanOrEqualTo(1);
    String processInstanceId = cases.openCase(loan.loanId()).orElseThrow().processInstanceId();
    assertThat(processInstanceId).isNotNull();
    assertThat(historyService.createHistoricProcessInstanceQuery().processDefinitionKey(CollectionProcess.KEY)
        .processInstanceBusinessKey(loan.loanId()).count()).isEqualTo(1);
    assertThat(caseRows.processStartOf(caseId)).as("the start is done").isEmpty();

    Response afterStart = api.post("/api/admin/collection-process-starts/" + caseId + "/retry", ADMIN, null);
    assertThat(afterStart.status()).as("a case whose process runs has no start to retry").isEqualTo(404);
    startCollectionProcesses();
    assertThat(historyService.createHistoricProcessInstanceQuery().processDefinitionKey(CollectionProcess.KEY)
        .processInstanceBusinessKey(loan.loanId()).count()).as("one process per case").isEqualTo(1);
  }

  @Test
  void staffOtherThanAdministratorsMayNeitherSeeNorRetryStarts() {
    assertThat(api.get("/api/admin/collection-process-starts", "collector").status()).isEqualTo(403);
    assertThat(api.post("/api/admin/collection-process-starts/" + caseId + "/retry", "process-owner", null).status())
        .isEqualTo(403);
    assertThat(api.post("/api/admin/collection-process-starts/" + caseId + "/retry", CHANNEL, null).status())
        .isEqualTo(403);
    assertThat(caseRows.processStartOf(caseId).orElseThrow().attempts()).isEqualTo(3);
  }

  @Test
  void retryingACaseThatDoesNotExistAnswersNotFound() {
    Response answer = api.post("/api/admin/collection-process-starts/CC20260101999999/retry", ADMIN, null);

    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.contentType()).startsWith("application/problem+json");
  }

  private static JsonNode entry(JsonNode starts, String caseId) {
    for (JsonNode start : starts) {
      if (caseId.equals(start.path("caseId").asText())) {
        return start;
      }
    }
    return null;
  }
}
