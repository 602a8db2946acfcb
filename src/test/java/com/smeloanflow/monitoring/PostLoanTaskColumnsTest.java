package com.smeloanflow.monitoring;

import static com.smeloanflow.process.PostLoanCheckProcess.Elements.TASK_CHECK_ON_SITE;
import static com.smeloanflow.process.PostLoanCheckProcess.Elements.TASK_CHECK_REMOTELY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.smeloanflow.identity.IdentitySetup;
import com.smeloanflow.intake.LoanApplicationRepository;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.process.PostLoanMonitoringProcess;
import com.smeloanflow.servicing.DailyCloseService;
import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.ApiClient;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The post-loan tasks in Tasklist's lists: 首次贷后检查 and the checks of post-loan-check (远程核查贷后风险,
 * 实地检查贷后风险) show the 产品 and 网点 columns, so a team lead sees which branch and product a check belongs to.
 * Asked as Tasklist asks: the filter's list over the engine REST API in HAL, with the variables the filter names.
 */
class PostLoanTaskColumnsTest extends AbstractIntegrationTest {

  @Autowired LoanAccountService loans;
  @Autowired DailyCloseService dailyClose;
  @Autowired BusinessClock clock;
  @Autowired FilterService filters;
  @Autowired LoanApplicationRepository applications;

  @Test
  void postLoanCheckTasksShowTheLoansProductAndBranchInTasklistsList() {
    MonitoringScenario loan = MonitoringScenario.loan(processEngine, api, this::executeDueJobs, this::completeAs, intakeService,
        loans, dailyClose, "ZY001", clock.today());
    String product = applications.get(loan.account().applicationId()).product().label();

    Map<String, String> first = columnsInTasklist("remote-verifier", IdentitySetup.FILTER_GROUP_TASKS,
        loan.task(PostLoanMonitoringProcess.Elements.TASK_FIRST_POST_LOAN_CHECK));
    assertThat(first).as("首次贷后检查 in 我的组任务").containsEntry("productName", product).containsEntry("branchName", "汇川支行")
        .containsEntry("borrowerName", loan.account().borrowerName());

    loan.firstCheck("NORMAL");
    loan.report("core-banking", MonitoringScenario.signal("CB-FRZ-" + loan.loanId(), "ACCOUNT_FROZEN", "结算账户被法院冻结", null));
    Map<String, String> onSite = columnsInTasklist("team-lead", IdentitySetup.FILTER_TEAM_TASKS, loan.task(TASK_CHECK_ON_SITE));
    assertThat(onSite).as("实地检查贷后风险 in the lead's 团队任务").containsEntry("productName", product)
        .containsEntry("branchName", "汇川支行");

    loan.completeCheck("zy001-cm", TASK_CHECK_ON_SITE, "NORMAL", Map.of("premisesVisited", true));
    loan.report("remote-verifier", MonitoringScenario.signal("RB-NEWS-" + loan.loanId(), "NEGATIVE_NEWS", "网络报道企业拖欠货款", null));
    Map<String, String> remote = columnsInTasklist("remote-verifier", IdentitySetup.FILTER_GROUP_TASKS,
        loan.task(TASK_CHECK_REMOTELY));
    assertThat(remote).as("远程核查贷后风险 in 我的组任务").containsEntry("productName", product).containsEntry("branchName", "汇川支行");
  }

  /**
   * The task's row in the filter's list as Tasklist loads it ({@code POST /engine-rest/filter/{id}/list}, HAL, the
   * variables the filter's properties name embedded per task): column variable → value shown.
   */
  private Map<String, String> columnsInTasklist(String user, String filterName, Task task) {
    String filterId = filters.createFilterQuery().filterName(filterName).singleResult().getId();
    ApiClient.Response answer = api.post("/engine-rest/filter/" + filterId + "/list?firstResult=0&maxResults=15", user,
        "{\"processInstanceId\": \"" + task.getProcessInstanceId() + "\", \"sorting\": [{\"sortBy\": \"created\", "
            + "\"sortOrder\": \"desc\"}]}", "Accept", "application/hal+json");
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    JsonNode row = null;
    for (JsonNode listed : answer.json().path("_embedded").path("task")) {
      if (task.getId().equals(listed.path("id").asText())) {
        row = listed;
      }
    }
    assertThat(row).as("task %s (%s) in %s of %s: %s", task.getName(), task.getId(), filterName, user, answer.body()).isNotNull();
    Map<String, String> columns = new HashMap<>();
    for (JsonNode variable : row.path("_embedded").path("variable")) {
      columns.put(variable.path("name").asText(), variable.path("value").asText());
    }
    return columns;
  }
}
