package com.smeloanflow.renewal;

import static com.smeloanflow.process.LoanRenewalProcess.Elements.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.smeloanflow.identity.DemoData;
import com.smeloanflow.identity.Groups;
import com.smeloanflow.disbursement.SandboxCoreBanking;
import com.smeloanflow.monitoring.MonitoringScenario;
import com.smeloanflow.notification.MailOutbox;
import com.smeloanflow.notification.MailTemplate;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.platform.ChineseDates;
import com.smeloanflow.platform.rollout.ModelRollout;
import com.smeloanflow.platform.rollout.RolloutReport;
import com.smeloanflow.process.LoanRenewalProcess;
import com.smeloanflow.processing.ProcessingFixtures;
import com.smeloanflow.servicing.DailyCloseService;
import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.servicing.RepaymentService;
import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.ApiClient;
import com.smeloanflow.support.ModelRolloutFixture;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Renewals applied for on the loan-renewal version before 人工审批续贷 (the version of commit f563338, kept as a test
 * resource) are rolled out to the application's version with the process owner's rollout, waiting at 审批续贷申请, at
 * the committee's votes (贷审会委员表决续贷, multi-instance), at the chair's resolution, or with the vote's job stuck
 * in an incident: what waits moves into 人工审批续贷, 到期仍未审批 is armed at {@code renewalMaturesAt}, the work goes on,
 * a decision after the maturity is refused and the timer lapses the renewal. Each rollout moves only the test's own
 * renewal ({@link ModelRollout#onlyBusinessKeys}): the other test classes' renewals in the shared database stay where
 * they are, and do not go with the test's versions when those are deleted.
 *
 * <p>Renewals applied for on the version before 贷款已提前收回 (the version of commit 71ccea6's parent, kept as a test
 * resource) are rolled out from every wait state and a call-in then ends them through the model; those left on that
 * version are ended by the call-in itself ({@link RenewalCallIns}). One whose loan was called in before that (the ledger
 * accelerated, the renewal not told) ends where 核对到期应还本金 or the posting refuses it: the engine ends the instance at
 * the uncaught error, and the borrower is mailed 续贷终止 once ({@link CalledInRefusal}).
 */
class RenewalRolloutTest extends AbstractIntegrationTest {

  private static final String MODEL = "bpmn/loan-renewal.bpmn";

  @Autowired private MailOutbox outbox;
  @Autowired private LoanAccountService loans;
  @Autowired private BusinessClock clock;
  @Autowired private RenewalRepository renewals;
  @Autowired private RenewalCommitteeService committee;
  @Autowired private RenewalCallIns callIns;
  @Autowired private RepaymentService repayments;
  @Autowired private SandboxCoreBanking coreBanking;
  @Autowired private DailyCloseService dailyClose;
  @RegisterExtension final ModelRolloutFixture rollout = new ModelRolloutFixture("renewal-rollout-test");

  @BeforeEach
  void aFixedMorning() {
    stopClock();
  }

  /** Deploys the old version as the latest, with the application's forms, so a renewal applied for now starts on it. */
  private void deployTheVersionBeforeTheMaturityTimer() throws IOException {
    rollout.deployAsLatest(MODEL, "/rollout/loan-renewal-before-maturity-timer.bpmn");
  }

  @Test
  void aRenewalWaitingAtTheApproversTaskOnTheVersionBeforeTheMaturityTimerIsRolledOut() throws IOException {
    deployTheVersionBeforeTheMaturityTimer();
    RenewalScenario loan = RenewalScenario.loan(processEngine, api, this::executeDueJobs, outbox, intakeService, loans,
        clock.today(), RenewalDates.daysToMaturity(bankCalendar, clock.today(), 45, true), ProcessingFixtures.strongProfile(),
        "500000.00").scanNow();
    ProcessInstance instance = applied(loan);
    assertThat(instance).isWaitingAt(TASK_APPROVE_RENEWAL);
    String task = taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult().getId();

    rolledOut(loan, instance);

    assertThat(instance).isWaitingAt(TASK_APPROVE_RENEWAL);
    assertThat(taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult().getId())
        .as("the same task").isEqualTo(task);
    lateDecisionIsRefused(loan, "approver", task, ApproveRenewalTaskListener.DECISION, ApproveRenewalTaskListener.NOTE);
    loan.runJobs(instance);

    assertLapsedAtTheTimer(loan, instance);
  }

  /**
   * A renewal above an approver's authority whose committee is voting (贷审会委员表决续贷, multi-instance) on the version
   * before the maturity timer: the votes move with the multi-instance body into 人工审批续贷, each member keeps their vote,
   * 表决期限已到 keeps its due date, a majority of votes cast after the move ends the votes and the chair's resolution
   * opens, a resolution after the maturity is refused, and the timer lapses it. (Votes begun weeks before the maturity
   * end at their deadline long before it; only votes begun late, after an incident, are still open at the maturity: see
   * the incident's test.)
   */
  @Test
  void aRenewalWhoseCommitteeIsVotingOnTheVersionBeforeTheMaturityTimerIsRolledOut() throws IOException {
    deployTheVersionBeforeTheMaturityTimer();
    RenewalScenario loan = loanForTheCommittee().scanNow();
    ProcessInstance instance = applied(loan);
    assertThat(instance).isWaitingAt(TASK_COMMITTEE_VOTE);
    List<String> votes = voteTasks(instance).stream().map(Task::getId).toList();
    assertThat(voteTasks(instance)).extracting(Task::getAssignee).containsExactlyInAnyOrder("committee1", "committee2", "committee3");
    Date deadline = committeeDeadline(instance).getDuedate();

    rolledOut(loan, instance);

    assertThat(voteTasks(instance)).as("the same votes, each for its member").extracting(Task::getId)
        .containsExactlyInAnyOrderElementsOf(votes);
    assertThat(voteTasks(instance)).extracting(Task::getAssignee).containsExactlyInAnyOrder("committee1", "committee2", "committee3");
    assertThat(committeeDeadline(instance).getDuedate()).as("表决期限已到 as before").isEqualTo(deadline);
    vote(loan, instance, "committee1", "APPROVE", "经营稳定, 同意续贷");
    assertThat(instance).isWaitingAt(TASK_COMMITTEE_VOTE);
    vote(loan, instance, "committee3", "APPROVE", "还款记录良好");
    assertThat(committee.votes(loan.loanId())).hasSize(2);
    assertThat(instance).as("a majority ends the votes on the new version").hasPassed(TASK_TALLY_VOTES)
        .isWaitingAt(TASK_DECIDE_COMMITTEE_RESOLUTION);
    assertThat(voteTasks(instance)).isEmpty();
    String resolution = taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult().getId();
    lateDecisionIsRefused(loan, "committee-chair", resolution, ApproveRenewalTaskListener.DECISION, ApproveRenewalTaskListener.NOTE);
    loan.runJobs(instance);

    assertLapsedAtTheTimer(loan, instance);
  }

  /**
   * A renewal whose committee voted to approve and which waits for the chair's resolution (签发续贷贷审会决议) on the version
   * before the maturity timer: the task moves into 人工审批续贷, stays offered to the chair with its form, a resolution after
   * the maturity is refused and the timer lapses the renewal without a contract.
   */
  @Test
  void aRenewalWaitingForTheChairsResolutionOnTheVersionBeforeTheMaturityTimerIsRolledOut() throws IOException {
    deployTheVersionBeforeTheMaturityTimer();
    RenewalScenario loan = loanForTheCommittee().scanNow();
    ProcessInstance instance = applied(loan);
    vote(loan, instance, "committee1", "APPROVE", "经营稳定, 同意续贷");
    vote(loan, instance, "committee3", "APPROVE", "还款记录良好");
    assertThat(instance).isWaitingAt(TASK_DECIDE_COMMITTEE_RESOLUTION);
    Task resolution = taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult();

    rolledOut(loan, instance);

    assertThat(instance).isWaitingAt(TASK_DECIDE_COMMITTEE_RESOLUTION);
    assertThat(taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult().getId())
        .as("the same task").isEqualTo(resolution.getId());
    assertThat(taskService.getIdentityLinksForTask(resolution.getId())).anySatisfy(link ->
        assertThat(link.getGroupId()).isEqualTo(Groups.CREDIT_COMMITTEE_CHAIR));
    ApiClient.Response form = api.get("/engine-rest/task/" + resolution.getId() + "/deployed-form", "committee-chair");
    assertThat(form.status()).as("the chair's form on the new version: %s", form.body()).isEqualTo(200);
    lateDecisionIsRefused(loan, "committee-chair", resolution.getId(), ApproveRenewalTaskListener.DECISION,
        ApproveRenewalTaskListener.NOTE);
    loan.runJobs(instance);

    assertLapsedAtTheTimer(loan, instance);
    assertThat(instance).hasPassed(TASK_TALLY_VOTES).hasNotPassed(TASK_SEND_CONTRACT);
    assertThat(renewals.find(loan.loanId()).orElseThrow().decidedBy()).isNull();
  }

  /**
   * A renewal whose committee vote is stuck in an incident on the version before the maturity timer (nobody in the
   * committee may vote: the only member is the loan's customer manager): the job and its incident move with the
   * multi-instance body, the timer is armed, the administrator's retry the day before the maturity, after members joined,
   * creates the votes, a vote before the maturity counts, one after it is refused, and the timer lapses the renewal.
   */
  @Test
  void aRenewalWhoseCommitteeVoteIsStuckInAnIncidentOnTheVersionBeforeTheMaturityTimerIsRolledOut() throws IOException {
    deployTheVersionBeforeTheMaturityTimer();
    RenewalScenario loan = loanForTheCommittee().scanNow();
    customerManagerOf(loan, "committee1");
    ProcessInstance instance;
    Job stuck;
    List.of("committee2", "committee3").forEach(member -> identityService.deleteMembership(member, Groups.CREDIT_COMMITTEE));
    try {
      assertThat(loan.apply("REQ-" + loan.loanId()).status()).isEqualTo(201);
      instance = loan.renewal();
      stuck = managementService.createJobQuery().processInstanceId(instance.getId()).messages().singleResult();
      assertThatThrownBy(() -> managementService.executeJob(stuck.getId())).hasMessageContaining("贷审会没有可以表决借据");
      assertThat(runtimeService.createIncidentQuery().processInstanceId(instance.getId()).count()).isEqualTo(1);

      rolledOut(loan, instance);
    } finally {
      List.of("committee2", "committee3").forEach(member -> identityService.createMembership(member, Groups.CREDIT_COMMITTEE));
    }

    String newVersion = runtimeService.createProcessInstanceQuery().processInstanceId(instance.getId()).singleResult()
        .getProcessDefinitionId();
    assertThat(managementService.createJobQuery().jobId(stuck.getId()).singleResult())
        .as("the stuck job, on the new version").satisfies(job -> {
          assertThat(job.getRetries()).isZero();
          assertThat(job.getProcessDefinitionId()).isEqualTo(newVersion);
        });
    assertThat(runtimeService.createIncidentQuery().processInstanceId(instance.getId()).singleResult())
        .as("the incident, on the new version").satisfies(incident -> {
          assertThat(incident.getJobDefinitionId()).isEqualTo(managementService.createJobQuery().jobId(stuck.getId())
              .singleResult().getJobDefinitionId());
          assertThat(incident.getProcessDefinitionId()).isEqualTo(newVersion);
        });
    // the day before the maturity, the administrator retries the job as Cockpit does (one more attempt, due now): the
    // votes' three working days end only after the maturity
    moveClockTo(loan.account().maturityDate().minusDays(1).atTime(9, 0).atZone(BusinessClock.BANK_ZONE).toInstant());
    ApiClient.Response retried = api.send("PUT", "/engine-rest/job/" + stuck.getId() + "/retries", "admin", DemoData.PASSWORD,
        "{\"retries\": 1, \"dueDate\": null}");
    assertThat(retried.status()).as(retried.toString()).isEqualTo(204);
    loan.runJobs(instance);
    assertThat(runtimeService.createIncidentQuery().processInstanceId(instance.getId()).count()).as("incidents").isZero();
    assertThat(voteTasks(instance)).extracting(Task::getAssignee).containsExactlyInAnyOrder("committee2", "committee3");
    vote(loan, instance, "committee2", "APPROVE", "同意");
    assertThat(committee.votes(loan.loanId())).hasSize(1);
    lateDecisionIsRefused(loan, "committee3", voteOf(instance, "committee3").getId(), RenewalCommitteeVoteTaskListener.VOTE,
        RenewalCommitteeVoteTaskListener.COMMENT);
    loan.runJobs(instance);

    assertLapsedAtTheTimer(loan, instance);
    assertThat(instance).hasNotPassed(TASK_TALLY_VOTES, TASK_DECIDE_COMMITTEE_RESOLUTION);
  }

  /**
   * A renewal whose committee votes on the application's version, rolled out to a new version (one shape moved) the
   * working day after the vote opened: the vote still ends when its tasks are due (17:00 of the third working day), not
   * 21 working hours after the rollout.
   */
  @Test
  void aRenewalVoteRolledOutTheDayAfterItOpenedStillEndsWhenItsTasksAreDue() throws IOException {
    RenewalScenario loan = loanForTheCommittee().scanNow();
    LocalDate opened = bankCalendar.addWorkingDays(clock.today(), 1);
    moveClockTo(opened.atTime(9, 0).atZone(BusinessClock.BANK_ZONE).toInstant());
    ProcessInstance instance = applied(loan);
    Instant dueAt = bankCalendar.addWorkingDays(opened, 2).atTime(17, 0).atZone(BusinessClock.BANK_ZONE).toInstant();
    assertThat(committeeDeadline(instance).getDuedate().toInstant()).isEqualTo(dueAt);
    rollout.workingCopyWithFirstShapeMoved(MODEL);

    moveClockTo(bankCalendar.addWorkingDays(opened, 1).atTime(10, 0).atZone(BusinessClock.BANK_ZONE).toInstant());
    RolloutReport report = rollout.rollOutOnly(loan.loanId());

    assertThat(report.processes()).singleElement().satisfies(migration -> assertThat(migration.from())
        .flatExtracting(RolloutReport.FromVersion::moved).extracting(RolloutReport.Instance::businessKey)
        .containsExactly(loan.loanId()));
    assertThat(voteTasks(instance)).hasSize(3)
        .allSatisfy(task -> assertThat(task.getDueDate().toInstant()).as("the due date Tasklist shows").isEqualTo(dueAt));
    assertThat(committeeDeadline(instance).getDuedate().toInstant()).as("表决期限已到").isEqualTo(dueAt);
    moveClockTo(dueAt.minus(Duration.ofMinutes(1)));
    loan.runJobs(instance);
    assertThat(instance).isWaitingAt(TASK_COMMITTEE_VOTE).hasNotPassed(BOUNDARY_COMMITTEE_DEADLINE);
    moveClockTo(dueAt);
    loan.runJobs(instance);
    assertThat(instance).hasPassed(BOUNDARY_COMMITTEE_DEADLINE, TASK_TALLY_VOTES).isWaitingAt(TASK_DECIDE_COMMITTEE_RESOLUTION);
  }

  /** Deploys the version before 贷款已提前收回 (the version of commit 71ccea6's parent) as the latest. */
  private void deployTheVersionBeforeTheCallIn() throws IOException {
    rollout.deployAsLatest(MODEL, "/rollout/loan-renewal-before-call-in.bpmn");
  }

  /**
   * Renewals waiting on the version before 贷款已提前收回 at each wait state the call-in cancels on the application's
   * version: rolled out, the loan's call-in then ends each of them through the event subprocess (CALLED_IN, the borrower
   * mailed once, nothing left waiting, nothing posted), as if it had been applied for on the new version.
   */
  @Test
  void aRenewalWaitingForItsApproverOnTheVersionBeforeTheCallInIsRolledOutAndEndsAtTheCallIn() throws IOException {
    deployTheVersionBeforeTheCallIn();
    RenewalScenario loan = RenewalScenario.loan(processEngine, api, this::executeDueJobs, outbox, intakeService, loans,
        clock.today(), RenewalDates.daysToMaturity(bankCalendar, clock.today(), 45, true), ProcessingFixtures.strongProfile(),
        "500000.00").scanNow();
    ProcessInstance instance = applied(loan);
    assertThat(instance).isWaitingAt(TASK_APPROVE_RENEWAL);

    rolledOutThenCalledIn(loan, instance);

    assertThat(instance).hasNotPassed(TASK_SEND_CONTRACT);
  }

  @Test
  void aRenewalWhoseCommitteeIsVotingOnTheVersionBeforeTheCallInIsRolledOutAndEndsAtTheCallIn() throws IOException {
    deployTheVersionBeforeTheCallIn();
    RenewalScenario loan = loanForTheCommittee().scanNow();
    ProcessInstance instance = applied(loan);
    vote(loan, instance, "committee1", "APPROVE", "经营稳定, 同意续贷");
    assertThat(voteTasks(instance)).hasSize(2);

    rolledOutThenCalledIn(loan, instance);

    assertThat(instance).hasNotPassed(TASK_TALLY_VOTES, TASK_DECIDE_COMMITTEE_RESOLUTION);
  }

  @Test
  void aRenewalWaitingForTheChairsResolutionOnTheVersionBeforeTheCallInIsRolledOutAndEndsAtTheCallIn() throws IOException {
    deployTheVersionBeforeTheCallIn();
    RenewalScenario loan = loanForTheCommittee().scanNow();
    ProcessInstance instance = applied(loan);
    vote(loan, instance, "committee1", "APPROVE", "经营稳定, 同意续贷");
    vote(loan, instance, "committee3", "APPROVE", "还款记录良好");
    assertThat(instance).isWaitingAt(TASK_DECIDE_COMMITTEE_RESOLUTION);

    rolledOutThenCalledIn(loan, instance);

    assertThat(instance).hasNotPassed(TASK_SEND_CONTRACT);
  }

  @Test
  void aRenewalWaitingForTheSignatureOnTheVersionBeforeTheCallInIsRolledOutAndEndsAtTheCallIn() throws IOException {
    deployTheVersionBeforeTheCallIn();
    RenewalScenario loan = signableLoan(true);
    ProcessInstance instance = applied(loan);
    assertThat(instance).isWaitingAt(RECEIVE_AWAIT_SIGNATURE);

    rolledOutThenCalledIn(loan, instance);

    assertThat(loan.signAndReport().status()).as("a signature reported after the call-in").isEqualTo(409);
  }

  @Test
  void aSignedRenewalWaitingForTheMaturityOnTheVersionBeforeTheCallInIsRolledOutAndEndsAtTheCallIn() throws IOException {
    deployTheVersionBeforeTheCallIn();
    RenewalScenario loan = signableLoan(true);
    ProcessInstance instance = applied(loan);
    assertThat(loan.signAndReport().status()).isEqualTo(200);
    assertThat(instance).isWaitingAt(TIMER_LOAN_MATURES);

    rolledOutThenCalledIn(loan, instance);

    atTheMaturity(loan, instance);
    assertThat(coreBanking.postingsOf(loan.loanId())).as("nothing posted at maturity").isEmpty();
  }

  /** A maturity date nobody works: the signed renewal waits for 到期前最后一个工作日, then 核对到期应还本金. */
  @Test
  void aSignedRenewalWaitingForTheAmountCheckOnTheVersionBeforeTheCallInIsRolledOutAndEndsAtTheCallIn() throws IOException {
    deployTheVersionBeforeTheCallIn();
    RenewalScenario loan = signableLoan(false);
    ProcessInstance instance = applied(loan);
    assertThat(loan.signAndReport().status()).isEqualTo(200);
    assertThat(instance).isWaitingAt(TIMER_AMOUNT_CHECK_DUE);

    rolledOutThenCalledIn(loan, instance);

    assertThat(instance).hasNotPassed(TASK_CHECK_AMOUNT);
  }

  @Test
  void aRenewalWhoseAmountIsUnderReviewOnTheVersionBeforeTheCallInIsRolledOutAndEndsAtTheCallIn() throws IOException {
    deployTheVersionBeforeTheCallIn();
    RenewalScenario loan = signableLoan(true);
    ProcessInstance instance = applied(loan);
    assertThat(loan.signAndReport().status()).isEqualTo(200);
    loan.repay(repayments.payoffAmount(loan.loanId(), clock.today()).subtract(new BigDecimal("40000.00")), clock.today());
    atTheMaturity(loan, instance);
    assertThat(instance).isWaitingAt(TASK_REVIEW_AMOUNT);

    rolledOutThenCalledIn(loan, instance);

    assertThat(instance).hasNotPassed(TASK_WITHDRAWN_MAIL, TASK_COMPLETED_MAIL);
    assertThat(coreBanking.postingsOf(loan.loanId())).isEmpty();
  }

  /** The posting's job due at maturity (after its save point), not run yet: it goes with the call-in. */
  @Test
  void aRenewalWhosePostingIsDueOnTheVersionBeforeTheCallInIsRolledOutAndEndsAtTheCallIn() throws IOException {
    deployTheVersionBeforeTheCallIn();
    RenewalScenario loan = signableLoan(true);
    ProcessInstance instance = applied(loan);
    assertThat(loan.signAndReport().status()).isEqualTo(200);
    moveClockTo(loan.account().maturityDate().atStartOfDay(BusinessClock.BANK_ZONE).toInstant().plus(Duration.ofMinutes(1)));
    managementService.executeJob(managementService.createJobQuery().processInstanceId(instance.getId()).timers()
        .activityId(TIMER_LOAN_MATURES).singleResult().getId());
    assertThat(managementService.createJobQuery().processInstanceId(instance.getId()).activityId(TASK_POST_RENEWAL)
        .singleResult()).as("the posting's job, due").isNotNull();

    rolledOutThenCalledIn(loan, instance);

    assertThat(coreBanking.postingsOf(loan.loanId())).isEmpty();
    assertThat(loans.findRenewalOf(loan.loanId())).isEmpty();
  }

  /**
   * A renewal left on the version before 贷款已提前收回 (not rolled out yet) waiting for its approver: the call-in ends it
   * all the same, in the call-in's transaction: the instance is cancelled (the task leaves Tasklist, a completion
   * afterwards is refused and decides nothing), the renewal is CALLED_IN, which staff see, and the borrower is mailed
   * 续贷终止 once. Before, the call-in only logged a WARN line: the approver could approve, the borrower sign.
   */
  @Test
  void anApplicationLeftOnTheVersionBeforeTheCallInEndsAtTheCallInAndItsTaskGoes() throws IOException {
    deployTheVersionBeforeTheCallIn();
    RenewalScenario loan = RenewalScenario.loan(processEngine, api, this::executeDueJobs, outbox, intakeService, loans,
        clock.today(), RenewalDates.daysToMaturity(bankCalendar, clock.today(), 45, true), ProcessingFixtures.strongProfile(),
        "500000.00").scanNow();
    ProcessInstance instance = applied(loan);
    String task = taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult().getId();

    calledInOnTheOldVersion(loan, instance);

    ApiClient.Response approval = api.post("/engine-rest/task/" + task + "/complete", "approver", "{\"variables\": {\""
        + ApproveRenewalTaskListener.DECISION + "\": {\"value\": \"APPROVE\"}, \"" + ApproveRenewalTaskListener.NOTE
        + "\": {\"value\": \"同意续贷\"}}}");
    assertThat(approval.status()).as("an approval after the call-in: %s", approval.body()).isEqualTo(400);
    assertThat(approval.json().path("message").asText()).as("Tasklist's message names the call-in")
        .startsWith("待办 审批续贷申请 已撤销 (贷款已提前收回, 续贷终止), 无需再办理, 请刷新待办列表");
    assertThat(renewals.find(loan.loanId()).orElseThrow().decidedBy()).as("nobody decided it").isNull();
    ApiClient.Response view = api.get("/api/loans/" + loan.loanId() + "/renewal", "approver");
    assertThat(view.json().path("status").asText()).as("what staff see: %s", view.body()).isEqualTo("CALLED_IN");
    assertThat(view.json().path("statusLabel").asText()).isEqualTo(RenewalStatus.CALLED_IN.label());
  }

  /**
   * Approved on the version before 贷款已提前收回 and waiting for the signature: the call-in ends it, its unsigned
   * contract's envelope is cancelled in the e-signature service after the call-in, and a signature reported afterwards
   * is refused.
   */
  @Test
  void anUnsignedRenewalLeftOnTheVersionBeforeTheCallInEndsAtTheCallInAndCanNoLongerBeSigned() throws IOException {
    deployTheVersionBeforeTheCallIn();
    RenewalScenario loan = signableLoan(true);
    ProcessInstance instance = applied(loan);
    assertThat(instance).isWaitingAt(RECEIVE_AWAIT_SIGNATURE);
    LoanRenewal approved = renewals.find(loan.loanId()).orElseThrow();

    calledInOnTheOldVersion(loan, instance);

    assertThat(renewals.envelopesToCancel(Integer.MAX_VALUE)).extracting(RenewalRepository.EnvelopeToCancel::envelopeId)
        .contains(approved.envelopeId());
    ApiClient.Response report = loan.signAndReport();
    assertThat(report.status()).as(report.body()).isEqualTo(409);
  }

  /** Signed on the version before 贷款已提前收回: the call-in ends it before the maturity, and nothing is posted then. */
  @Test
  void aSignedRenewalLeftOnTheVersionBeforeTheCallInEndsAtTheCallInAndNothingIsPostedAtMaturity() throws IOException {
    deployTheVersionBeforeTheCallIn();
    RenewalScenario loan = signableLoan(true);
    ProcessInstance instance = applied(loan);
    assertThat(loan.signAndReport().status()).isEqualTo(200);

    calledInOnTheOldVersion(loan, instance);

    atTheMaturity(loan, instance);
    assertThat(coreBanking.postingsOf(loan.loanId())).isEmpty();
    assertThat(loans.findRenewalOf(loan.loanId())).isEmpty();
    assertThat(loan.mails()).containsOnlyOnce(MailTemplate.RENEWAL_CALLED_IN).doesNotContain(MailTemplate.RENEWAL_COMPLETED);
  }

  /**
   * The same through the post-loan check a checker concludes 提前收回贷款并移交催收 in Tasklist: the renewal's instance is
   * cancelled inside the check's transaction, which then accelerates the loan; nothing is posted at maturity.
   */
  @Test
  void aSignedRenewalLeftOnTheVersionBeforeTheCallInEndsWhenTheCheckerCallsTheLoanIn() throws IOException {
    deployTheVersionBeforeTheCallIn();
    RenewalScenario loan = signableLoan(true);
    ProcessInstance instance = applied(loan);
    assertThat(loan.signAndReport().status()).isEqualTo(200);
    MonitoringScenario monitored = MonitoringScenario.of(loan.account(), processEngine, api, this::executeDueJobs,
        this::completeAs, loans, dailyClose).firstCheck("NORMAL").overdueElsewhere("EVT-" + loan.loanId());

    calledInOnTheOldVersion(loan, instance, monitored::callIn);

    assertThat(loans.acceleratedOn(loan.loanId())).as("the loan called in").isPresent();
    atTheMaturity(loan, instance);
    assertThat(coreBanking.postingsOf(loan.loanId())).isEmpty();
  }

  /**
   * Signed on the version before 贷款已提前收回, its loan called in the way a call-in did before it ended such renewals (the
   * ledger accelerated, the renewal not told, a WARN line), and a maturity date nobody works: 核对到期应还本金 (00:00 of the
   * last working day before it) refuses the called-in loan with RENEWAL_LOAN_CALLED_IN, which nothing on that version
   * catches, so the engine ends the instance. The borrower is told all the same: CALLED_IN, mailed 续贷终止 once, nothing
   * posted. Before, the instance ended without the mail.
   */
  @Test
  void aSignedRenewalLeftOnTheVersionBeforeTheCallInWhoseLoanWasCalledInEndsAtTheAmountCheckWithTheMail() throws IOException {
    deployTheVersionBeforeTheCallIn();
    RenewalScenario loan = signableLoan(false);
    ProcessInstance instance = applied(loan);
    assertThat(loan.signAndReport().status()).isEqualTo(200);
    assertThat(instance).isWaitingAt(TIMER_AMOUNT_CHECK_DUE);
    LocalDate checkDay = bankCalendar.lastWorkingDayBefore(loan.account().maturityDate());
    calledInAsBeforeTheCallInEndedRenewals(loan, instance, checkDay);

    moveClockTo(checkDay.atStartOfDay(BusinessClock.BANK_ZONE).toInstant().plus(Duration.ofMinutes(1)));
    loan.runJobs(instance);

    assertThat(instance).hasPassed(TASK_CHECK_AMOUNT).hasNotPassed(TASK_POST_RENEWAL);
    endedByTheRefusalWithTheMail(loan, instance, checkDay);
  }

  /**
   * The same with a maturity date people work: the posting at maturity (办理续贷转贷) refuses the called-in loan, nothing
   * catches RENEWAL_LOAN_CALLED_IN on that version, the engine ends the instance, and the borrower is mailed 续贷终止 once.
   */
  @Test
  void aSignedRenewalLeftOnTheVersionBeforeTheCallInWhoseLoanWasCalledInEndsAtThePostingWithTheMail() throws IOException {
    deployTheVersionBeforeTheCallIn();
    RenewalScenario loan = signableLoan(true);
    ProcessInstance instance = applied(loan);
    assertThat(loan.signAndReport().status()).isEqualTo(200);
    assertThat(instance).isWaitingAt(TIMER_LOAN_MATURES);
    calledInAsBeforeTheCallInEndedRenewals(loan, instance, loan.account().maturityDate());

    atTheMaturity(loan, instance);

    endedByTheRefusalWithTheMail(loan, instance, loan.account().maturityDate());
  }

  /**
   * Ten days before {@code refusedOn}, the loan is called in as before this release: the ledger accelerated (to be repaid
   * five days after that day), the renewal's instance on the old version neither told nor ended.
   */
  private void calledInAsBeforeTheCallInEndedRenewals(RenewalScenario loan, ProcessInstance instance, LocalDate refusedOn) {
    moveClockTo(refusedOn.minusDays(10).atTime(10, 0).atZone(BusinessClock.BANK_ZONE).toInstant());
    loans.accelerate(loan.loanId(), refusedOn.plusDays(5));
    loan.runJobs(instance);
    assertThat(instance).isNotEnded();
    assertThat(renewals.find(loan.loanId()).orElseThrow().status()).isEqualTo(RenewalStatus.SIGNED);
  }

  /**
   * The check or the posting refused the called-in loan on {@code refusedOn} and the engine ended the instance (no boundary
   * for the error on that version): CALLED_IN, nothing left waiting, nothing posted, the borrower mailed 续贷终止 once.
   */
  /**
   * Signed on a version before 核对到期应还本金 re-checked eligibility (it has no 已不符合续贷条件 on the check), its loan
   * downgraded since, a maturity date nobody works: the check declines the renewal with RENEWAL_NO_LONGER_ELIGIBLE, which
   * nothing on that version catches, so the engine ends the instance; the borrower is mailed 续贷申请结果 once all the
   * same, and nothing is posted at maturity.
   */
  @Test
  void aSignedRenewalLeftOnAnOlderVersionWhoseLoanWasDowngradedIsDeclinedAtTheAmountCheckWithTheMail() throws IOException {
    deployTheVersionBeforeTheCallIn();
    RenewalScenario loan = signableLoan(false);
    ProcessInstance instance = applied(loan);
    assertThat(loan.signAndReport().status()).isEqualTo(200);
    assertThat(instance).isWaitingAt(TIMER_AMOUNT_CHECK_DUE);
    LocalDate checkDay = bankCalendar.lastWorkingDayBefore(loan.account().maturityDate());
    loans.applyRiskReview(new com.smeloanflow.servicing.RiskReview(loan.loanId(),
        com.smeloanflow.servicing.Classification.SPECIAL_MENTION, clock.today(), "主要客户流失, 列入关注", "risk-officer"));

    moveClockTo(checkDay.atStartOfDay(BusinessClock.BANK_ZONE).toInstant().plus(Duration.ofMinutes(1)));
    loan.runJobs(instance);

    assertThat(instance).hasPassed(TASK_CHECK_AMOUNT).hasNotPassed(TASK_POST_RENEWAL).isEnded();
    assertThat(runtimeService.createIncidentQuery().processInstanceId(instance.getId()).count()).as("incidents").isZero();
    LoanRenewal renewal = renewals.find(loan.loanId()).orElseThrow();
    assertThat(renewal.status()).isEqualTo(RenewalStatus.DECLINED);
    assertThat(renewal.maturityDeclineReason()).contains("风险分类非正常");
    assertThat(renewal.closedOn()).isEqualTo(checkDay);
    atTheMaturity(loan, instance);
    assertThat(coreBanking.postingsOf(loan.loanId())).as("nothing posted").isEmpty();
    assertThat(loan.mails()).as("the borrower told once").containsOnlyOnce(MailTemplate.RENEWAL_DECLINED)
        .doesNotContain(MailTemplate.RENEWAL_COMPLETED).last().isEqualTo(MailTemplate.RENEWAL_DECLINED);
  }

  private void endedByTheRefusalWithTheMail(RenewalScenario loan, ProcessInstance instance, LocalDate refusedOn) {
    assertThat(instance).isEnded();
    assertThat(managementService.createJobQuery().processInstanceId(instance.getId()).count()).as("timers, jobs").isZero();
    assertThat(runtimeService.createIncidentQuery().processInstanceId(instance.getId()).count()).as("incidents").isZero();
    LoanRenewal renewal = renewals.find(loan.loanId()).orElseThrow();
    assertThat(renewal.status()).isEqualTo(RenewalStatus.CALLED_IN);
    assertThat(renewal.closedOn()).isEqualTo(refusedOn);
    atTheMaturity(loan, instance);
    assertThat(coreBanking.postingsOf(loan.loanId())).as("nothing posted").isEmpty();
    assertThat(loans.findRenewalOf(loan.loanId())).isEmpty();
    assertThat(loan.mails()).as("the borrower told once").containsOnlyOnce(MailTemplate.RENEWAL_CALLED_IN)
        .doesNotContain(MailTemplate.RENEWAL_COMPLETED).last().isEqualTo(MailTemplate.RENEWAL_CALLED_IN);
  }

  /**
   * A post-loan check calls in the loan of a renewal on the version before 贷款已提前收回: the renewal is CALLED_IN, closed
   * today, its instance cancelled with nothing left waiting, and the borrower mailed 续贷终止 once.
   */
  private void calledInOnTheOldVersion(RenewalScenario loan, ProcessInstance instance) {
    calledInOnTheOldVersion(loan, instance, () -> callIns.callingIn(loan.loanId(), "CHK-" + loan.loanId()));
  }

  private void calledInOnTheOldVersion(RenewalScenario loan, ProcessInstance instance, Runnable callIn) {
    assertThat(runtimeService.createEventSubscriptionQuery().processInstanceId(instance.getId())
        .eventName(LoanRenewalProcess.Messages.LOAN_CALLED_IN).count()).as("the old version awaits no call-in").isZero();

    callIn.run();
    loan.runJobs(instance);

    assertThat(instance).isEnded();
    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(instance.getId()).singleResult()
        .getDeleteReason()).as("why Cockpit shows it cancelled").contains("贷款已提前收回");
    assertThat(taskService.createTaskQuery().processInstanceId(instance.getId()).count()).as("open tasks").isZero();
    assertThat(managementService.createJobQuery().processInstanceId(instance.getId()).count()).as("timers, jobs").isZero();
    LoanRenewal renewal = renewals.find(loan.loanId()).orElseThrow();
    assertThat(renewal.status()).isEqualTo(RenewalStatus.CALLED_IN);
    assertThat(renewal.closedOn()).isEqualTo(clock.today());
    assertThat(loan.mails()).as("the borrower told once (through the check, the call-in notice follows)")
        .containsOnlyOnce(MailTemplate.RENEWAL_CALLED_IN);
  }

  /** A CREDIT_QUICK loan of {@link RenewalScenario#PRINCIPAL} the model approves, maturing on a working day or not. */
  private RenewalScenario signableLoan(boolean maturesOnAWorkingDay) {
    return RenewalScenario.loan(processEngine, api, this::executeDueJobs, outbox, intakeService, loans, clock.today(),
        RenewalDates.daysToMaturity(bankCalendar, clock.today(), 45, maturesOnAWorkingDay), ProcessingFixtures.strongProfile(),
        RenewalScenario.PRINCIPAL).scanNow();
  }

  private void atTheMaturity(RenewalScenario loan, ProcessInstance instance) {
    moveClockTo(loan.account().maturityDate().atStartOfDay(BusinessClock.BANK_ZONE).toInstant().plus(Duration.ofMinutes(1)));
    loan.runJobs(instance);
  }

  /**
   * The process owner rolls the application's model out (only this renewal moves, and it moves), then a post-loan check
   * calls the loan in: the renewal ends through 贷款已提前收回, 终止续贷, recorded CALLED_IN, the borrower mailed once.
   */
  private void rolledOutThenCalledIn(RenewalScenario loan, ProcessInstance instance) throws IOException {
    String oldVersion = runtimeService.createProcessInstanceQuery().processInstanceId(instance.getId()).singleResult()
        .getProcessDefinitionId();
    rollout.workingCopyOf(MODEL);
    RolloutReport report = rollout.rollOutOnly(loan.loanId());
    RolloutReport.ProcessMigration migration = report.processes().get(0);
    assertThat(migration.from()).singleElement().satisfies(from -> {
      assertThat(from.definitionId()).isEqualTo(oldVersion);
      assertThat(from.notMoved()).as("not moved").isEmpty();
      assertThat(from.moved()).extracting(RolloutReport.Instance::businessKey).containsExactly(loan.loanId());
    });
    assertThat(runtimeService.createEventSubscriptionQuery().processInstanceId(instance.getId())
        .activityId(START_LOAN_CALLED_IN).count()).as("贷款已提前收回 waits for the call-in").isEqualTo(1);

    callIns.callingIn(loan.loanId(), "CHK-" + loan.loanId());
    loan.runJobs(instance);

    assertThat(instance).hasPassed(START_LOAN_CALLED_IN, TASK_END_CALLED_IN, TASK_CALLED_IN_MAIL, END_CALLED_IN)
        .hasNotPassed(END_RENEWED).isEnded();
    assertThat(taskService.createTaskQuery().processInstanceId(instance.getId()).count()).as("open tasks").isZero();
    assertThat(managementService.createJobQuery().processInstanceId(instance.getId()).count()).as("timers, jobs").isZero();
    assertThat(renewals.find(loan.loanId()).orElseThrow().status()).isEqualTo(RenewalStatus.CALLED_IN);
    assertThat(loan.mails()).containsOnlyOnce(MailTemplate.RENEWAL_CALLED_IN).last().isEqualTo(MailTemplate.RENEWAL_CALLED_IN);
  }

  private ProcessInstance applied(RenewalScenario loan) {
    assertThat(loan.apply("REQ-" + loan.loanId()).status()).isEqualTo(201);
    ProcessInstance instance = loan.renewal();
    loan.runJobs(instance);
    return instance;
  }

  /**
   * The process owner rolls the application's model out: the renewal moves from the old version to the new one and
   * 到期仍未审批 is armed at its {@code renewalMaturesAt}.
   */
  private void rolledOut(RenewalScenario loan, ProcessInstance instance) throws IOException {
    String oldVersion = runtimeService.createProcessInstanceQuery().processInstanceId(instance.getId()).singleResult()
        .getProcessDefinitionId();
    rollout.workingCopyOf(MODEL);

    // only this renewal moves: the other tests' renewals stay where they are (the test's versions are deleted with
    // their instances afterwards)
    RolloutReport report = rollout.rollOutOnly(loan.loanId());

    RolloutReport.ProcessMigration migration = report.processes().get(0);
    assertThat(migration.key()).isEqualTo(LoanRenewalProcess.KEY);
    assertThat(migration.from()).singleElement().satisfies(from -> {
      assertThat(from.definitionId()).isEqualTo(oldVersion);
      assertThat(from.notMoved()).isEmpty();
      assertThat(from.moved()).extracting(RolloutReport.Instance::businessKey).containsExactly(loan.loanId());
    });
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(instance.getId()).singleResult()
        .getProcessDefinitionId()).isEqualTo(migration.definitionId());
    Job maturedUndecided = managementService.createJobQuery().processInstanceId(instance.getId()).timers()
        .activityId(BOUNDARY_MATURED_UNDECIDED).singleResult();
    assertThat(maturedUndecided).as("到期仍未审批 armed by the move").isNotNull();
    assertThat(maturedUndecided.getDuedate())
        .isEqualTo(runtimeService.getVariable(instance.getId(), LoanRenewalProcess.Variables.MATURES_AT.name()));
  }

  /** After the old loan matured, before 到期仍未审批 ran: {@code user}'s decision is refused as on the new version. */
  private void lateDecisionIsRefused(RenewalScenario loan, String user, String task, String decision, String note) {
    moveClockTo(loan.account().maturityDate().atStartOfDay(BusinessClock.BANK_ZONE).toInstant().plus(Duration.ofMinutes(1)));
    ApiClient.Response late = api.post("/engine-rest/task/" + task + "/complete", user, "{\"variables\": {\"" + decision
        + "\": {\"value\": \"APPROVE\"}, \"" + note + "\": {\"value\": \"同意续贷\"}}}");
    assertThat(late.status()).as("a late decision is refused as on the new version: %s", late.body()).isEqualTo(400);
    assertThat(late.json().path("message").asText()).contains("续贷 " + loan.loanId() + " 的原借据已于"
        + ChineseDates.day(loan.account().maturityDate()) + "到期, 续贷审批已失效");
    assertThat(taskService.createTaskQuery().taskId(task).singleResult()).as("the task as it was").isNotNull();
  }

  private void assertLapsedAtTheTimer(RenewalScenario loan, ProcessInstance instance) {
    assertThat(instance).hasPassed(BOUNDARY_MATURED_UNDECIDED, TASK_LAPSE).hasNotPassed(TASK_SEND_CONTRACT).isEnded();
    assertThat(taskService.createTaskQuery().processInstanceId(instance.getId()).count()).as("open tasks").isZero();
    assertThat(managementService.createJobQuery().processInstanceId(instance.getId()).count()).as("jobs").isZero();
    assertThat(renewals.find(loan.loanId()).orElseThrow().status()).isEqualTo(RenewalStatus.LAPSED);
  }

  /** A GROWTH loan of 6,000,000 CNY: the borrower's exposure is above an approver's 5,000,000, so the committee votes. */
  private RenewalScenario loanForTheCommittee() {
    return RenewalScenario.loan(processEngine, api, this::executeDueJobs, outbox, intakeService, loans, clock.today(),
        RenewalDates.daysToMaturity(bankCalendar, clock.today(), 45, true), ProcessingFixtures.strongProfile(), "GROWTH",
        "6000000.00");
  }

  private List<Task> voteTasks(ProcessInstance instance) {
    return taskService.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(TASK_COMMITTEE_VOTE).list();
  }

  private Task voteOf(ProcessInstance instance, String member) {
    return voteTasks(instance).stream().filter(t -> member.equals(t.getAssignee())).findFirst()
        .orElseThrow(() -> new AssertionError("no vote task of " + member));
  }

  private Job committeeDeadline(ProcessInstance instance) {
    Job deadline = managementService.createJobQuery().processInstanceId(instance.getId()).timers()
        .activityId(BOUNDARY_COMMITTEE_DEADLINE).singleResult();
    assertThat(deadline).as("表决期限已到").isNotNull();
    return deadline;
  }

  /** The member completes the vote assigned to them (as themselves, authenticated). */
  private void vote(RenewalScenario loan, ProcessInstance instance, String member, String vote, String reasons) {
    completeAs(member, voteOf(instance, member).getId(), Map.of(RenewalCommitteeVoteTaskListener.VOTE, vote,
        RenewalCommitteeVoteTaskListener.COMMENT, reasons));
    loan.runJobs(instance);
  }

  /** Accountability's record that {@code user} answers for the loan as its customer manager (管户客户经理). */
  private void customerManagerOf(RenewalScenario loan, String user) {
    jdbc.sql("""
        INSERT INTO managed_loan (loan_id, application_id, branch_code, customer_manager, source, assigned_at)
        VALUES (:loan, :application, 'ZY001', :user, 'FIELD_INVESTIGATION', CURRENT_TIMESTAMP)""")
        .param("loan", loan.loanId()).param("application", loan.account().applicationId()).param("user", user).update();
  }
}
