package com.smeloanflow.collections;

import static com.smeloanflow.process.CollectionProcess.Elements.END_ARREARS_CLEARED;
import static com.smeloanflow.process.CollectionProcess.Elements.END_LOAN_WRITTEN_OFF;
import static com.smeloanflow.process.CollectionProcess.Elements.TASK_APPROVE_DISPOSAL;
import static com.smeloanflow.process.CollectionProcess.Elements.TASK_COLLECT_BY_PHONE;
import static com.smeloanflow.process.CollectionProcess.Elements.TASK_PROPOSE_DISPOSAL;
import static com.smeloanflow.process.CollectionProcess.Elements.TASK_WRITE_OFF_LOAN;
import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.identity.Groups;
import com.smeloanflow.servicing.DailyCloseService;
import com.smeloanflow.servicing.LoanAccount;
import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.servicing.ReceiveRepayment;
import com.smeloanflow.servicing.RepaymentService;
import com.smeloanflow.support.AbstractPostgresIntegrationTest;
import com.smeloanflow.support.ApiClient.Response;
import com.smeloanflow.support.RowLockWaits;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * On PostgreSQL, the production database: a disposal decision or the write-off meeting the repayment that clears the
 * arrears (the cure ends the case in the repayment's transaction, under the loan's row lock). The one that comes second
 * waits for the loan's row, then finds the case as the first left it.
 */
class DisposalPostgresIT extends AbstractPostgresIntegrationTest {

  private static final String COLLECTOR = "collector";
  private static final String SECOND_COLLECTOR = "collector2";

  @Autowired DailyCloseService dailyClose;
  @Autowired LoanAccountService loans;
  @Autowired RepaymentService repayments;
  @Autowired CollectionCaseService cases;
  @Autowired PlatformTransactionManager transactionManager;
  @Autowired EarlierProposalAuthorities thisNode;

  /** A loan 90 days past due, its write-off proposed by collector: the approval waits for collector2. */
  private CollectionScenario writeOffProposed() {
    return writeOffProposed("100000.00");
  }

  /** As {@link #writeOffProposed()}, for a loan of {@code principal} CNY. */
  private CollectionScenario writeOffProposed(String principal) {
    CollectionScenario scenario = new CollectionScenario(processEngine, intakeService, dailyClose, loans, repayments,
        this::executeDueJobs, this::startCollectionProcesses, principal).closeAt(90);
    completeAs(COLLECTOR, scenario.task(TASK_PROPOSE_DISPOSAL).getId(), Map.of(DisposalProposalTaskListener.KIND,
        DisposalType.WRITE_OFF.name(), DisposalProposalTaskListener.REASON, "逾期90天, 多次催收无果"));
    return scenario;
  }

  /** Core banking reports the repayment of everything overdue, in the caller's transaction: the case is cured. */
  private Runnable arrearsRepaid(CollectionScenario scenario, String transactionId) {
    return () -> repayments.receive(new ReceiveRepayment(scenario.loanId(), transactionId, scenario.arrears(),
        scenario.businessDate().plusDays(1), "core-banking"));
  }

  /**
   * collector2 approves the write-off over the engine REST API while core banking reports the repayment that clears the
   * arrears: the repayment holds the loan's row and has ended the case (cured, its process with it), not yet committed.
   * The approval waits for it, then is refused with 400 and the Chinese line staff read; nothing of it is written: the
   * proposal stays undecided on the cured case, and the loan is not written off. Before, the approval took no lock,
   * recorded its decision and failed only on the engine's optimistic lock of the deleted task (a server error, 500).
   */
  @Test
  void aWriteOffApprovalMeetingTheRepaymentThatCuresTheCaseWaitsForItAndIsRefusedWritingNothing() throws Exception {
    CollectionScenario scenario = writeOffProposed();
    String approval = scenario.task(TASK_APPROVE_DISPOSAL).getId();
    String instance = scenario.caseInstance().getId();

    RowLockWaits.Met<Void> met = RowLockWaits.meet(new TransactionTemplate(transactionManager),
        arrearsRepaid(scenario, "PG-CURE-" + scenario.loanId()), () -> null,
        () -> {
          Response answer = api.post("/engine-rest/task/" + approval + "/complete", SECOND_COLLECTOR,
              "{\"variables\": {\"" + DisposalApprovalTaskListener.DECISION + "\": {\"value\": \"APPROVE\"}, \""
                  + DisposalApprovalTaskListener.COMMENT + "\": {\"value\": \"同意核销\"}}}");
          throw new IllegalStateException(answer.status() + " " + answer.body());
        },
        jdbc, "TRUE", "the approval waiting for the cure");

    assertThat(((Throwable) met.second()).getMessage()).startsWith("400 ")
        .contains("借据 " + scenario.loanId() + " 的催收案件已结案 (已结清), 处置建议无需再审批, 请刷新待办列表");
    assertThat(cases.casesOf(scenario.loanId())).singleElement()
        .satisfies(c -> assertThat(c.status()).isEqualTo(CollectionCase.CURED));
    assertThat(cases.caseFile(scenario.loanId()).disposals()).singleElement()
        .satisfies(d -> assertThat(d.decision()).as("the approval, not written").isNull());
    assertThat(loans.standing(scenario.loanId()).orElseThrow().status()).isEqualTo(LoanAccount.ACTIVE);
    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(instance)
        .activityId(END_ARREARS_CLEARED).finished().count()).isOne();
  }

  /**
   * The write-off's job runs while core banking reports the repayment that clears the arrears, which holds the loan's row
   * and has ended the case (cured, the job deleted with its process), not yet committed. The write-off waits for the
   * loan's row and writes nothing: the loan stays on the books, the case cured. The job fails with the refusal (no
   * open case), not with the engine's "Cannot restore state of process instance" ERROR.
   */
  @Test
  void aWriteOffMeetingTheRepaymentThatCuresTheCaseWaitsForItAndWritesNothingOff() throws Exception {
    CollectionScenario scenario = writeOffProposed();
    completeAs(SECOND_COLLECTOR, scenario.task(TASK_APPROVE_DISPOSAL).getId(),
        Map.of(DisposalApprovalTaskListener.DECISION, "APPROVE", DisposalApprovalTaskListener.COMMENT, "同意"));
    String instance = scenario.caseInstance().getId();
    Job writeOff = managementService.createJobQuery().processInstanceId(instance).activityId(TASK_WRITE_OFF_LOAN)
        .singleResult();

    RowLockWaits.Met<Void> met = RowLockWaits.meet(new TransactionTemplate(transactionManager),
        arrearsRepaid(scenario, "PG-CURE-" + scenario.loanId()), () -> null,
        () -> managementService.executeJob(writeOff.getId()),
        jdbc, "query ILIKE '%loan_account%'", "the write-off waiting for the loan's row the cure holds");

    assertThat(met.second()).as("the job's failure, as operators read it in the log").isInstanceOf(Throwable.class);
    assertThat(((Throwable) met.second()).getMessage()).contains("借据 " + scenario.loanId() + " 已没有进行中的催收案件")
        .doesNotContain("Cannot restore state");

    assertThat(loans.standing(scenario.loanId()).orElseThrow().status()).isEqualTo(LoanAccount.ACTIVE);
    assertThat(cases.casesOf(scenario.loanId())).singleElement()
        .satisfies(c -> assertThat(c.status()).isEqualTo(CollectionCase.CURED));
    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(instance)
        .activityId(END_LOAN_WRITTEN_OFF).count()).isZero();
  }
  /**
   * A write-off of {@code principal} CNY as V142 left a proposal recorded before it (no authority on its row), its
   * approval offered to collections alone, as the version of collection.bpmn before the authority table offered it.
   */
  private CollectionScenario writeOffProposedBeforeV142(String principal) {
    CollectionScenario scenario = writeOffProposed(principal);
    String approval = scenario.task(TASK_APPROVE_DISPOSAL).getId();
    jdbc.sql("UPDATE collection_disposal SET approver_group = NULL, authority_principal = NULL, authority_reason = NULL"
        + " WHERE id = :id").param("id", cases.pendingDisposal(scenario.loanId()).id()).update();
    taskService.addCandidateGroup(approval, Groups.COLLECTIONS);
    taskService.deleteCandidateGroup(approval, Groups.CREDIT_COMMITTEE_CHAIR);
    return scenario;
  }

  /**
   * Two nodes of a cluster start together after the upgrade, and both decide the authority of a write-off above
   * collections' authority proposed before V142: the other node's run is held open before it commits (the authority
   * kept, the committee chair offered the task, the loan's row locked). This node's run waits for the loan's row, then
   * finds the authority kept and writes nothing: neither start fails, the row keeps one authority and the task has the
   * committee chair once among its candidates. The chair approves.
   */
  @Test
  void twoNodesStartingTogetherKeepOneAuthorityForAWriteOffProposedBeforeV142() throws Exception {
    CollectionScenario scenario = writeOffProposedBeforeV142("950000.00");
    String approval = scenario.task(TASK_APPROVE_DISPOSAL).getId();
    EarlierProposalAuthorities otherNode = new EarlierProposalAuthorities(cases, taskService, transactionManager);
    AtomicInteger thisNodeKept = new AtomicInteger(-1);

    RowLockWaits.Met<Integer> met = RowLockWaits.meet(new TransactionTemplate(transactionManager),
        () -> assertThat(otherNode.keepTheirAuthorities()).isOne(), () -> 1,
        () -> thisNodeKept.set(thisNode.keepTheirAuthorities()),
        jdbc, "query ILIKE '%loan_account%'", "this node's run waiting for the loan's row the other node's run holds");

    assertThat(met.second()).as("this node's start").isEqualTo("done");
    assertThat(thisNodeKept.get()).as("authorities this node kept").isZero();
    Disposal kept = cases.pendingDisposal(scenario.loanId());
    assertThat(kept.approverGroup()).isEqualTo(Groups.CREDIT_COMMITTEE_CHAIR);
    assertThat(kept.authorityPrincipal()).isEqualByComparingTo("950000.00");
    assertThat(taskService.getIdentityLinksForTask(approval)).extracting(l -> l.getGroupId()).filteredOn(g -> g != null)
        .as("the task's candidate groups").containsExactlyInAnyOrder(Groups.COLLECTIONS, Groups.CREDIT_COMMITTEE_CHAIR);

    assertThat(api.post("/engine-rest/task/" + approval + "/claim", "committee-chair", "{\"userId\": \"committee-chair\"}")
        .status()).isEqualTo(204);
    assertThat(api.post("/engine-rest/task/" + approval + "/complete", "committee-chair", approveJson("同意核销, 账销案存"))
        .status()).isEqualTo(204);
    scenario.runCaseJobs();
    assertThat(loans.standing(scenario.loanId()).orElseThrow().writtenOffPrincipal()).isEqualByComparingTo("950000.00");
  }

  /**
   * A write-off proposed before V142, its authority kept at start. A collector's approval, sent without claiming the task,
   * has written the proposal's row (as its listener does), not yet committed, when collector2 claims the task over the
   * engine REST API; the claim takes the task's row first (as every claim does). The claim is answered at once and
   * the approval, going on, finds the task claimed by the colleague and is refused, nothing written. Before, the claim
   * decided the authority and wrote it on the proposal's row too: it waited for the approval, which then waited for the
   * task's row the claim held, and PostgreSQL broke the deadlock by failing one of them (a database error, 500).
   */
  @Test
  void aClaimMeetingAnApprovalWithoutAClaimOfAWriteOffProposedBeforeV142IsAnsweredAndTheApprovalRefused()
      throws Exception {
    CollectionScenario scenario = writeOffProposedBeforeV142("100000.00");
    thisNode.keepTheirAuthorities();
    String approval = scenario.task(TASK_APPROVE_DISPOSAL).getId();
    long proposal = cases.pendingDisposal(scenario.loanId()).id();
    String approver = "collector-pg-" + scenario.loanId();
    identityService.saveUser(identityService.newUser(approver));
    identityService.createMembership(approver, Groups.COLLECTIONS);

    CountDownLatch written = new CountDownLatch(1);
    CountDownLatch goOn = new CountDownLatch(1);
    ExecutorService approverThread = Executors.newSingleThreadExecutor();
    try {
      Future<Object> approved = approverThread.submit(() -> {
        try {
          new TransactionTemplate(transactionManager).executeWithoutResult(tx -> {
            jdbc.sql("UPDATE collection_disposal SET reason = reason WHERE id = :id").param("id", proposal).update();
            written.countDown();
            RowLockWaits.holdUntil(goOn);
            completeAs(approver, approval, Map.of(DisposalApprovalTaskListener.DECISION, "APPROVE",
                DisposalApprovalTaskListener.COMMENT, "同意核销"));
          });
          return "done";
        } catch (RuntimeException e) {
          return e;
        }
      });
      assertThat(written.await(30, TimeUnit.SECONDS)).as("the approval writing the proposal's row").isTrue();
      CompletableFuture<Response> claim = CompletableFuture.supplyAsync(() -> api.post("/engine-rest/task/" + approval
          + "/claim", SECOND_COLLECTOR, "{\"userId\": \"" + SECOND_COLLECTOR + "\"}"));
      Instant deadline = Instant.now().plusSeconds(30);
      while (!claim.isDone() && jdbc.sql("SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
          + " AND query ILIKE '%collection_disposal%'").query(Long.class).single() == 0) {
        assertThat(Instant.now()).as("the claim answered or waiting for the proposal's row").isBefore(deadline);
        Thread.sleep(20);
      }
      goOn.countDown();

      assertThat(claim.get(30, TimeUnit.SECONDS).status()).as("the claim").isEqualTo(204);
      assertThat(approved.get(30, TimeUnit.SECONDS)).as("the approval").isInstanceOf(RuntimeException.class);
      assertThat(((Throwable) approved.get()).getMessage()).contains("is claimed by " + SECOND_COLLECTOR)
          .doesNotContainIgnoringCase("deadlock");
    } finally {
      goOn.countDown();
      approverThread.shutdownNow();
    }
    assertThat(cases.pendingDisposal(scenario.loanId()).decision()).as("the approval, not written").isNull();
    assertThat(taskService.createTaskQuery().taskId(approval).singleResult().getAssignee()).isEqualTo(SECOND_COLLECTOR);
  }

  private static String approveJson(String comment) {
    return "{\"variables\": {\"" + DisposalApprovalTaskListener.DECISION + "\": {\"value\": \"APPROVE\"}, \""
        + DisposalApprovalTaskListener.COMMENT + "\": {\"value\": \"" + comment + "\"}}}";
  }

  /**
   * The phone collector records a call over the engine REST API while core banking reports the repayment that clears the
   * arrears, holding the loan's row, the case already cured and its phone task cancelled, not yet committed. The contact
   * waits for the loan's row, then is refused with 400 and the Chinese line staff read; no contact is written.
   */
  @Test
  void aContactMeetingTheRepaymentThatCuresTheCaseWaitsForItAndIsRefusedWritingNothing() throws Exception {
    CollectionScenario scenario = new CollectionScenario(processEngine, intakeService, dailyClose, loans, repayments,
        this::executeDueJobs, this::startCollectionProcesses).closeAt(3);
    String call = scenario.task(TASK_COLLECT_BY_PHONE).getId();
    int contacts = cases.caseFile(scenario.loanId()).contacts().size();

    RowLockWaits.Met<Void> met = RowLockWaits.meet(new TransactionTemplate(transactionManager),
        arrearsRepaid(scenario, "PG-CURE-" + scenario.loanId()), () -> null,
        () -> {
          Response answer = api.post("/engine-rest/task/" + call + "/complete", "remote-verifier",
              "{\"variables\": {\"" + ContactTaskListener.OUTCOME + "\": {\"value\": \"REACHED\"}, \""
                  + ContactTaskListener.NOTES + "\": {\"value\": \"借款人称资金周转困难\"}}}");
          throw new IllegalStateException(answer.status() + " " + answer.body());
        },
        jdbc, "TRUE", "the contact waiting for the cure");

    assertThat(((Throwable) met.second()).getMessage()).startsWith("400 ")
        .contains("借据 " + scenario.loanId() + " 已没有进行中的催收案件 (逾期已结清或已核销), 不能再登记, 请刷新待办列表");
    assertThat(cases.casesOf(scenario.loanId())).singleElement()
        .satisfies(c -> assertThat(c.status()).isEqualTo(CollectionCase.CURED));
    assertThat(cases.caseFile(scenario.loanId()).contacts()).as("no contact written").hasSize(contacts);
  }
}
