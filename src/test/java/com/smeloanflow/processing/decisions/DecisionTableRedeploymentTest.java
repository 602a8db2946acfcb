package com.smeloanflow.processing.decisions;

import static com.smeloanflow.process.LoanOriginationProcess.Elements.TASK_ACCEPT_APPLICATION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.smeloanflow.approval.LoanFlow;
import com.smeloanflow.processing.ApprovalRoute;
import com.smeloanflow.processing.ProcessingOutcomes;
import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.ApiClient.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.camunda.bpm.engine.history.HistoricDecisionInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A process owner changes a decision table in Modeler and deploys it over the engine REST API: the
 * processes bind their decisions to the latest version, so the next decision of every application,
 * including one already running, uses the new table. (Forms stay bound to the process version.)
 */
class DecisionTableRedeploymentTest extends AbstractIntegrationTest {

  private static final Path APPROVAL_AUTHORITY = Path.of("bpmn", "approval-authority.dmn");
  private static final String AUTO_LIMIT_RULE = "<text>&lt;= 300000</text>";

  @Autowired BeanFactory beans;
  @Autowired ProcessingOutcomes outcomes;

  LoanFlow flow;

  @BeforeEach
  void drivers() {
    flow = new LoanFlow(api, this::executeDueJobs, this::completeAs, beans);
  }

  /** Deploys the table of {@code bpmn/} again, so the tests after this one see the shipped rules. */
  @AfterEach
  void restoreTheShippedTable() throws IOException {
    Response restored = api.deploy("process-owner", "approval-authority restored by the test", "approval-authority.dmn",
        Files.readAllBytes(APPROVAL_AUTHORITY));
    assertThat(restored.status()).as(restored.body()).isEqualTo(200);
  }

  @Test
  void autoLimitLoweredTo50000ByAProcessOwnerAppliesToTheNextDecisionOfARunningApplication() throws IOException {
    String shipped = Files.readString(APPROVAL_AUTHORITY, StandardCharsets.UTF_8);
    assertThat(shipped).as("the AUTO limit of the shipped table").containsOnlyOnce(AUTO_LIMIT_RULE);
    String before = flow.submitOverApi(flow.strongAtBranch("CREDIT_QUICK", "100000.00"));
    flow.acceptAtBranch(before);
    assertThat(outcomes.find(before).orElseThrow().approvalRoute()).as("100,000 under the shipped table")
        .isEqualTo(ApprovalRoute.AUTO);
    String running = flow.submitOverApi(flow.strongAtBranch("CREDIT_QUICK", "100000.00"));
    assertThat(flow.instance(running)).isWaitingAt(TASK_ACCEPT_APPLICATION);
    int shippedVersion = latestVersion();

    Response deployed = api.deploy("process-owner", "AUTO limit 50,000", "approval-authority.dmn",
        shipped.replace(AUTO_LIMIT_RULE, "<text>&lt;= 50000</text>").getBytes(StandardCharsets.UTF_8));

    assertThat(deployed.status()).as(deployed.body()).isEqualTo(200);
    assertThat(latestVersion()).isEqualTo(shippedVersion + 1);
    flow.acceptAtBranch(running);
    ProcessingOutcomes.Outcome outcome = outcomes.find(running).orElseThrow();
    assertThat(outcome.approvalRoute()).as("the same 100,000 under the new table").isEqualTo(ApprovalRoute.SINGLE);
    HistoricDecisionInstance decision = historyService.createHistoricDecisionInstanceQuery()
        .processInstanceId(flow.instance(running).getId()).decisionDefinitionKey("approval-authority").singleResult();
    assertThat(repositoryService.getDecisionDefinition(decision.getDecisionDefinitionId()).getVersion())
        .isEqualTo(shippedVersion + 1);
  }

  private int latestVersion() {
    return repositoryService.createDecisionDefinitionQuery().decisionDefinitionKey("approval-authority")
        .latestVersion().singleResult().getVersion();
  }
}
