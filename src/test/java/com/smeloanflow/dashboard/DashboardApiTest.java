package com.smeloanflow.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.smeloanflow.identity.Groups;
import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.ApiClient.Response;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;

/** GET /api/dashboard over HTTP: who may read it, a branch lead's figures filtered to the branch, bad queries refused. */
class DashboardApiTest extends AbstractIntegrationTest {

  private static List<String> texts(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(value -> values.add(value.asText()));
    return values;
  }

  /**
   * The page keeps its reader's credentials in the tab: it may run only its own scripts and talk only to this
   * server, and no other site may frame it (the browser test ManagerDashboardTasklistIT draws it under this policy).
   */
  @Test
  void thePageAndItsScriptsComeWithAPolicyThatRunsOnlyTheServersOwnScripts() {
    for (String path : List.of("/dashboard", "/dashboard/dashboard.js", "/dashboard/vendor/chart.umd.min.js")) {
      Response page = api.send("GET", path, null, null, null);

      assertThat(page.status()).as(path).isEqualTo(200);
      String policy = page.header("Content-Security-Policy");
      assertThat(policy).as(path).contains("default-src 'none'", "script-src 'self'", "connect-src 'self'",
          "frame-ancestors 'none'");
      assertThat(policy).as(path).doesNotContain("unsafe-inline", "unsafe-eval", "*");
      assertThat(page.header("X-Frame-Options")).as(path).isEqualTo("DENY");
      assertThat(page.header("Referrer-Policy")).as(path).isEqualTo("no-referrer");
    }
    assertThat(api.send("GET", "/dashboard", null, null, null).body())
        .as("no inline script the policy would block").doesNotContain("<script>").doesNotContain(" onclick=");
  }

  @Test
  void aTeamLeadOfCentralTeamsReadsTheWholeBanksFiguresForTheLastTwelveMonths() {
    Response answer = api.get("/api/dashboard", "team-lead");

    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    JsonNode figures = answer.json();
    assertThat(figures.has("branches")).as("no branch list: the whole bank").isFalse();
    assertThat(figures.path("disbursed")).as("one row per month of the default period").hasSize(12);
    assertThat(figures.path("cycleTimes")).extracting(c -> c.path("label").asText())
        .containsExactly("申请→受理", "受理→审批决定", "审批决定→签约", "签约→放款", "申请→放款", "签约→额度开通", "申请→额度开通");
    assertThat(figures.path("portfolio").path("classifications")).extracting(c -> c.path("label").asText())
        .containsExactly("正常", "关注", "次级", "可疑", "损失");
    assertThat(figures.path("collections")).extracting(c -> c.path("label").asText())
        .contains("发送逾期还款提醒", "电话催收", "上门催收", "主管督办", "提出诉讼或核销建议");
    assertThat(figures.path("backlog")).extracting(g -> g.path("group").asText())
        .contains(Groups.PROCESSING_CENTRE, Groups.CREDIT_APPROVERS, "ZY001-acceptance", "ZY002-customer-managers");
    assertThat(figures.path("campaign").has("prospects")).isTrue();
    assertThat(api.get("/api/dashboard", "process-owner").status()).as("process owners follow the flows' figures").isEqualTo(200);
    assertThat(api.get("/api/dashboard", "admin").status()).isEqualTo(200);
  }

  @Test
  void aBranchLeadGetsTheBranchsFiguresFilteredNotRefusedTheSameAsACentralLeadAskingForThatBranch() {
    Response own = api.get("/api/dashboard?from=2026-01-01&to=2026-12-31", "zy002-lead");
    Response asked = api.get("/api/dashboard?from=2026-01-01&to=2026-12-31&branch=ZY002", "team-lead");

    assertThat(own.status()).as(own.body()).isEqualTo(200);
    assertThat(texts(own.json().path("branches"))).containsExactly("ZY002");
    assertThat(own.json().path("backlog")).extracting(g -> g.path("group").asText())
        .containsExactly("ZY002-acceptance", "ZY002-customer-managers", "ZY002-leads");
    ObjectNode ownFigures = (ObjectNode) own.json();
    ObjectNode askedFigures = (ObjectNode) asked.json();
    ownFigures.remove("asOf");
    askedFigures.remove("asOf");
    assertThat(ownFigures).isEqualTo(askedFigures);
  }

  @Test
  void aBranchLeadAskingForAnotherBranchIsRefused() {
    Response answer = api.get("/api/dashboard?branch=ZY001", "zy002-lead");

    assertThat(answer.status()).isEqualTo(403);
    assertThat(answer.contentType()).isEqualTo("application/problem+json");
  }

  @Test
  void aMemberOfABranchsLeadGroupAloneReadsThatBranch() {
    String lead = "dash-zy001-lead";
    if (identityService.createUserQuery().userId(lead).count() == 0) {
      User user = identityService.newUser(lead);
      user.setFirstName("看板测试主管");
      user.setPassword("demo");
      identityService.saveUser(user);
      identityService.createMembership(lead, Groups.leads("ZY001"));
    }

    Response answer = api.get("/api/dashboard", lead);

    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    assertThat(texts(answer.json().path("branches"))).containsExactly("ZY001");
  }

  @Test
  void staffWhoLeadNoTeamAndCallersWithoutLoginAreRefused() {
    Response acceptor = api.get("/api/dashboard", "zy001-acceptor");
    assertThat(acceptor.status()).isEqualTo(403);
    assertThat(acceptor.json().path("detail").asText()).startsWith("管理看板仅供团队主管、流程管理员和系统管理员查看 (user zy001-acceptor ");
    assertThat(api.get("/api/dashboard", "approver").status()).isEqualTo(403);
    assertThat(api.get("/api/dashboard", "campaign-manager").status()).isEqualTo(403);
    assertThat(api.send("GET", "/api/dashboard", null, null, null).status()).isEqualTo(401);
  }

  @Test
  void badDatesAndBranchesAre400NamingTheField() {
    assertBadField("/api/dashboard?from=2026-02-30", "from", "INVALID_DATE");
    assertBadField("/api/dashboard?to=yesterday", "to", "INVALID_DATE");
    assertBadField("/api/dashboard?from=2026-12-01&to=2026-11-30", "from", "AFTER_TO");
    assertBadField("/api/dashboard?from=2020-01-01&to=2026-12-31", "from", "PERIOD_TOO_LONG");
    assertBadField("/api/dashboard?from=1949-10-01", "from", "OUT_OF_RANGE");
    assertBadField("/api/dashboard?branch=zy001", "branch", "INVALID_BRANCH");
    assertBadField("/api/dashboard?branch=ZZ999", "branch", "UNKNOWN_BRANCH");
  }

  private void assertBadField(String path, String field, String code) {
    Response answer = api.get(path, "team-lead");
    assertThat(answer.status()).as("%s → %s", path, answer.body()).isEqualTo(400);
    assertThat(answer.contentType()).isEqualTo("application/problem+json");
    assertThat(answer.json().path("errors").get(0).path("field").asText()).isEqualTo(field);
    assertThat(answer.json().path("errors").get(0).path("code").asText()).isEqualTo(code);
  }
}
