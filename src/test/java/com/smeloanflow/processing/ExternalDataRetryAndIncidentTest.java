package com.smeloanflow.processing;

import com.smeloanflow.support.AbstractIntegrationTest;

import static com.smeloanflow.processing.ProcessingFixtures.failing;
import static com.smeloanflow.processing.ProcessingFixtures.insertApplication;
import static com.smeloanflow.processing.ProcessingFixtures.strongProfile;
import static com.smeloanflow.processing.ProcessingFixtures.withSandbox;
import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.intake.LoanApplicationRepository;
import com.smeloanflow.processing.sandbox.SandboxEnterpriseService;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A source that fails makes the gathering job fail: the engine retries it, a source that recovers
 * lets a retry succeed, and a source that stays down ends as an incident that an operator retries
 * (as Cockpit does) once the source is back. Uses a one-task process deployed by the test, so it
 * does not depend on the loan-origination model.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExternalDataRetryAndIncidentTest extends AbstractIntegrationTest {

  static final String PROCESS = "test-gather-external-data";
  static final String TASK = "ServiceTask_GatherExternalData";

  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService managementService;
  @Autowired HistoryService historyService;
  @Autowired SandboxEnterpriseService sandbox;
  @Autowired ExternalDataService externalData;
  @Autowired LoanApplicationRepository applications;

  String deploymentId;

  @BeforeAll
  void deployGatheringProcess() {
    BpmnModelInstance model = Bpmn.createExecutableProcess(PROCESS)
        .camundaHistoryTimeToLive(1)
        .startEvent()
        .serviceTask(TASK).name("采集外部数据")
            .camundaAsyncBefore()
            .camundaFailedJobRetryTimeCycle("R3/PT1M")
            .camundaExpression("${externalDataService.gather(applicationId)}")
        .endEvent()
        .done();
    deploymentId = repositoryService.createDeployment().name(PROCESS).addModelInstance(PROCESS + ".bpmn", model).deploy().getId();
  }

  @AfterAll
  void undeploy() {
    repositoryService.deleteDeployment(deploymentId, true);
  }

  @Test
  void sourceThatRecoversLetsTheEngineRetrySucceedWithoutIncident() {
    String code = CreditCodes.fresh();
    sandbox.register(code, withSandbox(strongProfile(), failing(2, "BUREAU")), "test");
    String applicationId = insertApplication(applications, code, "100000.00");
    ProcessInstance instance = start(applicationId);

    assertThat(executeJobExpectingFailure(instance)).contains("BUREAU").contains(code);
    assertThat(job(instance).getRetries()).isEqualTo(2);
    assertThat(job(instance).getDuedate()).as("retried with back-off").isNotNull();
    assertThat(executeJobExpectingFailure(instance)).contains("failure 2 of 2");
    managementService.executeJob(job(instance).getId());

    assertEnded(instance);
    assertThat(externalData.findSnapshot(applicationId)).isPresent();
    assertThat(historyService.createHistoricIncidentQuery().processInstanceId(instance.getId()).count()).isZero();
  }

  @Test
  void lastingFailureBecomesAnIncidentThatAnOperatorRetriesOnceTheSourceIsBack() {
    String code = CreditCodes.fresh();
    sandbox.register(code, withSandbox(strongProfile(), failing(null, "COURT")), "test");
    String applicationId = insertApplication(applications, code, "100000.00");
    ProcessInstance instance = start(applicationId);

    for (int attempt = 0; attempt < 10 && job(instance).getRetries() > 0; attempt++) {
      executeJobExpectingFailure(instance);
    }

    Incident incident = runtimeService.createIncidentQuery().processInstanceId(instance.getId()).singleResult();
    assertThat(incident).isNotNull();
    assertThat(incident.getIncidentType()).isEqualTo(Incident.FAILED_JOB_HANDLER_TYPE);
    assertThat(incident.getActivityId()).isEqualTo(TASK);
    assertThat(incident.getIncidentMessage()).contains("COURT").contains(code);
    assertThat(externalData.findSnapshot(applicationId)).isEmpty();

    // The court source is back; the operator retries the job in Cockpit.
    sandbox.register(code, strongProfile(), "test");
    managementService.setJobRetries(job(instance).getId(), 1);
    managementService.executeJob(job(instance).getId());

    assertEnded(instance);
    assertThat(runtimeService.createIncidentQuery().processInstanceId(instance.getId()).count()).isZero();
    assertThat(externalData.snapshot(applicationId).court().dishonestDebtor()).isFalse();
  }

  private ProcessInstance start(String applicationId) {
    return runtimeService.startProcessInstanceByKey(PROCESS, applicationId, Map.of("applicationId", applicationId));
  }

  private Job job(ProcessInstance instance) {
    return managementService.createJobQuery().processInstanceId(instance.getId()).singleResult();
  }

  /** Runs the gathering job, which must fail; returns the failure's message. */
  private String executeJobExpectingFailure(ProcessInstance instance) {
    try {
      managementService.executeJob(job(instance).getId());
    } catch (RuntimeException e) {
      return e.getMessage();
    }
    throw new AssertionError("The gathering job should have failed");
  }

  private void assertEnded(ProcessInstance instance) {
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(instance.getId()).count()).isZero();
    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(instance.getId()).singleResult().getEndTime())
        .isNotNull();
  }
}
