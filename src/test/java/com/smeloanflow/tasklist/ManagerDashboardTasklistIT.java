package com.smeloanflow.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.smeloanflow.approval.LoanFlow;
import com.smeloanflow.casefile.ApplicationStatus;
import com.smeloanflow.casefile.CaseFiles;
import com.smeloanflow.intake.IntakeService;
import com.smeloanflow.intake.UnifiedSocialCreditCode;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.process.CollectionProcess;
import com.smeloanflow.process.WhitelistProspectProcess;
import com.smeloanflow.processing.CreditCodes;
import com.smeloanflow.processing.ProcessingFixtures;
import com.smeloanflow.processing.SandboxEnterprises;
import com.smeloanflow.servicing.DailyCloseService;
import com.smeloanflow.servicing.LoanAccount;
import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.servicing.TestLoans;
import com.smeloanflow.servicing.WriteOffLoan;
import com.smeloanflow.support.ApiClient;
import com.smeloanflow.support.TestApplications;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The manager dashboard (管理看板) in the browser: a team lead logs in on the page with the platform's user
 * and password and sees every figure of the API — the same numbers — and every chart drawn, after an
 * application approved by the model and paid out, a loan 91 days past due on the collection ladder, a loan written off
 * today with 30,000.00 recovered of it (核销后收回) and a whitelist prospect waiting for its customer manager; then picks
 * the branch ZY002, where none of it happened.
 */
@BrowserTest
class ManagerDashboardTasklistIT extends BrowserTestBase {

  @Autowired BeanFactory beans;
  @Autowired IntakeService intake;
  @Autowired LoanAccountService loans;
  @Autowired DailyCloseService dailyClose;
  @Autowired CaseFiles caseFiles;

  /** An online CREDIT_QUICK of 100,000 of a strong enterprise: approved by the model, signed, paid out. */
  private void autoApprovedLoan(ApiClient api, ProcessProbe probe) {
    LoanFlow flow = new LoanFlow(api, processInstanceId -> {}, probe::completeAs, beans);
    String code = CreditCodes.fresh();
    SandboxEnterprises.register(api, code, ProcessingFixtures.strongProfile());
    ApiClient.Response submitted = api.post("/api/applications", "channel",
        TestApplications.onlineCreditQuick().creditCode(code).requestedAmount("100000.00").json());
    assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
    String applicationId = submitted.json().path("applicationId").asText();
    probe.awaitCondition("application awaits the signature",
        () -> caseFiles.status(applicationId).orElseThrow() == ApplicationStatus.AWAITING_SIGNATURE);
    flow.signContract(applicationId);
    probe.awaitCondition("loan paid out", () -> caseFiles.status(applicationId).orElseThrow() == ApplicationStatus.DISBURSED);
  }

  /** A loan of ZY001 whose first instalment is 91 days overdue: 次级, and a collection case at its last rung (诉讼或核销建议). */
  private void loanNinetyOneDaysPastDue(ProcessProbe probe) {
    LocalDate disbursed = LocalDate.of(2001, 1, 15);
    LoanAccount loan = TestLoans.with(intake, loans).disbursedOn(disbursed);
    dailyClose.close(disbursed.plusMonths(1).plusDays(90));
    String collection = probe.awaitInstance(CollectionProcess.KEY, loan.loanId());
    probe.awaitTask(collection, CollectionProcess.Elements.TASK_PROPOSE_DISPOSAL);
  }

  /** A loan of ZY001 written off today, and 30,000.00 core banking received for it afterwards (核销后收回). */
  private void loanWrittenOffWithARecovery(ApiClient api) {
    LocalDate today = LocalDate.now(BusinessClock.BANK_ZONE);
    LoanAccount loan = TestLoans.with(intake, loans).disbursedOn(today.minusDays(40));
    loans.writeOff(new WriteOffLoan(loan.loanId(), today, "collector2", "逾期90天以上, 催收无果"));
    ApiClient.Response recovered = api.post("/api/loans/" + loan.loanId() + "/repayments", "core-banking",
        "{\"transactionId\": \"MD" + System.nanoTime() + "\", \"amount\": 30000.00, \"valueDate\": \"" + today + "\"}");
    assertThat(recovered.status()).as(recovered.body()).isEqualTo(201);
  }

  private void whitelistProspect(ApiClient api, ProcessProbe probe) {
    String first17 = "91520303" + String.format("MB%07d", System.nanoTime() % 10_000_000);
    String creditCode = first17 + UnifiedSocialCreditCode.checkCharacter(first17);
    String csv = "统一社会信用代码,企业名称,法定代表人,手机号码,预估额度,建议产品,来源模型,模型日期\n"
        + creditCode + ",遵义市汇川区看板白名单企业有限公司,张明,13985012345,300000.00,CREDIT_QUICK,TAX-WL-2.1,2026-01-05\n";
    ApiClient.Response imported = api.postBytes("/api/campaigns?name=dashboard", "campaign-manager", "text/csv",
        csv.getBytes(StandardCharsets.UTF_8));
    assertThat(imported.status()).as(imported.body()).isEqualTo(201);
    String instance = probe.awaitInstance(WhitelistProspectProcess.KEY, imported.json().path("lines").get(0).path("prospectId").asText());
    probe.awaitTask(instance, WhitelistProspectProcess.Elements.TASK_CONTACT_PROSPECT);
  }

  @Test
  void teamLeadLogsInOnTheDashboardPageAndSeesEveryFigureOfTheApiWithItsCharts() {
    ApiClient api = new ApiClient(port);
    ProcessProbe probe = new ProcessProbe(engine);
    // the browser tests share one application: what other tests left behind is counted too
    JsonNode before = api.get("/api/dashboard", "team-lead").json();
    JsonNode zy002Before = api.get("/api/dashboard?branch=ZY002", "team-lead").json();
    autoApprovedLoan(api, probe);
    loanNinetyOneDaysPastDue(probe);
    loanWrittenOffWithARecovery(api);
    whitelistProspect(api, probe);

    browser.driver().get("http://127.0.0.1:" + port + "/dashboard");
    browser.await().until(driver -> driver.findElement(By.id("login-user")).isDisplayed());
    assertThat(browser.driver().getTitle()).isEqualTo("管理看板 · 普惠贷款作业平台");
    browser.driver().findElement(By.id("login-user")).sendKeys("team-lead");
    browser.driver().findElement(By.id("login-password")).sendKeys("demo");
    browser.click(By.id("login-submit"));
    browser.await().until(driver -> "true".equals(driver.findElement(By.tagName("body")).getAttribute("data-loaded")));
    browser.afterRendering();
    browser.screenshot("40-manager-dashboard");

    assertThat(browser.driver().findElement(By.id("scope")).getText()).isEqualTo("范围: 全行");
    JavascriptExecutor js = (JavascriptExecutor) browser.driver();
    List<WebElement> canvases = browser.driver().findElements(By.tagName("canvas"));
    assertThat(canvases).hasSize(9);
    for (WebElement canvas : canvases) {
      String id = canvas.getAttribute("id");
      assertThat(canvas.getAttribute("data-rendered")).as("chart %s drawn by Chart.js", id).isEqualTo("true");
      Object painted = js.executeScript("""
          const c = arguments[0];
          const pixels = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
          return c.width > 0 && c.height > 0 && pixels.some(v => v !== 0);""", canvas);
      assertThat(painted).as("chart %s has pixels on screen", id).isEqualTo(true);
    }

    JsonNode figures = api.get("/api/dashboard", "team-lead").json();
    List<WebElement> cells = browser.driver().findElements(By.cssSelector("[data-figure]"));
    assertThat(cells).as("figures on the page").hasSizeGreaterThan(60);
    for (WebElement cell : cells) {
      String figure = cell.getAttribute("data-figure");
      JsonNode expected = valueOf(figures, figure);
      String shown = cell.getText();
      if (expected.isMissingNode() || expected.isNull()) { // the API leaves out what it has no value of
        assertThat(shown).as(figure).isEqualTo("—");
      } else {
        assertThat(new BigDecimal(shown.replace(",", ""))).as("%s shown as %s", figure, shown).isEqualByComparingTo(expected.decimalValue());
      }
    }
    String thisMonth = YearMonth.now(BusinessClock.BANK_ZONE).toString();
    for (String oneMore : List.of("decisions.approvedAuto", "campaign.prospects", "collections.5.openCases",
        "portfolio.SUBSTANDARD.loans", "backlog.ZY001-customer-managers.open", "writeOffs." + thisMonth + ".writtenOff",
        "writeOffs." + thisMonth + ".recoveries")) {
      assertThat(Integer.parseInt(text(oneMore).replace(",", ""))).as("%s: one more than before this test", oneMore)
          .isEqualTo(valueOf(before, oneMore).asInt(0) + 1);
    }
    assertThat(new BigDecimal(text("portfolio.nplRatio"))).as("a loan 次级 in the book").isPositive();

    // 网点 红花岗支行: the figures of ZY002 alone, where none of this happened
    browser.await().until(driver -> !driver.findElements(By.cssSelector("#filter-branch option[value='ZY002']")).isEmpty());
    new Select(browser.driver().findElement(By.id("filter-branch"))).selectByValue("ZY002");
    browser.click(By.id("filter-apply"));
    browser.await().until(driver -> driver.findElement(By.id("scope")).getText().equals("范围: 网点 ZY002"));
    for (String unchanged : List.of("decisions.approvedAuto", "campaign.prospects")) {
      assertThat(text(unchanged).replace(",", "")).as("%s of ZY002: nothing of this test", unchanged)
          .isEqualTo(String.valueOf(valueOf(zy002Before, unchanged).asInt(0)));
    }
    assertThat(browser.driver().findElements(By.cssSelector("[data-figure^='backlog.ZY001']"))).isEmpty();
  }

  private String text(String figure) {
    return browser.driver().findElement(By.cssSelector("[data-figure='" + figure + "']")).getText();
  }

  /** The API's value a page cell names: {@code decisions.autoRate}, {@code cycleTimes.DECISION.p90Hours} ... */
  private static JsonNode valueOf(JsonNode figures, String figure) {
    Map<String, String> keys = Map.of("cycleTimes", "stretch", "backlog", "group", "disbursed", "month", "writeOffs", "month",
        "collections", "step");
    String[] parts = figure.split("\\.");
    String list = parts[0];
    if (keys.containsKey(list) || list.equals("sla")) {
      for (JsonNode row : figures.path(list)) {
        String key = list.equals("sla") ? row.path("processKey").asText() + "/" + row.path("taskKey").asText()
            : row.path(keys.get(list)).asText();
        if (key.equals(parts[1])) {
          return row.path(parts[2]);
        }
      }
      throw new AssertionError("the page shows " + figure + ", a row the API does not have");
    }
    if (list.equals("portfolio") && parts.length == 3) {
      for (JsonNode row : figures.path("portfolio").path("classifications")) {
        if (row.path("classification").asText().equals(parts[1])) {
          return row.path(parts[2]);
        }
      }
    }
    return figures.path(list).path(parts[1]);
  }
}
