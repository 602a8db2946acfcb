package com.smeloanflow.process;

import static com.smeloanflow.approval.LoanFlow.APPROVER;
import static com.smeloanflow.process.LoanOriginationProcess.Elements.TASK_APPROVE_LOAN;
import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.approval.LoanFlow;
import com.smeloanflow.approval.TaskForms;
import com.smeloanflow.casefile.CustomerReason;
import com.smeloanflow.support.AbstractIntegrationTest;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Camunda's history is kept for its definition's time to live after the instance ENDS (loan-origination: P180D), and
 * an instance that still runs keeps all of it, however long it runs (post-loan monitoring runs for the loan's term).
 * The engine cleans up by end time, so ending an instance writes no removal time into its history rows
 * (application.yaml, {@code historyCleanupStrategy: endTimeBased}; docs/performance.md, "Tuning").
 */
class HistoryRetentionTest extends AbstractIntegrationTest {

  @Autowired BeanFactory beans;

  LoanFlow flow;

  @BeforeEach
  void drivers() {
    flow = new LoanFlow(api, this::executeDueJobs, this::completeAs, beans);
  }

  @Test
  void endedApplicationsHistoryStaysFor180DaysAfterItsEndAndIsThenRemoved() {
    String applicationId = flow.submitOverApi(flow.strongOnlineCreditQuick("500000.00"));
    String processInstanceId = flow.instance(applicationId).getId();
    flow.verifyRemotely(applicationId);
    flow.claimAndComplete(APPROVER, applicationId, TASK_APPROVE_LOAN,
        TaskForms.reject("经营现金流不足以覆盖本息", CustomerReason.OVERALL_ASSESSMENT.name()));
    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId).finished().count())
        .as("the application's instance ended").isEqualTo(1);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM ACT_HI_ACTINST WHERE ROOT_PROC_INST_ID_ = :id AND REMOVAL_TIME_ IS NOT NULL")
        .param("id", processInstanceId).query(Long.class).single())
        .as("history rows the instance's end rewrote with a removal time").isZero();

    moveClockBy(Duration.ofDays(179));
    runHistoryCleanup(5);
    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId).count())
        .as("history 179 days after the end").isEqualTo(1);
    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(processInstanceId).count())
        .as("activity history 179 days after the end").isPositive();

    moveClockBy(Duration.ofDays(2));
    runHistoryCleanupUntilRemoved(processInstanceId);
    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(processInstanceId).count())
        .as("activity history 181 days after the end").isZero();
    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(processInstanceId).count())
        .as("variable history 181 days after the end").isZero();
  }

  @Test
  void runningApplicationKeepsItsHistoryLongPastItsTimeToLive() {
    String applicationId = flow.submitOverApi(flow.strongOnlineCreditQuick("500000.00"));
    String processInstanceId = flow.instance(applicationId).getId();
    long activities = historyService.createHistoricActivityInstanceQuery().processInstanceId(processInstanceId).count();
    assertThat(activities).isPositive();

    moveClockBy(Duration.ofDays(400));
    runHistoryCleanup(5);

    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(processInstanceId).count())
        .as("the application still waits").isEqualTo(1);
    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId).count())
        .as("history of the running instance, 400 days after its start").isEqualTo(1);
    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(processInstanceId).count())
        .as("activity history of the running instance").isEqualTo(activities);
  }
}
