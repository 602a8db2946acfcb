package com.smeloanflow.monitoring;

import static com.smeloanflow.process.PostLoanCheckProcess.Elements.END_LINE_INSTRUCTION_ISSUED;
import static com.smeloanflow.process.PostLoanCheckProcess.Elements.END_LOAN_CALLED_IN;
import static com.smeloanflow.process.PostLoanCheckProcess.Elements.TASK_CHECK_REMOTELY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.smeloanflow.collections.CollectionCaseService;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.platform.ChineseDates;
import com.smeloanflow.process.CollectionProcess;
import com.smeloanflow.servicing.Classification;
import com.smeloanflow.servicing.DailyCloseService;
import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.ApiClient.Response;
import jakarta.mail.internet.MimeMessage;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * What a check concludes leads somewhere real: a line measure is recorded for the line owner (credit
 * lines are not built yet), a called-in loan is told to the borrower and opens a collection case at
 * once, a watch finding puts the loan on the watch list; inconsistent conclusions are refused.
 */
@ExtendWith(OutputCaptureExtension.class)
class CheckOutcomeProcessTest extends AbstractIntegrationTest {

  @Autowired LoanAccountService loans;
  @Autowired DailyCloseService dailyClose;
  @Autowired MonitoringQueryService monitoring;
  @Autowired CollectionCaseService collectionCases;
  @Autowired BusinessClock clock;
  @Autowired PostLoanMonitoringService monitoringService;

  /** A loan of 100,000.00 CNY under monitoring with an ordinary signal: a remote check is open. */
  private MonitoringScenario loanWithARemoteCheck() {
    MonitoringScenario loan = MonitoringScenario.loan(processEngine, api, this::executeDueJobs, this::completeAs, intakeService,
        loans, dailyClose, "ZY001", clock.today()).firstCheck("NORMAL");
    loan.report("remote-verifier", MonitoringScenario.signal("EVT-" + loan.loanId(), "OVERDUE_ELSEWHERE",
        "征信显示他行贷款逾期", "{\"overdueAmount\": 8000.00}"));
    return loan;
  }

  private ProcessInstance checkOf(MonitoringScenario loan) {
    return loan.checkInstance(monitoring.view(loan.loanId()).checks().get(0).checkId());
  }

  @Test
  void aReductionOfTheLineIsRecordedForTheLineOwnerAndPutsTheLoanOnTheWatchList() {
    MonitoringScenario loan = loanWithARemoteCheck();
    ProcessInstance check = checkOf(loan);

    loan.completeCheck("remote-verifier", TASK_CHECK_REMOTELY, "RESTRICT_LINE",
        Map.of(PostLoanCheckTaskListener.LINE_MEASURE, "REDUCE", PostLoanCheckTaskListener.REDUCED_LIMIT, "60000.00"));

    assertThat(check).isEnded().hasPassed(END_LINE_INSTRUCTION_ISSUED);
    MonitoringView view = monitoring.view(loan.loanId());
    assertThat(view.lineInstructions()).singleElement().satisfies(instruction -> {
      assertThat(instruction.measure()).isEqualTo(LineMeasure.REDUCE);
      assertThat(instruction.reducedLimit()).isEqualByComparingTo("60000.00");
      assertThat(instruction.status()).isEqualTo(LineInstruction.OPEN);
      assertThat(instruction.issuedBy()).isEqualTo("remote-verifier");
    });
    assertThat(view.classification()).isEqualTo(Classification.SPECIAL_MENTION);
    assertThat(view.rhythm()).isEqualTo("MONTHLY");
  }

  @Test
  void aFreezeOfTheLineNeedsNoLimit() {
    MonitoringScenario loan = loanWithARemoteCheck();

    loan.completeCheck("remote-verifier", TASK_CHECK_REMOTELY, "RESTRICT_LINE",
        Map.of(PostLoanCheckTaskListener.LINE_MEASURE, "FREEZE"));

    assertThat(monitoring.view(loan.loanId()).lineInstructions()).singleElement().satisfies(instruction -> {
      assertThat(instruction.measure()).isEqualTo(LineMeasure.FREEZE);
      assertThat(instruction.reducedLimit()).isNull();
    });
  }

  @Test
  void aLineMeasureMustSayWhatAndAReductionHowMuch() {
    MonitoringScenario loan = loanWithARemoteCheck();
    String taskId = loan.task(TASK_CHECK_REMOTELY).getId();

    assertThatThrownBy(() -> completeAs("remote-verifier", taskId, Map.of(PostLoanCheckTaskListener.CONCLUSION,
        "RESTRICT_LINE", PostLoanCheckTaskListener.FINDINGS, "经营下滑"))).hasMessageContaining("额度管控措施");
    assertThatThrownBy(() -> completeAs("remote-verifier", taskId, Map.of(PostLoanCheckTaskListener.CONCLUSION,
        "RESTRICT_LINE", PostLoanCheckTaskListener.LINE_MEASURE, "REDUCE", PostLoanCheckTaskListener.REDUCED_LIMIT,
        "100000.00", PostLoanCheckTaskListener.FINDINGS, "经营下滑"))).hasMessageContaining("低于原额度");
    assertThatThrownBy(() -> completeAs("remote-verifier", taskId, Map.of(PostLoanCheckTaskListener.CONCLUSION, "WATCH")))
        .hasMessageContaining("检查情况");

    assertThat(loan.task(TASK_CHECK_REMOTELY).getId()).as("still open").isEqualTo(taskId);
    assertThat(monitoring.view(loan.loanId()).lineInstructions()).isEmpty();
  }

  @Test
  void aCheckerSubmittingACheckWithdrawnMeanwhileIsToldSoInChineseNotAServerError(CapturedOutput log) {
    MonitoringScenario loan = loanWithARemoteCheck();
    String taskId = loan.task(TASK_CHECK_REMOTELY).getId();
    String checkId = monitoring.view(loan.loanId()).checks().get(0).checkId();
    // The loan is settled in another transaction while the checker's form is open in Tasklist: monitoring ends and
    // withdraws the check before the checker's submission reaches it.
    monitoringService.end(loan.loanId(), "贷款已结清");
    String form = "{\"variables\": {\"" + PostLoanCheckTaskListener.CONCLUSION + "\": {\"value\": \"NORMAL\"}, \""
        + PostLoanCheckTaskListener.FINDINGS + "\": {\"value\": \"经营正常\"}}}";

    for (String action : List.of("submit-form", "complete")) {
      Response answer = api.post("/engine-rest/task/" + taskId + "/" + action, "remote-verifier", form);

      assertThat(answer.status()).as(action + ": " + answer).isEqualTo(400);
      assertThat(answer.json().path("message").asText()).as(action)
          .contains("贷后检查 " + checkId + " 已撤销 (贷后监控已结束), 无需再登记检查结论, 请刷新待办列表")
          .doesNotContain("ENGINE-");
    }
    assertThat(monitoring.view(loan.loanId()).checks().get(0).status()).isEqualTo(PostLoanCheck.CANCELLED);
    assertThat(log.getAll()).as("a task overtaken meanwhile is the checker's to see, not an engine failure")
        .doesNotContain("ENGINE-16004", "ENGINE-03051");
  }

  @Test
  void aCalledInLoanIsToldToTheBorrowerAndHandedToCollectionsAtOnce() {
    MonitoringScenario loan = loanWithARemoteCheck();
    ProcessInstance check = checkOf(loan);
    String email = applications.get(loan.account().applicationId()).legalRepEmail();

    loan.completeCheck("remote-verifier", TASK_CHECK_REMOTELY, "CALL_IN", Map.of());

    assertThat(check).isEnded().hasPassed(END_LOAN_CALLED_IN);
    MonitoringView view = monitoring.view(loan.loanId());
    assertThat(view.checks().get(0).callInDueOn()).isEqualTo(clock.today().plusDays(15));
    assertThat(view.classification()).isEqualTo(Classification.SUBSTANDARD);
    assertThat(loans.standing(loan.loanId()).orElseThrow().classification()).isEqualTo(Classification.SUBSTANDARD);
    assertThat(collectionCases.openCase(loan.loanId())).as("collection case opened early").isPresent();
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(CollectionProcess.KEY)
        .processInstanceBusinessKey(loan.loanId()).count()).isEqualTo(1);
    List<MimeMessage> mails = mailsTo(email);
    assertThat(mails).extracting(AbstractIntegrationTest::subjectOf).containsExactly("【普惠金融】提前收回贷款通知 " + loan.loanId());
    assertThat(bodyOf(mails.get(0))).contains("请于" + ChineseDates.day(clock.today().plusDays(15)) + "（含）前").contains(
        new BigDecimal("100000.00").toPlainString()).doesNotContain("已核实");
  }
}
