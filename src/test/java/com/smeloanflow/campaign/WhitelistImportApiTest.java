package com.smeloanflow.campaign;

import static com.smeloanflow.campaign.Whitelists.BOZHOU;
import static com.smeloanflow.campaign.Whitelists.HONGHUAGANG;
import static com.smeloanflow.campaign.Whitelists.HUICHUAN;
import static com.smeloanflow.campaign.Whitelists.creditCodeIn;
import static com.smeloanflow.campaign.Whitelists.whitelist;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.smeloanflow.casefile.ApplicationStatus;
import com.smeloanflow.identity.BranchService;
import com.smeloanflow.identity.CreateBranch;
import com.smeloanflow.identity.Groups;
import com.smeloanflow.intake.ResidentIdNumber;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.process.WhitelistProspectProcess;
import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.ApiClient.Response;
import com.smeloanflow.support.TestApplications;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Importing a whitelist over the API (POST /api/campaigns, text/csv): each line checked and reported,
 * the accepted ones assigned to a customer manager of the covering branch, balanced by open workload, each
 * with its whitelist-prospect process; all or nothing.
 */
class WhitelistImportApiTest extends AbstractIntegrationTest {

  static final String MARKETING = "campaign-manager";

  @Autowired CampaignService campaigns;
  @Autowired ProspectAssignment assignment;
  @Autowired BranchService branchService;
  @Autowired TransactionTemplate transaction;
  @Autowired BusinessClock clock;

  private Response importCsv(String name, String csv) {
    return api.postBytes("/api/campaigns?name=" + java.net.URLEncoder.encode(name, StandardCharsets.UTF_8), MARKETING,
        "text/csv; charset=UTF-8", csv.getBytes(StandardCharsets.UTF_8));
  }

  private static Map<Integer, JsonNode> linesByNumber(Response report) {
    List<JsonNode> lines = new ArrayList<>();
    report.json().path("lines").forEach(lines::add);
    return lines.stream().collect(Collectors.toMap(line -> line.path("line").asInt(), Function.identity()));
  }

  private static List<String> reasonCodes(JsonNode line) {
    List<String> codes = new ArrayList<>();
    line.path("reasons").forEach(reason -> codes.add(reason.path("code").asText()));
    return codes;
  }

  private String openApplicationOf(String creditCode) {
    return intakeService.register(TestApplications.mortgageAtBranchCounter().creditCode(creditCode).build(), "test").id();
  }

  private long campaignRows() {
    return jdbc.sql("SELECT (SELECT COUNT(*) FROM campaign) + (SELECT COUNT(*) FROM prospect) + (SELECT COUNT(*) FROM campaign_row)")
        .query(Long.class).single();
  }

  private long prospectInstances() {
    return historyService.createHistoricProcessInstanceQuery().processDefinitionKey(WhitelistProspectProcess.KEY).count();
  }

  @Test
  void aWhitelistWithGoodAndBadLinesImportsAsReported() {
    String huichuan = creditCodeIn(HUICHUAN);
    String hongHuaGang = creditCodeIn(HONGHUAGANG);
    String applying = creditCodeIn(HUICHUAN);
    openApplicationOf(applying);
    String customer = creditCodeIn(HUICHUAN);
    caseFiles.setStatus(openApplicationOf(customer), ApplicationStatus.DISBURSED);
    String badCheck = huichuan.substring(0, 17) + (huichuan.charAt(17) == '0' ? '1' : '0');
    String csv = whitelist().enterprise(huichuan).enterprise(hongHuaGang).enterprise(huichuan).enterprise(badCheck)
        .enterprise(applying).enterprise(customer).enterprise(creditCodeIn(BOZHOU))
        .line(creditCodeIn(HUICHUAN) + ",某公司,张明,1398501234,abc,CREDIT_QUICK,TAX-WL-2.1,2026-11-20").csv();

    Response answer = importCsv("2026年12月 遵义税务白名单", csv);

    assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    String campaignId = answer.json().path("campaign").path("id").asText();
    assertThat(answer.header("Location")).isEqualTo("/api/campaigns/" + campaignId);
    assertThat(answer.json().path("campaign").path("rowsTotal").asInt()).isEqualTo(8);
    assertThat(answer.json().path("campaign").path("rowsAccepted").asInt()).isEqualTo(2);
    Map<Integer, JsonNode> lines = linesByNumber(answer);
    assertThat(lines.get(2).path("result").asText()).isEqualTo("ACCEPTED");
    assertThat(lines.get(2).path("branchCode").asText()).isEqualTo("ZY001");
    assertThat(lines.get(2).path("customerManager").asText()).isIn("zy001-cm", "zy001-cm2");
    assertThat(lines.get(3).path("branchCode").asText()).isEqualTo("ZY002");
    assertThat(lines.get(3).path("customerManager").asText()).isEqualTo("zy002-cm");
    assertThat(reasonCodes(lines.get(4))).containsExactly("DUPLICATE_IN_FILE");
    assertThat(lines.get(4).path("reasons").get(0).path("message").asText()).contains("第 2 行");
    assertThat(reasonCodes(lines.get(5))).containsExactly("INVALID_CHECK_CHARACTER");
    assertThat(reasonCodes(lines.get(6))).containsExactly("OPEN_APPLICATION");
    assertThat(reasonCodes(lines.get(7))).containsExactly("EXISTING_CUSTOMER");
    assertThat(reasonCodes(lines.get(8))).containsExactly("NO_BRANCH");
    assertThat(reasonCodes(lines.get(9))).containsExactlyInAnyOrder("INVALID_FORMAT", "INVALID_TYPE");

    assertThat(api.get("/api/campaigns/" + campaignId, MARKETING).json().path("lines")).hasSize(8);
    for (int line : List.of(2, 3)) {
      String prospectId = lines.get(line).path("prospectId").asText();
      ProcessInstance prospect = runtimeService.createProcessInstanceQuery().processDefinitionKey(WhitelistProspectProcess.KEY)
          .processInstanceBusinessKey(prospectId).singleResult();
      executeDueJobs(prospect.getId());
      Task contact = taskService.createTaskQuery().processInstanceId(prospect.getId()).singleResult();
      assertThat(contact.getTaskDefinitionKey()).isEqualTo(WhitelistProspectProcess.Elements.TASK_CONTACT_PROSPECT);
      assertThat(contact.getAssignee()).isEqualTo(lines.get(line).path("customerManager").asText());
      assertThat(taskService.getIdentityLinksForTask(contact.getId())).anySatisfy(link ->
          assertThat(link.getGroupId()).isEqualTo(Groups.customerManagers(lines.get(line).path("branchCode").asText())));
    }
  }

  @Test
  void anEnterpriseStillWorkedInAnEarlierCampaignIsRefused() {
    String enterprise = creditCodeIn(HUICHUAN);
    assertThat(importCsv("第一批", whitelist().enterprise(enterprise).csv()).status()).isEqualTo(201);

    Response again = importCsv("第二批", whitelist().enterprise(enterprise).csv());

    assertThat(again.status()).isEqualTo(201);
    assertThat(reasonCodes(linesByNumber(again).get(2))).containsExactly("ALREADY_PROSPECT");
  }

  /**
   * A line whose legal representative is a minor by the birth date in their ID number names no prospect the bank could
   * lend to (the application would be refused UNDER_AGE when submitted): refused at import, with the line's reasons.
   */
  @Test
  void aLineWhoseLegalRepresentativeIsUnder18IsRefusedAtImport() {
    String first17 = "520302" + clock.today().minusYears(17).format(DateTimeFormatter.BASIC_ISO_DATE) + "432";
    String minor = first17 + ResidentIdNumber.checkDigit(first17);
    String refused = creditCodeIn(HUICHUAN);
    String csv = Whitelists.HEADER + ",法定代表人身份证号\n"
        + refused + ",遵义白名单企业" + refused.substring(10) + "有限公司,张明,13985012345,300000.00,CREDIT_QUICK,TAX-WL-2.1,2026-01-05," + minor + "\n"
        + creditCodeIn(HUICHUAN) + ",遵义白名单成年代表企业有限公司,张明,13985012345,300000.00,CREDIT_QUICK,TAX-WL-2.1,2026-01-05,52030219850714321X\n";

    Response answer = importCsv("未成年法定代表人", csv);

    assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    assertThat(answer.json().path("campaign").path("rowsAccepted").asInt()).isEqualTo(1);
    JsonNode line = linesByNumber(answer).get(2);
    assertThat(line.path("result").asText()).isEqualTo("REFUSED");
    assertThat(reasonCodes(line)).containsExactly("UNDER_AGE");
    assertThat(line.path("reasons").get(0).path("field").asText()).isEqualTo("legalRepIdNumber");
    assertThat(line.path("reasons").get(0).path("message").asText()).isEqualTo("法定代表人未满18周岁, 不具有完全民事行为能力");
    assertThat(line.path("prospectId").asText(null)).isNull();
  }

  @Test
  void aDryRunReportsEveryLineAndStoresNothing() {
    long rows = campaignRows();
    long instances = prospectInstances();

    Response answer = api.postBytes("/api/campaigns?name=%E8%AF%95%E8%BF%90%E8%A1%8C&dryRun=true", MARKETING, "text/csv",
        whitelist().enterprise(creditCodeIn(HUICHUAN)).enterprise(creditCodeIn(BOZHOU)).csv().getBytes(StandardCharsets.UTF_8));

    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    assertThat(answer.json().path("campaign").path("id").asText(null)).as("no campaign id: nothing stored").isNull();
    assertThat(answer.json().path("campaign").path("rowsAccepted").asInt()).isEqualTo(1);
    assertThat(linesByNumber(answer).get(2).path("customerManager").asText()).isIn("zy001-cm", "zy001-cm2");
    assertThat(campaignRows()).isEqualTo(rows);
    assertThat(prospectInstances()).isEqualTo(instances);
  }

  @Test
  void aFileThatCannotBeReadIsRefusedNamingWhatIsWrongAndLeavesNothingBehind() {
    long rows = campaignRows();

    Response noMobileColumn = importCsv("缺列", "统一社会信用代码,企业名称,法定代表人,预估额度,建议产品,来源模型,模型日期\n"
        + creditCodeIn(HUICHUAN) + ",某公司,张明,300000,CREDIT_QUICK,M,2026-11-20\n");
    Response noName = api.postBytes("/api/campaigns", MARKETING, "text/csv",
        whitelist().enterprise(creditCodeIn(HUICHUAN)).csv().getBytes(StandardCharsets.UTF_8));

    assertThat(noMobileColumn.status()).isEqualTo(400);
    assertThat(noMobileColumn.contentType()).isEqualTo("application/problem+json");
    assertThat(noMobileColumn.json().path("errors").get(0).path("code").asText()).isEqualTo("MISSING_COLUMN");
    assertThat(noMobileColumn.json().path("errors").get(0).path("message").asText()).contains("手机号码");
    assertThat(noName.status()).isEqualTo(400);
    assertThat(noName.json().path("errors").get(0).path("field").asText()).isEqualTo("name");
    assertThat(campaignRows()).isEqualTo(rows);
  }

  @Test
  void anImportWhoseTransactionFailsAfterwardsLeavesNoCampaignProspectOrProcess() {
    long rows = campaignRows();
    long instances = prospectInstances();

    assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
      campaigns.importWhitelist(new ImportWhitelist("中途失败", whitelist().enterprise(creditCodeIn(HUICHUAN))
          .enterprise(creditCodeIn(HONGHUAGANG)).csv(), "whitelist", MARKETING, false));
      throw new IllegalStateException("the node died before the commit");
    })).hasMessageContaining("node died");

    assertThat(campaignRows()).isEqualTo(rows);
    assertThat(prospectInstances()).isEqualTo(instances);
  }

  @Test
  void aGbkFileIsReadWhenItsCharsetIsNamedAndRefusedWhenNot() {
    String csv = whitelist().enterprise(creditCodeIn(HUICHUAN)).csv();
    byte[] gbk = csv.getBytes(Charset.forName("GBK"));

    Response named = api.postBytes("/api/campaigns?name=GBK", MARKETING, "text/csv; charset=GBK", gbk);
    Response unnamed = api.postBytes("/api/campaigns?name=GBK", MARKETING, "text/csv", gbk);

    assertThat(named.status()).as(named.body()).isEqualTo(201);
    assertThat(linesByNumber(named).get(2).path("enterpriseName").asText()).startsWith("遵义白名单企业");
    assertThat(unnamed.status()).isEqualTo(400);
    assertThat(unnamed.json().path("errors").get(0).path("code").asText()).isEqualTo("INVALID_ENCODING");
  }

  @Test
  void onlyHeadOfficeMarketingImportsAndReadsReports() {
    byte[] csv = whitelist().enterprise(creditCodeIn(HUICHUAN)).csv().getBytes(StandardCharsets.UTF_8);

    assertThat(api.postBytes("/api/campaigns?name=x", "zy001-cm", "text/csv", csv).status()).isEqualTo(403);
    assertThat(api.postBytes("/api/campaigns?name=x", "team-lead", "text/csv", csv).status()).isEqualTo(403);
    assertThat(api.get("/api/campaigns", "zy001-cm").status()).isEqualTo(403);
    assertThat(api.get("/api/campaigns", MARKETING).status()).isEqualTo(200);
  }

  @Test
  void prospectsGoToTheManagersOfTheCoveringBranchWithTheLeastOpenWork() {
    String division = "4697" + String.format("%02d", 1 + (int) (System.nanoTime() % 98));
    String branch = Whitelists.freshBranchCode();
    branchService.create(new CreateBranch(branch, "测试支行" + branch, List.of(division)), "admin");
    String first = newManager(branch, "a");
    // the first manager already works two prospects when the others join
    assertThat(importCsv("先导", whitelist().enterprise(creditCodeIn(division)).enterprise(creditCodeIn(division)).csv()).status())
        .isEqualTo(201);
    String second = newManager(branch, "b");
    String third = newManager(branch, "c");
    assertThat(assignment.workload(branch)).isEqualTo(Map.of(first, 2, second, 0, third, 0));

    Whitelists seven = whitelist();
    for (int i = 0; i < 7; i++) {
      seven.enterprise(creditCodeIn(division));
    }
    Response answer = importCsv("七家", seven.csv());

    assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    Map<String, Long> handedOut = new java.util.TreeMap<>();
    answer.json().path("lines").forEach(line -> handedOut.merge(line.path("customerManager").asText(), 1L, Long::sum));
    assertThat(handedOut).isEqualTo(Map.of(first, 1L, second, 3L, third, 3L));
    assertThat(assignment.workload(branch)).isEqualTo(Map.of(first, 3, second, 3, third, 3));
  }

  private String newManager(String branch, String suffix) {
    String userId = branch.toLowerCase() + "-cm-" + suffix;
    newStaff(userId, "客户经理" + suffix, null, Groups.customerManagers(branch));
    return userId;
  }
}
