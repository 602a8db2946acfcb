package com.smeloanflow.tasklist;

import static com.smeloanflow.process.CreditLineReviewProcess.Elements.TASK_REVIEW_LINE;
import static com.smeloanflow.process.CreditLineReviewProcess.Elements.TIMER_REVIEW_DUE;
import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.creditline.CreditLine;
import com.smeloanflow.creditline.CreditLineService;
import com.smeloanflow.creditline.CreditLineStatus;
import com.smeloanflow.identity.IdentitySetup;
import com.smeloanflow.intake.IntakeService;
import com.smeloanflow.intake.LoanApplication;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.process.CreditLineReviewProcess;
import com.smeloanflow.process.ProcessVariable;
import com.smeloanflow.processing.CreditCodes;
import com.smeloanflow.processing.ProcessingFixtures;
import com.smeloanflow.processing.SandboxEnterprises;
import com.smeloanflow.support.ApiClient;
import com.smeloanflow.support.ApiClient.Response;
import com.smeloanflow.support.TestApplications;
import java.time.LocalDate;
import java.util.UUID;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The annual review of a credit line worked in Tasklist by a customer manager of the line's branch: the review
 * table asks a person (an early-warning signal is open on a drawdown); zy001-cm sees the line, the score and the
 * table's suggestion on 年审额度 and freezes the line with a reason.
 */
@BrowserTest
class CreditLineReviewTasklistIT extends BrowserTestBase {

  @Autowired IntakeService intake;
  @Autowired CreditLineService lines;
  @Autowired BusinessClock clock;
  @Autowired JdbcClient jdbc;

  /**
   * A line of ZY001 opened a year and a day ago (written to its table: opening one takes the whole origination
   * flow, walked by the other browser tests), so its first anniversary has passed.
   */
  private CreditLine lineOpenedAYearAgo(ApiClient api) {
    String creditCode = CreditCodes.fresh();
    SandboxEnterprises.register(api, creditCode, ProcessingFixtures.strongProfile());
    LoanApplication application = intake.register(TestApplications.forProduct("REVOLVING_LINE").creditCode(creditCode)
        .requestedAmount("1000000.00").build(), "tasklist-test");
    LocalDate openedOn = clock.today().minusYears(1).minusDays(1);
    String lineId = "CL-IT-" + UUID.randomUUID().toString().substring(0, 8);
    jdbc.sql("""
        INSERT INTO credit_line (line_id, application_id, credit_code, borrower_name, branch_code, credit_limit, annual_rate_percent,
          repayment_method, opened_on, valid_until, status, opened_at, version)
        VALUES (:line, :app, :code, :name, 'ZY001', 1000000.00, 4.3500, 'EQUAL_INSTALMENT', :opened, :until, 'ACTIVE',
          CURRENT_TIMESTAMP, 0)
        """).param("line", lineId).param("app", application.id()).param("code", creditCode)
        .param("name", application.enterpriseName()).param("opened", openedOn).param("until", CreditLine.validUntil(openedOn))
        .update();
    return lines.find(lineId).orElseThrow();
  }

  @Test
  void aCustomerManagerFreezesALineWhoseDrawdownHasAnOpenSignalInTasklist() {
    ApiClient api = new ApiClient(port);
    ProcessProbe probe = new ProcessProbe(engine);
    TasklistPage tasklist = new TasklistPage(browser, port);
    CreditLine line = lineOpenedAYearAgo(api);
    Response drawn = api.post("/api/lines/" + line.lineId() + "/drawdowns", "channel",
        "{\"requestId\":\"IT-" + UUID.randomUUID() + "\",\"amount\":300000.00,\"termMonths\":12}");
    assertThat(drawn.status()).as(drawn.toString()).isEqualTo(201);
    String loanId = drawn.json().path("loanId").asText();
    Response signal = api.post("/api/loans/" + loanId + "/signals", "core-banking", "{\"eventId\":\"IT-NEWS-" + loanId
        + "\",\"signalType\":\"NEGATIVE_NEWS\",\"observedOn\":\"" + clock.today().minusDays(1)
        + "\",\"summary\":\"媒体报道企业拖欠供应商货款\"}");
    assertThat(signal.status()).as(signal.toString()).isEqualTo(201);

    ProcessVariable.trusted(() -> engine.getRuntimeService().createMessageCorrelation(CreditLineReviewProcess.Messages.CREDIT_LINE_OPENED)
        .processInstanceBusinessKey(line.lineId())
        .setVariable(CreditLineReviewProcess.Variables.BRANCH_CODE.name(), "ZY001")
        .correlateStartMessage());
    String instance = probe.awaitInstance(CreditLineReviewProcess.KEY, line.lineId());
    Task task = probe.awaitTask(instance, TASK_REVIEW_LINE);
    assertThat(probe.candidateGroups(task.getId())).containsExactly("ZY001-customer-managers");

    probe.assertFormReadsOnlyTaskVariables(task);
    tasklist.login("zy001-cm").selectFilter(IdentitySetup.FILTER_GROUP_TASKS).openTask(task.getId());
    assertThat(tasklist.openTaskName()).isEqualTo("年审额度");
    CamundaForm form = tasklist.taskForm().assertShows(line.lineId(), line.borrowerName(), "1000000.00", "300000.00", "压降额度",
        "存在未处理的预警信号", "500000.00", loanId);
    tasklist.claim();
    form.radio("年审结论 (可确认或改变决策表结论)", "压降额度");
    assertThat(form.isVisible("压降后额度(元)")).as("the new limit is asked for a reduction").isTrue();
    form.radio("年审结论 (可确认或改变决策表结论)", "冻结额度");
    assertThat(form.isVisible("压降后额度(元)")).isFalse();
    form.type("年审意见", "负面舆情核实属实, 企业拖欠货款, 暂停提款");
    browser.screenshot("40-form-review-credit-line");
    tasklist.complete();

    probe.awaitActivity(instance, TIMER_REVIEW_DUE);
    probe.awaitCondition("line frozen", () -> lines.find(line.lineId()).orElseThrow().status() == CreditLineStatus.FROZEN);
    assertThat(lines.find(line.lineId()).orElseThrow().statusReason()).contains("负面舆情核实属实");
    probe.assertOnlyDeclaredVariables(instance);
    probe.assertNoIncidents(instance);
  }
}
