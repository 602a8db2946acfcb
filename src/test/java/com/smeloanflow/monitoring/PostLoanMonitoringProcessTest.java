package com.smeloanflow.monitoring;

import static com.smeloanflow.process.PostLoanMonitoringProcess.Elements.END_FIRST_CHECK_DONE;
import static com.smeloanflow.process.PostLoanMonitoringProcess.Elements.TASK_FIRST_POST_LOAN_CHECK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.smeloanflow.approval.LoanFlow;
import com.smeloanflow.identity.Groups;
import com.smeloanflow.process.PostLoanMonitoringProcess;
import com.smeloanflow.casefile.ApplicationChecks;
import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.support.AbstractIntegrationTest;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Autowired;

/** post-loan-monitoring: started by the disbursement, first check by the remote banking centre within 30 days. */
class PostLoanMonitoringProcessTest extends AbstractIntegrationTest {

  @Autowired BeanFactory beans;
  @Autowired LoanAccountService loans;
  @Autowired ApplicationChecks checks;

  LoanFlow flow;

  @BeforeEach
  void drivers() {
    flow = new LoanFlow(api, this::executeDueJobs, this::completeAs, beans);
  }

  private ProcessInstance monitoringOfADisbursedLoan() {
    String applicationId = flow.submitOverApi(flow.strongOnlineCreditQuick("100000.00"));
    flow.signContract(applicationId);
    String loanId = loans.findByApplication(applicationId).orElseThrow().loanId();
    ProcessInstance monitoring = runtimeService.createProcessInstanceQuery()
        .processDefinitionKey(PostLoanMonitoringProcess.KEY).processInstanceBusinessKey(loanId).singleResult();
    assertThat(monitoring).as("post-loan-monitoring of " + loanId).isNotNull();
    return monitoring;
  }

  @Test
  void remoteBankingRecordsTheFirstCheckAndMonitoringOfTheFirstCheckEnds() {
    ProcessInstance monitoring = monitoringOfADisbursedLoan();
    assertThat(monitoring).isWaitingAt(TASK_FIRST_POST_LOAN_CHECK);
    Task check = taskService.createTaskQuery().processInstanceId(monitoring.getId()).singleResult();
    assertThat(check).hasCandidateGroup(Groups.REMOTE_BANKING);
    assertThat(check.getDueDate()).as("due within 30 days of disbursement").isNotNull();
    assertThat(taskService.getVariableLocal(check.getId(), "principal")).isEqualTo("100000.00");

    completeAs("remote-verifier", check.getId(), Map.of("fundsUsedAsAgreed", true, "businessNormal", true,
        "firstCheckResult", "NORMAL", "firstCheckNotes", "电话回访: 资金用于采购原材料, 经营正常"));

    assertThat(monitoring).isEnded().hasPassed(END_FIRST_CHECK_DONE);
    String applicationId = loans.find(monitoring.getBusinessKey()).orElseThrow().applicationId();
    assertThat(checks.of(applicationId)).anySatisfy(c -> {
      assertThat(c.checkType()).isEqualTo(com.smeloanflow.casefile.CheckType.POST_LOAN_FIRST_CHECK);
      assertThat(c.outcome()).isEqualTo("NORMAL");
      assertThat(c.performedBy()).isEqualTo("remote-verifier");
    });
  }

  @Test
  void firstCheckNeedsAConclusionAndNotes() {
    ProcessInstance monitoring = monitoringOfADisbursedLoan();
    Task check = taskService.createTaskQuery().processInstanceId(monitoring.getId()).singleResult();

    assertThatThrownBy(() -> completeAs("remote-verifier", check.getId(), Map.of("firstCheckResult", "NORMAL")))
        .hasMessageContaining("检查情况");
    assertThat(monitoring).isWaitingAt(TASK_FIRST_POST_LOAN_CHECK);
  }
}
