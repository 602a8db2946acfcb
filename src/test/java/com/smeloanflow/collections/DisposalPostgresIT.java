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
import java.util.Map;
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
   * A write-off above collections' authority proposed before V142 (no authority on its row) and offered to collections
   * alone, as the version of collection.bpmn before the authority table offered it. collector2's approval over the engine
   * REST API decides the authority and is refused (403), which rolls its transaction back; the authority is then kept,
   * and the task offered to the committee chair, in a transaction of its own on a second connection. The chair approves.
   */
  @Test
  void aLargeWriteOffProposedBeforeTheAuthorityWasKeptReachesTheCommitteeChairAfterACollectorIsRefused() {
    CollectionScenario scenario = writeOffProposed("950000.00");
    String approval = scenario.task(TASK_APPROVE_DISPOSAL).getId();
    jdbc.sql("UPDATE collection_disposal SET approver_group = NULL, authority_principal = NULL, authority_reason = NULL"
        + " WHERE id = :id").param("id", cases.pendingDisposal(scenario.loanId()).id()).update();
    taskService.addCandidateGroup(approval, Groups.COLLECTIONS);
    taskService.deleteCandidateGroup(approval, Groups.CREDIT_COMMITTEE_CHAIR);

    Response byACollector = api.post("/engine-rest/task/" + approval + "/complete", SECOND_COLLECTOR, approveJson("同意核销"));
    assertThat(byACollector.status()).isEqualTo(403);
    assertThat(byACollector.body()).contains("审批权限: collector2 不属于贷审会主任委员 (credit-committee-chair)");
    Disposal kept = cases.pendingDisposal(scenario.loanId());
    assertThat(kept.approverGroup()).as("kept after the refusal").isEqualTo(Groups.CREDIT_COMMITTEE_CHAIR);
    assertThat(kept.authorityPrincipal()).isEqualByComparingTo("950000.00");

    assertThat(api.post("/engine-rest/task/" + approval + "/claim", "committee-chair", "{\"userId\": \"committee-chair\"}")
        .status()).isEqualTo(204);
    assertThat(api.post("/engine-rest/task/" + approval + "/complete", "committee-chair", approveJson("同意核销, 账销案存"))
        .status()).isEqualTo(204);
    scenario.runCaseJobs();
    assertThat(loans.standing(scenario.loanId()).orElseThrow().writtenOffPrincipal()).isEqualByComparingTo("950000.00");
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
