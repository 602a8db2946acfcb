package com.smeloanflow.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.approval.LoanFlow;
import com.smeloanflow.support.AbstractIntegrationTest;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The benchmark's own processes do what the report says they do (it measures, it asserts no time):
 * the bare-engine baseline has the shape of a real AUTO application — read from the engine's history
 * of one, so it follows the BPMN when the BPMN changes — and the Tasklist seed offers each task to
 * one branch group.
 */
class BareEngineBaselineTest extends AbstractIntegrationTest {

  @Autowired BeanFactory beans;
  @LocalServerPort int port;

  Http http;

  @BeforeEach
  void client() {
    http = new Http(port);
  }

  @AfterEach
  void closeClient() {
    http.close();
  }

  @Test
  void bareEngineBaselineRunsTheSameActivitiesAndJobsAsADisbursedAutoApplication() {
    LoanFlow flow = new LoanFlow(api, this::executeDueJobs, this::completeAs, beans);
    String applicationId = flow.submitOverApi(flow.strongOnlineCreditQuick("100000.00"));
    String autoInstance = flow.instance(applicationId).getId();
    flow.signContract(applicationId);

    BareEngine.Shape shape = BareEngine.shapeOf(http, applicationId);

    assertThat(shape.activityInstances()).isEqualTo(activityInstances(autoInstance));
    assertThat(shape.jobs()).as("async continuations and timers the AUTO path created").isEqualTo(jobsCreated(autoInstance));
    assertThat(shape.messageWaits()).isEqualTo(1);

    BareEngine.deploy(http, BareEngine.model(shape), BareEngine.PROCESS_KEY);
    ProcessInstance bare = runtimeService.startProcessInstanceByKey(BareEngine.PROCESS_KEY, "BARE-test");
    executeDueJobs(bare.getId());
    runtimeService.createMessageCorrelation(BareEngine.MESSAGE).processInstanceId(bare.getId()).correlate();
    executeDueJobs(bare.getId());

    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(bare.getId()).singleResult().getState())
        .isEqualTo("COMPLETED");
    assertThat(activityInstances(bare.getId())).isEqualTo(shape.activityInstances());
    assertThat(jobsCreated(bare.getId())).isEqualTo(shape.jobs());
  }

  @Test
  void tasklistSeedOffersEachTaskToOneOfTheTwentyBranchGroupsWithADueDate() {
    BareEngine.deploy(http, TasklistScenario.seedProcess(), TasklistScenario.SEED_PROCESS);
    ProcessInstance seed = runtimeService.startProcessInstanceByKey(TasklistScenario.SEED_PROCESS, "SEED-test",
        Map.of("branchCode", "BK3", "taskCount", 40));

    var tasks = taskService.createTaskQuery().processInstanceId(seed.getId()).list();
    assertThat(tasks).hasSize(40).allSatisfy(task -> assertThat(task.getDueDate()).isNotNull());
    Map<String, Long> perGroup = tasks.stream().collect(Collectors.groupingBy(this::candidateGroup, Collectors.counting()));
    assertThat(perGroup).hasSize(20).allSatisfy((group, count) -> assertThat(count).isEqualTo(2));
    assertThat(perGroup.keySet()).contains("BK0-acceptance", "BK9-customer-managers");
  }

  private String candidateGroup(Task task) {
    Set<String> groups = taskService.getIdentityLinksForTask(task.getId()).stream().map(IdentityLink::getGroupId)
        .filter(g -> g != null).collect(Collectors.toSet());
    assertThat(groups).hasSize(1);
    return groups.iterator().next();
  }

  private int activityInstances(String processInstanceId) {
    return (int) historyService.createHistoricActivityInstanceQuery().processInstanceId(processInstanceId).count();
  }

  private int jobsCreated(String processInstanceId) {
    return (int) historyService.createHistoricJobLogQuery().processInstanceId(processInstanceId).creationLog().count();
  }
}
