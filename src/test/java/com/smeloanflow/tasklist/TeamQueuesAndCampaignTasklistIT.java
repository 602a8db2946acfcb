package com.smeloanflow.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.identity.IdentitySetup;
import com.smeloanflow.intake.Channel;
import com.smeloanflow.intake.LoanApplication;
import com.smeloanflow.intake.LoanApplicationRepository;
import com.smeloanflow.process.LoanOriginationProcess;
import com.smeloanflow.process.WhitelistCampaignProcess;
import com.smeloanflow.process.WhitelistProspectProcess;
import com.smeloanflow.processing.CreditCodes;
import com.smeloanflow.support.ApiClient;
import com.smeloanflow.support.TestApplications;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Team queues and whitelist campaigns in Tasklist: a team lead's filters with the business columns and a
 * reassignment within the team; head office marketing imports a whitelist in the start form and reviews the
 * report; a customer manager records an interested prospect in the contact form, which becomes an
 * application prefilled with the whitelist's data.
 */
@BrowserTest
class TeamQueuesAndCampaignTasklistIT extends BrowserTestBase {

  /** Divisions of the enterprises' credit codes: the whitelist hands 520303 (汇川区) to ZY001, 520302 (红花岗区) to ZY002. */
  private static final String HUICHUAN = "520303";
  private static final String HONGHUAGANG = "520302";

  @Autowired LoanApplicationRepository applications;

  private TasklistPage tasklist;
  private ProcessProbe probe;
  private ApiClient api;

  @BeforeEach
  void openTasklist() {
    tasklist = new TasklistPage(browser, port);
    probe = new ProcessProbe(engine);
    api = new ApiClient(port);
  }

  private static String whitelistLine(String creditCode, String name) {
    return creditCode + "," + name + ",张明,13985012345,300000.00,CREDIT_QUICK,TAX-WL-2.1,2026-01-05";
  }

  /** Imports a one-enterprise whitelist over the API and waits for the prospect's contact task. */
  private Task prospectTask(String creditCode, String name) {
    String csv = "统一社会信用代码,企业名称,法定代表人,手机号码,预估额度,建议产品,来源模型,模型日期\n" + whitelistLine(creditCode, name) + "\n";
    ApiClient.Response imported = api.postBytes("/api/campaigns?name=browser", "campaign-manager", "text/csv",
        csv.getBytes(StandardCharsets.UTF_8));
    assertThat(imported.status()).as(imported.body()).isEqualTo(201);
    String prospectId = imported.json().path("lines").get(0).path("prospectId").asText();
    String instance = probe.awaitInstance(WhitelistProspectProcess.KEY, prospectId);
    return probe.awaitTask(instance, WhitelistProspectProcess.Elements.TASK_CONTACT_PROSPECT);
  }

  private Task acceptanceTask(String branch, String enterprise) {
    ApiClient.Response answer = api.post("/api/applications", "channel", TestApplications.mortgageAtBranchCounter()
        .branchCode(branch).enterpriseName(enterprise).creditCode(CreditCodes.fresh()).json(),
        "Idempotency-Key", UUID.randomUUID().toString());
    assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
    String instance = probe.awaitInstance(LoanOriginationProcess.KEY, answer.json().get("applicationId").asText());
    return probe.awaitTask(instance, LoanOriginationProcess.Elements.TASK_ACCEPT_APPLICATION);
  }

  @Test
  void aTeamLeadSeesTheTeamsTasksWithBusinessColumnsAndHandsAProspectToAnotherManager() {
    Task acceptance = acceptanceTask("ZY001", "遵义市汇川区恒达五金有限公司");
    Task otherBranch = acceptanceTask("ZY002", "遵义市红花岗区宏图商贸有限公司");
    Task prospect = prospectTask(CreditCodes.freshIn(HUICHUAN), "遵义市汇川区白名单机电有限公司");
    String other = prospect.getAssignee().equals("zy001-cm") ? "zy001-cm2" : "zy001-cm";

    tasklist.login("team-lead");
    assertThat(tasklist.filterNames()).contains(IdentitySetup.FILTER_MY_TASKS, IdentitySetup.FILTER_GROUP_TASKS,
        IdentitySetup.FILTER_TEAM_TASKS, IdentitySetup.FILTER_OVERDUE, IdentitySetup.FILTER_ESCALATED);
    tasklist.selectFilter(IdentitySetup.FILTER_TEAM_TASKS);
    assertThat(tasklist.listColumns(acceptance.getId())).containsEntry("企业", "遵义市汇川区恒达五金有限公司")
        .containsEntry("申请金额(元)", "800000.00").containsEntry("产品", "抵押快贷").containsEntry("网点", "汇川支行")
        .containsEntry("时效", "正常");
    assertThat(tasklist.listColumns(prospect.getId())).containsEntry("企业", "遵义市汇川区白名单机电有限公司")
        .containsEntry("预估额度(元)", "300000.00").containsEntry("产品", "信用快贷").containsEntry("时效", "正常");
    assertThat(tasklist.listShowsTask(otherBranch.getId())).as("ZY002's task is not ZY001's lead's").isFalse();
    tasklist.expandListCards();
    browser.screenshot("11-tasklist-team-lead-team-tasks");

    tasklist.openTask(prospect.getId()).reassignOpenTaskTo(other);

    probe.awaitCondition("the contact task handed to " + other, () -> other.equals(probe.assignee(prospect.getId())));
    assertThat(engine.getRuntimeService().getVariable(prospect.getProcessInstanceId(), "customerManager")).isEqualTo(other);
  }

  @Test
  void marketingImportsAWhitelistInTheStartFormAndReviewsTheReport() {
    Instant started = Instant.now();
    String good = CreditCodes.freshIn(HONGHUAGANG);
    tasklist.login("campaign-manager");
    CamundaForm start = tasklist.startProcess("白名单导入");
    start.type("营销活动名称", "柜面导入演示").type("白名单内容 (CSV)",
        "统一社会信用代码,企业名称,法定代表人,手机号码,预估额度,建议产品,来源模型,模型日期\n"
            + whitelistLine(good, "遵义市红花岗区白名单食品有限公司") + "\n"
            + whitelistLine("91520303MA6DKQ8X4B", "校验位错误的公司"));
    browser.screenshot("13-start-form-import-whitelist");
    tasklist.submitStartForm();

    String instance = probe.awaitInstanceStartedBy("campaign-manager", WhitelistCampaignProcess.KEY, started);
    Task review = probe.awaitTask(instance, WhitelistCampaignProcess.Elements.TASK_REVIEW_IMPORT_REPORT);
    tasklist.selectFilter(IdentitySetup.FILTER_MY_TASKS).openTask(review.getId());
    tasklist.taskForm().assertShows("白名单导入结果", "柜面导入演示", "已导入并分配", "第 3 行", "校验位错误", "ZY002 zy002-cm: 1 家");
    browser.screenshot("14-form-review-import-report");
    tasklist.complete();
  }

  @Test
  void aCustomerManagerRecordsAnInterestedProspectWhichBecomesAPrefilledApplication() {
    String code = CreditCodes.freshIn(HONGHUAGANG);
    Task prospect = prospectTask(code, "遵义市红花岗区白名单家具有限公司");
    assertThat(prospect.getAssignee()).isEqualTo("zy002-cm");
    probe.assertFormReadsOnlyTaskVariables(prospect);

    tasklist.login("zy002-cm").selectFilter(IdentitySetup.FILTER_MY_TASKS).openTask(prospect.getId());
    assertThat(tasklist.openTaskName()).isEqualTo("联系白名单客户");
    CamundaForm form = tasklist.taskForm().assertShows("遵义市红花岗区白名单家具有限公司", code, "300000.00", "信用快贷", "红花岗支行",
        "首次联系");
    form.radio("联系结果", "有意向").type("联系情况", "法人有意申请信用快贷, 已约定下周到网点")
        .number("贷款期限(月)", 12).type("贷款用途", "采购原材料").select("担保方式", "信用").type("行业代码", "C21")
        .date("成立日期", LocalDate.of(2014, 5, 6)).number("年营业收入(元)", "4800000.00")
        .type("法定代表人身份证号码", TestApplications.uniqueIdNumber(88_001)).type("法定代表人电子邮箱", "zhangming.wl@example.com");
    browser.screenshot("12-form-contact-prospect");
    tasklist.complete();

    probe.awaitCondition("the application of " + code, () -> !applications.applicationsOfEnterprise(code).isEmpty());
    List<String> ids = applications.applicationsOfEnterprise(code);
    LoanApplication application = applications.get(ids.get(0));
    assertThat(application.channel()).isEqualTo(Channel.WHITELIST);
    assertThat(application.branchCode()).isEqualTo("ZY002");
    assertThat(application.enterpriseName()).isEqualTo("遵义市红花岗区白名单家具有限公司");
    assertThat(application.requestedAmount()).isEqualByComparingTo("300000.00");
    String origination = probe.awaitInstance(LoanOriginationProcess.KEY, application.id());
    Task accept = probe.awaitTask(origination, LoanOriginationProcess.Elements.TASK_ACCEPT_APPLICATION);
    assertThat(probe.candidateGroups(accept.getId())).containsExactly("ZY002-acceptance");
  }
}
