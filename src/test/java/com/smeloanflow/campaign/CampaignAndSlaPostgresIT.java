package com.smeloanflow.campaign;

import static com.smeloanflow.campaign.Whitelists.HONGHUAGANG;
import static com.smeloanflow.campaign.Whitelists.creditCodeIn;
import static com.smeloanflow.campaign.Whitelists.whitelist;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.smeloanflow.intake.Channel;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.platform.sla.SlaMonitor;
import com.smeloanflow.process.WhitelistProspectProcess;
import com.smeloanflow.support.AbstractPostgresIntegrationTest;
import com.smeloanflow.support.ApiClient.Response;
import com.smeloanflow.support.RowLockWaits;
import com.smeloanflow.support.TestApplications;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Whitelist campaigns and SLAs on PostgreSQL, the production database: an import with a good and a bad
 * line, the contact task's SLA escalated after its deadline, the interested prospect's application, and
 * the funnel read back; a prospect whose enterprise applied through another channel ended as converted.
 */
class CampaignAndSlaPostgresIT extends AbstractPostgresIntegrationTest {

  @Autowired CampaignService campaigns;
  @Autowired SlaMonitor monitor;
  @Autowired PlatformTransactionManager transactionManager;

  @Test
  void aWhitelistIsImportedWorkedEscalatedAndCountedOnPostgres() {
    moveClockTo(LocalDateTime.parse("2026-11-02T10:00:00").atZone(BusinessClock.BANK_ZONE).toInstant());
    String code = creditCodeIn(HONGHUAGANG);
    Response imported = api.postBytes("/api/campaigns?name=PG", "campaign-manager", "text/csv; charset=UTF-8",
        whitelist().enterprise(code).enterprise(code).csv().getBytes(StandardCharsets.UTF_8));
    assertThat(imported.status()).as(imported.body()).isEqualTo(201);
    JsonNode lines = imported.json().path("lines");
    assertThat(lines.get(0).path("result").asText()).isEqualTo("ACCEPTED");
    assertThat(lines.get(1).path("reasons").get(0).path("code").asText()).isEqualTo("DUPLICATE_IN_FILE");
    String prospectId = lines.get(0).path("prospectId").asText();
    ProcessInstance instance = runtimeService.createProcessInstanceQuery().processDefinitionKey(WhitelistProspectProcess.KEY)
        .processInstanceBusinessKey(prospectId).singleResult();
    executeDueJobs(instance.getId());
    Task contact = taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult();
    assertThat(contact.getDueDate()).as("35 working hours: 5 working days").isNotNull();

    moveClockTo(contact.getDueDate().toInstant().plusSeconds(60));
    assertThat(monitor.runDue().escalations()).isGreaterThanOrEqualTo(1);
    assertThat(taskService.getVariableLocal(contact.getId(), "slaState")).isEqualTo("已升级");

    completeAs("zy002-cm", contact.getId(), interested(77_001, "zhangming.pg@example.com"));

    String applicationId = campaigns.prospect(prospectId).applicationId();
    assertThat(applications.get(applicationId).channel()).isEqualTo(Channel.WHITELIST);
    JsonNode total = api.get("/api/campaigns/" + imported.json().path("campaign").path("id").asText() + "/figures",
        "campaign-manager").json().path("total");
    assertThat(new int[] {total.path("prospects").asInt(), total.path("contacted").asInt(), total.path("applied").asInt()})
        .containsExactly(1, 1, 1);
  }

  /**
   * V147's CONVERTED and the message intake's listener sends once the application has committed, in a transaction of its
   * own, on PostgreSQL: the enterprise applies in the mobile app while its contact task is open; the task is withdrawn,
   * the prospect ends as 已自行申请 and the funnel counts it apart from the campaign's applications.
   */
  @Test
  void anEnterpriseThatAppliesWhileItsContactTaskIsOpenEndsItsProspectOnPostgres() {
    String code = creditCodeIn(HONGHUAGANG);
    CampaignReport report = campaigns.importWhitelist(new ImportWhitelist("PG converted", whitelist().enterprise(code).csv(),
        "whitelist", "campaign-manager", false));
    String prospectId = report.lines().get(0).prospectId();
    ProcessInstance instance = runtimeService.createProcessInstanceQuery().processDefinitionKey(WhitelistProspectProcess.KEY)
        .processInstanceBusinessKey(prospectId).singleResult();
    executeDueJobs(instance.getId());
    assertThat(taskService.createTaskQuery().processInstanceId(instance.getId()).count()).as("the contact task").isEqualTo(1);

    String applicationId = intakeService.submit(TestApplications.onlineCreditQuick().creditCode(code).build(), CHANNEL, null)
        .applicationId();

    assertThat(taskService.createTaskQuery().processInstanceId(instance.getId()).count()).as("the contact task withdrawn").isZero();
    Prospect converted = campaigns.prospect(prospectId);
    assertThat(converted.status()).isEqualTo(Prospect.Status.CONVERTED);
    assertThat(converted.conversion()).isEqualTo(Prospect.Conversion.APPLIED_ELSEWHERE);
    assertThat(converted.convertedApplicationId()).isEqualTo(applicationId);
    JsonNode total = api.get("/api/campaigns/" + report.campaign().id() + "/figures", "campaign-manager").json().path("total");
    assertThat(new int[] {total.path("prospects").asInt(), total.path("applied").asInt(), total.path("appliedElsewhere").asInt()})
        .as("%s", total).containsExactly(1, 0, 1);
  }

  /**
   * The enterprise applies at the counter at the very moment its manager records 有意向: the counter's registration
   * holds the prospect's row (intake tells the campaign in its transaction), the manager's contact waits for it to
   * commit and then sees the application. Whichever ends the prospect first (the contact, or the message sent after the
   * application's commit, which then makes the manager's completion fail as the task is gone), the enterprise has one
   * open application, the counter's, and the prospect ends converted by it. Before, the contact did not wait and
   * submitted a second application, the message then found no instance.
   */
  @Test
  void anEnterpriseApplyingAtTheCounterWhileItsManagerRecordsInterestGetsNoSecondApplication() throws Exception {
    String code = creditCodeIn(HONGHUAGANG);
    CampaignReport report = campaigns.importWhitelist(new ImportWhitelist("PG race", whitelist().enterprise(code).csv(),
        "whitelist", "campaign-manager", false));
    String prospectId = report.lines().get(0).prospectId();
    ProcessInstance instance = runtimeService.createProcessInstanceQuery().processDefinitionKey(WhitelistProspectProcess.KEY)
        .processInstanceBusinessKey(prospectId).singleResult();
    executeDueJobs(instance.getId());
    Task contact = taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult();

    AtomicReference<String> counter = new AtomicReference<>();
    RowLockWaits.Met<String> met = RowLockWaits.meet(new TransactionTemplate(transactionManager),
        () -> counter.set(intakeService.register(TestApplications.forProduct("CREDIT_QUICK").branchCode("ZY002").creditCode(code)
            .build(), "zy002-acceptor").id()),
        counter::get,
        () -> completeAs("zy002-cm", contact.getId(), interested(77_002, "zhangming.race@example.com")),
        jdbc, "query ILIKE '%FROM prospect WHERE id =%FOR UPDATE%'", "the manager's contact waiting for the counter's application");

    assertThat(caseFiles.openAmong(applications.applicationsOfEnterprise(code))).as("the enterprise's open applications (%s)",
        met.second()).containsExactly(met.first());
    Prospect converted = campaigns.prospect(prospectId);
    assertThat(converted.status()).isEqualTo(Prospect.Status.CONVERTED);
    assertThat(converted.convertedApplicationId()).isEqualTo(met.first());
    assertThat(converted.applicationId()).as("the campaign's own application").isNull();
  }

  private static Map<String, Object> interested(int idNumber, String email) {
    Map<String, Object> form = new HashMap<>();
    form.put("contactResult", "INTERESTED");
    form.put("termMonths", 12L);
    form.put("purpose", "采购原材料");
    form.put("guaranteeType", "CREDIT");
    form.put("industryCode", "C34");
    form.put("establishedOn", "2015-03-02");
    form.put("annualRevenue", "5000000.00");
    form.put("legalRepIdNumber", TestApplications.uniqueIdNumber(idNumber));
    form.put("legalRepEmail", email);
    return form;
  }

  /**
   * The same whitelist imported twice at once (a POST retried while the first still runs, two people importing
   * overlapping whitelists): the second import waits for the first to commit and refuses its enterprises as
   * ALREADY_PROSPECT, so each enterprise is one prospect and one manager calls it. Before, both imports found no
   * open prospect and each made one: two managers of the branch called the same enterprise.
   */
  @Test
  void anEnterpriseInTwoWhitelistsImportedAtOnceBecomesOneProspect() throws Exception {
    String code = creditCodeIn(HONGHUAGANG);
    String csv = whitelist().enterprise(code).csv();
    AtomicReference<CampaignReport> first = new AtomicReference<>();
    AtomicReference<CampaignReport> second = new AtomicReference<>();
    RowLockWaits.Met<CampaignReport> met = RowLockWaits.meet(new TransactionTemplate(transactionManager),
        () -> first.set(campaigns.importWhitelist(new ImportWhitelist("PG first", csv, "whitelist", "campaign-manager", false))),
        first::get,
        () -> second.set(campaigns.importWhitelist(new ImportWhitelist("PG again", csv, "whitelist", "campaign-manager", false))),
        jdbc, "query ILIKE '%FROM campaign_import_lock%'", "the second import waiting for the first to commit");

    assertThat(met.second()).as("the second import").isEqualTo("done");
    assertThat(met.first().lines().get(0).result()).isEqualTo("ACCEPTED");
    assertThat(second.get().lines().get(0).reasons()).extracting(reason -> reason.code()).containsExactly("ALREADY_PROSPECT");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM prospect WHERE credit_code = :code").param("code", code).query(Long.class).single())
        .as("prospects of the enterprise").isEqualTo(1);
  }
}
