package com.smeloanflow.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.accountability.ApprovedLoans;
import com.smeloanflow.accountability.DueDiligenceOutcome;
import com.smeloanflow.accountability.DueDiligenceReview;
import com.smeloanflow.accountability.DueDiligenceReviewService;
import com.smeloanflow.accountability.ManagedLoans;
import com.smeloanflow.accountability.NonPerformingLoans;
import com.smeloanflow.accountability.OfficerRole;
import com.smeloanflow.approval.ApprovalDecisions;
import com.smeloanflow.casefile.ApplicationChecks;
import com.smeloanflow.identity.IdentitySetup;
import com.smeloanflow.intake.IntakeService;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.process.DueDiligenceReviewProcess;
import com.smeloanflow.process.PostLoanMonitoringProcess;
import com.smeloanflow.servicing.LoanAccount;
import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.support.ApiClient;
import org.assertj.core.groups.Tuple;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * due-diligence-review.bpmn worked in Tasklist: a loan the customer manager investigated on site turns
 * 次级 when core banking reports the borrower as a dishonest debtor; a team lead opens 尽职免责认定, sees
 * the loan, the criteria, the verification and the post-loan record, and finds the manager exempt. A loan the
 * model approved has no approver and, its first post-loan check still due, no checker: the form offers no finding on
 * either; a loan a person approved asks for one on the approver.
 */
@BrowserTest
class DueDiligenceReviewTasklistIT extends BrowserTestBase {

  @Autowired IntakeService intake;
  @Autowired ApplicationChecks checks;
  @Autowired LoanAccountService loans;
  @Autowired BusinessClock clock;
  @Autowired DueDiligenceReviewService reviews;
  @Autowired ApprovalDecisions approvals;

  private TasklistPage tasklist;
  private ProcessProbe probe;

  @BeforeEach
  void openTasklist() {
    tasklist = new TasklistPage(browser, port);
    probe = new ProcessProbe(engine);
  }

  @Test
  void aTeamLeadFindsTheCustomerManagerExemptInTasklist() {
    NonPerformingLoans nonPerforming = new NonPerformingLoans(engine, new ApiClient(port),
        new ManagedLoans(intake, checks, loans), instanceId -> { });
    LoanAccount loan = nonPerforming.monitored("zy001-cm", "150000.00", clock.today().minusDays(20));
    new ApprovedLoans(approvals).byModel(loan);
    String monitoring = probe.awaitInstance(PostLoanMonitoringProcess.KEY, loan.loanId());
    probe.awaitTask(monitoring, PostLoanMonitoringProcess.Elements.TASK_FIRST_POST_LOAN_CHECK);
    assertThat(nonPerforming.listAsDishonestDebtor(loan).status()).isEqualTo(201);

    String review = probe.awaitInstance(DueDiligenceReviewProcess.KEY, loan.loanId());
    Task task = probe.awaitTask(review, DueDiligenceReviewProcess.Elements.TASK_REVIEW_DUE_DILIGENCE);
    assertThat(probe.candidateGroups(task.getId())).containsExactly("ZY001-leads");
    probe.assertFormReadsOnlyTaskVariables(task);
    tasklist.login("team-lead").selectFilter(IdentitySetup.FILTER_GROUP_TASKS).openTask(task.getId());
    assertThat(tasklist.openTaskName()).isEqualTo("尽职免责认定");
    CamundaForm form = tasklist.taskForm().assertShows(loan.loanId(), loan.borrowerName(), "正常", "次级", "尽职免责条件",
        "贷前核实与审批程序完整", "预警信号及时处置", "评分卡", "核实记录", "实地调查", "zy001-cm", "列入失信被执行人名单",
        "客户经理: zy001-cm");
    assertThat(form.visibleFieldLabels()).as("a model approval: no approver to find on")
        .contains("客户经理认定结论", "客户经理认定理由").doesNotContain("审批人认定结论", "审批人认定理由");
    assertThat(form.visibleFieldLabels()).as("the first post-loan check still due: no checker to find on")
        .doesNotContain("贷后检查人认定结论", "贷后检查人认定理由");
    tasklist.claim();
    form.select("客户经理认定结论", "免责").type("客户经理认定理由", "失信系借款人涉外部担保纠纷所致, 贷前实地调查与贷后检查均按规定完成");
    browser.screenshot("33-form-review-due-diligence");
    tasklist.complete();

    probe.awaitEndEvent(review, DueDiligenceReviewProcess.Elements.END_DUE_DILIGENCE_CONCLUDED);
    assertThat(reviews.find(loan.loanId()).orElseThrow().status()).isEqualTo(DueDiligenceReview.CONCLUDED);
    assertThat(reviews.findings(loan.loanId())).singleElement().satisfies(finding -> {
      assertThat(finding.officer()).isEqualTo("zy001-cm");
      assertThat(finding.outcome()).isEqualTo(DueDiligenceOutcome.EXEMPT);
      assertThat(finding.decidedBy()).isEqualTo("team-lead");
    });
    probe.assertOnlyDeclaredVariables(review);
    probe.assertNoIncidents(review);
  }

  @Test
  void aLoanAnApproverApprovedAsksTheLeadForAFindingOnTheApprover() {
    NonPerformingLoans nonPerforming = new NonPerformingLoans(engine, new ApiClient(port),
        new ManagedLoans(intake, checks, loans), instanceId -> { });
    LoanAccount loan = nonPerforming.monitored("zy001-cm", "160000.00", clock.today().minusDays(20));
    new ApprovedLoans(approvals).byApprover(loan, "approver");
    String monitoring = probe.awaitInstance(PostLoanMonitoringProcess.KEY, loan.loanId());
    probe.awaitTask(monitoring, PostLoanMonitoringProcess.Elements.TASK_FIRST_POST_LOAN_CHECK);
    assertThat(nonPerforming.listAsDishonestDebtor(loan).status()).isEqualTo(201);

    String review = probe.awaitInstance(DueDiligenceReviewProcess.KEY, loan.loanId());
    Task task = probe.awaitTask(review, DueDiligenceReviewProcess.Elements.TASK_REVIEW_DUE_DILIGENCE);
    tasklist.login("team-lead").selectFilter(IdentitySetup.FILTER_GROUP_TASKS).openTask(task.getId());
    CamundaForm form = tasklist.taskForm().assertShows("审批人: approver");
    assertThat(form.visibleFieldLabels()).contains("客户经理认定结论", "审批人认定结论", "审批人认定理由");
    tasklist.claim();
    form.select("客户经理认定结论", "免责").type("客户经理认定理由", "贷前实地调查与贷后检查均按规定完成")
        .select("审批人认定结论", "部分免责").type("审批人认定理由", "审批时已关注涉诉风险, 但未附加担保条件");
    tasklist.complete();

    probe.awaitEndEvent(review, DueDiligenceReviewProcess.Elements.END_DUE_DILIGENCE_CONCLUDED);
    assertThat(reviews.findings(loan.loanId())).extracting(f -> f.role(), f -> f.officer(), f -> f.outcome())
        .containsExactlyInAnyOrder(Tuple.tuple(OfficerRole.CUSTOMER_MANAGER, "zy001-cm", DueDiligenceOutcome.EXEMPT),
            Tuple.tuple(OfficerRole.APPROVER, "approver", DueDiligenceOutcome.PARTIALLY_EXEMPT));
    probe.assertNoIncidents(review);
  }
}
