package com.smeloanflow.creditline;

import static com.smeloanflow.process.LoanOriginationProcess.Elements.TASK_APPROVE_LOAN;
import static com.smeloanflow.process.LoanOriginationProcess.Elements.TASK_CHECK_DISBURSEMENT_CONDITIONS;
import static com.smeloanflow.process.LoanOriginationProcess.Elements.TASK_REVIEW_EXCEPTION;

import com.smeloanflow.approval.LoanFlow;
import com.smeloanflow.approval.TaskForms;
import com.smeloanflow.support.TestApplications;
import org.camunda.bpm.engine.TaskService;

/**
 * A REVOLVING_LINE application driven through the real loan-origination flow at the ZY001 counter for a
 * strong enterprise: accepted, verified, approved by a single approver, signed, disbursement conditions met.
 */
public final class CreditLineFixture {

  private final LoanFlow flow;
  private final TaskService taskService;

  public CreditLineFixture(LoanFlow flow) {
    this.flow = flow;
    this.taskService = flow.bean(TaskService.class);
  }

  /** A new REVOLVING_LINE application for {@code amount}, ready to be approved. */
  public TestApplications.Builder application(String amount) {
    return flow.strongAtBranch("REVOLVING_LINE", amount);
  }

  /** Drives the application through to disbursement: the line opens (the application id). */
  public String opened(TestApplications.Builder request) {
    String applicationId = approved(request);
    flow.signContract(applicationId);
    flow.claimAndComplete(LoanFlow.DISBURSER, applicationId, TASK_CHECK_DISBURSEMENT_CONDITIONS, TaskForms.disbursementConditionsMet());
    return applicationId;
  }

  /** Drives the application to its disbursement-condition check, signed: 审核放款条件 awaits disbursement-ops (the application id). */
  String signed(TestApplications.Builder request) {
    String applicationId = approved(request);
    flow.signContract(applicationId);
    return applicationId;
  }

  /** Drives the application to its approval: the contract awaits the applicant's signature (the application id). */
  String approved(TestApplications.Builder request) {
    String applicationId = flow.submitOverApi(request);
    flow.acceptAtBranch(applicationId);
    if (taskService.createTaskQuery().processInstanceBusinessKey(applicationId).taskDefinitionKey(TASK_REVIEW_EXCEPTION).count() > 0) {
      flow.claimAndComplete(LoanFlow.CENTRE_PROCESSOR, applicationId, TASK_REVIEW_EXCEPTION,
          TaskForms.form("reviewDecision", "CONTINUE", "reviewNotes", "循环额度, 经营稳定"));
    }
    flow.verifyRemotely(applicationId);
    flow.claimAndComplete(LoanFlow.APPROVER, applicationId, TASK_APPROVE_LOAN, TaskForms.approve("同意开立循环额度"));
    flow.executeDueJobs(applicationId);
    return applicationId;
  }
}
