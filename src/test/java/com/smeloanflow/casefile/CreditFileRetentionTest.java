package com.smeloanflow.casefile;

import static com.smeloanflow.approval.LoanFlow.APPROVER;
import static com.smeloanflow.approval.LoanFlow.CENTRE_PROCESSOR;
import static com.smeloanflow.approval.LoanFlow.REMOTE_VERIFIER;
import static com.smeloanflow.process.LoanOriginationProcess.Elements.TASK_APPROVE_LOAN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.smeloanflow.approval.LoanFlow;
import com.smeloanflow.approval.TaskForms;
import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.ApiClient.Response;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The credit file (decisions with the rule that fired, the score card and its reasons, checks, who
 * did what, the decline) lives in the stages' tables and outlives Camunda's history: after the
 * history cleanup has removed the process instance (time to live P180D), staff still read all of it.
 */
class CreditFileRetentionTest extends AbstractIntegrationTest {

  @Autowired BeanFactory beans;
  @Autowired DeclineService declines;

  LoanFlow flow;

  @BeforeEach
  void drivers() {
    flow = new LoanFlow(api, this::executeDueJobs, this::completeAs, beans);
  }

  @Test
  void rejectedApplicationsCreditFileIsReadableAfterCamundaHistoryCleanupHasRemovedItsProcess() {
    String applicationId = flow.submitOverApi(flow.strongOnlineCreditQuick("500000.00"));
    String processInstanceId = flow.instance(applicationId).getId();
    flow.verifyRemotely(applicationId);
    flow.claimAndComplete(APPROVER, applicationId, TASK_APPROVE_LOAN,
        TaskForms.reject("经营现金流不足以覆盖本息", CustomerReason.OVERALL_ASSESSMENT.name()));
    long decisionsBefore = storedDecisions(applicationId);
    assertThat(decisionsBefore).isGreaterThanOrEqualTo(4);

    moveClockBy(Duration.ofDays(181));
    runHistoryCleanupUntilRemoved(processInstanceId);

    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId).count())
        .as("Camunda's history of the instance").isZero();
    assertThat(historyService.createHistoricDecisionInstanceQuery().processInstanceId(processInstanceId).count())
        .as("Camunda's decision history of the instance").isZero();

    Response read = api.get("/api/applications/" + applicationId, CENTRE_PROCESSOR);
    assertThat(read.status()).as(read.body()).isEqualTo(200);
    JsonNode view = read.json();
    assertThat(view.path("status").asText()).isEqualTo(ApplicationStatus.REJECTED.name());
    assertThat(view.path("outcome").path("reasonCode").asText()).isEqualTo(CustomerReason.OVERALL_ASSESSMENT.name());
    JsonNode decision = view.path("decision");
    assertThat(decision.path("route").asText()).isEqualTo("SINGLE");
    assertThat(decision.path("grade").asText()).isNotBlank();
    assertThat(decision.path("reasons")).isNotEmpty();
    assertThat(decision.path("annualRatePercent").decimalValue()).isPositive();

    List<String> actors = api.get("/api/applications/" + applicationId + "/history", CENTRE_PROCESSOR).json()
        .findValuesAsText("actor");
    assertThat(actors).contains(REMOTE_VERIFIER, APPROVER);
    assertThat(storedDecisions(applicationId)).as("decisions with the rule that fired").isEqualTo(decisionsBefore);
    assertThat(declines.find(applicationId).orElseThrow().internalReason()).contains("经营现金流不足以覆盖本息");
  }

  private long storedDecisions(String applicationId) {
    return jdbc.sql("SELECT COUNT(*) FROM application_decision WHERE application_id = :a").param("a", applicationId)
        .query(Long.class).single();
  }
}
