package com.smeloanflow.campaign;

import static com.smeloanflow.campaign.Whitelists.HUICHUAN;
import static com.smeloanflow.campaign.Whitelists.creditCodeIn;
import static com.smeloanflow.campaign.Whitelists.whitelist;
import static com.smeloanflow.process.WhitelistCampaignProcess.Elements.TASK_REVIEW_IMPORT_REPORT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.smeloanflow.platform.FormText;
import com.smeloanflow.process.WhitelistCampaignProcess;
import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.ApiClient.Response;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

/**
 * Importing a whitelist from Tasklist's start form 白名单导入 (submitted as Tasklist does, over the webapp's
 * engine API): the campaign id becomes the business key, the importer reviews the report in a task, and
 * the CSV is not kept as a variable.
 */
class WhitelistCampaignStartFormTest extends AbstractIntegrationTest {

  private Response submitStartForm(String user, String name, String csv) {
    String definitionId = repositoryService.createProcessDefinitionQuery().processDefinitionKey(WhitelistCampaignProcess.KEY)
        .latestVersion().singleResult().getId();
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    ObjectNode variables = body.putObject("variables");
    variables.putObject(WhitelistImportListener.NAME_FIELD).put("value", name).put("type", "String");
    variables.putObject(WhitelistImportListener.CSV_FIELD).put("value", csv).put("type", "String");
    return api.post("/engine-rest/process-definition/" + definitionId + "/submit-form", user, body.toString());
  }

  @Test
  void theImporterReviewsTheReportOfAWhitelistEnteredInTheStartForm() {
    String good = creditCodeIn(HUICHUAN);
    Response started = submitStartForm("campaign-manager", "柜面白名单",
        whitelist().enterprise(good).line("91520303MA6DKQ8X4B,坏校验位公司,李四,13985012345,100000,CREDIT_QUICK,M,2026-11-20").csv());

    assertThat(started.status()).as(started.body()).isEqualTo(200);
    String campaignId = started.json().path("businessKey").asText();
    assertThat(campaignId).startsWith("WL");
    ProcessInstance instance = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(campaignId).singleResult();
    assertThat(instance).isWaitingAt(TASK_REVIEW_IMPORT_REPORT).task().isAssignedTo("campaign-manager");
    assertThat(runtimeService.getVariables(instance.getId())).containsOnlyKeys(WhitelistCampaignProcess.Variables.IMPORTED_BY.name());
    Task review = taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult();
    Map<String, Object> report = taskService.getVariablesLocal(review.getId());
    assertThat(report).containsEntry("rowsTotal", 2).containsEntry("rowsAccepted", 1).containsEntry("rowsRefused", 1);
    assertThat((String) report.get("refusedLinesText")).contains("第 3 行", "校验位错误");
    assertThat((String) report.get("assignmentText")).contains("ZY001");

    completeAs("campaign-manager", review.getId(), Map.of());
    assertThat(instance).isEnded();
  }

  /**
   * Forty lines, each refused for a wrong check character and a product the bank does not have (whose reason lists the
   * products): the report's task is created, listing the first refused lines that fit and counting the rest, instead of
   * failing the import (every line in full passed the engine's 4,000 characters).
   */
  @Test
  void manyRefusedLinesWithLongReasonsLeaveTheReportShowingTheFirstOnesAndCountingTheRest() {
    Whitelists file = whitelist();
    for (int i = 1; i <= 40; i++) {
      String good = creditCodeIn(HUICHUAN);
      String badCheck = good.substring(0, 17) + (good.charAt(17) == '0' ? '1' : '0');
      file.line(badCheck + ",坏校验位企业" + i + "有限公司,李四,13985012345,100000,经营贷,M,2026-11-20");
    }
    Response started = submitStartForm("campaign-manager", "多行未导入", file.csv());

    assertThat(started.status()).as(started.body()).isEqualTo(200);
    String campaignId = started.json().path("businessKey").asText();
    ProcessInstance instance = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(campaignId).singleResult();
    Task review = taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult();
    assertThat(taskService.getVariableLocal(review.getId(), "rowsRefused")).isEqualTo(40);
    String refused = (String) taskService.getVariableLocal(review.getId(), "refusedLinesText");
    assertThat(refused).hasSizeLessThanOrEqualTo(FormText.MAX_CHARACTERS).startsWith("- 第 2 行 ")
        .contains("坏校验位企业1有限公司: 统一社会信用代码校验位错误(GB 32100); 未知的产品“经营贷”")
        .doesNotContain("坏校验位企业40有限公司").doesNotContain(FormText.CUT)
        .containsPattern("\\n- …… 其余 \\d+ 行见 GET /api/campaigns/" + campaignId + "$");
    int shown = refused.split("\n").length - 1;
    assertThat(shown + Integer.parseInt(refused.replaceAll("(?s).*其余 (\\d+) 行.*", "$1"))).as("shown and counted").isEqualTo(40);
  }

  @Test
  void aFileTooLongForTheFormOrWithoutItsColumnsIsRefusedAndNothingStarts() {
    long before = historyService.createHistoricProcessInstanceQuery().processDefinitionKey(WhitelistCampaignProcess.KEY).count();

    Response tooLong = submitStartForm("campaign-manager", "太长", whitelist().line("x".repeat(4100)).csv());
    Response noColumns = submitStartForm("campaign-manager", "缺列", "企业名称\n某公司\n");

    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.json().path("message").asText()).as("the form's label, limit and where a larger file goes")
        .startsWith("白名单内容 (CSV)最多 4000 字, 填写了 ").contains("字, 更大的白名单请通过接口 POST /api/campaigns 导入");
    assertThat(noColumns.status()).isEqualTo(400);
    assertThat(noColumns.body()).contains("统一社会信用代码");
    assertThat(historyService.createHistoricProcessInstanceQuery().processDefinitionKey(WhitelistCampaignProcess.KEY).count())
        .isEqualTo(before);
  }

  @Test
  void onlyHeadOfficeMarketingStartsAnImport() {
    Response byBranch = submitStartForm("zy001-cm", "分行自导", whitelist().enterprise(creditCodeIn(HUICHUAN)).csv());

    assertThat(byBranch.status()).isEqualTo(403);
  }

  @Test
  void aProcessOwnerWhoMayStartAnyProcessIsToldInChineseWithTheEnglishBesideThatImportsAreHeadOfficeMarketings() {
    Response byOwner = submitStartForm("process-owner", "流程管理员导入", whitelist().enterprise(creditCodeIn(HUICHUAN)).csv());

    assertThat(byOwner.status()).isEqualTo(403);
    assertThat(byOwner.json().path("message").asText()).isEqualTo("白名单须由营销管理岗 (campaign-managers) 登录后导入"
        + " (a whitelist is imported only by a logged-in member of campaign-managers)");
  }
}
