package com.smeloanflow.collections;

import static com.smeloanflow.process.CollectionProcess.Elements.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.smeloanflow.identity.Groups;
import com.smeloanflow.notification.MailCaseType;
import com.smeloanflow.notification.MailOutbox;
import com.smeloanflow.notification.MailStatus;
import com.smeloanflow.notification.MailTemplate;
import com.smeloanflow.notification.OutboxMail;
import com.smeloanflow.platform.ChineseDates;
import com.smeloanflow.process.CollectionProcess;
import com.smeloanflow.process.CollectionProcess.Flows;
import com.smeloanflow.processing.InternalDefaultRepository;
import com.smeloanflow.processing.source.InternalDefaultStatus;
import com.smeloanflow.servicing.DailyCloseService;
import com.smeloanflow.servicing.LoanAccount;
import com.smeloanflow.servicing.WrittenOffClaim;
import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.servicing.RepaymentService;
import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.ModelRolloutFixture;
import com.smeloanflow.support.ApiClient.Response;
import com.smeloanflow.support.TakenSequenceFlows;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * collection.bpmn, every path, with the real daily close, strategy table, delegates and listeners;
 * only the mail server is a test double (GreenMail). Days past due come from daily closes of the
 * loan's era; repayments come in as core banking reports them.
 */
@ExtendWith(OutputCaptureExtension.class)
class CollectionProcessTest extends AbstractIntegrationTest {

  @RegisterExtension final ModelRolloutFixture rollout = new ModelRolloutFixture("collection-process-test");

  private static final String REMOTE_VERIFIER = "remote-verifier";
  private static final String CUSTOMER_MANAGER = "zy001-cm";
  private static final String TEAM_LEAD = "team-lead";
  private static final String COLLECTOR = "collector";
  private static final String SECOND_COLLECTOR = "collector2";

  @Autowired DailyCloseService dailyClose;
  @Autowired LoanAccountService loans;
  @Autowired RepaymentService repayments;
  @Autowired CollectionCaseService cases;
  @Autowired EarlyCollectionReferral referral;
  @Autowired InternalDefaultRepository defaults;
  @Autowired MailOutbox outbox;
  @Autowired CollectionCaseStarter starter;
  @Autowired PlatformTransactionManager transactions;
  @Autowired CollectionFormValues formValues;
  @Autowired EarlierProposalAuthorities earlierProposals;

  private CollectionScenario scenario() {
    return new CollectionScenario(processEngine, intakeService, dailyClose, loans, repayments, this::executeDueJobs,
        this::startCollectionProcesses);
  }

  private String emailOf(CollectionScenario scenario) {
    return applications.get(scenario.loan().applicationId()).legalRepEmail();
  }

  private static Map<String, Object> contact(String outcome, String notes) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(ContactTaskListener.OUTCOME, outcome);
    variables.put(ContactTaskListener.NOTES, notes);
    return variables;
  }

  private Map<String, Object> promise(CollectionScenario scenario, String amount, int days) {
    Map<String, Object> variables = contact("PROMISE_TO_PAY", "借款人承诺近期还款");
    variables.put(ContactTaskListener.PROMISED_AMOUNT, amount);
    variables.put(ContactTaskListener.PROMISED_DATE, scenario.businessDate().plusDays(days).toString());
    return variables;
  }

  /** Walks a case from its first overdue day up to the collector's proposal at 90 days past due. */
  private CollectionScenario atProposal() {
    return atProposal(scenario());
  }

  /** As {@link #atProposal()}, for a loan of {@code principal} CNY. */
  private CollectionScenario atProposal(String principal) {
    return atProposal(new CollectionScenario(processEngine, intakeService, dailyClose, loans, repayments, this::executeDueJobs,
        this::startCollectionProcesses, principal));
  }

  private CollectionScenario atProposal(CollectionScenario started) {
    CollectionScenario scenario = started.closeAt(1).closeAt(3);
    completeAs(REMOTE_VERIFIER, scenario.task(TASK_COLLECT_BY_PHONE).getId(), contact("REACHED", "借款人称资金周转困难"));
    scenario.closeAt(15);
    completeAs(CUSTOMER_MANAGER, scenario.task(TASK_VISIT_BORROWER).getId(), contact("MET_BORROWER", "工厂停工, 设备仍在"));
    scenario.closeAt(30);
    completeAs(TEAM_LEAD, scenario.task(TASK_SUPERVISE_OVERDUE_LOAN).getId(), contact("CONTINUE_COLLECTION", "继续催收"));
    scenario.closeAt(90);
    return scenario;
  }

  private void propose(CollectionScenario scenario, String kind) {
    completeAs(COLLECTOR, scenario.task(TASK_PROPOSE_DISPOSAL).getId(),
        Map.of(DisposalProposalTaskListener.KIND, kind, DisposalProposalTaskListener.REASON, "逾期90天, 多次催收无果"));
  }

  private void approve(CollectionScenario scenario) {
    completeAs(SECOND_COLLECTOR, scenario.task(TASK_APPROVE_DISPOSAL).getId(),
        Map.of(DisposalApprovalTaskListener.DECISION, "APPROVE", DisposalApprovalTaskListener.COMMENT, "同意"));
    scenario.runCaseJobs();
  }

  // --- the ladder ------------------------------------------------------------------------------

  @Test
  void theFirstOverdueDayOpensACaseThatMailsTheBorrowerAndTheThirdBringsAPhoneCall() {
    CollectionScenario scenario = scenario().closeAt(1);

    ProcessInstance instance = scenario.caseInstance();
    assertThat(instance).hasPassed(TASK_SEND_OVERDUE_REMINDER).isWaitingAt(EVENT_REVIEW_DUE);
    assertThat(TakenSequenceFlows.of(instance.getId())).contains(Flows.NEXT_ACTION_REMINDER);
    List<MimeMessage> mails = mailsTo(emailOf(scenario));
    assertThat(mails).hasSize(1);
    assertThat(subjectOf(mails.get(0))).contains("逾期还款提醒", scenario.loanId());
    assertThat(bodyOf(mails.get(0))).contains("已逾期 1 天", "8532.47", "上浮 50%");
    CollectionCase opened = cases.openCase(scenario.loanId()).orElseThrow();
    assertThat(opened.ladderStep()).isEqualTo(1);
    assertThat(opened.processInstanceId()).isEqualTo(instance.getId());
    assertThat(runtimeService.getVariable(instance.getId(), CollectionProcess.Variables.BRANCH_CODE.name())).isEqualTo("ZY001");

    scenario.closeAt(2);
    assertThat(instance).isWaitingAt(EVENT_REVIEW_DUE);
    assertThat(mailsTo(emailOf(scenario))).hasSize(1);

    scenario.closeAt(3);
    Task call = scenario.task(TASK_COLLECT_BY_PHONE);
    assertThat(call).hasCandidateGroup("remote-banking");
    assertThat(call.getName()).isEqualTo("电话催收");
    Map<String, Object> shown = taskService.getVariablesLocal(call.getId());
    assertThat(shown.keySet()).containsAll(CollectionFormValues.NAMES);
    assertThat((String) shown.get("contactHistoryText")).contains("逾期提醒邮件", "已发送提醒");
    assertThat((String) shown.get("actionReason")).contains("逾期已达3天");
    assertThat(shown.get("daysPastDue")).isEqualTo("3");
  }

  @Test
  void withoutPromisesTheCaseClimbsFromPhoneToFieldVisitToTeamLeadToAProposalAtNinetyDays() {
    CollectionScenario scenario = scenario().closeAt(1).closeAt(3);
    completeAs(REMOTE_VERIFIER, scenario.task(TASK_COLLECT_BY_PHONE).getId(), contact("REFUSED", "借款人拒绝还款"));
    scenario.closeAt(14);
    assertThat(scenario.caseInstance()).isWaitingAt(EVENT_REVIEW_DUE);

    scenario.closeAt(15);
    Task visit = scenario.task(TASK_VISIT_BORROWER);
    assertThat(visit).hasCandidateGroup("ZY001-customer-managers");
    assertThat((String) taskService.getVariableLocal(visit.getId(), "contactHistoryText")).contains("电话催收", "拒绝还款",
        "借款人拒绝还款", REMOTE_VERIFIER);
    completeAs(CUSTOMER_MANAGER, visit.getId(), contact("NOT_FOUND", "经营场所已关门"));

    scenario.closeAt(30);
    Task supervise = scenario.task(TASK_SUPERVISE_OVERDUE_LOAN);
    assertThat(supervise).hasCandidateGroup("ZY001-leads");
    assertThat(taskService.createTaskQuery().taskId(supervise.getId()).taskCandidateUser(TEAM_LEAD).count())
        .as("the lead of the loan's branch").isEqualTo(1);
    assertThat(taskService.createTaskQuery().taskId(supervise.getId()).taskCandidateUser("zy002-lead").count())
        .as("another branch's lead").isZero();
    completeAs(TEAM_LEAD, supervise.getId(), contact("CONTINUE_COLLECTION", "继续催收"));

    scenario.closeAt(90);
    Task proposal = scenario.task(TASK_PROPOSE_DISPOSAL);
    assertThat(proposal).hasCandidateGroup("collections");
    assertThat((String) taskService.getVariableLocal(proposal.getId(), "contactHistoryText"))
        .contains("电话催收", "上门催收", "主管督办", "未找到借款人");
    assertThat(TakenSequenceFlows.of(scenario.caseInstance().getId())).contains(Flows.NEXT_ACTION_REMINDER,
        Flows.NEXT_ACTION_PHONE, Flows.NEXT_ACTION_FIELD_VISIT, Flows.NEXT_ACTION_ESCALATION,
        Flows.NEXT_ACTION_DISPOSAL, Flows.NEXT_ACTION_WAIT);
  }

  /**
   * Three contacts of 1,900 characters each: the engine keeps a string variable in 4,000 characters, so a 联系记录
   * with all of them in full would make the next task's creation fail. Each task shows the newest contacts in full
   * and says how many earlier ones it leaves out.
   */
  @Test
  void longContactNotesNeverKeepTheNextTaskFromBeingCreated() {
    String phone = "电话" + "甲".repeat(1898);
    String visit = "上门" + "乙".repeat(1898);
    String lead = "督办" + "丙".repeat(1898);
    CollectionScenario scenario = scenario().closeAt(1).closeAt(3);
    completeAs(REMOTE_VERIFIER, scenario.task(TASK_COLLECT_BY_PHONE).getId(), contact("REFUSED", phone));
    scenario.closeAt(15);
    completeAs(CUSTOMER_MANAGER, scenario.task(TASK_VISIT_BORROWER).getId(), contact("NOT_FOUND", visit));

    scenario.closeAt(30);
    Task supervise = scenario.task(TASK_SUPERVISE_OVERDUE_LOAN);
    String supervised = (String) taskService.getVariableLocal(supervise.getId(), "contactHistoryText");
    completeAs(TEAM_LEAD, supervise.getId(), contact("CONTINUE_COLLECTION", lead));
    scenario.closeAt(90);

    Task proposal = scenario.task(TASK_PROPOSE_DISPOSAL);
    assertThat((String) taskService.getVariableLocal(proposal.getId(), "contactHistoryText")).hasSizeLessThanOrEqualTo(3800)
        .startsWith("更早的 3 条联系记录未显示").contains("| 继续催收 | team-lead | " + lead + " |").doesNotContain("乙");
    assertThat(supervised).hasSizeLessThanOrEqualTo(3800).startsWith("更早的 2 条联系记录未显示")
        .contains("| 未找到借款人 | zy001-cm | " + visit + " |").doesNotContain("甲");
  }

  @Test
  void aWrongNumberSendsTheCustomerManagerAtTheNextClose() {
    CollectionScenario scenario = scenario().closeAt(3);
    completeAs(REMOTE_VERIFIER, scenario.task(TASK_COLLECT_BY_PHONE).getId(), contact("WRONG_NUMBER", "空号"));

    scenario.closeAt(4);

    assertThat(scenario.task(TASK_VISIT_BORROWER)).isNotNull();
  }

  /**
   * The channel reads the borrower's loan in collection (GET /api/loans/{loanId}): the case is open (催收中), and not
   * staff's task names (电话催收), the ladder's rung, or the reason and user id of a risk review. Staff read all of it.
   * Before, the channel got the collection case's open task names and every classification change's reason.
   */
  @Test
  void theChannelReadsTheLoanInCollectionWithoutStaffsTasksRungOrReviewReasons() {
    CollectionScenario scenario = scenario().closeAt(1).closeAt(3);
    assertThat(scenario.task(TASK_COLLECT_BY_PHONE)).isNotNull();
    loans.applyRiskReview(new com.smeloanflow.servicing.RiskReview(scenario.loanId(),
        com.smeloanflow.servicing.Classification.SUBSTANDARD, scenario.businessDate(), "实地检查: 工厂停工, 实际控制人失联",
        REMOTE_VERIFIER));

    Response staff = api.get("/api/loans/" + scenario.loanId(), "admin");
    Response channel = api.get("/api/loans/" + scenario.loanId(), CHANNEL);

    assertThat(staff.status()).as(staff.toString()).isEqualTo(200);
    assertThat(texts(staff.json().path("collectionCase").path("openTasks"))).containsExactly("电话催收");
    assertThat(staff.json().path("classificationHistory").toString()).contains("实际控制人失联").contains(REMOTE_VERIFIER);
    assertThat(channel.status()).as(channel.toString()).isEqualTo(200);
    JsonNode told = channel.json();
    assertThat(told.path("collectionCase").path("statusLabel").asText()).isEqualTo("催收中");
    assertThat(texts(told.path("collectionCase").path("openTasks"))).isEmpty();
    assertThat(told.path("collectionCase").has("ladderLabel")).as("the rung is staff's: %s", told).isFalse();
    assertThat(told.path("classificationHistory").toString()).doesNotContain("实际控制人失联").doesNotContain(REMOTE_VERIFIER);
    assertThat(told.toString()).doesNotContain("电话催收");
  }

  private static List<String> texts(JsonNode array) {
    return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }

  // --- promises to pay ----------------------------------------------------------------------------

  @Test
  void aKeptPromisePausesTheLadderAndIsFollowedUpOnTheSameRung() {
    CollectionScenario scenario = scenario().closeAt(1).closeAt(3);
    completeAs(REMOTE_VERIFIER, scenario.task(TASK_COLLECT_BY_PHONE).getId(), promise(scenario, "3000.00", 10));

    scenario.closeAt(12);  // the promise runs until day 13 + 3 grace days: no field visit at day 15 yet
    scenario.repay(new BigDecimal("3000.00"));
    scenario.closeAt(15);

    Task followUp = scenario.task(TASK_COLLECT_BY_PHONE);
    assertThat(scenario.openTasks()).extracting(Task::getTaskDefinitionKey).containsExactly(TASK_COLLECT_BY_PHONE);
    assertThat((String) taskService.getVariableLocal(followUp.getId(), "promisesText")).contains("3000.00", "已兑现")
        .contains("| " + ChineseDates.day(scenario.businessDate().minusDays(12)) + " | 3000.00 | "
            + ChineseDates.day(scenario.businessDate().minusDays(2)) + " | " + ChineseDates.day(scenario.businessDate().plusDays(1)) + " | ");
    assertThat((String) taskService.getVariableLocal(followUp.getId(), "promiseRule"))
        .startsWith("承诺还款日期须在" + ChineseDates.day(scenario.businessDate()) + "起 ");
    assertThat((String) taskService.getVariableLocal(followUp.getId(), "actionReason")).contains("承诺已兑现");
    completeAs(REMOTE_VERIFIER, followUp.getId(), contact("REACHED", "余款下月还"));

    scenario.closeAt(16);
    assertThat(scenario.task(TASK_VISIT_BORROWER)).isNotNull();
  }

  @Test
  void anOpenPromiseHoldsTheLadderUntilItsDateAndGraceDays() {
    CollectionScenario scenario = scenario().closeAt(3);
    completeAs(REMOTE_VERIFIER, scenario.task(TASK_COLLECT_BY_PHONE).getId(), promise(scenario, "1000.00", 14));

    scenario.closeAt(15).closeAt(20);  // promised for day 17, grace until day 20

    assertThat(scenario.openTasks()).isEmpty();
    assertThat(scenario.caseInstance()).isWaitingAt(EVENT_REVIEW_DUE);
  }

  @Test
  void aBrokenPromiseResumesTheLadderOneStepUp() {
    CollectionScenario scenario = scenario().closeAt(3);
    completeAs(REMOTE_VERIFIER, scenario.task(TASK_COLLECT_BY_PHONE).getId(), promise(scenario, "2000.00", 2));
    scenario.repay(new BigDecimal("500.00"));  // less than promised

    scenario.closeAt(8);  // promised for day 5, grace until day 8: still open
    assertThat(scenario.openTasks()).isEmpty();
    scenario.closeAt(9);  // broken: one step up, before day 15

    Task visit = scenario.task(TASK_VISIT_BORROWER);
    assertThat((String) taskService.getVariableLocal(visit.getId(), "promisesText")).contains("2000.00", "已违约", "500.00");
    assertThat((String) taskService.getVariableLocal(visit.getId(), "actionReason")).contains("承诺未兑现");
  }

  /**
   * A promise still running when the borrower clears the arrears is judged at the close, as a review would: the
   * repayments received since it cover it, so it is kept (已兑现), not shown 履约期内 for ever on the closed case.
   */
  @Test
  void aPromiseRunningWhenTheArrearsAreClearedIsKeptAtTheClose() {
    CollectionScenario scenario = scenario().closeAt(3);
    completeAs(REMOTE_VERIFIER, scenario.task(TASK_COLLECT_BY_PHONE).getId(), promise(scenario, "1000.00", 14));
    scenario.closeAt(5);  // promised for day 17: running

    scenario.repay(scenario.arrears());

    assertThat(scenario.caseRunning()).isFalse();
    assertThat(cases.caseFile(scenario.loanId()).promises()).singleElement()
        .satisfies(p -> assertThat(p.status()).isEqualTo(PromiseStatus.KEPT));
    assertThat((String) formValues.of(scenario.loanId()).get("promisesText")).contains("1000.00", "已兑现")
        .doesNotContain("履约期内");
  }

  /**
   * The borrower paid the instalment on its due date, but core banking reports it days later: meanwhile the collector
   * took a promise for the arrears with their penalty interest. Applied as of its value date, the repayment owes no
   * penalty and clears the arrears with less than was promised, before the promised date: the promise is closed with
   * the case, with what was received towards it, and says what happened, 逾期欠款已还清, 案件已结清: never 未兑现, as the
   * borrower paid everything overdue, nor 已兑现, as the amount promised was not reached.
   */
  @Test
  void aPromiseStillRunningWhenARepaymentOnTimeClearsTheArrearsIsClosedWithTheCase() {
    CollectionScenario scenario = scenario().closeAt(3);
    String promised = scenario.arrears().toPlainString();  // the instalment and the penalty interest charged so far
    completeAs(REMOTE_VERIFIER, scenario.task(TASK_COLLECT_BY_PHONE).getId(), promise(scenario, promised, 14));
    scenario.closeAt(5);  // promised for day 17: running

    scenario.repay(new BigDecimal("8530.99"), scenario.dayOf(1));

    assertThat(scenario.caseRunning()).isFalse();
    assertThat(cases.casesOf(scenario.loanId()).get(0).status()).isEqualTo(CollectionCase.CURED);
    assertThat(cases.caseFile(scenario.loanId()).promises()).singleElement().satisfies(p -> {
      assertThat(p.status()).isEqualTo(PromiseStatus.CLEARED);
      assertThat(p.receivedAmount()).isEqualByComparingTo("8530.99");
      assertThat(p.resolvedOn()).as("closed by the cure, as of the case's business date").isEqualTo(scenario.dayOf(5));
    });
    assertThat((String) formValues.of(scenario.loanId()).get("promisesText"))
        .contains("| " + promised + " | " + ChineseDates.day(scenario.dayOf(17)) + " | ", "| 逾期欠款已还清, 案件已结清 | 8530.99 |")
        .doesNotContain("未兑现", "履约期内", "已兑现", "已违约");
  }

  /**
   * The borrower settles the loan while a promise runs: core banking reports the payoff, which clears the arrears, so the
   * case closes at once (逾期欠款已结清) and the next daily close settles the loan (结清). The promise is judged with what
   * was received since it was made, the whole payoff, more than promised: 已兑现 with that amount, as the form and the
   * staff view show it, never 逾期欠款已还清 beside 0.00 nor 履约期内; the settlement leaves the closed case as it was.
   */
  @Test
  void aPromiseStillRunningWhenTheBorrowerSettlesTheLoanIsKeptWithThePayoffReceived() {
    CollectionScenario scenario = scenario().closeAt(3);
    completeAs(REMOTE_VERIFIER, scenario.task(TASK_COLLECT_BY_PHONE).getId(), promise(scenario, "1000.00", 14));
    scenario.closeAt(5);  // promised for day 17: running

    BigDecimal payoff = repayments.payoffAmount(scenario.loanId(), scenario.businessDate().plusDays(1));
    String transaction = scenario.repay(payoff);
    scenario.closeAt(6);

    assertThat(loans.find(scenario.loanId()).orElseThrow().status()).isEqualTo(LoanAccount.SETTLED);
    assertThat(scenario.caseRunning()).isFalse();
    CollectionCase closed = cases.casesOf(scenario.loanId()).get(0);
    assertThat(closed.status()).isEqualTo(CollectionCase.CURED);
    assertThat(closed.closedOn()).isEqualTo(scenario.dayOf(5));
    assertThat(closed.closeReason()).as("closed by the payoff, not again by the settlement")
        .startsWith("逾期欠款已结清 (交易 " + transaction + ")").doesNotContain("贷款已结清");
    assertThat(cases.caseFile(scenario.loanId()).promises()).singleElement().satisfies(p -> {
      assertThat(p.status()).isEqualTo(PromiseStatus.KEPT);
      assertThat(p.receivedAmount()).isEqualByComparingTo(payoff);
      assertThat(p.resolvedOn()).isEqualTo(scenario.dayOf(5));
    });
    assertThat((String) formValues.of(scenario.loanId()).get("promisesText"))
        .contains("| 1000.00 | " + ChineseDates.day(scenario.dayOf(17)) + " | ", "| 已兑现 | " + payoff.toPlainString() + " |")
        .doesNotContain("逾期欠款已还清", "未兑现", "履约期内", "| 0.00 |");
    Response staffView = api.get("/api/loans/" + scenario.loanId() + "/collection-cases", COLLECTOR);
    assertThat(staffView.status()).as(staffView.toString()).isEqualTo(200);
    assertThat(staffView.json().get(0).path("promises").get(0).path("statusLabel").asText()).isEqualTo("已兑现");
    assertThat(staffView.json().get(0).path("promises").get(0).path("receivedAmount").decimalValue())
        .isEqualByComparingTo(payoff);
  }

  /**
   * A write-off proposed, then a promise of 5,000.00 in ten days taken all the same (no collection form records a contact
   * from that step on; a caller of the case service can), then {@code repaid} reported a minute later.
   */
  private CollectionScenario writeOffProposedWithAPromiseOf5000Repaid(BigDecimal repaid) {
    CollectionScenario scenario = atProposal();
    propose(scenario, "WRITE_OFF");
    transaction().executeWithoutResult(tx -> cases.recordContact(new RecordContact(scenario.loanId(), ContactChannel.PHONE,
        ContactOutcome.PROMISE_TO_PAY, "借款人承诺十日内还款", new BigDecimal("5000.00"), scenario.businessDate().plusDays(10),
        REMOTE_VERIFIER)));
    moveClockBy(Duration.ofMinutes(1));  // reported after the promise was made
    scenario.repay(repaid);
    return scenario;
  }

  /**
   * A promise taken after the write-off was proposed (no collection form records a contact from that step on; a caller
   * of the case service can) is still running when the write-off is approved: closed with the case, 未兑现, 案件已核销,
   * with what was received towards it, not shown 履约期内 on the closed case.
   */
  @Test
  void aPromiseStillRunningWhenTheLoanIsWrittenOffIsClosedWithTheCase() {
    CollectionScenario scenario = writeOffProposedWithAPromiseOf5000Repaid(new BigDecimal("1200.00"));
    ProcessInstance instance = scenario.caseInstance();

    approve(scenario);

    assertThat(instance).as("approved in Tasklist, written off by the process's 核销贷款")
        .hasPassed(TASK_APPROVE_DISPOSAL, GATEWAY_DISPOSAL_TYPE, TASK_WRITE_OFF_LOAN, END_LOAN_WRITTEN_OFF).isEnded();
    assertThat(TakenSequenceFlows.of(instance.getId())).contains(Flows.DISPOSAL_APPROVED, Flows.DISPOSAL_WRITE_OFF);
    assertThat(cases.casesOf(scenario.loanId()).get(0).status()).isEqualTo(CollectionCase.WRITTEN_OFF);
    assertThat(cases.caseFile(scenario.loanId()).promises()).singleElement().satisfies(p -> {
      assertThat(p.status()).isEqualTo(PromiseStatus.WRITTENOFF);
      assertThat(p.receivedAmount()).isEqualByComparingTo("1200.00");
    });
    assertThat((String) formValues.of(scenario.loanId()).get("promisesText"))
        .contains("| 5000.00 | " + ChineseDates.day(scenario.businessDate().plusDays(10)) + " | ", "| 未兑现, 案件已核销 | 1200.00 |")
        .doesNotContain("履约期内");
  }

  /**
   * As above, but the borrower paid the promised amount before the write-off was approved: the promise was kept, and is
   * judged so when the write-off closes the case (已兑现, with what was received), not shown 未兑现, 案件已核销.
   */
  @Test
  void aPromiseTheBorrowerCoveredBeforeTheWriteOffIsKeptNotShownUnkept() {
    CollectionScenario scenario = writeOffProposedWithAPromiseOf5000Repaid(new BigDecimal("5000.00"));
    ProcessInstance instance = scenario.caseInstance();

    approve(scenario);

    assertThat(instance).hasPassed(TASK_WRITE_OFF_LOAN, END_LOAN_WRITTEN_OFF).isEnded();
    assertThat(cases.casesOf(scenario.loanId()).get(0).status()).isEqualTo(CollectionCase.WRITTEN_OFF);
    assertThat(cases.caseFile(scenario.loanId()).promises()).singleElement().satisfies(p -> {
      assertThat(p.status()).isEqualTo(PromiseStatus.KEPT);
      assertThat(p.receivedAmount()).isEqualByComparingTo("5000.00");
    });
    assertThat((String) formValues.of(scenario.loanId()).get("promisesText"))
        .contains("| 5000.00 | " + ChineseDates.day(scenario.businessDate().plusDays(10)) + " | ", "| 已兑现 | 5000.00 |")
        .doesNotContain("未兑现", "履约期内");
  }

  @Test
  void aPromiseIsRefusedWithoutAPositiveAmountOrForADatePastOrTooFarAhead() {
    CollectionScenario scenario = scenario().closeAt(3);
    Task call = scenario.task(TASK_COLLECT_BY_PHONE);
    Map<String, Object> noAmount = promise(scenario, "1000.00", 5);
    noAmount.remove(ContactTaskListener.PROMISED_AMOUNT);
    Map<String, Object> tooFar = promise(scenario, "1000.00", 31);
    Map<String, Object> tooMuch = promise(scenario, "99999.00", 5);
    Map<String, Object> past = promise(scenario, "1000.00", -1);
    Map<String, Object> nothing = promise(scenario, "0.00", 5);
    Map<String, Object> negative = promise(scenario, "-1000.00", 5);

    for (Map<String, Object> refused : List.of(noAmount, tooFar, tooMuch, past, nothing, negative)) {
      assertThatThrownBy(() -> completeAs(REMOTE_VERIFIER, call.getId(), refused)).hasMessageContaining("承诺");
    }
    assertThat(cases.caseFile(scenario.loanId()).promises()).as("no promise recorded").isEmpty();
    assertThat(scenario.task(TASK_COLLECT_BY_PHONE).getId()).isEqualTo(call.getId());
    assertThatThrownBy(() -> completeAs(REMOTE_VERIFIER, call.getId(), contact("MET_BORROWER", "电话不会见到人")))
        .hasMessageContaining("电话催收结果");
  }

  // --- disposal ----------------------------------------------------------------------------------

  @Test
  void anApprovedWriteOffTakesTheLoanOffTheBooksAndFeedsTheDefaultDatabaseWithFourEyes(CapturedOutput log) {
    CollectionScenario scenario = atProposal();
    propose(scenario, "WRITE_OFF");
    Task approval = scenario.task(TASK_APPROVE_DISPOSAL);
    assertThat(approval).hasCandidateGroup("collections");
    assertThat((String) taskService.getVariableLocal(approval.getId(), "pendingDisposalText")).contains("核销", COLLECTOR);

    identityService.setAuthentication(COLLECTOR, List.of("collections"));
    try {
      assertThat(taskService.createTaskQuery().taskId(approval.getId()).count()).as("in the proposer's queue").isZero();
      assertThatThrownBy(() -> taskService.claim(approval.getId(), COLLECTOR)).isInstanceOf(AuthorizationException.class)
          .hasMessageContaining("四眼原则");
    } finally {
      identityService.clearAuthentication();
    }
    identityService.setAuthentication("collector2", List.of("collections"));
    try {
      assertThat(taskService.createTaskQuery().taskId(approval.getId()).count()).as("in another collector's queue").isOne();
    } finally {
      identityService.clearAuthentication();
    }
    identityService.setAuthentication("admin", List.of(Groups.CAMUNDA_ADMIN));
    try {
      assertThatThrownBy(() -> taskService.setAssignee(approval.getId(), COLLECTOR))
          .as("even an administrator cannot give it to the proposer")
          .isInstanceOf(AuthorizationException.class).hasMessageContaining("四眼原则");
    } finally {
      identityService.clearAuthentication();
    }
    assertThatThrownBy(() -> completeAs(COLLECTOR, approval.getId(),
        Map.of(DisposalApprovalTaskListener.DECISION, "APPROVE", DisposalApprovalTaskListener.COMMENT, "自己批准")))
        .isInstanceOf(AuthorizationException.class).hasMessageContaining("四眼原则");
    assertThat(api.post("/engine-rest/task/" + approval.getId() + "/claim", COLLECTOR, "{\"userId\": \"collector\"}")
        .status()).isEqualTo(403);
    assertThat(log.getAll()).as("a refused self-approval is the collector's error, not an engine failure")
        .doesNotContain("ENGINE-16004", "ENGINE-03051");
    assertThat(taskService.createTaskQuery().taskId(approval.getId()).singleResult().getAssignee()).isNull();

    approve(scenario);

    assertThat(scenario.caseRunning()).isFalse();
    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(scenario.caseInstanceIds().get(0))
        .activityId(END_LOAN_WRITTEN_OFF).finished().count()).isEqualTo(1);
    assertThat(loans.standing(scenario.loanId()).orElseThrow().status()).isEqualTo(LoanAccount.WRITTEN_OFF);
    assertThat(loans.standing(scenario.loanId()).orElseThrow().writtenOffPrincipal()).isEqualByComparingTo("100000.00");
    CollectionCase closed = cases.casesOf(scenario.loanId()).get(0);
    assertThat(closed.status()).isEqualTo(CollectionCase.WRITTEN_OFF);
    assertThat(closed.closeReason()).contains("账销案存", COLLECTOR, SECOND_COLLECTOR);
    assertThat(defaults.find(scenario.loan().creditCode())).singleElement().satisfies(d -> {
      assertThat(d.status()).isEqualTo(InternalDefaultStatus.WRITTEN_OFF);
      assertThat(d.amount()).isEqualByComparingTo("100000.00");
    });
  }

  // --- approval authority (disposal-approval-authority.dmn) ---------------------------------------

  private static final String COMMITTEE_CHAIR = "committee-chair";

  private static String approveJson(String comment) {
    return "{\"variables\": {\"" + DisposalApprovalTaskListener.DECISION + "\": {\"value\": \"APPROVE\"}, \""
        + DisposalApprovalTaskListener.COMMENT + "\": {\"value\": \"" + comment + "\"}}}";
  }

  @Test
  void aWriteOffOfFiveHundredThousandOrLessIsApprovedByAnotherCollectorAndTheFormSaysWhy() {
    CollectionScenario scenario = atProposal("500000.00");
    propose(scenario, "WRITE_OFF");
    Task approval = scenario.task(TASK_APPROVE_DISPOSAL);

    assertThat(approval).hasCandidateGroup(Groups.COLLECTIONS);
    assertThat(taskService.getIdentityLinksForTask(approval.getId())).extracting(l -> l.getGroupId()).filteredOn(g -> g != null)
        .containsExactly(Groups.COLLECTIONS);
    assertThat((String) taskService.getVariable(approval.getId(), CollectionProcess.Variables.DISPOSAL_AUTHORITY_TEXT.name()))
        .as("审批权限 on the form").contains("资产保全 (collections)", "500000.00", "不超过50万元");
    assertThat(api.post("/engine-rest/task/" + approval.getId() + "/complete", SECOND_COLLECTOR, approveJson("同意核销"))
        .status()).isEqualTo(204);
    scenario.runCaseJobs();

    assertThat(loans.standing(scenario.loanId()).orElseThrow().writtenOffPrincipal()).isEqualByComparingTo("500000.00");
  }

  @Test
  void aWriteOffAboveFiveHundredThousandIsRefusedToCollectorsAndApprovedByTheCommitteeChair() {
    CollectionScenario scenario = atProposal("500000.01");
    propose(scenario, "WRITE_OFF");
    Task approval = scenario.task(TASK_APPROVE_DISPOSAL);

    assertThat(taskService.getIdentityLinksForTask(approval.getId())).extracting(l -> l.getGroupId()).filteredOn(g -> g != null)
        .as("offered to the committee chair only").containsExactly(Groups.CREDIT_COMMITTEE_CHAIR);
    assertThat((String) taskService.getVariable(approval.getId(), CollectionProcess.Variables.DISPOSAL_AUTHORITY_TEXT.name()))
        .as("审批权限 on the form").contains("贷审会主任委员 (credit-committee-chair)", "500000.01", "超过50万元");
    identityService.setAuthentication(SECOND_COLLECTOR, List.of(Groups.COLLECTIONS));
    try {
      assertThat(taskService.createTaskQuery().taskCandidateGroup(Groups.COLLECTIONS).taskId(approval.getId()).count())
          .as("in collections' queue").isZero();
    } finally {
      identityService.clearAuthentication();
    }
    assertThat(api.post("/engine-rest/task/" + approval.getId() + "/claim", SECOND_COLLECTOR, "{\"userId\": \"collector2\"}")
        .status()).as("a collector claims it").isEqualTo(403);
    assertThat(api.post("/engine-rest/task/" + approval.getId() + "/complete", SECOND_COLLECTOR, approveJson("同意核销"))
        .status()).as("a collector approves it").isEqualTo(403);
    assertThat(loans.standing(scenario.loanId()).orElseThrow().status()).isNotEqualTo(LoanAccount.WRITTEN_OFF);

    assertThat(api.post("/engine-rest/task/" + approval.getId() + "/claim", COMMITTEE_CHAIR, "{\"userId\": \"committee-chair\"}")
        .status()).isEqualTo(204);
    assertThat(api.post("/engine-rest/task/" + approval.getId() + "/complete", COMMITTEE_CHAIR, approveJson("同意核销, 账销案存"))
        .status()).isEqualTo(204);
    scenario.runCaseJobs();

    assertThat(loans.standing(scenario.loanId()).orElseThrow().writtenOffPrincipal()).isEqualByComparingTo("500000.01");
    assertThat(cases.casesOf(scenario.loanId()).get(0).closeReason()).contains(COLLECTOR, COMMITTEE_CHAIR);
  }

  /**
   * A case on the version of collection.bpmn before the authority table (its approval offered to collections alone, as
   * every case running when this version was deployed): a write-off above collections' authority is offered to the
   * committee chair too, who approves it; a collector is refused. Before, the task stayed with collections, whose
   * members the kept authority refuses: nobody could approve it.
   */
  @Test
  void aLargeWriteOffOnTheVersionBeforeTheAuthorityTableIsOfferedToTheCommitteeChairToo() throws IOException {
    rollout.deployAsLatest("bpmn/collection.bpmn", "/rollout/collection-before-approval-authority.bpmn");
    CollectionScenario scenario = atProposal("800000.00");
    propose(scenario, "WRITE_OFF");
    Task approval = scenario.task(TASK_APPROVE_DISPOSAL);

    assertThat(taskService.getIdentityLinksForTask(approval.getId())).extracting(l -> l.getGroupId()).filteredOn(g -> g != null)
        .containsExactlyInAnyOrder(Groups.COLLECTIONS, Groups.CREDIT_COMMITTEE_CHAIR);
    Response byACollector = api.post("/engine-rest/task/" + approval.getId() + "/complete", SECOND_COLLECTOR,
        approveJson("同意核销"));
    assertThat(byACollector.status()).as("a collector approves it").isEqualTo(403);
    assertThat(byACollector.body()).contains("审批权限: collector2 不属于贷审会主任委员");
    assertThat(api.post("/engine-rest/task/" + approval.getId() + "/claim", COMMITTEE_CHAIR, "{\"userId\": \"committee-chair\"}")
        .status()).isEqualTo(204);
    assertThat(api.post("/engine-rest/task/" + approval.getId() + "/complete", COMMITTEE_CHAIR, approveJson("同意核销, 账销案存"))
        .status()).isEqualTo(204);
    scenario.runCaseJobs();

    assertThat(loans.standing(scenario.loanId()).orElseThrow().writtenOffPrincipal()).isEqualByComparingTo("800000.00");
  }

  /** The proposal's row as V142 left every proposal recorded before it: no approval authority. */
  private void recordedBeforeV142(CollectionScenario scenario) {
    jdbc.sql("UPDATE collection_disposal SET approver_group = NULL, authority_principal = NULL, authority_reason = NULL"
        + " WHERE id = :id").param("id", cases.pendingDisposal(scenario.loanId()).id()).update();
  }

  /**
   * A write-off proposed before V142 on the version of collection.bpmn before the authority table: its row kept no
   * authority (null, as the migration left every row) and its approval is offered to collections alone. Until a start
   * decides its authority, nobody may approve it. The start decides it on the principal outstanding then: above 500,000
   * CNY the committee chair, to whom the task is offered before anyone takes it. A table changed afterwards (the
   * threshold raised to 1,000,000 CNY) does not change it: a collector is still refused, and a second start keeps it.
   * The chair approves. Before, the authority was decided at the first claim or decision, kept after a refusal in a
   * transaction of its own, and decided again by whatever table was deployed when that transaction ran.
   */
  @Test
  void aLargeWriteOffProposedBeforeTheAuthorityWasKeptIsOfferedToTheCommitteeChairAtStart(CapturedOutput log)
      throws IOException {
    rollout.deployAsLatest("bpmn/collection.bpmn", "/rollout/collection-before-approval-authority.bpmn");
    CollectionScenario scenario = atProposal("950000.00");
    propose(scenario, "WRITE_OFF");
    Task approval = scenario.task(TASK_APPROVE_DISPOSAL);
    recordedBeforeV142(scenario);
    taskService.deleteCandidateGroup(approval.getId(), Groups.CREDIT_COMMITTEE_CHAIR);

    Response beforeTheStart = api.post("/engine-rest/task/" + approval.getId() + "/complete", SECOND_COLLECTOR,
        approveJson("同意核销"));
    assertThat(beforeTheStart.status()).as("an approval before a start decided the authority").isEqualTo(400);
    assertThat(beforeTheStart.body()).contains("借据 " + scenario.loanId() + " 的核销 (账销案存)建议尚未确定审批权限");

    assertThat(earlierProposals.keepTheirAuthorities()).as("proposals kept at this start").isOne();
    assertThat(taskService.getIdentityLinksForTask(approval.getId())).extracting(l -> l.getGroupId()).filteredOn(g -> g != null)
        .as("offered to the committee chair").containsExactlyInAnyOrder(Groups.COLLECTIONS, Groups.CREDIT_COMMITTEE_CHAIR);
    assertThat(taskService.createTaskQuery().taskCandidateUser(COMMITTEE_CHAIR).taskId(approval.getId()).count())
        .as("in the committee chair's Tasklist before anyone takes it").isOne();
    assertThat(log.getOut().lines().filter(line -> line.contains("Loan " + scenario.loanId() + ": WRITE_OFF proposed by "
        + COLLECTOR + " before its approval authority was kept"))).as("the decision, logged once").hasSize(1);

    String raised = Files.readString(Path.of("bpmn/disposal-approval-authority.dmn")).replace("&lt;= 500000", "&lt;= 1000000")
        .replace("&gt; 500000", "&gt; 1000000");
    repositoryService.createDeployment().name(rollout.deploymentName())
        .addString("bpmn/disposal-approval-authority.dmn", raised).deploy();
    Response byACollector = api.post("/engine-rest/task/" + approval.getId() + "/complete", SECOND_COLLECTOR,
        approveJson("同意核销"));
    assertThat(byACollector.status()).as("a collector approves it under the raised threshold").isEqualTo(403);
    assertThat(byACollector.body()).contains("审批权限: collector2 不属于贷审会主任委员 (credit-committee-chair)");
    assertThat(earlierProposals.keepTheirAuthorities()).as("proposals kept at the next start").isZero();
    assertThat(loans.standing(scenario.loanId()).orElseThrow().status()).isNotEqualTo(LoanAccount.WRITTEN_OFF);

    assertThat(api.post("/engine-rest/task/" + approval.getId() + "/claim", COMMITTEE_CHAIR, "{\"userId\": \"committee-chair\"}")
        .status()).isEqualTo(204);
    assertThat(api.post("/engine-rest/task/" + approval.getId() + "/complete", COMMITTEE_CHAIR, approveJson("同意核销, 账销案存"))
        .status()).isEqualTo(204);
    scenario.runCaseJobs();

    assertThat(loans.standing(scenario.loanId()).orElseThrow().writtenOffPrincipal()).isEqualByComparingTo("950000.00");
    JsonNode writeOff = api.get("/api/loans/" + scenario.loanId() + "/collection-cases", COLLECTOR).json().get(0)
        .path("disposals").get(0);
    assertThat(writeOff.path("decidedBy").asText()).isEqualTo(COMMITTEE_CHAIR);
    assertThat(writeOff.path("approverGroup").asText()).as("the authority kept").isEqualTo(Groups.CREDIT_COMMITTEE_CHAIR);
    assertThat(writeOff.path("authorityPrincipal").decimalValue()).isEqualByComparingTo("950000.00");
    assertThat(writeOff.path("authorityReason").asText()).contains("超过50万元");
  }

  /**
   * A write-off of 500,000 CNY or less proposed before V142 (no authority on its row): the start keeps collections as
   * its authority, on the principal outstanding then; a collector claims and approves it.
   */
  @Test
  void aSmallWriteOffProposedBeforeTheAuthorityWasKeptKeepsCollectionsAsItsAuthorityAtStart() {
    CollectionScenario scenario = atProposal();
    propose(scenario, "WRITE_OFF");
    Task approval = scenario.task(TASK_APPROVE_DISPOSAL);
    recordedBeforeV142(scenario);

    assertThat(earlierProposals.keepTheirAuthorities()).isOne();
    Disposal kept = cases.pendingDisposal(scenario.loanId());
    assertThat(kept.approverGroup()).as("kept at the start").isEqualTo(Groups.COLLECTIONS);
    assertThat(kept.authorityPrincipal()).isEqualByComparingTo("100000.00");
    assertThat(kept.authorityReason()).contains("不超过50万元");
    assertThat(api.post("/engine-rest/task/" + approval.getId() + "/claim", SECOND_COLLECTOR, "{\"userId\": \"collector2\"}")
        .status()).isEqualTo(204);
    assertThat(api.post("/engine-rest/task/" + approval.getId() + "/complete", SECOND_COLLECTOR, approveJson("同意核销"))
        .status()).isEqualTo(204);
    scenario.runCaseJobs();

    assertThat(loans.standing(scenario.loanId()).orElseThrow().writtenOffPrincipal()).isEqualByComparingTo("100000.00");
    assertThat(cases.casesOf(scenario.loanId()).get(0).closeReason()).contains("审批权限: 资产保全 (collections)");
  }

  @Test
  void aLargeWriteOffKeepsWhoWasEntitledToApproveItOnTheCaseForTheAudit() {
    CollectionScenario scenario = atProposal("800000.00");
    propose(scenario, "WRITE_OFF");
    Task approval = scenario.task(TASK_APPROVE_DISPOSAL);
    assertThat(api.post("/engine-rest/task/" + approval.getId() + "/claim", COMMITTEE_CHAIR, "{\"userId\": \"committee-chair\"}")
        .status()).isEqualTo(204);
    assertThat(api.post("/engine-rest/task/" + approval.getId() + "/complete", COMMITTEE_CHAIR, approveJson("同意核销, 账销案存"))
        .status()).isEqualTo(204);
    scenario.runCaseJobs();

    JsonNode theCase = api.get("/api/loans/" + scenario.loanId() + "/collection-cases", COLLECTOR).json().get(0);
    JsonNode writeOff = theCase.path("disposals").get(0);
    assertThat(writeOff.path("decidedBy").asText()).isEqualTo(COMMITTEE_CHAIR);
    assertThat(writeOff.path("approverGroup").asText()).as("who was entitled to approve it").isEqualTo(Groups.CREDIT_COMMITTEE_CHAIR);
    assertThat(writeOff.path("approverGroupLabel").asText()).isEqualTo("贷审会主任委员");
    assertThat(writeOff.path("authorityPrincipal").decimalValue()).as("on what principal").isEqualByComparingTo("800000.00");
    assertThat(writeOff.path("authorityReason").asText()).contains("超过50万元");
    assertThat(theCase.path("closeReason").asText()).contains("审批: " + COMMITTEE_CHAIR,
        "审批权限: 贷审会主任委员 (credit-committee-chair)");
  }

  @Test
  void anAdministratorOutsideTheApproverGroupCannotApproveALargeWriteOff() {
    CollectionScenario scenario = atProposal("800000.00");
    propose(scenario, "WRITE_OFF");
    Task approval = scenario.task(TASK_APPROVE_DISPOSAL);

    assertThat(api.post("/engine-rest/task/" + approval.getId() + "/complete", "admin", approveJson("管理员代批"))
        .status()).as("an administrator, not the committee chair, approves it").isEqualTo(403);
    assertThat(loans.standing(scenario.loanId()).orElseThrow().status()).isNotEqualTo(LoanAccount.WRITTEN_OFF);
    assertThat(cases.pendingDisposal(scenario.loanId()).pending()).as("still waiting for the committee chair").isTrue();
  }

  @Test
  void aProposerWhoIsAlsoTheCommitteeChairCannotApproveTheirOwnLargeWriteOff() {
    String both = "collector-chair-" + System.nanoTime();
    User user = identityService.newUser(both);
    user.setPassword("demo");
    identityService.saveUser(user);
    identityService.createMembership(both, Groups.COLLECTIONS);
    identityService.createMembership(both, Groups.CREDIT_COMMITTEE_CHAIR);
    try {
      CollectionScenario scenario = atProposal("800000.00");
      completeAs(both, scenario.task(TASK_PROPOSE_DISPOSAL).getId(),
          Map.of(DisposalProposalTaskListener.KIND, "WRITE_OFF", DisposalProposalTaskListener.REASON, "借款企业已停业"));
      Task approval = scenario.task(TASK_APPROVE_DISPOSAL);
      assertThat(approval).hasCandidateGroup(Groups.CREDIT_COMMITTEE_CHAIR);

      identityService.setAuthentication(both, List.of(Groups.COLLECTIONS, Groups.CREDIT_COMMITTEE_CHAIR));
      try {
        assertThat(taskService.createTaskQuery().taskId(approval.getId()).count()).as("in the proposer's queue").isZero();
        assertThatThrownBy(() -> taskService.claim(approval.getId(), both)).isInstanceOf(AuthorizationException.class)
            .hasMessageContaining("四眼原则");
      } finally {
        identityService.clearAuthentication();
      }
      assertThatThrownBy(() -> completeAs(both, approval.getId(),
          Map.of(DisposalApprovalTaskListener.DECISION, "APPROVE", DisposalApprovalTaskListener.COMMENT, "自己批准")))
          .isInstanceOf(AuthorizationException.class).hasMessageContaining("四眼原则");
      assertThat(loans.standing(scenario.loanId()).orElseThrow().status()).isNotEqualTo(LoanAccount.WRITTEN_OFF);
    } finally {
      identityService.deleteUser(both);
    }
  }

  @Test
  void moneyReceivedAfterTheWriteOffIsARecoveryThatReopensNeitherTheLoanNorItsCollectionCase() {
    CollectionScenario scenario = atProposal();
    propose(scenario, "WRITE_OFF");
    approve(scenario);
    LocalDate writtenOffOn = loans.standing(scenario.loanId()).orElseThrow().closedOn();
    WrittenOffClaim claim = repayments.claim(scenario.loanId()).orElseThrow();
    int mails = mailsTo(emailOf(scenario)).size();

    String recovery = scenario.repay(new BigDecimal("5000.00"));
    scenario.closeOn(writtenOffOn.plusDays(1));

    assertThat(claim.principal()).isEqualByComparingTo("100000.00");
    assertThat(claim.interest()).as("the interest of the instalments due and unpaid at the write-off").isPositive();
    assertThat(claim.penalty()).as("the penalty interest the closes accrued until then").isPositive();
    assertThat(repayments.find(recovery).orElseThrow().recovery()).isTrue();
    WrittenOffClaim after = repayments.claim(scenario.loanId()).orElseThrow();
    assertThat(after.recoveredPrincipal()).as("the principal written off is recovered first").isEqualByComparingTo("5000.00");
    assertThat(after.remaining()).isEqualByComparingTo(claim.claim().subtract(new BigDecimal("5000.00")));
    assertThat(loans.standing(scenario.loanId()).orElseThrow().status()).isEqualTo(LoanAccount.WRITTEN_OFF);
    assertThat(scenario.caseRunning()).as("no collection process").isFalse();
    assertThat(scenario.caseInstanceIds()).as("no new case").hasSize(1);
    assertThat(cases.casesOf(scenario.loanId())).singleElement()
        .satisfies(c -> assertThat(c.status()).isEqualTo(CollectionCase.WRITTEN_OFF));
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(scenario.loanId()).count())
        .as("neither collections nor post-loan monitoring runs again").isZero();
    assertThat(mailsTo(emailOf(scenario))).as("a partial payment mails nothing").hasSize(mails);
    assertThat(defaults.find(scenario.loan().creditCode())).singleElement()
        .satisfies(d -> assertThat(d.status()).isEqualTo(InternalDefaultStatus.WRITTEN_OFF));
  }

  @Test
  void aRejectedProposalGoesBackToCollectionsForANewOne() {
    CollectionScenario scenario = atProposal();
    propose(scenario, "WRITE_OFF");

    completeAs(SECOND_COLLECTOR, scenario.task(TASK_APPROVE_DISPOSAL).getId(),
        Map.of(DisposalApprovalTaskListener.DECISION, "REJECT", DisposalApprovalTaskListener.COMMENT, "抵押物尚可处置, 先起诉"));

    Task again = scenario.task(TASK_PROPOSE_DISPOSAL);
    assertThat((String) taskService.getVariableLocal(again.getId(), "disposalsText")).contains("驳回", "先起诉");
    assertThat(TakenSequenceFlows.of(scenario.caseInstance().getId())).contains(Flows.DISPOSAL_REJECTED);
    assertThatThrownBy(() -> completeAs(SECOND_COLLECTOR, again.getId(),
        Map.of(DisposalProposalTaskListener.KIND, "LEGAL_ACTION"))).hasMessageContaining("处置理由");
  }

  @Test
  void anApprovedLegalActionIsFollowedUpEveryThirtyDaysUntilAWriteOffIsProposed() {
    CollectionScenario scenario = atProposal();
    propose(scenario, "LEGAL_ACTION");
    approve(scenario);

    Task followUp = scenario.task(TASK_FOLLOW_UP_LEGAL_ACTION);
    assertThat(cases.openCase(scenario.loanId()).orElseThrow().status()).isEqualTo(CollectionCase.LEGAL_ACTION);
    completeAs(COLLECTOR, followUp.getId(),
        Map.of(LegalFollowUpTaskListener.PROGRESS, "CONTINUE", LegalFollowUpTaskListener.NOTES, "已立案, 案号(2000)黔0303民初123号"));
    ProcessInstance instance = scenario.caseInstance();
    assertThat(instance).isWaitingAt(TIMER_NEXT_LEGAL_REVIEW);
    scenario.closeAt(91);
    assertThat(instance).isWaitingAt(TIMER_NEXT_LEGAL_REVIEW);

    moveClockBy(Duration.ofDays(30).plusMinutes(1));
    scenario.runCaseJobs();

    Task second = scenario.task(TASK_FOLLOW_UP_LEGAL_ACTION);
    assertThat((String) taskService.getVariableLocal(second.getId(), "contactHistoryText")).contains("诉讼跟进", "已立案");
    completeAs(COLLECTOR, second.getId(),
        Map.of(LegalFollowUpTaskListener.PROGRESS, "PROPOSE_WRITE_OFF", LegalFollowUpTaskListener.NOTES, "终结本次执行"));
    assertThat(scenario.task(TASK_PROPOSE_DISPOSAL)).isNotNull();
    assertThat(TakenSequenceFlows.of(instance.getId())).contains(Flows.DISPOSAL_APPROVED, Flows.DISPOSAL_LEGAL,
        Flows.LEGAL_CONTINUE, Flows.LEGAL_PROPOSE_WRITE_OFF);
    propose(scenario, "WRITE_OFF");
    approve(scenario);
    assertThat(loans.standing(scenario.loanId()).orElseThrow().status()).isEqualTo(LoanAccount.WRITTEN_OFF);
    assertThat(TakenSequenceFlows.of(instance.getId())).contains(Flows.DISPOSAL_WRITE_OFF);
  }

  // --- cure --------------------------------------------------------------------------------------

  /** Where a case can be when the borrower clears the arrears. */
  enum Step { AFTER_REMINDER, PHONE, FIELD_VISIT, TEAM_LEAD, PROPOSAL, APPROVAL, LEGAL_FOLLOW_UP, LEGAL_TIMER }

  @ParameterizedTest
  @EnumSource(Step.class)
  void aRepaymentClearingTheArrearsEndsTheCaseWhereverItIsAndMailsTheBorrower(Step step) {
    CollectionScenario scenario = reach(step);
    String instanceId = scenario.caseInstance().getId();

    String transaction = scenario.repay(scenario.arrears());

    assertThat(scenario.caseRunning()).isFalse();
    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(instanceId)
        .activityId(END_ARREARS_CLEARED).finished().count()).isEqualTo(1);
    assertThat(taskService.createTaskQuery().processInstanceId(instanceId).count()).isZero();
    assertThat(managementService.createJobQuery().processInstanceId(instanceId).count()).isZero();
    CollectionCase cured = cases.casesOf(scenario.loanId()).get(0);
    assertThat(cured.status()).isEqualTo(CollectionCase.CURED);
    assertThat(cured.closeReason()).contains(transaction);
    assertThat(cases.openCase(scenario.loanId())).isEmpty();
    List<MimeMessage> cureMails = mailsTo(emailOf(scenario)).stream().filter(m -> subjectOf(m).contains("逾期款项已结清")).toList();
    assertThat(cureMails).singleElement().satisfies(m -> assertThat(bodyOf(m)).contains(transaction, scenario.loanId())
        .contains("尚欠本金", "请继续按期足额还款"));
  }

  private CollectionScenario reach(Step step) {
    if (step == Step.AFTER_REMINDER) {
      return scenario().closeAt(1);
    }
    if (step == Step.PHONE) {
      return scenario().closeAt(3);
    }
    if (step == Step.FIELD_VISIT) {
      return scenario().closeAt(15);
    }
    if (step == Step.TEAM_LEAD) {
      return scenario().closeAt(30);
    }
    CollectionScenario scenario = scenario().closeAt(90);
    if (step == Step.PROPOSAL) {
      return scenario;
    }
    propose(scenario, "LEGAL_ACTION");
    if (step == Step.APPROVAL) {
      return scenario;
    }
    approve(scenario);
    if (step == Step.LEGAL_FOLLOW_UP) {
      return scenario;
    }
    completeAs(COLLECTOR, scenario.task(TASK_FOLLOW_UP_LEGAL_ACTION).getId(),
        Map.of(LegalFollowUpTaskListener.PROGRESS, "CONTINUE", LegalFollowUpTaskListener.NOTES, "诉讼中"));
    assertThat(scenario.caseInstance()).isWaitingAt(TIMER_NEXT_LEGAL_REVIEW);
    return scenario;
  }

  @Test
  void aRepaymentClearingTheArrearsBeforeTheCaseProcessStartedClosesTheCaseAsSoonAsItStarts() {
    CollectionScenario scenario = scenario().closeAtBeforeProcessesStart(1);
    assertThat(cases.openCase(scenario.loanId()).orElseThrow().processInstanceId()).isNull();

    String transaction = scenario.repay(scenario.arrears());
    assertThat(scenario.caseInstanceIds()).isEmpty();
    startCollectionProcesses();
    scenario.runCaseJobs();

    assertThat(scenario.caseInstanceIds()).hasSize(1);
    assertThat(scenario.caseRunning()).isFalse();
    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(scenario.caseInstanceIds().get(0))
        .activityId(END_ARREARS_CLEARED).finished().count()).isEqualTo(1);
    CollectionCase cured = cases.casesOf(scenario.loanId()).get(0);
    assertThat(cured.status()).isEqualTo(CollectionCase.CURED);
    assertThat(cured.closeReason()).contains(transaction);
    assertThat(mailsTo(emailOf(scenario)).stream().map(CollectionProcessTest::subjectOf))
        .noneMatch(subject -> subject.contains("逾期还款提醒"))
        .anyMatch(subject -> subject.contains("逾期款项已结清"));
  }

  /**
   * Paid on the due date D and fed in by core banking after D's close: the close saw the instalment unpaid and opened a
   * case, but the loan was never overdue. The repayment, applied as of its value date, owes no penalty interest and
   * clears the arrears: the case ends as cured when its process starts, before any reminder, and the borrower, who
   * paid on time and was told nothing of an overdue, is not told the arrears are cleared either.
   */
  @Test
  void aRepaymentOnTheDueDateReportedAfterItsCloseCuresTheCaseThatCloseOpened() {
    CollectionScenario scenario = scenario().closeAtBeforeProcessesStart(1);
    assertThat(cases.openCase(scenario.loanId())).isPresent();

    String transaction = scenario.repay(new BigDecimal("8530.99"), scenario.dayOf(1));
    startCollectionProcesses();
    scenario.runCaseJobs();

    assertThat(scenario.arrears()).isEqualByComparingTo("0");
    assertThat(scenario.caseRunning()).isFalse();
    assertThat(cases.openCase(scenario.loanId())).isEmpty();
    CollectionCase cured = cases.casesOf(scenario.loanId()).get(0);
    assertThat(cured.status()).isEqualTo(CollectionCase.CURED);
    assertThat(cured.closeReason()).contains(transaction);
    assertThat(mailsTo(emailOf(scenario)).stream().map(CollectionProcessTest::subjectOf))
        .noneMatch(subject -> subject.contains("逾期还款提醒"))
        .noneMatch(subject -> subject.contains("逾期款项已结清"))
        .noneMatch(subject -> subject.contains("还款已按时入账"));
  }

  /**
   * As above, but the case's process ran before the repayment was reported and mailed the reminder: the borrower is
   * told the repayment was on time and the reminder may be ignored, not that arrears were cleared and collection ended.
   */
  @Test
  void aRepaymentOnTheDueDateReportedAfterTheReminderTellsTheBorrowerItWasOnTime() {
    CollectionScenario scenario = scenario().closeAt(1);
    assertThat(mailsTo(emailOf(scenario)).stream().map(CollectionProcessTest::subjectOf))
        .anyMatch(subject -> subject.contains("逾期还款提醒"));

    String transaction = scenario.repay(new BigDecimal("8530.99"), scenario.dayOf(1));

    assertThat(scenario.caseRunning()).isFalse();
    assertThat(cases.casesOf(scenario.loanId()).get(0).status()).isEqualTo(CollectionCase.CURED);
    assertThat(mailsTo(emailOf(scenario)).stream().map(CollectionProcessTest::subjectOf))
        .noneMatch(subject -> subject.contains("逾期款项已结清"));
    assertThat(mailsTo(emailOf(scenario))).filteredOn(m -> subjectOf(m).contains("还款已按时入账")).singleElement()
        .satisfies(m -> assertThat(bodyOf(m)).contains(transaction, scenario.loanId(), ChineseDates.day(scenario.dayOf(1)),
            "8530.99", "逾期还款提醒请您忽略").doesNotContain("催收"));
    assertThat(reminderOf(scenario)).as("a reminder sent stays on record as sent").satisfies(reminder -> {
      assertThat(reminder.status()).isEqualTo(MailStatus.SENT);
      assertThat(reminder.withdrawnAt()).isNull();
    });
    assertThat(reminderContact(scenario).resultLabel()).isEqualTo("已发送提醒");
  }

  // --- reminders still in the outbox when the case ends ----------------------------------------

  /**
   * The SMTP server is down when the first overdue day's close mails the reminder: it waits in the outbox. The
   * borrower clears the arrears before it went out: the reminder is withdrawn with the cure, and once the server is
   * back the borrower gets the cure mail only, not a reminder of arrears already paid. A mail of the loan queued by
   * another stage (monitoring's call-in notice) is not the case's and is left alone.
   */
  @Test
  void aReminderStillInTheOutboxWhenTheArrearsAreClearedIsWithdrawnAndOnlyTheCureMailGoesOut() {
    mailServer.stop();
    CollectionScenario scenario = scenario().closeAt(1);
    OutboxMail reminder = reminderOf(scenario);
    assertThat(reminder.status()).as("waiting out the SMTP outage").isEqualTo(MailStatus.PENDING);
    long callIn = transaction().execute(tx -> outbox.enqueue(scenario.loanId(), MailTemplate.LOAN_CALLED_IN));
    MailStatus callInBefore = outbox.get(callIn).status();

    String transaction = scenario.repay(scenario.arrears());

    assertThat(outbox.get(reminder.id())).satisfies(withdrawn -> {
      assertThat(withdrawn.status()).isEqualTo(MailStatus.WITHDRAWN);
      assertThat(withdrawn.withdrawnAt()).isNotNull();
      assertThat(withdrawn.withdrawalReason()).contains("逾期欠款已结清", transaction, "逾期还款提醒不再发送");
    });
    assertThat(outbox.get(callIn).status()).as("not the case's mail").isEqualTo(callInBefore);
    assertThat(cases.casesOf(scenario.loanId()).get(0).closeReason()).contains(transaction, "尚未发出的逾期还款提醒已撤回");
    assertThat(reminderContact(scenario).resultLabel()).as("the case's contact says the borrower was not reminded")
        .isEqualTo("提醒已撤回 (未发出)");
    assertThat((String) formValues.of(scenario.loanId()).get("contactHistoryText"))
        .contains("| 逾期提醒邮件 | 提醒已撤回 (未发出) |").doesNotContain("已发送提醒");
    mailServer.start();
    moveClockBy(Duration.ofMinutes(1).plusSeconds(1)); // the outbox's first back-off
    dispatchMails(scenario.loanId());

    assertThat(mailsTo(emailOf(scenario))).extracting(CollectionProcessTest::subjectOf)
        .noneMatch(subject -> subject.contains("逾期还款提醒"))
        .filteredOn(subject -> !subject.contains("提前收回贷款通知"))
        .singleElement().satisfies(subject -> assertThat(subject).contains("逾期款项已结清"));
    assertThat(outbox.get(reminder.id()).status()).isEqualTo(MailStatus.WITHDRAWN);
    assertThat(outbox.get(callIn).status()).isNotEqualTo(MailStatus.WITHDRAWN);
  }

  /**
   * Paid on the due date, reported after that date's close, and the reminder never left the outbox: the borrower saw
   * no reminder, so, as when the case had sent none, nothing is sent at all — neither the reminder nor 还款已按时入账.
   */
  @Test
  void aRepaymentOnTimeBeforeTheReminderLeftTheOutboxWithdrawsItAndTellsTheBorrowerNothing() {
    mailServer.stop();
    CollectionScenario scenario = scenario().closeAt(1);
    OutboxMail reminder = reminderOf(scenario);

    scenario.repay(new BigDecimal("8530.99"), scenario.dayOf(1));

    assertThat(cases.casesOf(scenario.loanId()).get(0).status()).isEqualTo(CollectionCase.CURED);
    assertThat(outbox.mailsOf(MailCaseType.LOAN, scenario.loanId()))
        .extracting(OutboxMail::id, OutboxMail::template, OutboxMail::status)
        .containsExactly(tuple(reminder.id(), MailTemplate.OVERDUE_REMINDER, MailStatus.WITHDRAWN));
    mailServer.start();
    moveClockBy(Duration.ofMinutes(1).plusSeconds(1));
    dispatchMails(scenario.loanId());
    assertThat(mailsTo(emailOf(scenario))).isEmpty();
  }

  /**
   * The reminder FAILED (every attempt refused) and waits for an operator; the borrower then clears the arrears. The
   * reminder is withdrawn: the operator sees when and why, and a re-queue is refused, so the borrower who has paid is
   * never told they are overdue.
   */
  @Test
  void aFailedReminderWithdrawnAtTheCureIsListedWithItsReasonAndCannotBeRequeued() {
    mailServer.stop();
    CollectionScenario scenario = scenario().closeAt(1);
    long reminder = reminderOf(scenario).id();
    jdbc.sql("UPDATE mail_outbox SET status = 'FAILED', attempts = 24, last_error = 'MailSendException: Connection refused'"
        + " WHERE id = :id").param("id", reminder).update();  // as the dispatcher leaves it after its last attempt
    mailServer.start();

    String transaction = scenario.repay(scenario.arrears());

    assertThat((String) formValues.of(scenario.loanId()).get("contactHistoryText"))
        .contains("| 逾期提醒邮件 | 提醒已撤回 (未发出) |").doesNotContain("已发送提醒", "提醒发送失败");
    Response listed = api.get("/api/admin/mail-outbox?status=WITHDRAWN", "admin");
    assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
    assertThat(listed.json().findParents("id")).filteredOn(mail -> mail.path("id").asLong() == reminder).singleElement()
        .satisfies(mail -> {
          assertThat(mail.path("template").asText()).isEqualTo("OVERDUE_REMINDER");
          assertThat(mail.path("withdrawnAt").isNull()).isFalse();
          assertThat(mail.path("withdrawalReason").asText()).contains("逾期欠款已结清", transaction);
        });
    Response refused = api.post("/api/admin/mail-outbox/" + reminder + "/retry", "admin", null);
    assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    assertThat(refused.json().path("detail").asText())
        .contains("邮件 " + reminder + " 已于", "撤回, 不会发送, 也不能重新排队", "逾期欠款已结清", "was withdrawn at");
    dispatchMails(scenario.loanId());
    assertThat(outbox.get(reminder).status()).isEqualTo(MailStatus.WITHDRAWN);
    assertThat(mailsTo(emailOf(scenario))).extracting(CollectionProcessTest::subjectOf)
        .noneMatch(subject -> subject.contains("逾期还款提醒"))
        .anyMatch(subject -> subject.contains("逾期款项已结清"));
  }

  /** The daily close that settles the loan closes its case (贷款结清): the case's reminder still waiting is withdrawn too. */
  @Test
  void aSettlementClosingTheCaseWithdrawsItsReminderStillInTheOutbox() {
    mailServer.stop();
    CollectionScenario scenario = scenario().closeAt(1);
    OutboxMail reminder = reminderOf(scenario);

    transaction().executeWithoutResult(tx -> starter.settled(scenario.businessDate(), List.of(scenario.loanId())));

    assertThat(scenario.caseRunning()).isFalse();
    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(scenario.caseInstanceIds().get(0))
        .activityId(END_LOAN_SETTLED).finished().count()).isEqualTo(1);
    assertThat(outbox.get(reminder.id())).satisfies(withdrawn -> {
      assertThat(withdrawn.status()).isEqualTo(MailStatus.WITHDRAWN);
      assertThat(withdrawn.withdrawalReason()).contains("贷款已结清");
    });
    assertThat(cases.casesOf(scenario.loanId()).get(0).closeReason()).contains("贷款已结清", "尚未发出的逾期还款提醒已撤回");
    assertThat((String) formValues.of(scenario.loanId()).get("contactHistoryText"))
        .contains("| 逾期提醒邮件 | 提醒已撤回 (未发出) |").doesNotContain("已发送提醒", "提醒待发送");
    mailServer.start();
    moveClockBy(Duration.ofMinutes(1).plusSeconds(1));
    dispatchMails(scenario.loanId());
    assertThat(mailsTo(emailOf(scenario))).isEmpty();
  }

  /**
   * The SMTP server is down when the first overdue day's close queues the reminder. The phone call's form does not
   * tell the collector the borrower was reminded: the reminder's contact says 提醒待发送 while it waits, 提醒发送失败,
   * 待重发 once every attempt failed, and 已发送提醒 only when the re-queued mail has gone out.
   */
  @Test
  void aReminderNotSentYetIsShownAsWaitingOrFailedUntilItGoesOut() {
    mailServer.stop();
    CollectionScenario scenario = scenario().closeAt(1).closeAt(3);
    long reminder = reminderOf(scenario).id();
    assertThat(outbox.get(reminder).status()).isEqualTo(MailStatus.PENDING);
    Task call = scenario.task(TASK_COLLECT_BY_PHONE);
    assertThat((String) taskService.getVariableLocal(call.getId(), "contactHistoryText"))
        .contains("| 逾期提醒邮件 | 提醒待发送 |").doesNotContain("已发送提醒");

    jdbc.sql("UPDATE mail_outbox SET status = 'FAILED', attempts = 24, last_error = 'MailSendException: Connection refused'"
        + " WHERE id = :id").param("id", reminder).update();  // as the dispatcher leaves it after its last attempt
    assertThat((String) formValues.of(scenario.loanId()).get("contactHistoryText"))
        .contains("| 逾期提醒邮件 | 提醒发送失败, 待重发 |").doesNotContain("已发送提醒");

    mailServer.start();
    outbox.requeue(reminder, "admin");
    dispatchMails(scenario.loanId());
    assertThat(outbox.get(reminder).status()).isEqualTo(MailStatus.SENT);
    assertThat((String) formValues.of(scenario.loanId()).get("contactHistoryText"))
        .contains("| 逾期提醒邮件 | 已发送提醒 |");
    assertThat(reminderContact(scenario).outcome()).as("the stored outcome is the queued fact")
        .isEqualTo(ContactOutcome.MAIL_SENT);
  }

  /**
   * The phone task is created while the reminder waits out an SMTP outage, so its 联系记录 says 提醒待发送. Once the
   * outbox sends the reminder, the open task's 联系记录, as Tasklist reads the form's values, says 已发送提醒: the
   * collector does not call the borrower believing no reminder went out.
   */
  @Test
  void anOpenTaskShowsTheReminderSentOnceTheOutboxSendsIt() {
    mailServer.stop();
    CollectionScenario scenario = scenario().closeAt(1).closeAt(3);
    long reminder = reminderOf(scenario).id();
    Task call = scenario.task(TASK_COLLECT_BY_PHONE);
    assertThat(contactHistoryInTasklist(call)).contains("| 逾期提醒邮件 | 提醒待发送 |").doesNotContain("已发送提醒");

    mailServer.start();
    moveClockTo(outbox.get(reminder).nextAttemptAt().plusSeconds(1));
    dispatchMails(scenario.loanId());

    assertThat(outbox.get(reminder).status()).isEqualTo(MailStatus.SENT);
    assertThat(contactHistoryInTasklist(call)).contains("| 逾期提醒邮件 | 已发送提醒 |").doesNotContain("提醒待发送");
  }

  /** As above, but the outbox gives up on the reminder (its last attempt refused): the open task says so. */
  @Test
  void anOpenTaskShowsTheReminderFailedOnceTheOutboxGivesUp() {
    mailServer.stop();
    CollectionScenario scenario = scenario().closeAt(1).closeAt(3);
    long reminder = reminderOf(scenario).id();
    Task call = scenario.task(TASK_COLLECT_BY_PHONE);
    jdbc.sql("UPDATE mail_outbox SET attempts = 23 WHERE id = :id").param("id", reminder).update(); // one attempt left
    moveClockTo(outbox.get(reminder).nextAttemptAt().plusSeconds(1));

    dispatchMails(scenario.loanId());

    assertThat(outbox.get(reminder).status()).isEqualTo(MailStatus.FAILED);
    assertThat(contactHistoryInTasklist(call)).contains("| 逾期提醒邮件 | 提醒发送失败, 待重发 |")
        .doesNotContain("提醒待发送");
  }

  /** The task's 联系记录 as Tasklist reads it: the engine REST API's form variables of the task, as its collector. */
  private String contactHistoryInTasklist(Task task) {
    Response variables = api.get("/engine-rest/task/" + task.getId() + "/form-variables", REMOTE_VERIFIER);
    assertThat(variables.status()).as(variables.toString()).isEqualTo(200);
    return variables.json().path("contactHistoryText").path("value").asText();
  }

  /**
   * A case with two reminders: the first went out, the second waits out an SMTP outage when the borrower clears the
   * arrears. Each contact follows its own mail: the first keeps 已发送提醒, the second (shown 提醒待发送 until then) is
   * withdrawn and says 提醒已撤回 (未发出).
   */
  @Test
  void withdrawingAtTheCureMarksTheContactOfTheReminderNotSentOnly() {
    CollectionScenario scenario = scenario().closeAt(1);
    long sent = reminderOf(scenario).id();
    assertThat(outbox.get(sent).status()).isEqualTo(MailStatus.SENT);
    mailServer.stop();
    transaction().executeWithoutResult(tx -> cases.remind(scenario.loanId()));
    dispatchMails(scenario.loanId());
    assertThat((String) formValues.of(scenario.loanId()).get("contactHistoryText"))
        .containsOnlyOnce("| 逾期提醒邮件 | 已发送提醒 |").contains("| 逾期提醒邮件 | 提醒待发送 |");

    scenario.repay(scenario.arrears());

    List<Contact> reminders = cases.caseFile(scenario.loanId()).contacts().stream()
        .filter(c -> c.channel() == ContactChannel.MAIL).toList();
    assertThat(reminders).extracting(Contact::resultLabel).containsExactly("已发送提醒", "提醒已撤回 (未发出)");
    assertThat((String) formValues.of(scenario.loanId()).get("contactHistoryText"))
        .containsOnlyOnce("| 逾期提醒邮件 | 已发送提醒 |").containsOnlyOnce("| 逾期提醒邮件 | 提醒已撤回 (未发出) |")
        .doesNotContain("提醒待发送");
    assertThat(reminders).extracting(Contact::outcome).as("the withdrawal leaves the contacts as they were recorded")
        .containsOnly(ContactOutcome.MAIL_SENT);
    assertThat(reminders.get(0).mailId()).isEqualTo(sent);
    assertThat(outbox.get(reminders.get(1).mailId()).status()).isEqualTo(MailStatus.WITHDRAWN);
    assertThat(outbox.get(sent).status()).isEqualTo(MailStatus.SENT);
  }

  private OutboxMail reminderOf(CollectionScenario scenario) {
    List<OutboxMail> reminders = outbox.mailsOf(MailCaseType.LOAN, scenario.loanId()).stream()
        .filter(mail -> mail.template() == MailTemplate.OVERDUE_REMINDER).toList();
    assertThat(reminders).as("overdue reminders of loan %s", scenario.loanId()).hasSize(1);
    return reminders.get(0);
  }

  /** The case's one reminder contact (the forms show what became of its mail, {@link Contact#resultLabel}). */
  private Contact reminderContact(CollectionScenario scenario) {
    List<Contact> contacts = cases.caseFile(scenario.loanId()).contacts().stream()
        .filter(c -> c.channel() == ContactChannel.MAIL).toList();
    assertThat(contacts).as("reminder contacts of loan %s", scenario.loanId()).hasSize(1);
    return contacts.get(0);
  }

  private TransactionTemplate transaction() {
    return new TransactionTemplate(transactions);
  }

  @Test
  void aCalledInLoanRepaidInFullBeforeItFellOverdueEndsItsCaseWhenTheCloseSettlesIt() {
    CollectionScenario scenario = scenario().closeAt(-10);
    referral.refer(scenario.loanId(), "ZY001", scenario.businessDate(), 0);
    scenario.runCaseJobs();
    assertThat(scenario.caseRunning()).as("a post-loan check called the loan in: its case is open at 0 days").isTrue();

    scenario.repay(repayments.payoffAmount(scenario.loanId(), scenario.businessDate().plusDays(1)));
    assertThat(scenario.caseRunning()).as("nothing was overdue, so no arrears were cleared").isTrue();
    scenario.closeAt(-9);

    assertThat(loans.find(scenario.loanId()).orElseThrow().status()).isEqualTo(LoanAccount.SETTLED);
    assertThat(scenario.caseRunning()).isFalse();
    assertThat(cases.openCase(scenario.loanId())).isEmpty();
    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(scenario.caseInstanceIds().get(0))
        .activityId(END_LOAN_SETTLED).finished().count()).isEqualTo(1);
    CollectionCase closed = cases.casesOf(scenario.loanId()).get(0);
    assertThat(closed.status()).isEqualTo(CollectionCase.CURED);
    assertThat(closed.closeReason()).contains("贷款已结清");
    assertThat(mailsTo(emailOf(scenario)).stream().map(CollectionProcessTest::subjectOf))
        .anyMatch(subject -> subject.contains("贷款已结清"))
        .noneMatch(subject -> subject.contains("逾期款项已结清"));
  }

  @Test
  void anOverdueLoanRepaidInFullIsToldItOwesNothingNotToKeepPaying() {
    CollectionScenario scenario = scenario().closeAt(3);

    scenario.repay(repayments.payoffAmount(scenario.loanId(), scenario.businessDate().plusDays(1)));

    assertThat(scenario.caseRunning()).isFalse();
    assertThat(mailsTo(emailOf(scenario))).filteredOn(m -> subjectOf(m).contains("逾期款项已结清")).singleElement()
        .satisfies(m -> assertThat(bodyOf(m)).contains("贷款本息已全部还清").doesNotContain("请继续按期足额还款"));
  }

  @Test
  void aCaseClosedBySettlementBeforeItsProcessStartedNeverStartsOne() {
    CollectionScenario scenario = scenario().closeAt(-10);
    String caseId = cases.open(scenario.loanId(), "ZY001", scenario.businessDate(), 0);
    scenario.repay(repayments.payoffAmount(scenario.loanId(), scenario.businessDate().plusDays(1)));

    scenario.closeAt(-9);

    assertThat(cases.openCase(scenario.loanId())).isEmpty();
    assertThat(cases.casesOf(scenario.loanId()).get(0).caseId()).isEqualTo(caseId);
    assertThat(scenario.caseInstanceIds()).as("the poller ran after the close and started nothing").isEmpty();
  }

  @Test
  void aPartialRepaymentLeavesTheCaseWhereItIs() {
    CollectionScenario scenario = scenario().closeAt(3);
    Task call = scenario.task(TASK_COLLECT_BY_PHONE);

    scenario.repay(scenario.arrears().subtract(new BigDecimal("0.01")));

    assertThat(scenario.caseRunning()).isTrue();
    assertThat(scenario.task(TASK_COLLECT_BY_PHONE).getId()).isEqualTo(call.getId());
    assertThat(scenario.arrears()).isEqualByComparingTo("0.01");
  }

  @Test
  void aSecondOverdueAfterACureOpensANewCase() {
    CollectionScenario scenario = scenario().closeAt(3);
    scenario.repay(scenario.arrears());
    String firstCase = cases.casesOf(scenario.loanId()).get(0).caseId();

    scenario.closeOn(scenario.dayOf(1).plusMonths(1));  // the second instalment unpaid on its due date

    List<String> instances = scenario.caseInstanceIds();
    assertThat(instances).hasSize(2);
    assertThat(scenario.caseInstance().getId()).isEqualTo(instances.get(1));
    List<CollectionCase> all = cases.casesOf(scenario.loanId());
    assertThat(all).hasSize(2);
    assertThat(all.get(0).caseId()).isNotEqualTo(firstCase);
    assertThat(all.get(0).open()).isTrue();
    assertThat(all.get(0).openedDaysPastDue()).isEqualTo(1);
    assertThat(all.get(1).status()).isEqualTo(CollectionCase.CURED);
  }

  @Test
  void aLoanHasOneOpenCaseAtATime() {
    CollectionScenario scenario = scenario().closeAt(1);

    assertThatThrownBy(() -> cases.open(scenario.loanId(), "ZY001", scenario.businessDate(), 1))
        .isInstanceOf(com.smeloanflow.platform.StateConflictException.class).hasMessageContaining("already has open");
    scenario.closeAt(2).closeAt(3);

    assertThat(scenario.caseInstanceIds()).hasSize(1);
    assertThat(cases.casesOf(scenario.loanId())).hasSize(1);
  }
}
