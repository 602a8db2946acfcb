package com.smeloanflow.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link AbstractIntegrationTest#executeDueJobs(String)} runs due jobs as the job executor does: a job that an earlier
 * job of the same round removed is skipped, while a job that fails still fails the test.
 */
class ExecuteDueJobsTest extends AbstractIntegrationTest {

  private String deploymentId;

  @AfterEach
  void undeploy() {
    if (deploymentId != null) {
      repositoryService.deleteDeployment(deploymentId, true);
    }
  }

  /**
   * Two interrupting timers on one wait state fall due together (as a vote's deadline and a reminder may after a
   * weekend): whichever runs first ends the wait state and deletes the other's job.
   */
  @Test
  void aDueJobThatAnEarlierJobOfTheRoundRemovedIsSkipped() {
    String key = "execute-due-jobs-two-timers";
    BpmnModelInstance model = Bpmn.createExecutableProcess(key).camundaHistoryTimeToLive(1)
        .startEvent().receiveTask("ReceiveTask_Wait").message("ExecuteDueJobsTestNeverSent")
        .boundaryEvent("BoundaryEvent_First").timerWithDuration("PT1H").endEvent("EndEvent_First")
        .moveToActivity("ReceiveTask_Wait").boundaryEvent("BoundaryEvent_Second").timerWithDuration("PT1H")
        .endEvent("EndEvent_Second")
        .moveToActivity("ReceiveTask_Wait").endEvent("EndEvent_Received").done();
    deploymentId = repositoryService.createDeployment().name(key).addModelInstance(key + ".bpmn", model).deploy().getId();
    String instance = runtimeService.startProcessInstanceByKey(key).getId();
    assertThat(managementService.createJobQuery().processInstanceId(instance).timers().count()).isEqualTo(2);

    moveClockBy(Duration.ofHours(2));
    executeDueJobs(instance);

    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(instance).count()).as("instance ended")
        .isZero();
    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(instance).activityType("noneEndEvent")
        .list()).as("ended by one of the timers").singleElement()
        .satisfies(end -> assertThat(end.getActivityId()).isIn("EndEvent_First", "EndEvent_Second"));
  }

  @Test
  void aDueJobThatFailsStillFails() {
    String key = "execute-due-jobs-failing-step";
    BpmnModelInstance model = Bpmn.createExecutableProcess(key).camundaHistoryTimeToLive(1)
        .startEvent().serviceTask("ServiceTask_Fails").camundaAsyncBefore().camundaExpression("${noSuchBean.call()}")
        .endEvent().done();
    deploymentId = repositoryService.createDeployment().name(key).addModelInstance(key + ".bpmn", model).deploy().getId();
    String instance = runtimeService.startProcessInstanceByKey(key).getId();

    assertThatThrownBy(() -> executeDueJobs(instance)).isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining("noSuchBean");
  }
}
