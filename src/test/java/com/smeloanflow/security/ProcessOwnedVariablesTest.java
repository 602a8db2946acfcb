package com.smeloanflow.security;

import static com.smeloanflow.process.LoanOriginationProcess.Elements.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.smeloanflow.casefile.ApplicationStatus;
import com.smeloanflow.identity.DemoData;
import com.smeloanflow.intake.RequiredDocument;
import com.smeloanflow.process.LoanOriginationProcess;
import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.ApiClient.Response;
import com.smeloanflow.support.TestApplications;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

/**
 * Who may act on what (issue 8, item 16): every step reads the application from the business key; the
 * variables the process owns (the gateways' inputs, the branch that gets the branch tasks) cannot be
 * written by a task completion, a start request or the variable API of any user; a second instance for
 * an application is refused. Probed the way a hostile clerk would: over the engine REST API Tasklist uses.
 */
class ProcessOwnedVariablesTest extends AbstractIntegrationTest {

  private static final String ZY001_ACCEPTOR = "zy001-acceptor";

  @Test
  void acceptorCannotRedirectTheirTaskToAnotherBranchsApplication() {
    Submitted own = submit(TestApplications.mortgageAtBranchCounter());
    Submitted other = submit(TestApplications.mortgageAtBranchCounter().branchCode("ZY002"));
    Task acceptance = taskService.createTaskQuery().processInstanceId(own.processInstance().getId()).singleResult();

    Response redirected = complete(ZY001_ACCEPTOR, acceptance, Map.of("applicationId", other.applicationId()));
    Response rerouted = complete(ZY001_ACCEPTOR, acceptance, Map.of("branchCode", "ZY002"));

    assertThat(redirected.status()).as(redirected.body()).isEqualTo(403);
    assertThat(redirected.body()).contains("applicationId").contains("由流程维护");
    assertThat(rerouted.status()).as(rerouted.body()).isEqualTo(403);
    assertThat(own.processInstance()).isWaitingAt(TASK_ACCEPT_APPLICATION);
    assertThat(other.processInstance()).isWaitingAt(TASK_ACCEPT_APPLICATION);
    assertThat(eventsOf(other.applicationId())).doesNotContain("ACCEPTED");
    assertThat(statusOf(other.applicationId())).isEqualTo(ApplicationStatus.AWAITING_ACCEPTANCE);
  }

  @Test
  void verifierCannotSteerTheApprovalRouteFromTheirForm() {
    String code = com.smeloanflow.processing.CreditCodes.fresh();
    com.smeloanflow.processing.SandboxEnterprises.register(api, code, com.smeloanflow.processing.ProcessingFixtures.strongProfile());
    Submitted application = submit(TestApplications.onlineCreditQuick().creditCode(code).requestedAmount("500000.00"));
    assertThat(application.processInstance()).isWaitingAt(TASK_VERIFY_REMOTELY);
    Task verification = taskService.createTaskQuery().processInstanceId(application.processInstance().getId()).singleResult();
    Map<String, Object> confirmed = new java.util.HashMap<>(com.smeloanflow.approval.TaskForms.remoteVerificationConfirmed());
    confirmed.put(LoanOriginationProcess.Variables.APPROVAL_ROUTE.name(), "AUTO");

    Response answer = complete("remote-verifier", verification, confirmed);

    assertThat(answer.status()).as(answer.body()).isEqualTo(403);
    assertThat(runtimeService.getVariable(application.processInstance().getId(), "approvalRoute")).isEqualTo("SINGLE");
    assertThat(application.processInstance()).isWaitingAt(TASK_VERIFY_REMOTELY);
  }

  @Test
  void noOneSetsAProcessOwnedVariableThroughTheVariableApiNotEvenAnAdministrator() {
    Submitted application = submit(TestApplications.mortgageAtBranchCounter());

    Response answer = api.send("PUT", "/engine-rest/process-instance/" + application.processInstance().getId()
        + "/variables/documentsComplete", "admin", DemoData.PASSWORD, "{\"value\": true, \"type\": \"Boolean\"}");

    assertThat(answer.status()).as(answer.body()).isEqualTo(403);
    assertThat(runtimeService.getVariable(application.processInstance().getId(), "documentsComplete")).isNull();
  }

  @Test
  void aMigrationToANewVersionMovesTheVariablesButCannotSetOne() throws java.io.IOException {
    Submitted application = submit(TestApplications.mortgageAtBranchCounter());
    String source = application.processInstance().getProcessDefinitionId();
    String model = java.nio.file.Files.readString(java.nio.file.Path.of("bpmn/loan-origination.bpmn"));
    org.camunda.bpm.engine.repository.Deployment newVersion = repositoryService.createDeployment().name("owned-variables-migration")
        .addString("bpmn/loan-origination.bpmn", model.replaceFirst("<dc:Bounds x=\"", "<dc:Bounds  x=\"")).deploy();
    try {
      String target = repositoryService.createProcessDefinitionQuery().deploymentId(newVersion.getId()).singleResult().getId();
      org.camunda.bpm.engine.migration.MigrationPlan steering = runtimeService.createMigrationPlan(source, target)
          .mapEqualActivities().setVariables(Map.of(LoanOriginationProcess.Variables.APPROVAL_ROUTE.name(), "AUTO")).build();

      assertThatThrownBy(() -> runtimeService.newMigration(steering).processInstanceIds(application.processInstance().getId()).execute())
          .isInstanceOf(org.camunda.bpm.engine.AuthorizationException.class).hasMessageContaining("approvalRoute");
      assertThat(runtimeService.getVariable(application.processInstance().getId(), "approvalRoute")).isNull();

      runtimeService.newMigration(runtimeService.createMigrationPlan(source, target).mapEqualActivities().build())
          .processInstanceIds(application.processInstance().getId()).execute();
      assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(application.processInstance().getId()).singleResult()
          .getProcessDefinitionId()).isEqualTo(target);
      assertThat(runtimeService.getVariable(application.processInstance().getId(), "branchCode")).isEqualTo("ZY001");
    } finally {
      repositoryService.deleteDeployment(newVersion.getId(), true);
    }
  }

  @Test
  void startingLoanOriginationWithAnExistingApplicationsBusinessKeyOrIdIsRefused() {
    Submitted other = submit(TestApplications.mortgageAtBranchCounter().branchCode("ZY002"));

    Response secondInstance = api.post("/engine-rest/process-definition/key/" + LoanOriginationProcess.KEY + "/start", ZY001_ACCEPTOR,
        "{\"businessKey\": \"" + other.applicationId() + "\"}");
    Response presetId = api.post("/engine-rest/process-definition/key/" + LoanOriginationProcess.KEY + "/start", ZY001_ACCEPTOR,
        "{\"variables\": {\"applicationId\": {\"value\": \"" + other.applicationId() + "\"}}}");

    assertThat(secondInstance.status()).as(secondInstance.body()).isEqualTo(403);
    assertThat(secondInstance.body()).contains(other.applicationId());
    assertThat(presetId.status()).as(presetId.body()).isEqualTo(403);
    assertThat(processInstanceCount(other.applicationId())).as("one instance per application").isEqualTo(1);
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(LoanOriginationProcess.KEY)
        .processInstanceBusinessKey(other.applicationId()).count()).isEqualTo(1);
  }

  @Test
  void counterClerkCannotEnterAnApplicationForAnotherBranch() {
    Map<String, Object> form = new java.util.LinkedHashMap<>();
    TestApplications.Builder request = TestApplications.mortgageAtBranchCounter();
    form.put("counterBranchCode", "ZY002");
    form.put("product", "MORTGAGE_QUICK");
    form.put("enterpriseName", request.enterpriseName());
    form.put("creditCode", TestApplications.CREDIT_CODE);

    Response answer = api.post("/engine-rest/process-definition/key/" + LoanOriginationProcess.KEY + "/submit-form", ZY001_ACCEPTOR,
        "{\"variables\": {" + form.entrySet().stream().map(e -> "\"" + e.getKey() + "\": {\"value\": \"" + e.getValue() + "\"}")
            .collect(Collectors.joining(",")) + "}}");

    assertThat(answer.status()).as(answer.body()).isEqualTo(400);
    assertThat(answer.body()).contains("不属于网点 ZY002");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM loan_application WHERE enterprise_name = :n").param("n", request.enterpriseName())
        .query(Long.class).single()).as("nothing stored").isZero();
  }

  private Response complete(String user, Task task, Map<String, Object> variables) {
    String json = "{\"variables\": {" + variables.entrySet().stream()
        .map(e -> "\"" + e.getKey() + "\": {\"value\": " + (e.getValue() instanceof String ? "\"" + e.getValue() + "\"" : e.getValue()) + "}")
        .collect(Collectors.joining(",")) + "}}";
    if (task.getTaskDefinitionKey().equals(TASK_ACCEPT_APPLICATION)) {
      // with every document ticked, the checklist itself would be acceptable
      String ticks = applications.get(task.getProcessInstanceId() == null ? "" : applicationOf(task)).requiredDocuments().stream()
          .map(RequiredDocument::formField).map(f -> "\"" + f + "\": {\"value\": true}").collect(Collectors.joining(","));
      json = json.replaceFirst("\\{\"variables\": \\{", "{\"variables\": {" + ticks + ",");
    }
    return api.post("/engine-rest/task/" + task.getId() + "/complete", user, json);
  }

  private String applicationOf(Task task) {
    return runtimeService.createProcessInstanceQuery().processInstanceId(task.getProcessInstanceId()).singleResult().getBusinessKey();
  }

  private java.util.List<String> eventsOf(String applicationId) {
    return jdbc.sql("SELECT event_type FROM application_event WHERE application_id = :a ORDER BY id").param("a", applicationId)
        .query(String.class).list();
  }
}
