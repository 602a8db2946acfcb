package com.smeloanflow.approval;

import static com.smeloanflow.approval.LoanFlow.ACCEPTOR;
import static com.smeloanflow.approval.LoanFlow.APPROVER;
import static com.smeloanflow.approval.LoanFlow.DISBURSER;
import static com.smeloanflow.approval.LoanFlow.REMOTE_VERIFIER;
import static com.smeloanflow.approval.LoanFlow.TEAM_LEAD;
import static com.smeloanflow.process.LoanOriginationProcess.Elements.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.smeloanflow.identity.Groups;
import com.smeloanflow.casefile.ApplicationStatus;
import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.ApiClient.Response;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * 审贷分离 holds on the server whatever client is used (DESIGN.md §2): through the engine REST API,
 * as Tasklist calls it, the person who accepted or verified an application can neither claim nor
 * complete its approval, and its approver cannot complete its disbursement check — even when their
 * groups would let them work the task. A person without such a conflict can.
 */
class SeparationOfDutiesApiTest extends AbstractIntegrationTest {

  @Autowired BeanFactory beans;

  LoanFlow flow;
  /** Memberships the test grants (user, group), revoked after it. */
  final List<String[]> granted = new ArrayList<>();

  @BeforeEach
  void drivers() {
    flow = new LoanFlow(api, this::executeDueJobs, this::completeAs, beans);
  }

  @AfterEach
  void revokeGrantedMemberships() {
    granted.forEach(membership -> identityService.deleteMembership(membership[0], membership[1]));
  }

  private void alsoMemberOf(String user, String group) {
    identityService.createMembership(user, group);
    granted.add(new String[] {user, group});
  }

  @Test
  void branchAcceptorWhoIsAlsoAnApproverCanNeitherClaimNorCompleteTheApprovalOfTheirApplication() {
    String applicationId = flow.submitOverApi(flow.strongAtBranch("CREDIT_QUICK", "500000.00"));
    flow.acceptAtBranch(applicationId);
    flow.verifyRemotely(applicationId);
    String approvalTask = flow.task(applicationId, TASK_APPROVE_LOAN).getId();
    alsoMemberOf(ACCEPTOR, Groups.CREDIT_APPROVERS);

    assertThat(tasksListed(ACCEPTOR, approvalTask)).as("in the acceptor's Tasklist queues").isZero();
    assertThat(tasksListed(APPROVER, approvalTask)).as("in an approver's").isOne();
    Response claim = flow.claimOverRest(ACCEPTOR, approvalTask);
    assertRefusedBySeparationOfDuties(claim, ACCEPTOR, applicationId);
    assertThat(taskService.createTaskQuery().taskId(approvalTask).singleResult().getAssignee()).isNull();

    Response complete = flow.completeOverRest(ACCEPTOR, approvalTask, TaskForms.approve("同意"));
    assertRefusedBySeparationOfDuties(complete, ACCEPTOR, applicationId);
    assertThat(flow.instance(applicationId)).isWaitingAt(TASK_APPROVE_LOAN);
    assertThat(statusOf(applicationId)).isEqualTo(ApplicationStatus.AWAITING_APPROVAL);

    flow.claimAndComplete(APPROVER, applicationId, TASK_APPROVE_LOAN, TaskForms.approve("同意"));
    assertThat(flow.instance(applicationId)).isWaitingAt(WAIT_SIGNATURE);
  }

  @Test
  void remoteVerifierWhoIsAlsoAnApproverCannotClaimTheApprovalOfAnApplicationTheyVerified() {
    String applicationId = flow.submitOverApi(flow.strongOnlineCreditQuick("500000.00"));
    flow.verifyRemotely(applicationId);
    String approvalTask = flow.task(applicationId, TASK_APPROVE_LOAN).getId();
    alsoMemberOf(REMOTE_VERIFIER, Groups.CREDIT_APPROVERS);

    assertRefusedBySeparationOfDuties(flow.claimOverRest(REMOTE_VERIFIER, approvalTask), REMOTE_VERIFIER, applicationId);
    assertRefusedBySeparationOfDuties(flow.completeOverRest(REMOTE_VERIFIER, approvalTask, TaskForms.approve("同意")),
        REMOTE_VERIFIER, applicationId);
    assertThat(flow.instance(applicationId)).isWaitingAt(TASK_APPROVE_LOAN);
  }

  @Test
  void approverWhoIsAlsoInDisbursementOpsCannotCheckTheDisbursementOfALoanTheyApproved() {
    String applicationId = flow.submitOverApi(flow.strongOnlineCreditQuick("500000.00"));
    flow.verifyRemotely(applicationId);
    flow.claimAndComplete(APPROVER, applicationId, TASK_APPROVE_LOAN, TaskForms.approve("同意"));
    flow.signContract(applicationId);
    String check = flow.task(applicationId, TASK_CHECK_DISBURSEMENT_CONDITIONS).getId();
    alsoMemberOf(APPROVER, Groups.DISBURSEMENT_OPS);
    assertThat(tasksListed(APPROVER, check)).as("in the approver's Tasklist queues").isZero();
    assertThat(tasksListed(DISBURSER, check)).as("in disbursement operations'").isOne();

    assertRefusedBySeparationOfDuties(flow.claimOverRest(APPROVER, check), APPROVER, applicationId);
    assertRefusedBySeparationOfDuties(flow.completeOverRest(APPROVER, check, TaskForms.disbursementConditionsMet()),
        APPROVER, applicationId);
    assertThat(flow.instance(applicationId)).isWaitingAt(TASK_CHECK_DISBURSEMENT_CONDITIONS);

    flow.claimAndComplete(DISBURSER, applicationId, TASK_CHECK_DISBURSEMENT_CONDITIONS, TaskForms.disbursementConditionsMet());
    assertThat(statusOf(applicationId)).isEqualTo(ApplicationStatus.DISBURSED);
  }

  @Test
  void teamLeadCannotHandAFiveHundredThousandApprovalToABranchAcceptorOfAnotherBranch() {
    String applicationId = flow.submitOverApi(flow.strongOnlineCreditQuick("500000.00"));
    flow.verifyRemotely(applicationId);
    String approvalTask = flow.task(applicationId, TASK_APPROVE_LOAN).getId();

    Response handedToAcceptor = api.post("/engine-rest/task/" + approvalTask + "/assignee", TEAM_LEAD,
        "{\"userId\": \"zy002-acceptor\"}");
    Response acceptorCompletes = flow.completeOverRest("zy002-acceptor", approvalTask, TaskForms.approve("同意"));

    assertThat(handedToAcceptor.status()).as(handedToAcceptor.body()).isEqualTo(403);
    assertThat(handedToAcceptor.json().path("message").asText()).contains(Groups.CREDIT_APPROVERS, "zy002-acceptor");
    assertThat(acceptorCompletes.status()).as(acceptorCompletes.body()).isEqualTo(403);
    assertThat(taskService.createTaskQuery().taskId(approvalTask).singleResult().getAssignee()).isNull();
    assertThat(flow.instance(applicationId)).isWaitingAt(TASK_APPROVE_LOAN);

    Response handedToApprover = api.post("/engine-rest/task/" + approvalTask + "/assignee", TEAM_LEAD,
        "{\"userId\": \"" + APPROVER + "\"}");
    assertThat(handedToApprover.status()).as(handedToApprover.body()).isEqualTo(204);
    assertThat(taskService.createTaskQuery().taskId(approvalTask).singleResult().getAssignee()).isEqualTo(APPROVER);
  }


  /** How many tasks of this id the engine REST API's task query (Tasklist's) lists for the user: 0 or 1. */
  private int tasksListed(String user, String taskId) {
    Response listed = api.get("/engine-rest/task?taskId=" + taskId + "&maxResults=10", user);
    assertThat(listed.status()).as(listed.body()).isEqualTo(200);
    return listed.json().size();
  }

  private static void assertRefusedBySeparationOfDuties(Response answer, String user, String applicationId) {
    assertThat(answer.status()).as("answer: %s", answer).isEqualTo(403);
    assertThat(answer.json().path("type").asText()).isEqualTo("AuthorizationException");
    assertThat(answer.json().path("message").asText()).startsWith("审贷分离").contains(user).contains(applicationId)
        .as("the English beside the Chinese").endsWith(" (separation of duties: user " + user + " may not "
            + (answer.body().contains("放款条件") ? "check the disbursement of" : "approve") + " application "
            + applicationId + ")");
  }
}
