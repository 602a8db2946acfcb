package com.smeloanflow.collections;

import static com.smeloanflow.process.CollectionProcess.Elements.END_ARREARS_CLEARED;
import static com.smeloanflow.process.CollectionProcess.Elements.END_LOAN_WRITTEN_OFF;
import static com.smeloanflow.process.CollectionProcess.Elements.TASK_APPROVE_DISPOSAL;
import static com.smeloanflow.process.CollectionProcess.Elements.TASK_COLLECT_BY_PHONE;
import static com.smeloanflow.process.CollectionProcess.Elements.TASK_PROPOSE_DISPOSAL;
import static com.smeloanflow.process.CollectionProcess.Elements.TASK_WRITE_OFF_LOAN;
import static org.assertj.core.api.Assertions.assertThat;

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
    CollectionScenario scenario = new CollectionScenario(processEngine, intakeService, dailyClose, loans, repayments,
        this::executeDueJobs, this::startCollectionProcesses).closeAt(90);
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
