package com.smeloanflow.accountability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.smeloanflow.approval.ApprovalDecisions;
import com.smeloanflow.casefile.ApplicationChecks;
import com.smeloanflow.casefile.CheckType;
import com.smeloanflow.identity.Groups;
import com.smeloanflow.monitoring.CheckKind;
import com.smeloanflow.monitoring.CheckMethod;
import com.smeloanflow.monitoring.CheckOutcome;
import com.smeloanflow.monitoring.CheckRepository;
import com.smeloanflow.monitoring.MonitoringIds;
import com.smeloanflow.monitoring.PostLoanCheck;
import com.smeloanflow.monitoring.PostLoanCheckTaskListener;
import com.smeloanflow.monitoring.SignalEvidence;
import com.smeloanflow.monitoring.SignalRepository;
import com.smeloanflow.monitoring.SignalSeverity;
import com.smeloanflow.monitoring.SignalType;
import com.smeloanflow.monitoring.WarningSignal;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.platform.ChineseDates;
import com.smeloanflow.platform.FormText;
import com.smeloanflow.process.DueDiligenceReviewProcess;
import com.smeloanflow.process.PostLoanCheckProcess;
import com.smeloanflow.process.PostLoanMonitoringProcess;
import com.smeloanflow.processing.ApprovalRoute;
import com.smeloanflow.processing.ExternalDataService;
import com.smeloanflow.processing.ProcessingOutcomes;
import com.smeloanflow.processing.ScoringService;
import com.smeloanflow.renewal.LoanRenewal;
import com.smeloanflow.renewal.RenewalRepository;
import com.smeloanflow.renewal.RenewalStatus;
import com.smeloanflow.servicing.Classification;
import com.smeloanflow.servicing.LoanAccount;
import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.servicing.RenewLoan;
import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.Concurrently;
import java.math.BigDecimal;
import java.util.Map;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * 尽职免责认定: a loan that turns non-performing gets one review for the team leads, showing what each
 * officer saw against the exemption criteria; the finding per officer is kept and an exemption takes the
 * loan out of the customer manager's non-performing tolerance.
 */
class DueDiligenceReviewProcessTest extends AbstractIntegrationTest {

  private static final String MANAGER = "zy001-cm";

  @Autowired private ApplicationChecks checks;
  @Autowired private LoanAccountService loans;
  @Autowired private BusinessClock clock;
  @Autowired private DueDiligenceReviewService reviews;
  @Autowired private PerformanceService performance;
  @Autowired private ExternalDataService externalData;
  @Autowired private ScoringService scoring;
  @Autowired private ProcessingOutcomes outcomes;
  @Autowired private ApprovalDecisions approvals;
  @Autowired private CheckRepository postLoanChecks;
  @Autowired private MonitoringIds monitoringIds;
  @Autowired private SignalRepository signalRecords;
  @Autowired private RenewalRepository renewals;

  private NonPerformingLoans nonPerforming;
  private ApprovedLoans approved;

  @BeforeEach
  void loansThatTurnNonPerforming() {
    nonPerforming = new NonPerformingLoans(processEngine, api, new ManagedLoans(intakeService, checks, loans), this::executeDueJobs);
    approved = new ApprovedLoans(approvals);
  }

  @Test
  void aRenewedLoanTurningNonPerformingIsReviewedForTheCustomerManagerOfTheLoanItRenewed() {
    LoanAccount old = nonPerforming.monitored(MANAGER, "100000.00", clock.today().minusMonths(12));
    LoanAccount renewed = loans.renew(new RenewLoan(old.loanId(), loans.ledger(old.loanId()).get(11).principalDue(),
        "CB-RN-DD-" + old.loanId()));
    nonPerforming.monitoring(renewed);

    assertThat(nonPerforming.listAsDishonestDebtor(renewed).status()).isEqualTo(201);

    ProcessInstance review = nonPerforming.review(renewed);
    assertThat(review).isNotNull();
    Task task = taskService.createTaskQuery().processInstanceId(review.getId()).singleResult();
    assertThat((String) taskService.getVariableLocal(task.getId(), "officersText")).contains("客户经理: " + MANAGER);
    assertThat(reviews.officers(renewed.loanId())).containsEntry(OfficerRole.CUSTOMER_MANAGER, java.util.List.of(MANAGER));
  }

  /**
   * The application's loan was approved by {@code approver}; its renewal was decided by the committee's chair, who signed
   * the resolution. The renewed loan turns non-performing: the review asks about the chair's decision (审批人: the chair,
   * its decision shown), and the chair may not review it. Before, it named the application's approver, whose decision
   * lent only the old loan, and let the chair review the renewal the chair decided.
   */
  @Test
  void aRenewedLoansReviewNamesWhoDecidedItsRenewalAsTheApproverAndThatPersonMayNotReviewIt() {
    LoanAccount old = nonPerforming.monitored(MANAGER, "100000.00", clock.today().minusMonths(12));
    approved.byApprover(old, "approver");
    LoanAccount renewed = renewedOnADecisionOf(old, "committee-chair");
    nonPerforming.monitoring(renewed);
    assertThat(nonPerforming.listAsDishonestDebtor(renewed).status()).isEqualTo(201);

    Task task = taskService.createTaskQuery().processInstanceId(nonPerforming.review(renewed).getId()).singleResult();
    assertThat(reviews.officers(renewed.loanId())).containsEntry(OfficerRole.APPROVER, java.util.List.of("committee-chair"));
    Map<String, Object> shown = taskService.getVariablesLocal(task.getId());
    assertThat((String) shown.get("officersText")).contains("审批人: committee-chair").doesNotContain("审批人: approver");
    assertThat((String) shown.get("decisionsText")).contains("- 续贷审批 (原借据 " + old.loanId() + "): 批准续贷")
        .contains("— committee-chair");

    ConcludeReview.RoleFinding exempt = new ConcludeReview.RoleFinding(DueDiligenceOutcome.EXEMPT, "按规定审批");
    assertThatThrownBy(() -> reviews.conclude(new ConcludeReview(renewed.loanId(), Map.of(OfficerRole.CUSTOMER_MANAGER,
        exempt, OfficerRole.APPROVER, exempt), "committee-chair")))
        .isInstanceOf(org.camunda.bpm.engine.AuthorizationException.class).hasMessageContaining("不能认定自己的尽职免责");
    assertThat(reviews.findings(renewed.loanId())).isEmpty();
  }

  /** A renewal the decision table approved (route AUTO) leaves the renewed loan without an approver to find on. */
  @Test
  void aLoanRenewedOnTheModelsApprovalHasNoApproverThoughItsApplicationHadOne() {
    LoanAccount old = nonPerforming.monitored(MANAGER, "100000.00", clock.today().minusMonths(12));
    approved.byApprover(old, "approver");
    LoanAccount renewed = renewedOnADecisionOf(old, "模型");
    Task task = reviewOfTurningNonPerforming(renewed);
    assertThat(reviews.officers(renewed.loanId())).doesNotContainKey(OfficerRole.APPROVER);
    assertThat(taskService.getVariablesLocal(task.getId())).containsEntry("hasApprover", false);
    assertThat((String) taskService.getVariableLocal(task.getId(), "officersText")).contains("审批人: 无");
  }

  /**
   * The chair signed a renewal of the whole principal due though the renewal's eligibility table suggested less, and
   * wrote no reason: the renewed loan's criteria say so, naming the chair. Before, the criteria judged the application's
   * approval (which lent only the old loan) and found nothing.
   */
  @Test
  void aRenewalApprovedAboveTheTablesSuggestionWithoutAReasonIsFlaggedNamingWhoDecidedIt() {
    LoanAccount old = nonPerforming.monitored(MANAGER, "100000.00", clock.today().minusMonths(12));
    approved.byApprover(old, "approver");
    BigDecimal due = loans.ledger(old.loanId()).get(11).principalDue();
    LoanAccount renewed = renewedOnADecisionOf(old, "committee-chair", null, due.subtract(new BigDecimal("5000.00")));
    Task task = reviewOfTurningNonPerforming(renewed);
    Map<String, Object> shown = taskService.getVariablesLocal(task.getId());
    assertThat((String) shown.get("criteriaText")).contains("✘ 例外放行与超建议审批均有理由")
        .contains("续贷审批金额 " + String.format("%,.2f", due) + " 元高于续贷评估建议额度 "
            + String.format("%,.2f", due.subtract(new BigDecimal("5000.00"))) + " 元 (贷审会主席 committee-chair)")
        .doesNotContain("(approver)");
    assertThat(shown.get("criteriaSuggestion")).isEqualTo("存在未满足的尽职免责条件, 建议逐人认定责任");
    assertThat((String) shown.get("decisionsText")).contains("高于建议) — committee-chair");
  }

  /**
   * The application's approver approved on conditions and wrote none (附条件批准未写明条件); the renewal that opened the
   * loan was decided within the table's suggestion, with a reason. The renewed loan's criteria judge the renewal: the old
   * approval's flaw is not charged to the officers of a loan it did not lend. Before, it was.
   */
  @Test
  void anOldApprovalsFlawIsNotChargedAgainstTheLoanARenewalLent() {
    LoanAccount old = nonPerforming.monitored(MANAGER, "100000.00", clock.today().minusMonths(12));
    approved.withConditionsUnstated(old, "approver");
    LoanAccount renewed = renewedOnADecisionOf(old, "committee-chair");
    Task task = reviewOfTurningNonPerforming(renewed);
    assertThat((String) taskService.getVariableLocal(task.getId(), "criteriaText"))
        .contains("✔ 例外放行与超建议审批均有理由").doesNotContain("附条件批准未写明条件");
  }

  /**
   * The old loan's application had a verification the decision table asked for and nobody confirmed, an exception the
   * processing centre let through without a note, and a first post-loan check by remote-verifier of the old loan. The
   * renewal that opened the loan was decided on its own evaluation (a fresh score, the renewal's table, its decider's note)
   * and nobody checked the renewed loan yet: its criteria judge the renewal's procedure and decision, and no one answers
   * for it as its post-loan checker. Before, the old application's records were charged to the renewed loan's officers
   * (✘ on both criteria) and the old loan's first checker was named its 贷后检查人.
   */
  @Test
  void theOldApplicationsVerificationExceptionAndFirstCheckAreNotChargedAgainstTheLoanARenewalLent() {
    LoanAccount old = nonPerforming.monitoredWithoutManager("100000.00", clock.today().minusMonths(12));
    approved.byApprover(old, "approver");
    outcomes.start(old.applicationId(), old.disbursedOn());
    outcomes.saveRemoteVerification(old.applicationId(), true, "首次申请, 经营场所未核实");
    checks.record(old.applicationId(), CheckType.CENTRE_REVIEW, 1, "CONTINUE", "centre-processor", null, null);
    checks.record(old.applicationId(), CheckType.POST_LOAN_FIRST_CHECK, 1, "NORMAL", "remote-verifier", "—", "首次检查正常");
    LoanAccount renewed = renewedOnADecisionOf(old, "committee-chair");

    Task task = reviewOfTurningNonPerforming(renewed);

    Map<String, Object> shown = taskService.getVariablesLocal(task.getId());
    assertThat((String) shown.get("criteriaText")).contains("✔ 贷前核实与审批程序完整")
        .contains("✔ 例外放行与超建议审批均有理由").doesNotContain("集中作业复核放行");
    assertThat(reviews.officers(renewed.loanId())).doesNotContainKey(OfficerRole.POST_LOAN_CHECKER);
    assertThat((String) shown.get("officersText")).contains("贷后检查人: 无");
    assertThat((String) shown.get("verificationText")).as("the old application's record is still shown")
        .contains("决策表要求贷前核实");
  }

  /** The same records judged for the loan the application lent: the verification and the exception are flagged. */
  @Test
  void anUnconfirmedVerificationAndAnExceptionWithoutANoteAreFlaggedForTheLoanTheApplicationLent() {
    LoanAccount loan = nonPerforming.monitoredWithoutManager("100000.00", clock.today().minusMonths(2));
    outcomes.start(loan.applicationId(), loan.disbursedOn());
    outcomes.saveRemoteVerification(loan.applicationId(), true, "首次申请, 经营场所未核实");
    checks.record(loan.applicationId(), CheckType.CENTRE_REVIEW, 1, "CONTINUE", "centre-processor", null, null);
    nonPerforming.listAsDishonestDebtor(loan);

    Task task = taskService.createTaskQuery().processInstanceId(nonPerforming.review(loan).getId()).singleResult();

    assertThat((String) taskService.getVariableLocal(task.getId(), "criteriaText")).contains("✘ 贷前核实与审批程序完整")
        .contains("✘ 例外放行与超建议审批均有理由").contains("集中作业复核放行 (centre-processor)");
  }

  /** A loan no renewal opened is judged by its application's approval: conditions unstated are flagged. */
  @Test
  void anApprovalOnConditionsNoneWrittenIsFlaggedForTheLoanItLent() {
    LoanAccount loan = nonPerforming.monitored(MANAGER, "98000.00", clock.today().minusDays(20));
    approved.withConditionsUnstated(loan, "approver");
    nonPerforming.listAsDishonestDebtor(loan);

    Task task = taskService.createTaskQuery().processInstanceId(nonPerforming.review(loan).getId()).singleResult();
    assertThat((String) taskService.getVariableLocal(task.getId(), "criteriaText"))
        .contains("✘ 例外放行与超建议审批均有理由").contains("附条件批准未写明条件 (approver)");
  }

  /**
   * {@code old} renewed at maturity as the renewal stage records it: offered, applied for, decided by {@code decidedBy}
   * (模型 when the table approved it) with a note, the table suggesting the whole principal due, and posted into the new
   * loan servicing opens.
   */
  /** The renewed loan monitored and listed as a dishonest debtor: the review's task that opens. */
  private Task reviewOfTurningNonPerforming(LoanAccount renewed) {
    nonPerforming.monitoring(renewed);
    nonPerforming.listAsDishonestDebtor(renewed);
    return taskService.createTaskQuery().processInstanceId(nonPerforming.review(renewed).getId()).singleResult();
  }

  private LoanAccount renewedOnADecisionOf(LoanAccount old, String decidedBy) {
    return renewedOnADecisionOf(old, decidedBy, "同意续贷", loans.ledger(old.loanId()).get(11).principalDue());
  }

  /** As {@link #renewedOnADecisionOf(LoanAccount, String)}, decided with {@code note} (null: none), the table suggesting {@code suggested}. */
  private LoanAccount renewedOnADecisionOf(LoanAccount old, String decidedBy, String note, BigDecimal suggested) {
    BigDecimal due = loans.ledger(old.loanId()).get(11).principalDue();
    renewals.insertEvaluation(new LoanRenewal(old.loanId(), old.branchCode(), old.creditCode(), old.product(),
        old.maturityDate(), RenewalStatus.OFFERED, new LoanRenewal.Eligibility(clock.today(), "NORMAL",
            LoanRenewal.Eligibility.NEVER_OVERDUE, "ACTIVE", 720, "A", suggested, false, false, true, "ELIGIBLE", "符合续贷条件"),
        clock.today().plusDays(20), due, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null, null, null), clock.now());
    renewals.applied(old.loanId(), "REQ-DD-" + old.loanId(), "channel", clock.now());
    renewals.routed(old.loanId(), "模型".equals(decidedBy) ? "AUTO" : "COMMITTEE");
    renewals.decided(old.loanId(), RenewalStatus.APPLIED, decidedBy, note, null, clock.now(), null);
    LoanAccount renewed = loans.renew(new RenewLoan(old.loanId(), due, "CB-RN-DD-" + old.loanId()));
    renewals.renewed(old.loanId(), "CB-RN-DD-" + old.loanId(), renewed.loanId(), due, clock.today());
    return renewed;
  }

  @Test
  void aLoanTurningNonPerformingGetsOneReviewForTheTeamLeadsShowingWhatEachOfficerSaw() {
    LoanAccount loan = nonPerforming.monitored(MANAGER, "300000.00", clock.today().minusDays(20));
    assertThat(nonPerforming.review(loan)).as("no review while 正常").isNull();

    assertThat(nonPerforming.listAsDishonestDebtor(loan).status()).isEqualTo(201);

    ProcessInstance review = nonPerforming.review(loan);
    assertThat(review).isNotNull();
    assertThat(review).isWaitingAt(DueDiligenceReviewProcess.Elements.TASK_REVIEW_DUE_DILIGENCE);
    Task task = taskService.createTaskQuery().processInstanceId(review.getId()).singleResult();
    assertThat(task).hasCandidateGroup(Groups.leads(loan.branchCode())).hasName("尽职免责认定");
    assertThat(loan.branchCode()).isEqualTo("ZY001");
    assertThat(taskService.createTaskQuery().taskId(task.getId()).taskCandidateUser("team-lead").count())
        .as("the lead of the loan's branch").isEqualTo(1);
    assertThat(taskService.createTaskQuery().taskId(task.getId()).taskCandidateUser("zy002-lead").count())
        .as("another branch's lead").isZero();
    Map<String, Object> shown = taskService.getVariablesLocal(task.getId());
    assertThat(shown.get("classificationName")).isEqualTo("次级");
    assertThat(shown.get("previousClassificationName")).isEqualTo("正常");
    assertThat((String) shown.get("turnedOn")).as("the day it turned, as the form's other days").matches("\\d{4}年\\d{1,2}月\\d{1,2}日");
    assertThat((String) shown.get("officersText")).contains("客户经理: " + MANAGER).contains("审批人: 无");
    assertThat(shown).as("the form shows the 客户经理 fields").containsEntry("hasCustomerManager", true);
    assertThat((String) shown.get("verificationText")).contains("实地调查").contains(MANAGER);
    assertThat((String) shown.get("postLoanText")).contains("列入失信被执行人名单").contains("待核查");
    assertThat((String) shown.get("criteriaText")).contains("贷前核实与审批程序完整").contains("贷后检查按时完成")
        .contains("预警信号及时处置").contains("例外放行与超建议审批均有理由");
    assertThat(reviews.find(loan.loanId()).orElseThrow().criteria()).contains("预警信号及时处置");
  }

  @Test
  void theReviewShowsTheDataSnapshotAndTheRouteInChineseNotAsCodes() {
    LoanAccount loan = nonPerforming.monitored(MANAGER, "150000.00", clock.today().minusDays(20));
    externalData.gather(loan.applicationId());
    scoring.scoreApplication(loan.applicationId());
    outcomes.saveRoute(loan.applicationId(), ApprovalRoute.AUTO, "模型自动审批", null);
    nonPerforming.listAsDishonestDebtor(loan);

    Task task = taskService.createTaskQuery().processInstanceId(nonPerforming.review(loan).getId()).singleResult();
    Map<String, Object> shown = taskService.getVariablesLocal(task.getId());

    assertThat((String) shown.get("dataSnapshotText")).containsPattern("^- 数据截至 \\d{4}年\\d{1,2}月\\d{1,2}日;")
        .contains("担保 信用").contains("登记状态 存续")
        .containsPattern("行业前景 (向好|平稳|下行);").doesNotContain("CREDIT").doesNotContain("ACTIVE")
        .doesNotContainPattern("GROWING|STABLE|DECLINING");
    assertThat((String) shown.get("decisionsText")).contains("审批路径 模型自动审批").doesNotContain("AUTO");
  }

  @Test
  void aLoanNonPerformingAgainIsNotReviewedTwice() {
    LoanAccount loan = nonPerforming.monitored(MANAGER, "120000.00", clock.today().minusDays(20));
    nonPerforming.listAsDishonestDebtor(loan);

    boolean again = reviews.classificationChanged(loan.loanId(), Classification.SPECIAL_MENTION, Classification.DOUBTFUL,
        clock.today());

    assertThat(again).isFalse();
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(DueDiligenceReviewProcess.KEY)
        .processInstanceBusinessKey(loan.loanId()).count()).isEqualTo(1);
  }

  @Test
  void anExemptManagersLoanNoLongerCountsAgainstTheTolerance() {
    LoanAccount loan = reviewedLoan("EXEMPT", "借款人突发失信系外部事件, 客户经理贷前实地调查和贷后检查均按规定完成");

    assertThat(reviews.findings(loan.loanId())).singleElement().satisfies(finding -> {
      assertThat(finding.role()).isEqualTo(OfficerRole.CUSTOMER_MANAGER);
      assertThat(finding.officer()).isEqualTo(MANAGER);
      assertThat(finding.outcome()).isEqualTo(DueDiligenceOutcome.EXEMPT);
      assertThat(finding.decidedBy()).isEqualTo("team-lead");
    });
    LoanPerformance shown = loanInPerformance(loan);
    assertThat(shown.nonPerforming()).isTrue();
    assertThat(shown.dueDiligence()).isEqualTo("免责");
    assertThat(shown.countsAgainstTolerance()).isFalse();
  }

  @Test
  void aPartlyExemptManagersLoanStillCountsAgainstTheTolerance() {
    LoanAccount loan = reviewedLoan("PARTIALLY_EXEMPT", "贷前调查到位, 但未及时跟进经营流水下降");

    assertThat(reviews.findings(loan.loanId())).extracting(DueDiligenceReview.Finding::outcome)
        .containsExactly(DueDiligenceOutcome.PARTIALLY_EXEMPT);
    LoanPerformance shown = loanInPerformance(loan);
    assertThat(shown.dueDiligence()).isEqualTo("部分免责");
    assertThat(shown.countsAgainstTolerance()).isTrue();
  }

  @Test
  void aManagerNotExemptIsHeldLiableAndTheLoanCounts() {
    LoanAccount loan = reviewedLoan("NOT_EXEMPT", "实地调查记录与实际经营不符");

    assertThat(reviews.find(loan.loanId()).orElseThrow().status()).isEqualTo(DueDiligenceReview.CONCLUDED);
    LoanPerformance shown = loanInPerformance(loan);
    assertThat(shown.dueDiligence()).isEqualTo("不予免责");
    assertThat(shown.countsAgainstTolerance()).isTrue();
  }

  @Test
  void aFindingWithoutAReasonIsRefusedAndTheReviewStaysOpen() {
    LoanAccount loan = nonPerforming.monitored(MANAGER, "80000.00", clock.today().minusDays(20));
    nonPerforming.listAsDishonestDebtor(loan);
    ProcessInstance review = nonPerforming.review(loan);
    Task task = taskService.createTaskQuery().processInstanceId(review.getId()).singleResult();

    assertThatThrownBy(() -> completeAs("team-lead", task.getId(), Map.of("customerManagerOutcome", "EXEMPT")))
        .isInstanceOf(FormFieldValidationException.class).hasMessageContaining("customerManagerReason");
    assertThatThrownBy(() -> completeAs("team-lead", task.getId(), Map.of("customerManagerReason", "理由")))
        .isInstanceOf(FormFieldValidationException.class).hasMessageContaining("customerManagerOutcome");

    assertThat(review).isWaitingAt(DueDiligenceReviewProcess.Elements.TASK_REVIEW_DUE_DILIGENCE);
    assertThat(reviews.findings(loan.loanId())).isEmpty();
    assertThat(reviews.find(loan.loanId()).orElseThrow().status()).isEqualTo(DueDiligenceReview.OPEN);
  }

  @Test
  void aModelApprovedLoanHasNoApproverAndAFindingOnOneIsRefused() {
    LoanAccount loan = nonPerforming.monitored(MANAGER, "90000.00", clock.today().minusDays(20));
    approved.byModel(loan);
    nonPerforming.listAsDishonestDebtor(loan);
    ProcessInstance review = nonPerforming.review(loan);
    Task task = taskService.createTaskQuery().processInstanceId(review.getId()).singleResult();

    assertThatThrownBy(() -> completeAs("team-lead", task.getId(), Map.of("customerManagerOutcome", "EXEMPT",
        "customerManagerReason", "贷前实地调查与贷后检查均按规定完成", "approverOutcome", "NOT_EXEMPT", "approverReason", "审批不审慎")))
        .isInstanceOf(FormFieldValidationException.class).hasMessageContaining("模型自动审批").hasMessageContaining("approverOutcome");
    assertThat(review).isWaitingAt(DueDiligenceReviewProcess.Elements.TASK_REVIEW_DUE_DILIGENCE);
    assertThat(reviews.findings(loan.loanId())).isEmpty();
    assertThat(taskService.getVariablesLocal(task.getId())).as("the form hides the approver's fields")
        .containsEntry("hasApprover", false);
    assertThat((String) taskService.getVariableLocal(task.getId(), "officersText")).contains("审批人: 无");

    completeAs("team-lead", task.getId(), Map.of("customerManagerOutcome", "EXEMPT",
        "customerManagerReason", "贷前实地调查与贷后检查均按规定完成"));
    assertThat(review).isEnded();
    assertThat(reviews.findings(loan.loanId())).as("no finding on an approver the loan never had")
        .extracting(DueDiligenceReview.Finding::role).containsExactly(OfficerRole.CUSTOMER_MANAGER);
  }

  @Test
  void aLoanApprovedByAPersonNeedsAFindingOnTheApprover() {
    LoanAccount loan = nonPerforming.monitored(MANAGER, "95000.00", clock.today().minusDays(20));
    approved.byApprover(loan, "approver");
    nonPerforming.listAsDishonestDebtor(loan);
    ProcessInstance review = nonPerforming.review(loan);
    Task task = taskService.createTaskQuery().processInstanceId(review.getId()).singleResult();
    assertThat(taskService.getVariablesLocal(task.getId())).containsEntry("hasApprover", true);
    assertThat((String) taskService.getVariableLocal(task.getId(), "officersText")).contains("审批人: approver");

    assertThatThrownBy(() -> completeAs("team-lead", task.getId(), Map.of("customerManagerOutcome", "EXEMPT",
        "customerManagerReason", "贷前实地调查与贷后检查均按规定完成")))
        .isInstanceOf(FormFieldValidationException.class).hasMessageContaining("审批人").hasMessageContaining("approverOutcome");
    assertThat(review).isWaitingAt(DueDiligenceReviewProcess.Elements.TASK_REVIEW_DUE_DILIGENCE);

    completeAs("team-lead", task.getId(), Map.of("customerManagerOutcome", "EXEMPT",
        "customerManagerReason", "贷前实地调查与贷后检查均按规定完成", "approverOutcome", "PARTIALLY_EXEMPT",
        "approverReason", "审批时已关注到涉诉风险, 但未附加担保条件"));
    assertThat(review).isEnded();
    assertThat(reviews.findings(loan.loanId())).extracting(DueDiligenceReview.Finding::role, DueDiligenceReview.Finding::officer,
        DueDiligenceReview.Finding::outcome).containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(OfficerRole.CUSTOMER_MANAGER, MANAGER, DueDiligenceOutcome.EXEMPT),
            org.assertj.core.groups.Tuple.tuple(OfficerRole.APPROVER, "approver", DueDiligenceOutcome.PARTIALLY_EXEMPT));
  }

  @Test
  void aPostLoanCheckerAddedWhileTheReviewIsOpenIsListedOnTheFormAndNeedsAFinding() {
    LoanAccount loan = nonPerforming.monitored(MANAGER, "85000.00", clock.today().minusDays(20));
    nonPerforming.listAsDishonestDebtor(loan);
    ProcessInstance review = nonPerforming.review(loan);
    Task task = taskService.createTaskQuery().processInstanceId(review.getId()).singleResult();
    assertThat((String) taskService.getVariableLocal(task.getId(), "officersText")).contains("贷后检查人: 无");
    assertThat(taskService.getVariablesLocal(task.getId())).as("no checker yet: the form hides the checker's fields")
        .containsEntry("hasPostLoanChecker", false);

    // the remote banking centre concludes the loan's first post-loan check while the review is open
    Task firstCheck = taskService.createTaskQuery().processInstanceBusinessKey(loan.loanId())
        .taskDefinitionKey(PostLoanMonitoringProcess.Elements.TASK_FIRST_POST_LOAN_CHECK).singleResult();
    completeAs("remote-verifier", firstCheck.getId(), Map.of("fundsUsedAsAgreed", true, "businessNormal", true, "firstCheckResult", "NORMAL",
        "firstCheckNotes", "电话回访: 资金用于采购原材料"));

    assertThat((String) taskService.getVariableLocal(task.getId(), "officersText")).as("the form lists the new checker")
        .contains("贷后检查人: remote-verifier");
    assertThat(taskService.getVariablesLocal(task.getId())).as("the form shows the checker's fields now")
        .containsEntry("hasPostLoanChecker", true);
    assertThat((String) taskService.getVariableLocal(task.getId(), "postLoanText")).contains("由 remote-verifier 完成")
        .containsPattern("\\d{4}年\\d{1,2}月\\d{1,2}日发起; \\d{4}年\\d{1,2}月\\d{1,2}日由 remote-verifier 完成")
        .doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}");
    assertThatThrownBy(() -> completeAs("team-lead", task.getId(), Map.of("customerManagerOutcome", "EXEMPT",
        "customerManagerReason", "贷前实地调查与贷后检查均按规定完成")))
        .isInstanceOf(FormFieldValidationException.class).hasMessageContaining("贷后检查人: remote-verifier")
        .hasMessageContaining("checkerOutcome");

    completeAs("team-lead", task.getId(), Map.of("customerManagerOutcome", "EXEMPT",
        "customerManagerReason", "贷前实地调查与贷后检查均按规定完成", "checkerOutcome", "EXEMPT",
        "checkerReason", "首次检查按时完成, 失信系检查后发生"));
    assertThat(review).isEnded();
    assertThat(reviews.findings(loan.loanId())).extracting(DueDiligenceReview.Finding::role, DueDiligenceReview.Finding::officer)
        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(OfficerRole.CUSTOMER_MANAGER, MANAGER),
            org.assertj.core.groups.Tuple.tuple(OfficerRole.POST_LOAN_CHECKER, "remote-verifier"));
  }

  @Test
  void twoLongCheckFindingsLeaveTheCheckerAbleToConcludeAndTheReviewShowingTheNewestCheckAndTheSignal() {
    LoanAccount loan = nonPerforming.monitored(MANAGER, "86000.00", clock.today().minusDays(20));
    Task firstCheck = taskService.createTaskQuery().processInstanceBusinessKey(loan.loanId())
        .taskDefinitionKey(PostLoanMonitoringProcess.Elements.TASK_FIRST_POST_LOAN_CHECK).singleResult();
    completeAs("remote-verifier", firstCheck.getId(), Map.of("fundsUsedAsAgreed", true, "businessNormal", true, "firstCheckResult", "NORMAL",
        "firstCheckNotes", "甲".repeat(1900)));
    nonPerforming.listAsDishonestDebtor(loan);
    Task task = taskService.createTaskQuery().processInstanceId(nonPerforming.review(loan).getId()).singleResult();

    // the manager concludes the on-site check of the signal with long findings: the open review is shown anew
    String signalCheck = postLoanChecks.ofLoan(loan.loanId()).stream().filter(check -> check.kind() == CheckKind.SIGNAL)
        .findFirst().orElseThrow().checkId();
    Task onSite = taskService.createTaskQuery().processInstanceBusinessKey(signalCheck)
        .taskDefinitionKey(PostLoanCheckProcess.Elements.TASK_CHECK_ON_SITE).singleResult();
    completeAs(MANAGER, onSite.getId(), Map.of(PostLoanCheckTaskListener.CONCLUSION, "NORMAL",
        PostLoanCheckTaskListener.FINDINGS, "乙".repeat(1900), "premisesVisited", true));

    assertThat(postLoanChecks.find(signalCheck).orElseThrow().status()).isEqualTo(PostLoanCheck.DONE);
    String shown = (String) taskService.getVariableLocal(task.getId(), "postLoanText");
    assertThat(shown).hasSizeLessThanOrEqualTo(FormText.MAX_CHARACTERS).contains("乙".repeat(1900))
        .doesNotContain("甲甲").contains("- 更早的 1 条贷后检查未显示").contains("列入失信被执行人名单").contains("已核查");
  }

  /**
   * Three periodic checks with long findings and one short signal: the checks take the room the signal leaves, two of
   * the long findings shown in full, not only the half of it the signals keep when they are long.
   */
  @Test
  void shortSignalsLeaveTheChecksTheRestOfTheRoom() {
    LoanAccount loan = nonPerforming.monitored(MANAGER, "86000.00", clock.today().minusDays(20));
    // three periodic checks concluded in the last weeks, each with 1,200 characters of findings, as monitoring records them
    for (int week = 3; week >= 1; week--) {
      String checkId = monitoringIds.nextCheckId();
      postLoanChecks.insert(checkId, loan.loanId(), CheckKind.PERIODIC, CheckMethod.REMOTE, "定期检查",
          clock.today().minusWeeks(week), clock.now().minus(java.time.Duration.ofDays(7L * week)));
      postLoanChecks.complete(checkId, CheckOutcome.NORMAL, String.valueOf(week).repeat(1200), java.util.List.of(), null, null,
          null, "remote-verifier", clock.today().minusWeeks(week), clock.now().minus(java.time.Duration.ofDays(7L * week)));
    }

    String shown = reviewOpenedShowing(loan, "postLoanText");
    assertThat(shown).hasSizeLessThanOrEqualTo(FormText.MAX_CHARACTERS).contains("1".repeat(1200), "2".repeat(1200))
        .doesNotContain("3".repeat(1200)).contains("- 更早的 1 条贷后检查未显示").contains("列入失信被执行人名单");
  }

  /**
   * Two periodic checks with long findings, the older one too long for the room the signals leave, and three earlier
   * news signals with long evidence, more than the half the signals keep: the newest check shown, the room it leaves
   * unused goes to the signals, all three shown in full, instead of the third left out beside some 700 free characters.
   */
  @Test
  void signalsCutToTheirHalfGetTheRoomTheChecksLeaveUnused() {
    LoanAccount loan = nonPerforming.monitored(MANAGER, "86000.00", clock.today().minusDays(20));
    // two periodic checks concluded in the last weeks, as monitoring records them: 1,500 and 1,200 characters of findings
    for (int week = 2; week >= 1; week--) {
      String checkId = monitoringIds.nextCheckId();
      postLoanChecks.insert(checkId, loan.loanId(), CheckKind.PERIODIC, CheckMethod.REMOTE, "定期检查",
          clock.today().minusWeeks(week), clock.now().minus(java.time.Duration.ofDays(7L * week)));
      postLoanChecks.complete(checkId, CheckOutcome.NORMAL, String.valueOf(week).repeat(1800 - 300 * week), java.util.List.of(),
          null, null, null, "remote-verifier", clock.today().minusWeeks(week),
          clock.now().minus(java.time.Duration.ofDays(7L * week)));
    }
    // three news reports of the last weeks, checked already, each with 550 characters of evidence, as monitoring records them
    java.util.List<String> evidence = java.util.List.of("子".repeat(550), "丑".repeat(550), "寅".repeat(550));
    for (int week = 3; week >= 1; week--) {
      signalRecords.insert(new WarningSignal(monitoringIds.nextSignalId(), loan.loanId(), SignalType.NEGATIVE_NEWS,
          WarningSignal.PUSHED, "remote-verifier", "RB-NEWS-" + week, clock.today().minusWeeks(week), "网络报道企业拖欠货款",
          new SignalEvidence(null, null, "RB-NEWS-" + week, evidence.get(3 - week), null, null, null, null),
          SignalSeverity.ORDINARY, "负面舆情", WarningSignal.CHECKED, null, null,
          clock.now().minus(java.time.Duration.ofDays(7L * week))), "RB-NEWS-" + week);
    }

    String shown = reviewOpenedShowing(loan, "postLoanText");
    assertThat(shown).hasSizeLessThanOrEqualTo(FormText.MAX_CHARACTERS).contains("1".repeat(1500))
        .doesNotContain("2".repeat(1200)).contains("- 更早的 1 条贷后检查未显示").contains("列入失信被执行人名单")
        .contains(evidence).doesNotContain("条预警信号未显示");
  }

  @Test
  void aCommitteesLongVotesLeaveTheReviewCreatedShowingTheRouteAndTheNewestVotes() {
    LoanAccount loan = nonPerforming.monitored(MANAGER, "87000.00", clock.today().minusDays(20));
    externalData.gather(loan.applicationId());
    outcomes.saveRoute(loan.applicationId(), ApprovalRoute.COMMITTEE, "超过单人审批权限", null);
    // five members voted, each with the 1,000 characters the vote form allows, as the committee records them
    for (int member = 1; member <= 5; member++) {
      checks.record(loan.applicationId(), CheckType.COMMITTEE_VOTE, 1, "RETURN", "committee-" + member, null,
          String.valueOf(member).repeat(1000));
    }

    String shown = reviewOpenedShowing(loan, "decisionsText");
    assertThat(shown).hasSizeLessThanOrEqualTo(FormText.MAX_CHARACTERS).startsWith("- 审批路径 贷审会审议")
        .containsPattern("- 更早的 \\d+ 条审查审批记录未显示").contains("(committee-5) " + "5".repeat(1000))
        .doesNotContain("committee-1");
  }

  @Test
  void longVerificationNotesLeaveTheReviewCreatedShowingTheNewestVerifications() {
    LoanAccount loan = nonPerforming.monitored(MANAGER, "86000.00", clock.today().minusDays(20));
    externalData.gather(loan.applicationId());
    // three field investigations, each with the 2,000 characters of notes the form allows, as the case file records them
    for (int attempt = 1; attempt <= 3; attempt++) {
      checks.record(loan.applicationId(), CheckType.FIELD_INVESTIGATION, attempt, "CONFIRMED", "zy001-cm", null,
          String.valueOf(attempt).repeat(2000));
    }

    String shown = reviewOpenedShowing(loan, "verificationText");
    assertThat(shown).hasSizeLessThanOrEqualTo(FormText.MAX_CHARACTERS).startsWith("决策表")
        .containsPattern("- 更早的 \\d+ 条核实记录未显示").contains("3".repeat(2000)).doesNotContain("1".repeat(2000));
  }

  /** The loan turns non-performing (its borrower listed as a dishonest debtor): the review opens; what its form shows. */
  private String reviewOpenedShowing(LoanAccount loan, String formValue) {
    nonPerforming.listAsDishonestDebtor(loan);
    ProcessInstance review = nonPerforming.review(loan);
    assertThat(review).as("the review is created").isNotNull();
    Task task = taskService.createTaskQuery().processInstanceId(review.getId()).singleResult();
    return (String) taskService.getVariableLocal(task.getId(), formValue);
  }

  @Test
  void theCriteriaStayAsAssessedOnTheDayTheReviewOpenedWhenTheFormIsShownAnew() {
    LoanAccount loan = nonPerforming.monitored(MANAGER, "83000.00", clock.today().minusDays(20));
    nonPerforming.listAsDishonestDebtor(loan);
    Task task = taskService.createTaskQuery().processInstanceId(nonPerforming.review(loan).getId()).singleResult();
    Map<String, Object> opened = taskService.getVariablesLocal(task.getId());
    String openedCriteria = (String) opened.get("criteriaText");
    assertThat(openedCriteria).contains("✔ 贷后检查按时完成");
    String kept = reviews.find(loan.loanId()).orElseThrow().criteria();

    // 35 days later the first post-loan check is concluded (late, as assessed today): its checker joins the officers
    moveClockBy(java.time.Duration.ofDays(35));
    Task firstCheck = taskService.createTaskQuery().processInstanceBusinessKey(loan.loanId())
        .taskDefinitionKey(PostLoanMonitoringProcess.Elements.TASK_FIRST_POST_LOAN_CHECK).singleResult();
    completeAs("remote-verifier", firstCheck.getId(), Map.of("fundsUsedAsAgreed", true, "businessNormal", true, "firstCheckResult", "NORMAL",
        "firstCheckNotes", "电话回访: 资金用于采购原材料"));
    assertThat(reviews.assess(loan.loanId()).text()).as("assessed today, the criteria would read otherwise")
        .contains("✘ 贷后检查按时完成").isNotEqualTo(kept);

    Map<String, Object> shown = taskService.getVariablesLocal(task.getId());
    assertThat((String) shown.get("officersText")).as("the officers follow the loan").contains("贷后检查人: remote-verifier");
    assertThat(shown.get("criteriaText")).as("the criteria of the day the review opened").isEqualTo(openedCriteria);
    assertThat(shown.get("criteriaSuggestion")).isEqualTo(opened.get("criteriaSuggestion"));
    assertThat(reviews.find(loan.loanId()).orElseThrow().criteria()).as("kept with the review as opened").isEqualTo(kept);

    taskService.removeVariableLocal(task.getId(), "hasPostLoanChecker");
    assertThat(reviews.upgradeOpenReviews()).as("the start-up upgrade shows the form anew").isPositive();
    assertThat(taskService.getVariableLocal(task.getId(), "criteriaText")).isEqualTo(openedCriteria);
    assertThat(reviews.find(loan.loanId()).orElseThrow().criteria()).isEqualTo(kept);
  }

  @Test
  void aReviewTaskOpenedBeforeTheFormKnewOfTheApproverNoLongerAsksForOneAfterTheUpgrade() {
    LoanAccount loan = nonPerforming.monitored(MANAGER, "70000.00", clock.today().minusDays(20));
    approved.byModel(loan);
    nonPerforming.listAsDishonestDebtor(loan);
    Task task = taskService.createTaskQuery().processInstanceId(nonPerforming.review(loan).getId()).singleResult();
    // as a task created before hasApprover existed: its form shows the 审批人 fields (hide: =hasApprover = false)
    taskService.removeVariableLocal(task.getId(), "hasApprover");

    assertThat(reviews.upgradeOpenReviews()).isPositive();

    assertThat(taskService.getVariablesLocal(task.getId())).as("the form hides the approver's fields")
        .containsEntry("hasApprover", false);
    assertThat(reviews.upgradeOpenReviews()).as("run again, nothing to upgrade").isZero();
    completeAs("team-lead", task.getId(), Map.of("customerManagerOutcome", "EXEMPT",
        "customerManagerReason", "贷前实地调查与贷后检查均按规定完成"));
    assertThat(reviews.findings(loan.loanId())).extracting(DueDiligenceReview.Finding::role)
        .containsExactly(OfficerRole.CUSTOMER_MANAGER);
  }

  @Test
  void aReviewTaskOpenedBeforeTheFormKnewOfTheCheckerNoLongerAsksForOneAfterTheUpgrade() {
    LoanAccount loan = nonPerforming.monitored(MANAGER, "65000.00", clock.today().minusDays(20));
    nonPerforming.listAsDishonestDebtor(loan);
    Task task = taskService.createTaskQuery().processInstanceId(nonPerforming.review(loan).getId()).singleResult();
    // as a task created before hasPostLoanChecker existed (it has hasApprover): its form shows the 贷后检查人 fields
    taskService.removeVariableLocal(task.getId(), "hasPostLoanChecker");

    assertThat(reviews.upgradeOpenReviews()).isPositive();

    assertThat(taskService.getVariablesLocal(task.getId())).as("the form hides the checker's fields")
        .containsEntry("hasPostLoanChecker", false).containsKey("hasApprover");
    assertThat(reviews.upgradeOpenReviews()).as("run again, nothing to upgrade").isZero();
  }

  @Test
  @ExtendWith(OutputCaptureExtension.class)
  void twoNodesStartingTogetherUpgradeAnOpenReviewTaskOnceAndWithoutAnErrorInTheLog(CapturedOutput log) throws Exception {
    LoanAccount loan = nonPerforming.monitored(MANAGER, "64000.00", clock.today().minusDays(20));
    nonPerforming.listAsDishonestDebtor(loan);
    Task task = taskService.createTaskQuery().processInstanceId(nonPerforming.review(loan).getId()).singleResult();
    reviews.upgradeOpenReviews();
    int before = log.getAll().length();

    for (int attempt = 0; attempt < 4; attempt++) {
      // as a task opened before the form hid the 审批人 and 贷后检查人 fields
      taskService.removeVariablesLocal(task.getId(), java.util.List.of("hasApprover", "hasPostLoanChecker"));

      java.util.List<Integer> upgraded = Concurrently.run(2, reviews::upgradeOpenReviews);

      assertThat(upgraded).as("one node shows the task anew, the other finds it done").containsExactlyInAnyOrder(1, 0);
      assertThat(taskService.getVariablesLocal(task.getId())).containsEntry("hasApprover", false)
          .containsEntry("hasPostLoanChecker", false);
    }
    assertThat(log.getAll().substring(before)).as("two nodes starting at once is no failure")
        .doesNotContain(" WARN ", " ERROR ", "ENGINE-16004", "not upgraded");
  }

  @Test
  void theFormHidesTheFieldsOfARoleWithoutAnOfficerAndShowsThemWhenTheValueIsMissing() throws java.io.IOException {
    com.fasterxml.jackson.databind.JsonNode form;
    try (java.io.InputStream in = getClass().getClassLoader().getResourceAsStream("forms/review-due-diligence.form")) {
      form = new com.fasterxml.jackson.databind.ObjectMapper().readTree(in);
    }
    Map<String, String> hides = new java.util.HashMap<>();
    form.path("components").forEach(c -> hides.put(c.path("key").asText(), c.path("conditional").path("hide").asText()));
    // "= false" rather than "not(...)": a task without the value (opened before it existed) still shows the fields
    assertThat(hides).containsEntry("approverOutcome", "=hasApprover = false")
        .containsEntry("approverReason", "=hasApprover = false")
        .containsEntry("checkerOutcome", "=hasPostLoanChecker = false")
        .containsEntry("checkerReason", "=hasPostLoanChecker = false")
        .containsEntry("customerManagerOutcome", "=hasCustomerManager = false")
        .containsEntry("customerManagerReason", "=hasCustomerManager = false");
  }

  @Test
  void aLoanNoCustomerManagerAnswersForIsReviewedWithoutAskingAFindingOnOne() {
    LoanAccount loan = nonPerforming.monitoredWithoutManager("75000.00", clock.today().minusDays(20));
    nonPerforming.listAsDishonestDebtor(loan);
    ProcessInstance review = nonPerforming.review(loan);
    Task task = taskService.createTaskQuery().processInstanceId(review.getId()).singleResult();
    assertThat((String) taskService.getVariableLocal(task.getId(), "officersText")).contains("客户经理: 无");
    // the form hides the 客户经理 fields, which it requires where it shows them
    assertThat(taskService.getVariablesLocal(task.getId())).containsEntry("hasCustomerManager", false);

    assertThatThrownBy(() -> completeAs("team-lead", task.getId(), Map.of("customerManagerOutcome", "EXEMPT",
        "customerManagerReason", "贷前调查与贷后检查均按规定完成")))
        .isInstanceOf(FormFieldValidationException.class).hasMessageContaining("没有客户经理")
        .hasMessageContaining("customerManagerOutcome");
    completeAs("team-lead", task.getId(), Map.of());

    assertThat(review).isEnded();
    assertThat(reviews.findings(loan.loanId())).isEmpty();
    assertThat(reviews.find(loan.loanId()).orElseThrow().status()).isEqualTo(DueDiligenceReview.CONCLUDED);
  }

  @Test
  void aReviewTaskOpenedBeforeTheFormKnewOfTheCustomerManagerNoLongerAsksForOneAfterTheUpgrade() {
    LoanAccount loan = nonPerforming.monitoredWithoutManager("72000.00", clock.today().minusDays(20));
    nonPerforming.listAsDishonestDebtor(loan);
    Task task = taskService.createTaskQuery().processInstanceId(nonPerforming.review(loan).getId()).singleResult();
    // as a task created before hasCustomerManager existed: its form shows the 客户经理 fields, required
    taskService.removeVariableLocal(task.getId(), "hasCustomerManager");

    assertThat(reviews.upgradeOpenReviews()).isPositive();

    assertThat(taskService.getVariablesLocal(task.getId())).as("the form hides the customer manager's fields")
        .containsEntry("hasCustomerManager", false).containsKey("hasApprover").containsKey("hasPostLoanChecker");
    assertThat(reviews.upgradeOpenReviews()).as("run again, nothing to upgrade").isZero();
  }

  /** A loan of the manager turned 次级, its review concluded by team-lead with {@code outcome} for the manager. */
  private LoanAccount reviewedLoan(String outcome, String reason) {
    LoanAccount loan = nonPerforming.monitored(MANAGER, "60000.00", clock.today().minusDays(20));
    nonPerforming.listAsDishonestDebtor(loan);
    ProcessInstance review = nonPerforming.review(loan);
    Task task = taskService.createTaskQuery().processInstanceId(review.getId()).singleResult();
    completeAs("team-lead", task.getId(), Map.of("customerManagerOutcome", outcome, "customerManagerReason", reason));
    assertThat(review).isEnded().hasPassed(DueDiligenceReviewProcess.Elements.END_DUE_DILIGENCE_CONCLUDED);
    return loan;
  }

  private LoanPerformance loanInPerformance(LoanAccount loan) {
    return performance.of(MANAGER).loanDetails().stream().filter(shown -> shown.loanId().equals(loan.loanId())).findFirst()
        .orElseThrow();
  }
}
