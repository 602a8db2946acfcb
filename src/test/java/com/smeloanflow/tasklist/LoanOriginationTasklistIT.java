package com.smeloanflow.tasklist;

import static com.smeloanflow.process.LoanOriginationProcess.Elements.TASK_ACCEPT_APPLICATION;
import static com.smeloanflow.process.LoanOriginationProcess.Elements.TASK_RECEIVE_MISSING_DOCUMENTS;
import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.identity.IdentitySetup;
import com.smeloanflow.intake.ApplicationQueryService;
import com.smeloanflow.casefile.ApplicationStatus;
import com.smeloanflow.intake.GuaranteeType;
import com.smeloanflow.intake.Product;
import com.smeloanflow.intake.RequiredDocument;
import com.smeloanflow.process.LoanOriginationProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Loan origination worked in Tasklist by the roles that work it, in a real browser: the form each
 * role opens renders with the application's data, is filled and completed, and the next task
 * appears for the next role. One test per path; a new user task adds a step (open, check, fill,
 * complete) to the path it is on, and a screenshot for the tour.
 */
@BrowserTest
class LoanOriginationTasklistIT extends BrowserTestBase {

  private static final String PROCESS_NAME = "贷款申请受理至放款";
  private static final String ACCEPTOR = "zy001-acceptor";
  private static final String OTHER_BRANCH_ACCEPTOR = "zy002-acceptor";
  /** The shareholder who guarantees the counter application (a resident ID number with its check digit). */
  private static final String GUARANTOR = "李强";
  private static final String GUARANTOR_ID = "520302198001011236";


  @Autowired
  ApplicationQueryService applications;

  private TasklistPage tasklist;
  private ProcessProbe probe;

  @BeforeEach
  void openTasklist() {
    tasklist = new TasklistPage(browser, port);
    probe = new ProcessProbe(engine);
  }

  /**
   * The counter form of a GROWTH loan guaranteed by a shareholder: the guarantor fields appear for a
   * guarantee or a joint guarantee, the collateral fields only for a mortgage; the acceptor sees the
   * guarantor and ticks the guarantor's documents.
   */
  @Test
  void branchClerkEntersAGuaranteedApplicationAtTheCounterAndAcceptsItWithCompleteDocuments() {
    TasklistPage.LoginPage login = tasklist.loginPage("tasklist");
    assertThat(login.usernamePlaceholder()).isEqualTo("用户名");
    assertThat(login.passwordPlaceholder()).isEqualTo("密码");
    assertThat(login.buttonText()).isEqualTo("登录");
    assertThat(login.title()).contains("普惠贷款作业平台");
    browser.screenshot("01-login");

    tasklist.login(ACCEPTOR);
    assertThat(tasklist.headerUserName()).as("name and post in the header").isEqualTo("王芳 (汇川支行受理)");
    assertThat(tasklist.brand()).contains("普惠贷款作业平台");
    assertThat(tasklist.vendorBannerVisible()).as("Camunda 8 migration banner").isFalse();
    assertThat(tasklist.filterNames()).contains(IdentitySetup.FILTER_MY_TASKS, IdentitySetup.FILTER_GROUP_TASKS);

    // 柜面录入: the counter start form
    Instant started = Instant.now();
    String enterprise = "遵义市汇川区明达机械加工有限公司";
    CamundaForm intake = tasklist.startProcess(PROCESS_NAME).assertShows("柜面贷款申请录入");
    intake.type("受理网点", "ZY001")
        .select("贷款产品", "成长贷")
        .type("企业名称", enterprise)
        .type("统一社会信用代码", "91520303MA6DKQ8X4A")
        .type("行业代码", "C34")
        .date("成立日期", LocalDate.of(2016, 4, 18))
        .number("年营业收入(元)", "6500000")
        .type("法定代表人姓名", "张明")
        .type("法定代表人身份证号码", "52030219850714321X")
        .type("法定代表人手机号码", "13985012345")
        .type("法定代表人电子邮箱", "zhangming@example.com")
        .number("申请金额(元)", "1500000")
        .number("贷款期限(月)", 24)
        .type("贷款用途", "扩建生产线, 购置数控机床两台");
    intake.select("担保方式", "抵押");
    assertThat(intake.isVisible("抵押物类型")).as("collateral fields for a mortgage").isTrue();
    assertThat(intake.isVisible("保证人1名称")).as("guarantor fields for a mortgage").isFalse();
    intake.select("担保方式", "联保");
    assertThat(intake.isVisible("保证人2名称")).as("guarantor fields for a joint guarantee").isTrue();
    assertThat(intake.isVisible("抵押物类型")).as("collateral fields for a joint guarantee").isFalse();
    intake.select("担保方式", "保证");
    assertThat(intake.isVisible("抵押物类型")).as("collateral fields for a guarantee").isFalse();
    intake.select("保证人1类型", "自然人")
        .type("保证人1名称", GUARANTOR)
        .type("保证人1证件号码", GUARANTOR_ID)
        .select("保证人1与借款人关系", "股东")
        .type("保证人1手机号码", "13985067890");
    browser.screenshot("02-start-form-counter-intake");
    tasklist.submitStartForm();

    String instance = probe.awaitInstanceStartedBy(ACCEPTOR, LoanOriginationProcess.KEY, started);
    String applicationId = engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instance)
        .singleResult().getBusinessKey();
    assertThat(applicationId).startsWith("SL");

    // 受理贷款申请: the branch's acceptance task, found in the group's list
    acceptApplication(instance, Product.GROWTH, GuaranteeType.GUARANTEE, Product.GROWTH.requiredDocuments(GuaranteeType.GUARANTEE),
        "04-form-accept-application", applicationId, enterprise, "成长贷", "1500000.00", "保证", GUARANTOR, GUARANTOR_ID);

    assertThat(applications.view(applicationId).status())
        .isNotIn(ApplicationStatus.AWAITING_ACCEPTANCE, ApplicationStatus.DOCUMENTS_MISSING);
    probe.assertOnlyDeclaredVariables(instance);
    probe.assertNoIncidents(instance);
  }

  @Test
  void acceptorRequestsMissingDocumentsAndRegistersThemWhenTheApplicantBringsThem() throws Exception {
    String enterprise = "遵义市红花岗区鑫达商贸有限公司";
    String applicationId = submitThroughChannelApi(enterprise);
    String instance = instanceOf(applicationId);
    List<RequiredDocument> required = Product.MORTGAGE_QUICK.requiredDocuments(GuaranteeType.MORTGAGE);
    List<RequiredDocument> brought = required.stream().filter(d -> d != RequiredDocument.BANK_STATEMENTS).toList();

    tasklist.login(ACCEPTOR);
    acceptMortgage(instance, applicationId, enterprise, brought);

    // 登记补充资料: the applicant is mailed, the branch waits for the missing statements
    Task receive = probe.awaitTask(instance, TASK_RECEIVE_MISSING_DOCUMENTS);
    assertThat(probe.candidateGroups(receive.getId())).containsExactly("ZY001-acceptance");
    probe.awaitCondition("mail to the applicant, sent by the outbox poller", () -> mailsTo("zhangming@example.com").stream()
        .anyMatch(mail -> mail.contains("需要补充资料") && mail.contains(applicationId)));
    probe.assertFormReadsOnlyTaskVariables(receive);
    tasklist.selectFilter(IdentitySetup.FILTER_GROUP_TASKS).openTask(receive.getId());
    assertThat(tasklist.openTaskName()).isEqualTo("登记补充资料");
    CamundaForm form = tasklist.taskForm()
        .assertShows(applicationId, enterprise, "待补充资料", RequiredDocument.BANK_STATEMENTS.label());
    tasklist.claim();
    form.check("补充资料已收到");
    browser.screenshot("05-form-receive-missing-documents");
    tasklist.complete();

    // back to acceptance: the checklist again, now complete
    acceptMortgage(instance, applicationId, enterprise, required);
    assertThat(applications.view(applicationId).status())
        .isNotIn(ApplicationStatus.AWAITING_ACCEPTANCE, ApplicationStatus.DOCUMENTS_MISSING);
    probe.assertOnlyDeclaredVariables(instance);
    probe.assertNoIncidents(instance);
  }

  /**
   * Each branch sees only its own applications: the ZY002 acceptor's group list shows the ZY002
   * application (so the list has loaded) and not the ZY001 one.
   */
  @Test
  void anotherBranchDoesNotSeeTheApplication() throws Exception {
    String applicationId = submitThroughChannelApi("遵义市汇川区鸿运食品有限公司");
    String ownApplicationId = submitThroughChannelApi("遵义市红花岗区兴盛五金有限公司", "ZY002");
    Task accept = probe.awaitTask(instanceOf(applicationId), TASK_ACCEPT_APPLICATION);
    Task own = probe.awaitTask(instanceOf(ownApplicationId), TASK_ACCEPT_APPLICATION);
    assertThat(probe.candidateGroups(own.getId())).containsExactly("ZY002-acceptance");

    tasklist.login(OTHER_BRANCH_ACCEPTOR).selectFilter(IdentitySetup.FILTER_GROUP_TASKS);
    browser.await().withMessage("the ZY002 application in the ZY002 acceptor's list")
        .until(d -> tasklist.listShowsTask(own.getId()));
    assertThat(tasklist.listShowsTask(accept.getId())).as("ZY002 sees a ZY001 task").isFalse();
  }

  @Test
  void cockpitAndWelcomePagesAreChineseAndCarryTheBankBrand() {
    for (String app : List.of("cockpit", "welcome", "admin")) {
      TasklistPage.LoginPage login = tasklist.loginPage(app);
      assertThat(login.usernamePlaceholder()).as("%s login", app).isEqualTo("用户名");
      assertThat(login.buttonText()).as("%s login", app).isEqualTo("登录");
      assertThat(login.title()).as("%s login", app).contains("普惠贷款作业平台");
    }
    tasklist.loginTo("cockpit", "process-owner");
    assertThat(tasklist.brand()).contains("普惠贷款作业平台");
    assertThat(tasklist.vendorBannerVisible()).as("Camunda 8 migration banner").isFalse();
    String page = tasklist.pageText();
    assertThat(page).contains("流程").doesNotContain("It is time to migrate");
    browser.screenshot("06-cockpit-process-owner");
  }

  /**
   * The page of a process in Cockpit, where process owners follow, migrate and repair instances, is in
   * Chinese: its details, the diagram's statistics switch, the tabs and the search, none of Camunda's
   * English labels.
   */
  @Test
  void cockpitProcessPageIsChineseForTheProcessOwner() {
    String definitionId = engine.getRepositoryService().createProcessDefinitionQuery()
        .processDefinitionKey(LoanOriginationProcess.KEY).latestVersion().singleResult().getId();
    String page = tasklist.loginTo("cockpit", "process-owner")
        .openRoute("cockpit", "#/process-definition/" + definitionId + "/runtime", "调用的流程定义");
    assertThat(page).contains(PROCESS_NAME, "定义版本", "运行中实例", "活动实例统计", "流程实例", "异常", "作业定义")
        .doesNotContain("Definition Version", "Instances Running", "Activity Instance Statistics", "Process Instances",
            "Incidents", "Called Process Definitions", "Job Definitions", "Runtime");
    browser.screenshot("06-cockpit-process-definition");
  }

  /**
   * Admin's page of a group, where administrators keep the branches' posts, is in Chinese: menu, tabs, the
   * group's heading and its messages.
   */
  @Test
  void adminGroupPageIsChineseForTheAdministrator() {
    String page = tasklist.loginTo("admin", "admin").openRoute("admin", "#/groups/ZY001-acceptance?tab=tenants", "汇川支行 受理岗");
    assertThat(page).contains("用户", "岗位组", "租户", "授权", "编辑岗位组", "当前不属于任何租户")
        .doesNotContain("Users", "Groups", "Tenants", "Authorizations", "Edit group", "is currently not member");
  }

  /**
   * Cockpit under the engine's query limit (queryMaxResultsLimit 2000: an unbounded query is refused):
   * an administrator's start page and process list load and show the processes, with no error notice.
   */
  @Test
  void cockpitStartPageAndProcessListLoadForAnAdministratorUnderTheQueryLimit() {
    tasklist.loginTo("cockpit", "admin").openRoute("cockpit", "#/processes", PROCESS_NAME);
    List<org.openqa.selenium.WebElement> errors = browser.driver().findElements(org.openqa.selenium.By.cssSelector(".alert-danger"));
    assertThat(errors.stream().filter(org.openqa.selenium.WebElement::isDisplayed).map(org.openqa.selenium.WebElement::getText).toList())
        .as("error notices in Cockpit").isEmpty();
  }

  /** 受理贷款申请 of the channel's mortgage application (MORTGAGE_QUICK, 800,000). */
  private void acceptMortgage(String instance, String applicationId, String enterprise, List<RequiredDocument> brought) {
    acceptApplication(instance, Product.MORTGAGE_QUICK, GuaranteeType.MORTGAGE, brought, null, applicationId, enterprise,
        "抵押快贷", "800000.00", "工业厂房");
  }

  /**
   * 受理贷款申请: find, open, check the summary ({@code shows}) and that the checklist holds exactly the
   * product's documents, claim, tick the documents brought, complete.
   */
  private void acceptApplication(String instance, Product product, GuaranteeType guarantee, List<RequiredDocument> brought,
      String screenshot, String... shows) {
    Task accept = probe.awaitTask(instance, TASK_ACCEPT_APPLICATION);
    assertThat(probe.candidateGroups(accept.getId())).containsExactly("ZY001-acceptance");
    probe.assertFormReadsOnlyTaskVariables(accept);

    tasklist.selectFilter(IdentitySetup.FILTER_GROUP_TASKS).openTask(accept.getId());
    assertThat(tasklist.openTaskName()).isEqualTo("受理贷款申请");
    if (screenshot != null) {
      browser.screenshot("03-tasklist-" + ACCEPTOR);
    }
    CamundaForm form = tasklist.taskForm().assertShows(shows)
        .assertShows("91520303MA6DKQ8X4A", "2016-04-18", "资料清单", "C34 通用设备制造业");
    List<String> checklist = required(product, guarantee);
    List<String> notRequired = java.util.Arrays.stream(RequiredDocument.values()).map(RequiredDocument::label)
        .filter(label -> !checklist.contains(label)).toList();
    assertThat(form.visibleFieldLabels()).as("checklist of %s with %s", product, guarantee)
        .containsAll(checklist).doesNotContainAnyElementsOf(notRequired);
    tasklist.claim();
    for (RequiredDocument document : brought) {
      form.check(document.label());
    }
    form.type("受理意见", "原件已核对");
    if (screenshot != null) {
      browser.screenshot(screenshot);
    }
    tasklist.complete();
    // Tasklist refreshes its list after the form closed: on a busy machine, a moment later.
    browser.await().withMessage("completed task left the list").until(d -> !tasklist.listShowsTask(accept.getId()));
  }

  private static List<String> required(Product product, GuaranteeType guarantee) {
    return product.requiredDocuments(guarantee).stream().map(RequiredDocument::label).toList();
  }

  private String instanceOf(String applicationId) {
    return engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(applicationId)
        .singleResult().getId();
  }

  /** A ZY001 application as a channel sends it (POST /api/applications), as the channel user. */
  private String submitThroughChannelApi(String enterprise) throws Exception {
    return submitThroughChannelApi(enterprise, "ZY001");
  }

  /** A mortgage application to {@code branch} as a channel sends it (POST /api/applications), as the channel user. */
  private String submitThroughChannelApi(String enterprise, String branch) throws Exception {
    String body = """
        {"channel": "CUSTOMER_MANAGER_PAD", "branchCode": "%s", "product": "MORTGAGE_QUICK",
         "enterprise": {"name": "%s", "creditCode": "91520303MA6DKQ8X4A", "industryCode": "C34",
                        "establishedOn": "2016-04-18", "annualRevenue": 6500000.00},
         "legalRepresentative": {"name": "张明", "idNumber": "52030219850714321X", "mobile": "13985012345",
                                 "email": "zhangming@example.com"},
         "requestedAmount": 800000.00, "termMonths": 36, "purpose": "购置生产设备", "guaranteeType": "MORTGAGE",
         "collateral": {"type": "INDUSTRIAL_PROPERTY", "description": "汇川区工业园3号厂房", "appraisedValue": 2400000.00}}
        """.formatted(branch, enterprise);
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/applications"))
        .header("Content-Type", "application/json")
        .header("Idempotency-Key", UUID.randomUUID().toString())
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
            ("channel:" + TasklistPage.PASSWORD).getBytes(StandardCharsets.UTF_8)))
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    Matcher id = Pattern.compile("\"applicationId\"\\s*:\\s*\"([^\"]+)\"").matcher(response.body());
    assertThat(id.find()).as(response.body()).isTrue();
    return id.group(1);
  }
}
