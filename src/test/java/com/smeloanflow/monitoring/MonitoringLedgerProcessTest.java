package com.smeloanflow.monitoring;

import static com.smeloanflow.process.PostLoanCheckProcess.Elements.TASK_CHECK_ON_SITE;
import static com.smeloanflow.process.PostLoanCheckProcess.Elements.TASK_CHECK_REMOTELY;
import static com.smeloanflow.process.PostLoanMonitoringProcess.Elements.END_MONITORING_ENDED;
import static com.smeloanflow.process.PostLoanMonitoringProcess.Elements.TIMER_PERIODIC_CHECK_DUE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.smeloanflow.identity.DemoData;
import com.smeloanflow.identity.Groups;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.process.PostLoanMonitoringProcess;
import com.smeloanflow.servicing.BusinessDates;
import com.smeloanflow.servicing.Classification;
import com.smeloanflow.servicing.ClassificationChange;
import com.smeloanflow.servicing.DailyCloseService;
import com.smeloanflow.servicing.LoanAccount;
import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.servicing.ReceiveRepayment;
import com.smeloanflow.servicing.RepaymentAllocator;
import com.smeloanflow.servicing.RepaymentService;
import com.smeloanflow.servicing.ReverseRepayment;
import com.smeloanflow.servicing.WriteOffLoan;
import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.ApiClient.Response;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.batch.Batch;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Monitoring hears the ledger: a loan falling overdue joins the watch list at the daily close and a
 * repaid arrear takes it off; the close never lowers the classification below the risk review's
 * level; settlement and write-off end monitoring with every open check cancelled; a LoanDisbursed correlated by hand
 * neither monitors a loan twice nor a settled loan; a monitoring instance an operator deletes ends the loan's monitoring,
 * naming who (for a batch deletion, the batch's creator) and why, and a LoanDisbursed correlated by hand then monitors the
 * loan again; a loan settled or written off after that keeps the cancellation and is read as off the books, and is
 * monitored again when a reversal reopens it; an ended monitoring shows no rhythm and no next check. Each test works in
 * a business-date era of its own ({@link BusinessDates}).
 */
class MonitoringLedgerProcessTest extends AbstractIntegrationTest {

  @Autowired LoanAccountService loans;
  @Autowired RepaymentService repayments;
  @Autowired DailyCloseService dailyClose;
  @Autowired MonitoringQueryService monitoring;
  @Autowired BusinessClock clock;

  private LocalDate disbursed;

  /** A loan disbursed in a fresh era (first instalment due a month later), under monitoring, first check done. */
  private MonitoringScenario loanInAnEra() {
    stopClock();
    disbursed = BusinessDates.era();
    return MonitoringScenario.loan(processEngine, api, this::executeDueJobs, this::completeAs, intakeService, loans, dailyClose,
        "ZY001", disbursed).firstCheck("NORMAL");
  }

  private void repay(MonitoringScenario loan, BigDecimal amount, LocalDate valueDate) {
    repayments.receive(new ReceiveRepayment(loan.loanId(), "TX" + UUID.randomUUID().toString().substring(0, 12), amount,
        valueDate, "core-banking"));
  }

  private Job periodicTimer(MonitoringScenario loan) {
    return managementService.createJobQuery().processInstanceId(loan.monitoring().getId())
        .activityId(TIMER_PERIODIC_CHECK_DUE).singleResult();
  }

  @Test
  void aLoanFallingOverdueJoinsTheWatchListAtTheDailyCloseAndARepaidArrearTakesItOff() {
    MonitoringScenario loan = loanInAnEra();
    LocalDate firstDue = disbursed.plusMonths(1);
    assertThat(periodicTimer(loan).getDuedate()).isEqualTo(MonitoringPolicy.startOf(clock.today().plusMonths(3)));

    loan.closeOn(firstDue);

    MonitoringView overdue = monitoring.view(loan.loanId());
    assertThat(overdue.classification()).isEqualTo(Classification.SPECIAL_MENTION);
    assertThat(overdue.classificationHistory().get(0)).satisfies(change -> {
      assertThat(change.cause()).isEqualTo("FLOOR_CHANGE");
      assertThat(change.inputs()).containsEntry("dpdFloor", "SPECIAL_MENTION");
      assertThat(change.matchedRules()).contains("Rule_DaysPastDueFloor");
    });
    assertThat(overdue.rhythm()).isEqualTo("MONTHLY");
    assertThat(periodicTimer(loan).getDuedate()).as("the timer follows the watch list")
        .isEqualTo(MonitoringPolicy.startOf(clock.today().plusMonths(1)));

    repay(loan, loans.balances(loan.loanId()).arrears(), firstDue.plusDays(1));
    loan.closeOn(firstDue.plusDays(1));

    MonitoringView cured = monitoring.view(loan.loanId());
    assertThat(cured.classification()).isEqualTo(Classification.NORMAL);
    assertThat(cured.rhythm()).isEqualTo("QUARTERLY");
    assertThat(loans.standing(loan.loanId()).orElseThrow().classification()).isEqualTo(Classification.NORMAL);
  }

  @Test
  void theReviewALoanFallingOverdueCausesIsDatedTheDayItFellOverdueNotTheDayTheCloseRan() {
    MonitoringScenario loan = loanInAnEra();
    LocalDate firstDue = disbursed.plusMonths(1);

    loan.closeOn(firstDue);

    assertThat(loans.classificationHistory(loan.loanId())).as("the loan view's history, newest first")
        .extracting(ClassificationChange::source, ClassificationChange::businessDate, ClassificationChange::classification)
        .startsWith(
            tuple(ClassificationChange.RISK_REVIEW, firstDue, Classification.SPECIAL_MENTION),
            tuple(ClassificationChange.DPD_FLOOR, firstDue, Classification.SPECIAL_MENTION));
    assertThat(monitoring.view(loan.loanId()).classificationHistory().get(0)).satisfies(change -> {
      assertThat(change.cause()).isEqualTo("FLOOR_CHANGE");
      assertThat(change.businessDate()).isEqualTo(firstDue);
    });
  }

  @Test
  void theDailyCloseNeverLowersTheClassificationBelowTheRiskReview() {
    MonitoringScenario loan = loanInAnEra();
    loan.report("zy001-cm", MonitoringScenario.signal("LIST-" + loan.loanId(), "DISHONEST_DEBTOR", "法定代表人被列入失信名单", null));
    assertThat(loans.standing(loan.loanId()).orElseThrow().classification()).isEqualTo(Classification.SUBSTANDARD);

    loan.closeOn(disbursed.plusMonths(1));

    var standing = loans.standing(loan.loanId()).orElseThrow();
    assertThat(standing.dpdClassification()).isEqualTo(Classification.SPECIAL_MENTION);
    assertThat(standing.classification()).as("the strictest of the floor and the review").isEqualTo(Classification.SUBSTANDARD);
    assertThat(loans.classificationHistory(loan.loanId())).extracting(ClassificationChange::source)
        .contains(ClassificationChange.DPD_FLOOR, ClassificationChange.RISK_REVIEW);
  }

  @Test
  void settlementEndsMonitoringAndCancelsTheOpenChecks() {
    MonitoringScenario loan = loanInAnEra();
    loan.report("remote-verifier", MonitoringScenario.signal("NEWS-" + loan.loanId(), "CONTROLLER_UNREACHABLE",
        "实际控制人电话停机", null));
    ProcessInstance check = loan.checkInstance(monitoring.view(loan.loanId()).checks().get(0).checkId());
    assertThat(loan.tasks(TASK_CHECK_ON_SITE)).hasSize(1);
    LocalDate payoffDay = disbursed.plusDays(20);

    repay(loan, RepaymentAllocator.payoffAmount(loans.ledger(loan.loanId()), payoffDay), payoffDay);
    loan.closeOn(payoffDay);

    assertThat(loans.standing(loan.loanId()).orElseThrow().status()).isEqualTo(LoanAccount.SETTLED);
    assertThat(loan.monitoring()).isEnded().hasPassed(END_MONITORING_ENDED);
    assertThat(check).isEnded();
    assertThat(loan.openTasks()).isEmpty();
    MonitoringView ended = monitoring.view(loan.loanId());
    assertThat(ended.status()).isEqualTo(MonitoredLoan.ENDED);
    assertThat(ended.closure()).isEqualTo(LoanAccount.SETTLED);
    assertThat(ended.closedOn()).isEqualTo(payoffDay);
    assertThat(ended.checks().get(0).status()).isEqualTo(PostLoanCheck.CANCELLED);
    assertThat(ended.signals().get(0).status()).isEqualTo(WarningSignal.CANCELLED);
    var late = loan.report("remote-verifier", MonitoringScenario.signal("LATE-" + loan.loanId(), "NEGATIVE_NEWS", "迟到的报道",
        null));
    assertThat(late.status()).as("no signal after the end").isEqualTo(409);
    String endedInChinese = "借据 " + loan.loanId() + " 的贷后监控已结束 (贷款已结清, SETTLED), ";
    String endedInEnglish = " (post-loan monitoring of loan " + loan.loanId() + " has ended (SETTLED))";
    assertThat(late.json().path("detail").asText()).as("in Chinese, the English beside")
        .isEqualTo(endedInChinese + "不再受理预警信号" + endedInEnglish);
    var proposal = api.post("/api/loans/" + loan.loanId() + "/reclassifications", "remote-verifier",
        "{\"classification\": \"DOUBTFUL\", \"reason\": \"迟到的调整\"}");
    assertThat(proposal.status()).as("no reclassification after the end").isEqualTo(409);
    assertThat(proposal.json().path("detail").asText()).isEqualTo(endedInChinese + "不能再提出风险分类调整" + endedInEnglish);
    var requery = api.post("/api/sandbox/monitoring/loans/" + loan.loanId() + "/requery", "admin", null);
    assertThat(requery.status()).as("no sandbox re-query after the end").isEqualTo(409);
    assertThat(requery.json().path("detail").asText()).isEqualTo(endedInChinese + "不再重查外部数据" + endedInEnglish);
  }

  @Test
  void aSettledLoanIsNoLongerOnTheWatchListItsClassificationEndsAtNormalWithTheChangeKept() {
    MonitoringScenario loan = loanInAnEra();
    loan.report("remote-verifier", MonitoringScenario.signal("GONE-" + loan.loanId(), "CONTROLLER_UNREACHABLE",
        "实际控制人电话停机", null));
    assertThat(loans.standing(loan.loanId()).orElseThrow().classification()).isEqualTo(Classification.SPECIAL_MENTION);
    LocalDate payoffDay = disbursed.plusDays(20);

    repay(loan, RepaymentAllocator.payoffAmount(loans.ledger(loan.loanId()), payoffDay), payoffDay);
    loan.closeOn(payoffDay);

    var standing = loans.standing(loan.loanId()).orElseThrow();
    assertThat(standing.status()).isEqualTo(LoanAccount.SETTLED);
    assertThat(standing.classification()).as("the loan view of a settled loan").isEqualTo(Classification.NORMAL);
    // (the signal's review is dated today, the era's settlement decades ago: found by its source, not its place)
    assertThat(loans.classificationHistory(loan.loanId()))
        .filteredOn(change -> change.source().equals(ClassificationChange.SETTLEMENT)).singleElement().satisfies(change -> {
      assertThat(change.businessDate()).isEqualTo(payoffDay);
      assertThat(change.previous()).isEqualTo(Classification.SPECIAL_MENTION);
      assertThat(change.classification()).isEqualTo(Classification.NORMAL);
      assertThat(change.reason()).contains("贷款已结清");
    });
    MonitoringView ended = monitoring.view(loan.loanId());
    assertThat(ended.classification()).isEqualTo(Classification.NORMAL);
    assertThat(ended.watchListed()).isFalse();
    assertThat(ended.classificationHistory().get(0)).satisfies(change -> {
      assertThat(change.cause()).isEqualTo("LOAN_SETTLED");
      assertThat(change.businessDate()).isEqualTo(payoffDay);
      assertThat(change.classification()).isEqualTo(Classification.NORMAL);
    });
  }

  @Test
  void aLoanPaidOffWhileOverdueIsSettledNormalInTheLoanViewAsInTheMonitoringView() {
    MonitoringScenario loan = loanInAnEra();
    LocalDate firstDue = disbursed.plusMonths(1);
    loan.closeOn(firstDue.plusDays(2));
    assertThat(loans.standing(loan.loanId()).orElseThrow().classification()).isEqualTo(Classification.SPECIAL_MENTION);
    LocalDate payoffDay = firstDue.plusDays(3);

    repay(loan, RepaymentAllocator.payoffAmount(loans.ledger(loan.loanId()), payoffDay), payoffDay);
    loan.closeOn(payoffDay);

    assertThat(loans.standing(loan.loanId()).orElseThrow()).satisfies(standing -> {
      assertThat(standing.status()).isEqualTo(LoanAccount.SETTLED);
      assertThat(standing.classification()).isEqualTo(Classification.NORMAL);
    });
    assertThat(monitoring.view(loan.loanId()).classification()).isEqualTo(Classification.NORMAL);
  }

  @Test
  void aSettledLoanAReversedPayoffReopensIsMonitoredAgainAndJoinsTheWatchListWhenItFallsOverdue() {
    MonitoringScenario loan = loanInAnEra();
    LocalDate payoffDay = disbursed.plusDays(20);
    String payoff = "TX" + UUID.randomUUID().toString().substring(0, 12);
    repayments.receive(new ReceiveRepayment(loan.loanId(), payoff,
        RepaymentAllocator.payoffAmount(loans.ledger(loan.loanId()), payoffDay), payoffDay, "core-banking"));
    loan.closeOn(payoffDay);
    assertThat(monitoring.view(loan.loanId()).status()).isEqualTo(MonitoredLoan.ENDED);

    repayments.reverse(new ReverseRepayment(loan.loanId(), payoff, "付款行退票", "core-banking"));
    repayments.reverse(new ReverseRepayment(loan.loanId(), payoff, "付款行退票", "core-banking")); // reported again

    assertThat(loans.standing(loan.loanId()).orElseThrow().active()).as("the loan is owed again").isTrue();
    MonitoringView again = monitoring.view(loan.loanId());
    assertThat(again.status()).isEqualTo(MonitoredLoan.MONITORING);
    assertThat(again.closure()).isNull();
    assertThat(again.checks()).as("the earlier first check is kept").isNotEmpty();
    ProcessInstance restarted = runtimeService.createProcessInstanceQuery().processDefinitionKey(PostLoanMonitoringProcess.KEY)
        .processInstanceBusinessKey(loan.loanId()).singleResult();
    assertThat(restarted).as("one running monitoring instance").isNotNull();
    assertThat(restarted.getId()).isNotEqualTo(loan.monitoring().getId());
    assertThat(restarted).isWaitingAt(PostLoanMonitoringProcess.Elements.TASK_FIRST_POST_LOAN_CHECK);
    assertThat(loan.report("remote-verifier", MonitoringScenario.signal("BACK-" + loan.loanId(), "NEGATIVE_NEWS", "退票后的报道",
        null)).status()).as("signals are taken again").isEqualTo(201);

    loan.closeOn(disbursed.plusMonths(1).plusDays(2));

    assertThat(monitoring.view(loan.loanId()).watchListed()).as("overdue again: on the watch list").isTrue();
  }

  /** A loan settled by its payoff (transaction id {@code payoff}) after its first check concluded 关注. */
  record SettledAfterAWatchCheck(MonitoringScenario loan, String payoff) {}

  /**
   * The first check concluded 关注 (on the watch list); the loan repaid in full 20 days after disbursement, before any
   * instalment fell due, and settled by the close of that day: its review ended at 正常.
   */
  SettledAfterAWatchCheck settledAfterAWatchCheck() {
    stopClock();
    disbursed = BusinessDates.era();
    MonitoringScenario loan = MonitoringScenario.loan(processEngine, api, this::executeDueJobs, this::completeAs,
        intakeService, loans, dailyClose, "ZY001", disbursed).firstCheck("WATCH");
    assertThat(monitoring.view(loan.loanId()).watchListed()).as("the first check's 关注").isTrue();
    LocalDate payoffDay = disbursed.plusDays(20);
    String payoff = "TX" + UUID.randomUUID().toString().substring(0, 12);
    repayments.receive(new ReceiveRepayment(loan.loanId(), payoff,
        RepaymentAllocator.payoffAmount(loans.ledger(loan.loanId()), payoffDay), payoffDay, "core-banking"));
    loan.closeOn(payoffDay);
    assertThat(monitoring.view(loan.loanId()).classification()).as("settled: 正常").isEqualTo(Classification.NORMAL);
    return new SettledAfterAWatchCheck(loan, payoff);
  }

  /** Monitored again after the reversal, on the watch list by the check's 关注, in monitoring's view and servicing's. */
  void assertWatchListedAgain(MonitoringScenario loan) {
    MonitoringView reopened = monitoring.view(loan.loanId());
    assertThat(reopened.status()).isEqualTo(MonitoredLoan.MONITORING);
    assertThat(reopened.classification()).as("the check's 关注 again, not the settlement's 正常")
        .isEqualTo(Classification.SPECIAL_MENTION);
    assertThat(reopened.watchListed()).isTrue();
    assertThat(reopened.rhythm()).isEqualTo("MONTHLY");
    assertThat(reopened.classificationHistory().get(0).cause()).isEqualTo("LOAN_REOPENED");
    assertThat(loans.standing(loan.loanId()).orElseThrow().classification()).as("servicing's classification")
        .isEqualTo(Classification.SPECIAL_MENTION);
  }

  /**
   * The first check concluded 关注: the loan is on the watch list. Repaid in full before any instalment fell due, the
   * close settles it and its review ends at 正常. The payoff bounces: nothing is overdue, so no floor moves, but the loan
   * is owed again and the check's 关注 still stands: monitoring decides its classification again as it starts again,
   * and the loan is back on the watch list (monthly checks), in monitoring's view and servicing's.
   */
  @Test
  void aSettledLoanAReversedPayoffReopensHasItsRiskReviewDecidedAgainNotLeftAtTheSettlementsNormal() {
    SettledAfterAWatchCheck settled = settledAfterAWatchCheck();

    repayments.reverse(new ReverseRepayment(settled.loan().loanId(), settled.payoff(), "付款行退票", "core-banking"));

    assertWatchListedAgain(settled.loan());
  }

  /** An administrator or process owner correlates LoanDisbursed for the loan by hand ({@code POST /engine-rest/message}). */
  Response loanDisbursedByHand(String loanId) {
    return api.post("/engine-rest/message", "process-owner", "{\"messageName\": \""
        + PostLoanMonitoringProcess.Messages.LOAN_DISBURSED + "\", \"businessKey\": \"" + loanId + "\"}");
  }

  List<ProcessInstance> runningMonitoring(String loanId) {
    return runtimeService.createProcessInstanceQuery().processDefinitionKey(PostLoanMonitoringProcess.KEY)
        .processInstanceBusinessKey(loanId).list();
  }

  @Test
  void aLoanDisbursedCorrelatedByHandForAMonitoredLoanIsRefusedAndStartsNoSecondMonitoring() {
    MonitoringScenario loan = loanInAnEra();

    Response refused = loanDisbursedByHand(loan.loanId());

    assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
    String instance = loan.monitoring().getId();
    assertThat(refused.json().path("message").asText()).isEqualTo("借据 " + loan.loanId() + " 已在贷后监控中 (流程实例 "
        + instance + "), 不再重复登记贷后监控 (loan " + loan.loanId() + " is already under post-loan monitoring by process"
        + " instance " + instance + ": not enrolled twice)");
    assertThat(runningMonitoring(loan.loanId())).as("one monitoring of the loan").extracting(ProcessInstance::getId)
        .containsExactly(instance);
    assertThat(taskService.createTaskQuery().processInstanceBusinessKey(loan.loanId())
        .taskDefinitionKey(PostLoanMonitoringProcess.Elements.TASK_FIRST_POST_LOAN_CHECK).count())
        .as("no second first check for staff").isZero();
    assertThat(managementService.createJobQuery().activityId(TIMER_PERIODIC_CHECK_DUE).processInstanceId(instance).count())
        .as("the loan's one periodic check timer").isEqualTo(1);
    assertThat(monitoring.view(loan.loanId()).status()).isEqualTo(MonitoredLoan.MONITORING);
  }

  @Test
  void aLoanDisbursedCorrelatedByHandForASettledLoanWhoseMonitoringEndedIsRefusedAndOpensNoCheck() {
    MonitoringScenario loan = loanInAnEra();
    LocalDate payoffDay = disbursed.plusDays(20);
    repay(loan, RepaymentAllocator.payoffAmount(loans.ledger(loan.loanId()), payoffDay), payoffDay);
    loan.closeOn(payoffDay);
    assertThat(monitoring.view(loan.loanId()).status()).isEqualTo(MonitoredLoan.ENDED);

    Response refused = loanDisbursedByHand(loan.loanId());

    assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
    assertThat(refused.json().path("message").asText()).isEqualTo("借据 " + loan.loanId() + " 已不在账 (贷款已结清, SETTLED),"
        + " 不再登记贷后监控 (loan " + loan.loanId() + " is off the books (SETTLED): not put under post-loan monitoring)");
    assertThat(runningMonitoring(loan.loanId())).as("no monitoring of a settled loan").isEmpty();
    assertThat(taskService.createTaskQuery().processInstanceBusinessKey(loan.loanId()).count()).as("no check task").isZero();
    MonitoringView ended = monitoring.view(loan.loanId());
    assertThat(ended.status()).isEqualTo(MonitoredLoan.ENDED);
    assertThat(ended.closure()).isEqualTo(LoanAccount.SETTLED);
    assertThat(ended.closedOn()).isEqualTo(payoffDay);
  }

  @ParameterizedTest(name = "custom listeners skipped: {0}")
  @ValueSource(booleans = {true, false})
  void aMonitoringInstanceAnOperatorDeletesEndsTheLoansMonitoringAndALoanDisbursedByHandMonitorsItAgain(boolean skipListeners) {
    MonitoringScenario loan = loanInAnEra();
    loan.report("remote-verifier", MonitoringScenario.signal("NEWS-" + loan.loanId(), "NEGATIVE_NEWS", "企业停业传闻", null));
    assertThat(loan.tasks(TASK_CHECK_REMOTELY)).hasSize(1);
    String deleted = loan.monitoring().getId();

    // An operator deletes the instance in Cockpit (custom listeners skipped, as Cockpit offers) or over the engine API
    runtimeService.deleteProcessInstance(deleted, "运维人员删除贷后监控流程", skipListeners);

    // Before, the row still said MONITORING by the deleted instance: nobody monitored the loan, no check ever opened
    MonitoringView cancelled = monitoring.view(loan.loanId());
    assertThat(cancelled.status()).isEqualTo(MonitoredLoan.ENDED);
    assertThat(cancelled.closure()).isEqualTo(MonitoredLoan.CANCELLED);
    assertThat(cancelled.closedOn()).isEqualTo(clock.today());
    // Before, the reason given to the engine was in no record of the loan's monitoring
    JsonNode read = api.get("/api/loans/" + loan.loanId() + "/monitoring", "zy001-cm").json();
    assertThat(read.path("cancelReason").asText()).as("the delete reason given to the engine").isEqualTo("运维人员删除贷后监控流程");
    assertThat(read.hasNonNull("cancelledBy")).as("no user authenticated to the engine").isFalse();
    assertThat(read.path("cancelledAt").isTextual()).isTrue();
    assertThat(read.path("closureLabel").asText()).isEqualTo("贷后监控流程已由运维人员终止");
    assertThat(cancelled.checks()).filteredOn(check -> check.kind() == CheckKind.SIGNAL).singleElement()
        .satisfies(check -> assertThat(check.status()).as("the deleted signal check").isEqualTo(PostLoanCheck.CANCELLED));
    assertThat(cancelled.signals().get(0).status()).isEqualTo(WarningSignal.CANCELLED);
    assertThat(cancelled.openTasks()).isEmpty();
    Response late = loan.report("remote-verifier", MonitoringScenario.signal("LATE-" + loan.loanId(), "NEGATIVE_NEWS",
        "删除后的报道", null));
    assertThat(late.status()).as("no signal while nobody monitors the loan").isEqualTo(409);
    assertThat(late.json().path("detail").asText()).isEqualTo("借据 " + loan.loanId() + " 的贷后监控已结束 (贷后监控流程已由运维人员终止,"
        + " CANCELLED), 不再受理预警信号 (post-loan monitoring of loan " + loan.loanId() + " has ended (CANCELLED))");

    Response restarted = loanDisbursedByHand(loan.loanId());

    // Before, refused: 借据 … 已在贷后监控中 (流程实例 <the deleted instance>)
    assertThat(restarted.status()).as(restarted.toString()).isBetween(200, 204);
    assertThat(runningMonitoring(loan.loanId())).as("one running monitoring instance").singleElement().satisfies(instance -> {
      assertThat(instance.getId()).isNotEqualTo(deleted);
      assertThat(instance).isWaitingAt(PostLoanMonitoringProcess.Elements.TASK_FIRST_POST_LOAN_CHECK);
    });
    MonitoringView again = monitoring.view(loan.loanId());
    assertThat(again.status()).isEqualTo(MonitoredLoan.MONITORING);
    assertThat(again.closure()).isNull();
    JsonNode readAgain = api.get("/api/loans/" + loan.loanId() + "/monitoring", "zy001-cm").json();
    assertThat(List.of("closureLabel", "cancelledBy", "cancelledAt", "cancelReason")).as("monitored again")
        .allSatisfy(field -> assertThat(readAgain.hasNonNull(field)).as(field).isFalse());
    assertThat(again.openTasks()).containsExactly("首次贷后检查");
    Response news = loan.report("remote-verifier", MonitoringScenario.signal("AGAIN-" + loan.loanId(), "NEGATIVE_NEWS",
        "重新监控后的报道", null));
    assertThat(news.status()).as("the same kind of signal opens a check again").isEqualTo(201);
  }

  @Test
  void aMonitoringInstanceDeletedOverTheEngineRestApiSkippingCustomListenersEndsTheLoansMonitoringNamingWhoDeletedIt() {
    MonitoringScenario loan = loanInAnEra();
    loan.report("remote-verifier", MonitoringScenario.signal("NEWS-" + loan.loanId(), "NEGATIVE_NEWS", "企业停业传闻", null));

    Response deleted = api.send("DELETE", "/engine-rest/process-instance/" + loan.monitoring().getId()
        + "?skipCustomListeners=true", "admin", DemoData.PASSWORD, null);

    assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
    assertThat(monitoring.view(loan.loanId())).satisfies(cancelled -> {
      assertThat(cancelled.status()).isEqualTo(MonitoredLoan.ENDED);
      assertThat(cancelled.closure()).isEqualTo(MonitoredLoan.CANCELLED);
    });
    // Before, who deleted the instance was only in a WARN line of the log
    Response read = api.get("/api/loans/" + loan.loanId() + "/monitoring", "zy001-cm");
    assertThat(read.status()).as(read.toString()).isEqualTo(200);
    assertThat(read.json().path("cancelledBy").asText()).as("the user the engine REST API authenticated").isEqualTo("admin");
    assertThat(read.json().path("cancelledAt").isTextual()).isTrue();
    assertThat(read.json().hasNonNull("cancelReason")).as("the REST DELETE of one instance gives no reason").isFalse();
    assertThat(read.json().path("closureLabel").asText()).isEqualTo("贷后监控流程已由运维人员 admin 终止");
    assertThat(read.json().path("checks").get(0).path("cancelledBy").asText()).as("the signal check the deletion cancelled")
        .isEqualTo("admin");
    Response late = loan.report("remote-verifier", MonitoringScenario.signal("LATE-" + loan.loanId(), "NEGATIVE_NEWS",
        "删除后的报道", null));
    assertThat(late.json().path("detail").asText()).isEqualTo("借据 " + loan.loanId() + " 的贷后监控已结束 (贷后监控流程已由运维人员"
        + " admin 终止, CANCELLED), 不再受理预警信号 (post-loan monitoring of loan " + loan.loanId() + " has ended (CANCELLED))");
    assertThat(loanDisbursedByHand(loan.loanId()).status()).as("monitored again").isBetween(200, 204);
    assertThat(runningMonitoring(loan.loanId())).hasSize(1);
  }

  /** Runs a batch as the job executor would: its seed job, then the jobs the seed created. */
  private void runBatch(String batchId) {
    Batch batch = managementService.createBatchQuery().batchId(batchId).singleResult();
    managementService.createJobQuery().jobDefinitionId(batch.getSeedJobDefinitionId()).list()
        .forEach(job -> managementService.executeJob(job.getId()));
    managementService.createJobQuery().jobDefinitionId(batch.getBatchJobDefinitionId()).list()
        .forEach(job -> managementService.executeJob(job.getId()));
  }

  /**
   * Cockpit's batch operation (the engine REST API's batch deletion) gives the engine a reason: it is kept. The deletion
   * runs in the batch's jobs, where the engine knows no user: the user is the one who created the batch.
   */
  @Test
  void aMonitoringInstanceDeletedByABatchOperationNamesTheOperatorWhoStartedItAndKeepsTheReasonGiven() {
    MonitoringScenario loan = loanInAnEra();

    Response batch = api.post("/engine-rest/process-instance/delete", "admin", "{\"processInstanceIds\": [\""
        + loan.monitoring().getId() + "\"], \"deleteReason\": \"借据已移交资产保全部门\", \"skipCustomListeners\": true}");
    assertThat(batch.status()).as(batch.toString()).isEqualTo(200);
    runBatch(batch.json().path("id").asText());

    JsonNode read = api.get("/api/loans/" + loan.loanId() + "/monitoring", "zy001-cm").json();
    assertThat(read.path("closure").asText()).isEqualTo(MonitoredLoan.CANCELLED);
    assertThat(read.path("cancelReason").asText()).isEqualTo("借据已移交资产保全部门");
    // Before, cancelledBy was null: the batch's job runs with no user authenticated
    assertThat(read.path("cancelledBy").asText()).as("the operator who started the batch").isEqualTo("admin");
    assertThat(read.path("closureLabel").asText()).isEqualTo("贷后监控流程已由运维人员 admin 终止");
  }

  /** As above for a batch deletion started over the Java API ({@code RuntimeService#deleteProcessInstancesAsync}). */
  @Test
  void aMonitoringInstanceDeletedAsynchronouslyNamesTheUserWhoStartedTheDeletionAndItsReason() {
    MonitoringScenario loan = loanInAnEra();
    loan.report("remote-verifier", MonitoringScenario.signal("NEWS-" + loan.loanId(), "NEGATIVE_NEWS", "企业停业传闻", null));

    Batch deletion;
    identityService.setAuthentication("admin", List.of(Groups.CAMUNDA_ADMIN));
    try {
      deletion = runtimeService.deleteProcessInstancesAsync(List.of(loan.monitoring().getId()), null, "贷款转让, 停止贷后监控");
    } finally {
      identityService.clearAuthentication();
    }
    runBatch(deletion.getId());

    assertThat(loan.monitoring()).isEnded();
    JsonNode read = api.get("/api/loans/" + loan.loanId() + "/monitoring", "zy001-cm").json();
    assertThat(read.path("closure").asText()).isEqualTo(MonitoredLoan.CANCELLED);
    // Before, cancelledBy was null (expected "admin")
    assertThat(read.path("cancelledBy").asText()).as("the user who created the batch").isEqualTo("admin");
    assertThat(read.path("cancelReason").asText()).isEqualTo("贷款转让, 停止贷后监控");
    assertThat(read.path("closureLabel").asText()).isEqualTo("贷后监控流程已由运维人员 admin 终止");
    assertThat(read.path("checks").get(0).path("cancelledBy").asText()).as("the signal check the deletion cancelled")
        .isEqualTo("admin");
  }

  /**
   * An operator deleted the loan's monitoring instance; afterwards the loan is settled. Monitoring's closure stays
   * CANCELLED (that is why monitoring ended), but nothing staff read says the loan is still on the books: the monitoring's
   * answer names the settlement and the loan's status, the risk review ends at 正常 off the watch list as for a monitored
   * loan, a signal's refusal names the settlement, and a LoanDisbursed by hand is refused as for a settled loan.
   */
  @Test
  void aLoanSettledAfterAnOperatorCancelledItsMonitoringKeepsTheCancellationAndIsReadAsSettled() {
    MonitoringScenario loan = loanInAnEra();
    loan.report("remote-verifier", MonitoringScenario.signal("GONE-" + loan.loanId(), "CONTROLLER_UNREACHABLE",
        "实际控制人电话停机", null));
    assertThat(monitoring.view(loan.loanId()).watchListed()).isTrue();
    Response deleted = api.send("DELETE", "/engine-rest/process-instance/" + loan.monitoring().getId(), "admin",
        DemoData.PASSWORD, null);
    assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
    LocalDate cancelledOn = clock.today();
    LocalDate payoffDay = disbursed.plusDays(20);

    repay(loan, RepaymentAllocator.payoffAmount(loans.ledger(loan.loanId()), payoffDay), payoffDay);
    loan.closeOn(payoffDay);

    assertThat(loans.standing(loan.loanId()).orElseThrow().status()).isEqualTo(LoanAccount.SETTLED);
    JsonNode read = api.get("/api/loans/" + loan.loanId() + "/monitoring", "zy001-cm").json();
    assertThat(read.path("status").asText()).isEqualTo(MonitoredLoan.ENDED);
    assertThat(read.path("closure").asText()).as("why monitoring ended").isEqualTo(MonitoredLoan.CANCELLED);
    assertThat(read.path("closedOn").asText()).isEqualTo(cancelledOn.toString());
    // Before, nothing in the answer said the loan was settled, and it still read 关注, on the watch list, checked monthly
    assertThat(read.path("loanStatus").asText()).isEqualTo(LoanAccount.SETTLED);
    assertThat(read.path("closureLabel").asText()).isEqualTo("贷后监控流程已由运维人员 admin 终止; 其后贷款已结清");
    assertThat(read.path("classification").asText()).isEqualTo(Classification.NORMAL.name());
    assertThat(read.path("watchListed").asBoolean()).isFalse();
    assertThat(read.path("classificationHistory").get(0).path("cause").asText()).isEqualTo("LOAN_SETTLED");
    Response late = loan.report("remote-verifier", MonitoringScenario.signal("LATE-" + loan.loanId(), "NEGATIVE_NEWS",
        "结清后的报道", null));
    assertThat(late.status()).isEqualTo(409);
    assertThat(late.json().path("detail").asText()).isEqualTo("借据 " + loan.loanId() + " 的贷后监控已结束 (贷后监控流程已由运维人员"
        + " admin 终止, CANCELLED; 其后贷款已结清, SETTLED), 不再受理预警信号 (post-loan monitoring of loan " + loan.loanId()
        + " has ended (CANCELLED); the loan has since left the books (SETTLED))");
    Response refused = loanDisbursedByHand(loan.loanId());
    assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
    assertThat(refused.json().path("message").asText()).isEqualTo("借据 " + loan.loanId() + " 已不在账 (贷款已结清, SETTLED),"
        + " 不再登记贷后监控 (loan " + loan.loanId() + " is off the books (SETTLED): not put under post-loan monitoring)");
    assertThat(runningMonitoring(loan.loanId())).as("no monitoring of the settled loan").isEmpty();
  }

  /**
   * An operator cancelled the loan's monitoring, the loan was settled since, and a reversed payoff reopens it: the loan
   * is owed again and is monitored again, as every loan on the books is; the cancellation does not outlive the loan's
   * return to the books (its who and why leave the monitoring row, as at any restart).
   */
  @Test
  void aLoanWhoseMonitoringAnOperatorCancelledIsMonitoredAgainWhenAReversedPayoffReopensItAfterSettlement() {
    MonitoringScenario loan = loanInAnEra();
    runtimeService.deleteProcessInstance(loan.monitoring().getId(), "运维人员删除贷后监控流程");
    LocalDate payoffDay = disbursed.plusDays(20);
    String payoff = "TX" + UUID.randomUUID().toString().substring(0, 12);
    repayments.receive(new ReceiveRepayment(loan.loanId(), payoff,
        RepaymentAllocator.payoffAmount(loans.ledger(loan.loanId()), payoffDay), payoffDay, "core-banking"));
    loan.closeOn(payoffDay);
    assertThat(monitoring.view(loan.loanId()).closure()).isEqualTo(MonitoredLoan.CANCELLED);

    repayments.reverse(new ReverseRepayment(loan.loanId(), payoff, "付款行退票", "core-banking"));

    assertThat(loans.standing(loan.loanId()).orElseThrow().active()).as("the loan is owed again").isTrue();
    MonitoringView again = monitoring.view(loan.loanId());
    assertThat(again.status()).isEqualTo(MonitoredLoan.MONITORING);
    assertThat(again.closure()).isNull();
    assertThat(again.cancelReason()).isNull();
    assertThat(again.openTasks()).containsExactly("首次贷后检查");
    assertThat(runningMonitoring(loan.loanId())).as("one running monitoring instance").hasSize(1);
  }

  /** As above for a loan written off after an operator cancelled its monitoring: the answers name the write-off. */
  @Test
  void aLoanWrittenOffAfterAnOperatorCancelledItsMonitoringKeepsTheCancellationAndIsReadAsWrittenOff() {
    MonitoringScenario loan = loanInAnEra();
    runtimeService.deleteProcessInstance(loan.monitoring().getId(), "运维人员删除贷后监控流程");

    loans.writeOff(new WriteOffLoan(loan.loanId(), disbursed.plusMonths(5), "collector2", "企业停业, 无可执行财产"));

    JsonNode read = api.get("/api/loans/" + loan.loanId() + "/monitoring", "zy001-cm").json();
    assertThat(read.path("closure").asText()).isEqualTo(MonitoredLoan.CANCELLED);
    assertThat(read.path("loanStatus").asText()).isEqualTo(LoanAccount.WRITTEN_OFF);
    assertThat(read.path("closureLabel").asText()).isEqualTo("贷后监控流程已由运维人员终止; 其后贷款已核销");
    Response refused = loan.report("remote-verifier", MonitoringScenario.signal("LATE-" + loan.loanId(), "NEGATIVE_NEWS",
        "核销后的报道", null));
    assertThat(refused.json().path("detail").asText()).isEqualTo("借据 " + loan.loanId() + " 的贷后监控已结束 (贷后监控流程已由运维人员"
        + "终止, CANCELLED; 其后贷款已核销, WRITTEN_OFF), 不再受理预警信号 (post-loan monitoring of loan " + loan.loanId()
        + " has ended (CANCELLED); the loan has since left the books (WRITTEN_OFF))");
  }

  /**
   * The loan's monitoring instance deleted, its row as such a deletion left it before rows followed their instances: still
   * MONITORING, naming the deleted instance.
   */
  private void instanceDeletedBeforeRowsFollowedThem(MonitoringScenario loan) {
    runtimeService.deleteProcessInstance(loan.monitoring().getId(), "运维人员删除贷后监控流程", true);
    jdbc.sql("UPDATE monitored_loan SET status = 'MONITORING', closure = NULL, closed_on = NULL, ended_at = NULL"
        + " WHERE loan_id = :loanId").param("loanId", loan.loanId()).update();
  }

  @Test
  void aLoanDisbursedByHandTakesOverTheMonitoringOfALoanWhoseDeletedInstanceTheRowStillNames() {
    MonitoringScenario loan = loanInAnEra();
    String deleted = loan.monitoring().getId();
    instanceDeletedBeforeRowsFollowedThem(loan);

    Response taken = loanDisbursedByHand(loan.loanId());

    // Before, refused: 借据 … 已在贷后监控中 (流程实例 <the deleted instance>), though that instance no longer ran
    assertThat(taken.status()).as(taken.toString()).isBetween(200, 204);
    assertThat(runningMonitoring(loan.loanId())).as("one running monitoring instance").singleElement().satisfies(instance -> {
      assertThat(instance.getId()).isNotEqualTo(deleted);
      assertThat(instance).isWaitingAt(PostLoanMonitoringProcess.Elements.TASK_FIRST_POST_LOAN_CHECK);
    });
    assertThat(monitoring.find(loan.loanId()).orElseThrow()).satisfies(row -> {
      assertThat(row.monitoring()).isTrue();
      assertThat(row.processInstanceId()).isEqualTo(runningMonitoring(loan.loanId()).get(0).getId());
    });
  }

  @Test
  void settlementEndsTheMonitoringOfALoanWhoseDeletedInstanceTheRowStillNames() {
    MonitoringScenario loan = loanInAnEra();
    instanceDeletedBeforeRowsFollowedThem(loan);
    LocalDate payoffDay = disbursed.plusDays(20);

    repay(loan, RepaymentAllocator.payoffAmount(loans.ledger(loan.loanId()), payoffDay), payoffDay);
    loan.closeOn(payoffDay);

    // Before, LoanClosed reached no instance and the row stayed MONITORING for a settled loan, signals still taken
    MonitoringView ended = monitoring.view(loan.loanId());
    assertThat(ended.status()).isEqualTo(MonitoredLoan.ENDED);
    assertThat(ended.closure()).isEqualTo(LoanAccount.SETTLED);
    assertThat(ended.closedOn()).isEqualTo(payoffDay);
    Response late = loan.report("remote-verifier", MonitoringScenario.signal("LATE-" + loan.loanId(), "NEGATIVE_NEWS",
        "结清后的报道", null));
    assertThat(late.status()).as("no signal after the end").isEqualTo(409);
  }

  @Test
  void writeOffEndsMonitoringAndCancelsTheOpenChecks() {
    MonitoringScenario loan = loanInAnEra();
    loan.report("remote-verifier", MonitoringScenario.signal("NEWS-" + loan.loanId(), "NEGATIVE_NEWS", "企业停业传闻", null));
    assertThat(loan.tasks(TASK_CHECK_REMOTELY)).hasSize(1);

    loans.writeOff(new WriteOffLoan(loan.loanId(), disbursed.plusMonths(5), "collector2", "企业停业, 无可执行财产"));

    assertThat(loan.monitoring()).isEnded().hasPassed(END_MONITORING_ENDED);
    assertThat(loan.openTasks()).isEmpty();
    MonitoringView ended = monitoring.view(loan.loanId());
    assertThat(ended.closure()).isEqualTo(LoanAccount.WRITTEN_OFF);
    assertThat(ended.checks().get(0).status()).isEqualTo(PostLoanCheck.CANCELLED);
    assertThat(ended.openTasks()).isEmpty();
  }

  /**
   * Once monitoring ended, however it ended, the answer shows no rhythm and no next check: nothing is checked any more,
   * and staff reading 每季度检查 with a date would think the loan still is.
   */
  @ParameterizedTest(name = "monitoring ended: {0}")
  @ValueSource(strings = {LoanAccount.SETTLED, LoanAccount.WRITTEN_OFF, MonitoredLoan.CANCELLED})
  void anEndedMonitoringShowsNoRhythmAndNoNextCheck(String closure) {
    MonitoringScenario loan = loanInAnEra();
    JsonNode running = api.get("/api/loans/" + loan.loanId() + "/monitoring", "zy001-cm").json();
    assertThat(running.path("rhythm").asText()).isEqualTo("QUARTERLY");
    assertThat(running.path("rhythmLabel").asText()).isEqualTo("每季度检查");
    assertThat(running.path("nextCheckDue").isTextual()).as("a periodic check is due").isTrue();

    switch (closure) {
      case LoanAccount.SETTLED -> {
        LocalDate payoffDay = disbursed.plusDays(20);
        repay(loan, RepaymentAllocator.payoffAmount(loans.ledger(loan.loanId()), payoffDay), payoffDay);
        loan.closeOn(payoffDay);
      }
      case LoanAccount.WRITTEN_OFF ->
          loans.writeOff(new WriteOffLoan(loan.loanId(), disbursed.plusMonths(5), "collector2", "企业停业, 无可执行财产"));
      default -> runtimeService.deleteProcessInstance(loan.monitoring().getId(), "运维人员删除贷后监控流程");
    }

    JsonNode ended = api.get("/api/loans/" + loan.loanId() + "/monitoring", "zy001-cm").json();
    assertThat(ended.path("closure").asText()).isEqualTo(closure);
    // Before, it still read "rhythm":"QUARTERLY", "rhythmLabel":"每季度检查" and the date of a check that never comes
    assertThat(ended.hasNonNull("rhythm")).as("no rhythm after the end").isFalse();
    assertThat(ended.path("rhythmLabel").asText()).isEqualTo("监控已结束, 不再定期检查");
    assertThat(ended.hasNonNull("nextCheckDue")).as("no next check after the end").isFalse();
    assertThat(ended.path("lastCheckOn").isTextual()).as("the checks done are history, kept").isTrue();
  }
}
