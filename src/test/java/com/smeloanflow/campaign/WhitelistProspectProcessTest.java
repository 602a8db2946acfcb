package com.smeloanflow.campaign;

import static com.smeloanflow.campaign.Whitelists.HONGHUAGANG;
import static com.smeloanflow.campaign.Whitelists.HUICHUAN;
import static com.smeloanflow.campaign.Whitelists.creditCodeIn;
import static com.smeloanflow.campaign.Whitelists.whitelist;
import static com.smeloanflow.process.WhitelistProspectProcess.Elements.END_APPLICATION_SUBMITTED;
import static com.smeloanflow.process.WhitelistProspectProcess.Elements.END_NOT_ELIGIBLE;
import static com.smeloanflow.process.WhitelistProspectProcess.Elements.END_PROSPECT_APPLIED;
import static com.smeloanflow.process.WhitelistProspectProcess.Elements.END_PROSPECT_CONVERTED;
import static com.smeloanflow.process.WhitelistProspectProcess.Elements.START_ENTERPRISE_APPLIED;
import static com.smeloanflow.process.WhitelistProspectProcess.Elements.TASK_CHECK_ENTERPRISE_RELATION;
import static com.smeloanflow.process.WhitelistProspectProcess.Elements.TASK_CLOSE_CONVERTED_PROSPECT;
import static com.smeloanflow.process.WhitelistProspectProcess.Elements.TASK_CONTACT_PROSPECT;
import static com.smeloanflow.process.WhitelistProspectProcess.Elements.TIMER_FOLLOW_UP_DUE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.smeloanflow.casefile.ApplicationStatus;
import com.smeloanflow.creditline.CreditLineService;
import com.smeloanflow.creditline.DrawCreditLine;
import com.smeloanflow.intake.Channel;
import com.smeloanflow.intake.LoanApplication;
import com.smeloanflow.operations.OperationsMetrics;
import com.smeloanflow.operations.PrometheusScrape;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.platform.ChineseDates;
import com.smeloanflow.process.LoanOriginationProcess;
import com.smeloanflow.process.WhitelistProspectProcess;
import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.ApiClient.Response;
import com.smeloanflow.support.TestApplications;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A prospect's way through whitelist-prospect: the customer manager's contact task, and what each
 * outcome means — interested becomes a prefilled loan application of the manager's branch, not now and
 * not reachable come back on the follow-up date (a working day of the bank calendar), not eligible ends
 * it; a team lead's reassignment hands the prospect over. An enterprise that applies through another channel or
 * becomes a customer while its prospect is worked ends it as converted, and no contact task is offered again.
 */
class WhitelistProspectProcessTest extends AbstractIntegrationTest {

  @Autowired CampaignService campaigns;
  @Autowired CreditLineService creditLines;
  @Autowired TransactionTemplate transaction;
  @Autowired EnterpriseAppliedDelivery appliedDelivery;
  @Autowired OperationsMetrics operationsMetrics;

  private record Imported(String campaignId, String prospectId, String creditCode, ProcessInstance instance) {}

  private static Instant cst(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(BusinessClock.BANK_ZONE).toInstant();
  }

  private Imported importOne(String division) {
    String creditCode = creditCodeIn(division);
    CampaignReport report = campaigns.importWhitelist(new ImportWhitelist("测试营销", whitelist().enterprise(creditCode).csv(),
        "whitelist", "campaign-manager", false));
    String prospectId = report.lines().get(0).prospectId();
    ProcessInstance instance = runtimeService.createProcessInstanceQuery().processDefinitionKey(WhitelistProspectProcess.KEY)
        .processInstanceBusinessKey(prospectId).singleResult();
    executeDueJobs(instance.getId());
    return new Imported(report.campaign().id(), prospectId, creditCode, instance);
  }

  private Task contactTask(Imported prospect) {
    return taskService.createTaskQuery().processInstanceId(prospect.instance().getId()).singleResult();
  }

  private static Map<String, Object> interested(int number) {
    Map<String, Object> form = new HashMap<>();
    form.put("contactResult", "INTERESTED");
    form.put("contactNotes", "法人有意申请, 已约定补充材料");
    form.put("loanProduct", "CREDIT_QUICK");
    form.put("loanAmount", "280000.00");
    form.put("termMonths", 12L);
    form.put("purpose", "采购原材料");
    form.put("guaranteeType", "CREDIT");
    form.put("industryCode", "C34");
    form.put("establishedOn", "2015-03-02");
    form.put("annualRevenue", "5000000.00");
    form.put("legalRepIdNumber", TestApplications.uniqueIdNumber(70_000 + number));
    form.put("legalRepEmail", "zhangming.wl" + number + "@example.com");
    return form;
  }

  /** The manager records interest in a revolving line (循环额度) of 1,000,000 CNY for 36 months. */
  private static Map<String, Object> interestedInARevolvingLine(int number) {
    Map<String, Object> form = interested(number);
    form.put("loanProduct", "REVOLVING_LINE");
    form.put("loanAmount", "1000000.00");
    form.put("termMonths", 36L);
    form.put("purpose", "日常经营周转");
    return form;
  }

  private static Map<String, Object> comeBackOn(String outcome, String date) {
    return Map.of("contactResult", outcome, "followUpDate", date, "contactNotes", "客户表示下月再联系");
  }

  @Test
  void interestedProspectBecomesAPrefilledLoanApplicationOfTheManagersBranch() {
    Imported prospect = importOne(HONGHUAGANG);
    Task task = contactTask(prospect);
    assertThat(task.getAssignee()).isEqualTo("zy002-cm");
    assertThat(taskService.getVariablesLocal(task.getId())).containsEntry("enterpriseName", "遵义白名单企业" + prospect.creditCode().substring(10) + "有限公司")
        .containsEntry("estimatedLimit", "300000.00").containsEntry("productName", "信用快贷").containsEntry("branchName", "红花岗支行")
        .containsEntry("loanProduct", "CREDIT_QUICK").containsEntry("loanAmount", "300000.00").containsEntry("contactsText", "首次联系");

    completeAs("zy002-cm", task.getId(), interested(1));

    assertThat(prospect.instance()).isEnded().hasPassed(END_APPLICATION_SUBMITTED);
    Prospect applied = campaigns.prospect(prospect.prospectId());
    assertThat(applied.status()).isEqualTo(Prospect.Status.APPLIED);
    LoanApplication application = applications.get(applied.applicationId());
    assertThat(application.channel()).isEqualTo(Channel.WHITELIST);
    assertThat(application.branchCode()).isEqualTo("ZY002");
    assertThat(application.creditCode()).isEqualTo(prospect.creditCode());
    assertThat(application.enterpriseName()).isEqualTo(applied.data().enterpriseName());
    assertThat(application.legalRepName()).isEqualTo("张明");
    assertThat(application.legalRepMobile()).isEqualTo("13985012345");
    assertThat(application.requestedAmount()).isEqualByComparingTo("280000.00");
    assertThat(application.submittedBy()).isEqualTo("zy002-cm");
    ProcessInstance origination = processInstance(application.id());
    executeDueJobs(origination.getId());
    assertThat(origination).isWaitingAt(LoanOriginationProcess.Elements.TASK_ACCEPT_APPLICATION);
    assertThat(taskService.createTaskQuery().processInstanceId(origination.getId()).taskCandidateGroup("ZY002-acceptance").count())
        .as("the branch accepts it like any application at its counter").isEqualTo(1);
    assertThat(statusOf(application.id())).isEqualTo(ApplicationStatus.AWAITING_ACCEPTANCE);
  }

  @Test
  void productAndAmountLeftEmptyApplyForTheWhitelistsSuggestionAndEstimatedLimit() {
    Imported prospect = importOne(HONGHUAGANG);
    Map<String, Object> form = interested(4);
    form.remove("loanProduct");
    form.remove("loanAmount");

    completeAs("zy002-cm", contactTask(prospect).getId(), form);

    LoanApplication application = applications.get(campaigns.prospect(prospect.prospectId()).applicationId());
    assertThat(application.product()).isEqualTo(com.smeloanflow.intake.Product.CREDIT_QUICK);
    assertThat(application.requestedAmount()).isEqualByComparingTo("300000.00");
  }

  @Test
  void anApplicationIntakeRefusesIsNamedByItsFormLabelAndNothingIsRecorded() {
    Imported prospect = importOne(HONGHUAGANG);
    Task task = contactTask(prospect);
    Map<String, Object> form = interested(2);
    form.put("industryCode", "制造业");
    form.put("loanAmount", "2000000.00");

    assertThatThrownBy(() -> completeAs("zy002-cm", task.getId(), form)).hasMessageContaining("行业代码")
        .hasMessageContaining("申请金额");

    assertThat(prospect.instance()).isWaitingAt(TASK_CONTACT_PROSPECT);
    assertThat(campaigns.prospect(prospect.prospectId()).contacts()).isZero();
    assertThat(applications.applicationsOfEnterprise(prospect.creditCode())).isEmpty();
  }

  @Test
  void notNowComesBackToTheManagerAt9OnTheFollowUpDateAMakeUpSaturdayIncluded() {
    moveClockTo(cst("2026-10-08T10:00:00"));
    Imported prospect = importOne(HONGHUAGANG);

    completeAs("zy002-cm", contactTask(prospect).getId(), comeBackOn("NOT_NOW", "2026-10-10"));

    assertThat(prospect.instance()).isWaitingAt(TIMER_FOLLOW_UP_DUE);
    assertThat(onlyJob(prospect.instance().getId()).getDuedate().toInstant()).isEqualTo(cst("2026-10-10T09:00:00"));
    assertThat(campaigns.prospect(prospect.prospectId()).followUpOn()).hasToString("2026-10-10");
    moveClockTo(cst("2026-10-10T09:00:30"));
    executeDueJobs(prospect.instance().getId());
    assertThat(prospect.instance()).as("checked: neither applied nor a customer").isWaitingAt(TASK_CONTACT_PROSPECT)
        .hasPassed(TASK_CHECK_ENTERPRISE_RELATION).hasNotPassed(END_PROSPECT_CONVERTED);
    Task again = contactTask(prospect);
    assertThat(again.getAssignee()).isEqualTo("zy002-cm");
    assertThat((String) taskService.getVariableLocal(again.getId(), "contactsText")).contains("暂不需要", "下月再联系")
        .doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}").containsPattern("^\\d{4}年\\d{1,2}月\\d{1,2}日 zy002-cm: ");
  }

  /**
   * A prospect called back again and again with long notes: the engine keeps a string variable in 4,000 characters,
   * so the task's 联系记录 shows the newest contacts in full and says how many earlier ones it leaves out, and the
   * next call-back task is still created.
   */
  @Test
  void manyLongContactNotesNeverKeepTheNextCallBackFromBeingCreated() {
    moveClockTo(cst("2026-10-08T10:00:00"));
    Imported prospect = importOne(HONGHUAGANG);
    String[] days = {"2026-10-12", "2026-10-13", "2026-10-14", "2026-10-15", "2026-10-16"};
    for (int i = 0; i < days.length; i++) {
      String notes = "第" + (i + 1) + "次" + String.valueOf((char) ('甲' + i)).repeat(990);
      completeAs("zy002-cm", contactTask(prospect).getId(),
          Map.of("contactResult", "NOT_NOW", "followUpDate", days[i], "contactNotes", notes));
      moveClockTo(cst(days[i] + "T09:00:30"));
      executeDueJobs(prospect.instance().getId());
    }

    String shown = (String) taskService.getVariableLocal(contactTask(prospect).getId(), "contactsText");
    assertThat(shown).hasSizeLessThanOrEqualTo(3800).startsWith("更早的 2 条联系记录未显示")
        .contains("第5次" + String.valueOf((char) ('甲' + 4)).repeat(990)).doesNotContain("第2次");
  }

  /**
   * The audit's case: the manager set a follow-up date, and before it the enterprise applied in the mobile app. The
   * prospect ends as converted when the application arrives (its follow-up timer with it), the funnel counts it as
   * applied elsewhere and not as the campaign's application, and on the follow-up date no contact task comes back.
   */
  @Test
  void anEnterpriseThatAppliesOnlineBeforeItsFollowUpDateGetsNoContactTaskOnThatDate() {
    moveClockTo(cst("2026-10-08T10:00:00"));
    Imported prospect = importOne(HONGHUAGANG);
    completeAs("zy002-cm", contactTask(prospect).getId(), comeBackOn("NOT_NOW", "2026-10-12"));

    String online = intakeService.submit(TestApplications.onlineCreditQuick().creditCode(prospect.creditCode()).build(), CHANNEL,
        null).applicationId();
    moveClockTo(cst("2026-10-12T09:00:30"));
    executeDueJobs(prospect.instance().getId());

    assertThat(contactTask(prospect)).as("a contact task for an enterprise that applied (%s)", online).isNull();
    assertThat(prospect.instance()).isEnded().hasPassed(START_ENTERPRISE_APPLIED, END_PROSPECT_APPLIED);
    Prospect converted = campaigns.prospect(prospect.prospectId());
    assertThat(converted.status()).isEqualTo(Prospect.Status.CONVERTED);
    assertThat(converted.conversion()).isEqualTo(Prospect.Conversion.APPLIED_ELSEWHERE);
    assertThat(converted.convertedApplicationId()).isEqualTo(online);
    assertThat(converted.applicationId()).as("the campaign's own application").isNull();
    assertThat(converted.closedReason()).isEqualTo("企业已通过手机银行提交贷款申请 " + online + "; 营销按“已自行申请”结束, 不再派发联系任务");
    JsonNode funnel = api.get("/api/campaigns/" + prospect.campaignId() + "/figures", "campaign-manager").json().path("total");
    assertThat(new int[] {funnel.path("prospects").asInt(), funnel.path("contacted").asInt(), funnel.path("interested").asInt(),
        funnel.path("applied").asInt(), funnel.path("appliedElsewhere").asInt(), funnel.path("existingCustomers").asInt()})
        .as("%s", funnel).containsExactly(1, 1, 0, 0, 1, 0);
  }

  /**
   * The enterprise applies at a branch counter while its contact task is open: the task is withdrawn at once (the manager
   * does not call an enterprise that applied), the history says why, and a contact recorded late is refused.
   */
  @Test
  void anEnterpriseThatAppliesAtACounterWhileItsContactTaskIsOpenEndsTheTaskAndTheProspect() {
    Imported prospect = importOne(HONGHUAGANG);
    Task open = contactTask(prospect);

    String counter = intakeService.submit(TestApplications.forProduct("CREDIT_QUICK").branchCode("ZY002")
        .creditCode(prospect.creditCode()).build(), CHANNEL, null).applicationId();

    assertThat(contactTask(prospect)).as("the contact task is withdrawn").isNull();
    assertThat(prospect.instance()).isEnded().hasPassed(START_ENTERPRISE_APPLIED, END_PROSPECT_APPLIED);
    HistoricTaskInstance withdrawn = historyService.createHistoricTaskInstanceQuery().taskId(open.getId()).singleResult();
    assertThat(withdrawn.getEndTime()).isNotNull();
    assertThat(withdrawn.getDeleteReason()).as("not completed by the manager").isNotEqualTo("completed");
    Prospect converted = campaigns.prospect(prospect.prospectId());
    assertThat(converted.status()).isEqualTo(Prospect.Status.CONVERTED);
    assertThat(converted.closedReason()).startsWith("企业已通过网点柜面提交贷款申请 " + counter);
    assertThat(campaigns.contactsOf(prospect.prospectId())).as("no contact was recorded").isEmpty();
    assertThatThrownBy(() -> campaigns.recordContact(new RecordContact(prospect.prospectId(), ContactOutcome.NOT_NOW,
        java.time.LocalDate.now(BusinessClock.BANK_ZONE).plusDays(7), "再次联系", "zy002-cm", null)))
        .isInstanceOf(com.smeloanflow.platform.StateConflictException.class).hasMessageContaining("当前状态为“已转化”");
  }

  /**
   * The enterprise applies at a branch counter while its contact task is open, and telling the prospect's process fails
   * (suspended at that moment, as a busy or locked process, or an engine down for a moment, refuses it): the conversion
   * is kept, a poll while the process still cannot hear it keeps it, and the next poll ends the prospect as converted and
   * withdraws the manager's task, once.
   */
  @Test
  void aConversionWhoseMessageFailedIsDeliveredByALaterPollAndTheManagersTaskEnds() {
    Imported prospect = importOne(HONGHUAGANG);
    Task open = contactTask(prospect);
    runtimeService.suspendProcessInstanceById(prospect.instance().getId());
    String counter = intakeService.submit(TestApplications.forProduct("CREDIT_QUICK").branchCode("ZY002")
        .creditCode(prospect.creditCode()).build(), CHANNEL, null).applicationId();
    appliedDelivery.deliverDue();
    assertThat(campaigns.prospect(prospect.prospectId()).status()).as("not heard yet").isEqualTo(Prospect.Status.OPEN);
    assertThat(contactTask(prospect)).as("not heard yet: the task is still open").isNotNull();

    runtimeService.activateProcessInstanceById(prospect.instance().getId());
    appliedDelivery.deliverDue();

    assertThat(contactTask(prospect)).as("the contact task is withdrawn").isNull();
    assertThat(historyService.createHistoricTaskInstanceQuery().taskId(open.getId()).singleResult().getEndTime()).isNotNull();
    assertThat(prospect.instance()).isEnded().hasPassed(START_ENTERPRISE_APPLIED, END_PROSPECT_APPLIED);
    Prospect converted = campaigns.prospect(prospect.prospectId());
    assertThat(converted.status()).isEqualTo(Prospect.Status.CONVERTED);
    assertThat(converted.conversion()).isEqualTo(Prospect.Conversion.APPLIED_ELSEWHERE);
    assertThat(converted.convertedApplicationId()).isEqualTo(counter);
    assertThat(converted.closedReason()).startsWith("企业已通过网点柜面提交贷款申请 " + counter);
    assertThat(appliedDelivery.deliverDue()).as("delivered once: nothing left to deliver").isZero();
  }

  private double scraped(String metric) {
    operationsMetrics.refresh();
    return PrometheusScrape.of(api, "monitoring").value(metric);
  }

  /**
   * A conversion the prospect's process cannot hear (suspended) stays to be delivered: operations see it over
   * {@code /actuator/prometheus} among the undelivered notices, with the oldest's age, until a poll delivers it.
   */
  @Test
  void operationsSeeAConversionNotYetToldToItsProspectUntilAPollDeliversIt() {
    appliedDelivery.deliverDue(); // conversions other tests left to deliver
    stopClock();
    double before = scraped("smeloan_prospect_applied_notices_undelivered");
    Imported prospect = importOne(HONGHUAGANG);
    runtimeService.suspendProcessInstanceById(prospect.instance().getId());
    intakeService.submit(TestApplications.forProduct("CREDIT_QUICK").branchCode("ZY002").creditCode(prospect.creditCode())
        .build(), CHANNEL, null);
    appliedDelivery.deliverDue();
    moveClockBy(Duration.ofMinutes(10));

    assertThat(scraped("smeloan_prospect_applied_notices_undelivered")).as("failed, left to the next poll")
        .isEqualTo(before + 1);
    assertThat(scraped("smeloan_prospect_applied_notices_oldest_age_seconds")).as("recorded 10 minutes ago or earlier")
        .isGreaterThanOrEqualTo(600);

    runtimeService.activateProcessInstanceById(prospect.instance().getId());
    appliedDelivery.deliverDue();

    assertThat(campaigns.prospect(prospect.prospectId()).status()).isEqualTo(Prospect.Status.CONVERTED);
    assertThat(scraped("smeloan_prospect_applied_notices_undelivered")).as("delivered").isEqualTo(before);
    if (before == 0) {
      assertThat(scraped("smeloan_prospect_applied_notices_oldest_age_seconds")).as("none left").isZero();
    }
  }

  /**
   * The enterprise applies at a branch counter while its contact task is open, but the campaign never hears of it (the
   * message after the application's commit found the prospect's process suspended; a node going down at that moment
   * loses it alike, and it is not retried). The manager then records 有意向: the campaign submits no second application
   * for an enterprise that has one open, and the prospect ends converted by the counter's application.
   */
  @Test
  void aManagerRecordingInterestForAnEnterpriseThatAppliedUnheardSubmitsNoSecondApplication() {
    Imported prospect = importOne(HONGHUAGANG);
    Task open = contactTask(prospect);
    runtimeService.suspendProcessInstanceById(prospect.instance().getId());
    String counter = intakeService.submit(TestApplications.forProduct("CREDIT_QUICK").branchCode("ZY002")
        .creditCode(prospect.creditCode()).build(), CHANNEL, null).applicationId();
    runtimeService.activateProcessInstanceById(prospect.instance().getId());
    assertThat(contactTask(prospect)).as("the message was lost: the task is still open").isNotNull();

    completeAs("zy002-cm", open.getId(), interested(9));

    assertThat(caseFiles.openAmong(applications.applicationsOfEnterprise(prospect.creditCode())))
        .as("the enterprise's open applications").containsExactly(counter);
    assertThat(prospect.instance()).isEnded().hasPassed(END_PROSPECT_CONVERTED).hasNotPassed(END_APPLICATION_SUBMITTED);
    Prospect converted = campaigns.prospect(prospect.prospectId());
    assertThat(converted.status()).isEqualTo(Prospect.Status.CONVERTED);
    assertThat(converted.conversion()).isEqualTo(Prospect.Conversion.APPLIED_ELSEWHERE);
    assertThat(converted.convertedApplicationId()).isEqualTo(counter);
    assertThat(converted.applicationId()).as("the campaign's own application").isNull();
    assertThat(campaigns.contactsOf(prospect.prospectId())).extracting(CampaignRepository.Contact::outcome)
        .as("the manager's contact is kept").containsExactly(ContactOutcome.INTERESTED);
  }

  /**
   * Two prospects converted by applications of their own through other channels: one is then rejected, the other
   * withdrawn by the enterprise. They stay converted (the campaign's manager does not market a loan around the bank's
   * credit decision, nor call an enterprise that withdrew), the funnel counts them apart so the campaign manager sees
   * them, and a later whitelist may take the enterprise again.
   */
  @Test
  void anEnterpriseWhoseOwnApplicationIsRejectedOrWithdrawnStaysConvertedCountedApartAndMayBeInTheNextWhitelist() {
    Imported rejected = importOne(HONGHUAGANG);
    Imported withdrawn = importOne(HONGHUAGANG);
    String rejectedApplication = intakeService.submit(TestApplications.onlineCreditQuick().creditCode(rejected.creditCode())
        .build(), CHANNEL, null).applicationId();
    String withdrawnApplication = intakeService.submit(TestApplications.onlineCreditQuick().creditCode(withdrawn.creditCode())
        .build(), CHANNEL, null).applicationId();
    caseFiles.setStatus(rejectedApplication, ApplicationStatus.REJECTED);
    caseFiles.setStatus(withdrawnApplication, ApplicationStatus.WITHDRAWN);

    assertThat(campaigns.prospect(rejected.prospectId()).status()).isEqualTo(Prospect.Status.CONVERTED);
    JsonNode funnel = api.get("/api/campaigns/" + rejected.campaignId() + "/figures", "campaign-manager").json().path("total");
    assertThat(new int[] {funnel.path("appliedElsewhere").asInt(), funnel.path("appliedElsewhereRejectedOrWithdrawn").asInt()})
        .as("%s", funnel).containsExactly(1, 1);
    JsonNode other = api.get("/api/campaigns/" + withdrawn.campaignId() + "/figures", "campaign-manager").json().path("total");
    assertThat(other.path("appliedElsewhereRejectedOrWithdrawn").asInt()).as("withdrawn: %s", other).isEqualTo(1);
    CampaignReport again = campaigns.importWhitelist(new ImportWhitelist("再次营销", whitelist().enterprise(rejected.creditCode())
        .csv(), "whitelist", "campaign-manager", false));
    assertThat(again.lines().get(0).result()).as("%s", again.lines().get(0)).isEqualTo("ACCEPTED");
  }

  /**
   * An enterprise whose application was taken at the counter while its whitelist was being imported (neither saw the
   * other: the import found no application, intake no prospect) and whose loan was paid out before the prospect's first
   * contact: the check before the contact finds the customer, the prospect ends as converted and no task is offered.
   */
  @Test
  void anEnterpriseThatBecameACustomerUnseenByTheImportIsEndedAsConvertedBeforeAnyContactTask() throws Exception {
    String creditCode = creditCodeIn(HONGHUAGANG);
    CountDownLatch registered = new CountDownLatch(1);
    CountDownLatch imported = new CountDownLatch(1);
    ExecutorService counter = Executors.newSingleThreadExecutor();
    Future<String> application;
    CampaignReport report;
    try {
      application = counter.submit(() -> transaction.execute(status -> {
        String id = intakeService.register(TestApplications.forProduct("CREDIT_QUICK").branchCode("ZY002").creditCode(creditCode)
            .build(), "zy002-acceptor").id();
        registered.countDown();
        try {
          imported.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return id;
      }));
      assertThat(registered.await(60, TimeUnit.SECONDS)).isTrue();
      report = campaigns.importWhitelist(new ImportWhitelist("测试营销", whitelist().enterprise(creditCode).csv(), "whitelist",
          "campaign-manager", false));
    } finally {
      imported.countDown();
      counter.shutdown();
    }
    String applicationId = application.get(60, TimeUnit.SECONDS);
    assertThat(report.lines().get(0).result()).as("the import did not see the uncommitted application").isEqualTo("ACCEPTED");
    caseFiles.setStatus(applicationId, ApplicationStatus.APPROVED);
    caseFiles.setStatus(applicationId, ApplicationStatus.DISBURSED);
    String prospectId = report.lines().get(0).prospectId();
    ProcessInstance instance = runtimeService.createProcessInstanceQuery().processDefinitionKey(WhitelistProspectProcess.KEY)
        .processInstanceBusinessKey(prospectId).singleResult();

    executeDueJobs(instance.getId());

    assertThat(instance).isEnded().hasPassed(TASK_CHECK_ENTERPRISE_RELATION, TASK_CLOSE_CONVERTED_PROSPECT, END_PROSPECT_CONVERTED)
        .hasNotPassed(TASK_CONTACT_PROSPECT);
    assertThat(historyService.createHistoricTaskInstanceQuery().processInstanceId(instance.getId()).count()).isZero();
    Prospect converted = campaigns.prospect(prospectId);
    assertThat(converted.conversion()).isEqualTo(Prospect.Conversion.EXISTING_CUSTOMER);
    assertThat(converted.convertedApplicationId()).isEqualTo(applicationId);
    assertThat(converted.closedReason())
        .isEqualTo("该企业已是我行贷款客户 (申请 " + applicationId + " 已放款); 营销按“已是我行客户”结束, 不再派发联系任务");
    JsonNode funnel = api.get("/api/campaigns/" + report.campaign().id() + "/figures", "campaign-manager").json().path("total");
    assertThat(new int[] {funnel.path("prospects").asInt(), funnel.path("contacted").asInt(), funnel.path("applied").asInt(),
        funnel.path("disbursed").asInt(), funnel.path("appliedElsewhere").asInt(), funnel.path("existingCustomers").asInt()})
        .as("%s", funnel).containsExactly(1, 0, 0, 0, 0, 1);
  }

  @Test
  void notReachableUntilAPublicHolidayComesBackOnTheFirstWorkingDayAfterIt() {
    moveClockTo(cst("2026-09-28T10:00:00"));
    Imported prospect = importOne(HONGHUAGANG);

    completeAs("zy002-cm", contactTask(prospect).getId(), comeBackOn("NOT_REACHABLE", "2026-10-03"));

    assertThat(onlyJob(prospect.instance().getId()).getDuedate().toInstant()).as("国庆节 ends on 10-07")
        .isEqualTo(cst("2026-10-08T09:00:00"));
  }

  @Test
  void notNowWithoutAFollowUpDateOrWithOneInThePastIsRefused() {
    moveClockTo(cst("2026-11-02T10:00:00"));
    Imported prospect = importOne(HONGHUAGANG);
    String task = contactTask(prospect).getId();

    assertThatThrownBy(() -> completeAs("zy002-cm", task, Map.of("contactResult", "NOT_NOW"))).hasMessageContaining("回访日期");
    assertThatThrownBy(() -> completeAs("zy002-cm", task, comeBackOn("NOT_NOW", "2026-11-02"))).hasMessageContaining("回访日期");
    assertThat(prospect.instance()).isWaitingAt(TASK_CONTACT_PROSPECT);
  }

  @Test
  void notEligibleEndsTheProspect() {
    Imported prospect = importOne(HONGHUAGANG);

    completeAs("zy002-cm", contactTask(prospect).getId(), Map.of("contactResult", "NOT_ELIGIBLE", "contactNotes", "已停业"));

    assertThat(prospect.instance()).isEnded().hasPassed(END_NOT_ELIGIBLE);
    assertThat(campaigns.prospect(prospect.prospectId()).status()).isEqualTo(Prospect.Status.NOT_ELIGIBLE);
  }

  @Test
  void aContactForAProspectThatAppliedIsRefusedSayingSoInChineseWithTheEnglishBeside() {
    Imported prospect = importOne(HONGHUAGANG);
    completeAs("zy002-cm", contactTask(prospect).getId(), interested(5));

    assertThatThrownBy(() -> campaigns.recordContact(new RecordContact(prospect.prospectId(), ContactOutcome.NOT_NOW,
        java.time.LocalDate.now(BusinessClock.BANK_ZONE).plusDays(7), "再次联系", "zy002-cm", null)))
        .isInstanceOf(com.smeloanflow.platform.StateConflictException.class)
        .hasMessage("白名单客户 " + prospect.prospectId() + " 当前状态为“已申请”, 不能再登记联系结果 (prospect "
            + prospect.prospectId() + " is APPLIED: no further contact is recorded)");
    assertThat(campaigns.contactsOf(prospect.prospectId())).hasSize(1);
  }

  @Test
  void aLeadHandsTheProspectToAnotherManagerOfTheBranchWhoseItIsFromThenOn() {
    moveClockTo(cst("2026-11-02T10:00:00"));
    Imported prospect = importOne(HUICHUAN);
    Task task = contactTask(prospect);
    String other = task.getAssignee().equals("zy001-cm") ? "zy001-cm2" : "zy001-cm";

    Response handed = api.post("/api/tasks/reassignments", "team-lead",
        "{\"taskIds\": [\"" + task.getId() + "\"], \"assignee\": \"" + other + "\"}");

    assertThat(handed.json().path("results").get(0).path("result").asText()).as(handed.body()).isEqualTo("REASSIGNED");
    assertThat(campaigns.prospect(prospect.prospectId()).customerManager()).isEqualTo(other);
    completeAs(other, task.getId(), comeBackOn("NOT_REACHABLE", "2026-11-04"));
    moveClockTo(cst("2026-11-04T09:01:00"));
    executeDueJobs(prospect.instance().getId());
    assertThat(contactTask(prospect).getAssignee()).isEqualTo(other);
  }

  @Test
  void theCampaignFunnelCountsContactsApplicationsApprovalsAndDisbursementsPerBranchAndManager() {
    Imported applying = importOne(HONGHUAGANG);
    Imported notNow = importOne(HONGHUAGANG);
    Imported untouched = importOne(HONGHUAGANG);
    Task contact = contactTask(applying);

    Response completed = api.post("/engine-rest/task/" + contact.getId() + "/complete", "zy002-cm", variablesJson(interested(3)));
    assertThat(completed.status()).as(completed.body()).isEqualTo(204);
    completeAs("zy002-cm", contactTask(notNow).getId(), comeBackOn("NOT_NOW", clockPlusDays(20)));
    String applicationId = campaigns.prospect(applying.prospectId()).applicationId();
    caseFiles.setStatus(applicationId, ApplicationStatus.APPROVED);
    caseFiles.setStatus(applicationId, ApplicationStatus.DISBURSED);

    JsonNode managers = api.get("/api/campaign-figures", "campaign-manager").json().path("managers");
    JsonNode zy002 = null;
    for (JsonNode row : managers) {
      if ("zy002-cm".equals(row.path("customerManager").asText())) {
        zy002 = row;
      }
    }
    assertThat(zy002).isNotNull();
    for (String campaign : new String[] {applying.campaignId(), notNow.campaignId(), untouched.campaignId()}) {
      JsonNode figures = api.get("/api/campaigns/" + campaign + "/figures", "zy002-lead").json();
      assertThat(figures.path("total").path("prospects").asInt()).isEqualTo(1);
    }
    JsonNode funnel = api.get("/api/campaigns/" + applying.campaignId() + "/figures", "campaign-manager").json().path("managers").get(0);
    assertThat(funnel.path("branchCode").asText()).isEqualTo("ZY002");
    assertThat(funnel.path("branchName").asText()).isEqualTo("红花岗支行");
    assertThat(funnel.path("customerManager").asText()).isEqualTo("zy002-cm");
    assertThat(new int[] {funnel.path("prospects").asInt(), funnel.path("contacted").asInt(), funnel.path("interested").asInt(),
        funnel.path("applied").asInt(), funnel.path("approved").asInt(), funnel.path("disbursed").asInt()})
        .containsExactly(1, 1, 1, 1, 1, 1);
    JsonNode later = api.get("/api/campaigns/" + notNow.campaignId() + "/figures", "campaign-manager").json().path("total");
    assertThat(new int[] {later.path("contacted").asInt(), later.path("interested").asInt(), later.path("applied").asInt()})
        .containsExactly(1, 0, 0);
    Imported huichuan = importOne(HUICHUAN);
    assertThat(api.get("/api/campaigns/" + huichuan.campaignId() + "/figures", "zy002-lead").json().path("managers"))
        .as("ZY002's lead sees no ZY001 rows").isEmpty();
  }

  @Test
  void aProspectWhoseRevolvingLineOpenedCountsAsALineOpenedNotAsDisbursed() {
    Imported line = importOne(HONGHUAGANG);
    Imported loan = importOne(HONGHUAGANG);
    completeAs("zy002-cm", contactTask(line).getId(), interestedInARevolvingLine(11));
    completeAs("zy002-cm", contactTask(loan).getId(), interested(12));
    for (Imported prospect : List.of(line, loan)) {
      String applicationId = campaigns.prospect(prospect.prospectId()).applicationId();
      caseFiles.setStatus(applicationId, ApplicationStatus.APPROVED);
      caseFiles.setStatus(applicationId, ApplicationStatus.DISBURSED); // the line opened; the loan paid out
    }

    JsonNode lineFunnel = api.get("/api/campaigns/" + line.campaignId() + "/figures", "campaign-manager").json().path("total");
    JsonNode loanFunnel = api.get("/api/campaigns/" + loan.campaignId() + "/figures", "campaign-manager").json().path("total");

    assertThat(new int[] {lineFunnel.path("applied").asInt(), lineFunnel.path("approved").asInt(),
        lineFunnel.path("disbursed").asInt(), lineFunnel.path("linesOpened").asInt()})
        .as("额度已开通, nothing paid out: %s", lineFunnel).containsExactly(1, 1, 0, 1);
    assertThat(new int[] {loanFunnel.path("applied").asInt(), loanFunnel.path("approved").asInt(),
        loanFunnel.path("disbursed").asInt(), loanFunnel.path("linesOpened").asInt()})
        .as("a loan paid out: %s", loanFunnel).containsExactly(1, 1, 1, 0);
  }

  /**
   * A campaign manager sees whether the lines a campaign opened are used: of the lines opened, those drawn on at least
   * once (linesDrawn) and what they drew (drawnAmount), every drawdown booked since the line opened; a line never drawn
   * on is opened but not drawn, and a drawdown is no loan of the funnel (disbursed stays 0).
   */
  @Test
  void theFunnelShowsWhetherTheLinesItOpenedWereDrawnOnAndHowMuch() {
    Imported used = importOne(HONGHUAGANG);
    Imported unused = importOne(HONGHUAGANG);
    completeAs("zy002-cm", contactTask(used).getId(), interestedInARevolvingLine(21));
    completeAs("zy002-cm", contactTask(unused).getId(), interestedInARevolvingLine(22));
    String usedLine = openedLine(campaigns.prospect(used.prospectId()).applicationId());
    openedLine(campaigns.prospect(unused.prospectId()).applicationId());
    creditLines.draw(new DrawCreditLine(usedLine, "WL-DD-1-" + usedLine, new BigDecimal("300000.00"), 12, "channel-gateway"));
    creditLines.draw(new DrawCreditLine(usedLine, "WL-DD-2-" + usedLine, new BigDecimal("200000.00"), 6, "channel-gateway"));

    JsonNode usedFunnel = api.get("/api/campaigns/" + used.campaignId() + "/figures", "campaign-manager").json();
    JsonNode unusedFunnel = api.get("/api/campaigns/" + unused.campaignId() + "/figures", "campaign-manager").json().path("total");

    JsonNode total = usedFunnel.path("total");
    assertThat(new int[] {total.path("linesOpened").asInt(), total.path("linesDrawn").asInt(), total.path("disbursed").asInt()})
        .as("one line opened and drawn on twice: %s", total).containsExactly(1, 1, 0);
    assertThat(total.path("drawnAmount").decimalValue()).isEqualByComparingTo("500000.00");
    JsonNode manager = usedFunnel.path("managers").get(0);
    assertThat(manager.path("customerManager").asText()).isEqualTo("zy002-cm");
    assertThat(manager.path("linesDrawn").asInt()).as("the manager's row").isEqualTo(1);
    assertThat(manager.path("drawnAmount").decimalValue()).isEqualByComparingTo("500000.00");
    assertThat(usedFunnel.path("branches").get(0).path("drawnAmount").decimalValue()).as("the branch's row")
        .isEqualByComparingTo("500000.00");
    assertThat(new int[] {unusedFunnel.path("linesOpened").asInt(), unusedFunnel.path("linesDrawn").asInt()})
        .as("opened, never drawn on: %s", unusedFunnel).containsExactly(1, 0);
    assertThat(unusedFunnel.path("drawnAmount").decimalValue()).isEqualByComparingTo("0.00");
  }

  /** The prospect's revolving line approved and opened (1,000,000 CNY, three years), as creditline stores it; its id. */
  private String openedLine(String applicationId) {
    caseFiles.setStatus(applicationId, ApplicationStatus.APPROVED);
    caseFiles.setStatus(applicationId, ApplicationStatus.DISBURSED);
    LoanApplication application = applications.findById(applicationId).orElseThrow();
    String lineId = "CLWL" + System.nanoTime() % 1_000_000_000_000L;
    java.time.LocalDate today = java.time.LocalDate.now(BusinessClock.BANK_ZONE);
    jdbc.sql("""
        INSERT INTO credit_line (line_id, application_id, credit_code, borrower_name, branch_code, credit_limit, annual_rate_percent,
          repayment_method, opened_on, valid_until, status, opened_at, version)
        VALUES (:line, :application, :creditCode, :name, :branch, 1000000.00, 4.35, 'EQUAL_INSTALMENT', :today, :until, 'ACTIVE',
          CURRENT_TIMESTAMP, 0)""")
        .param("line", lineId).param("application", applicationId).param("creditCode", application.creditCode())
        .param("name", application.enterpriseName()).param("branch", application.branchCode()).param("today", today)
        .param("until", today.plusYears(3).minusDays(1)).update();
    return lineId;
  }

  private String clockPlusDays(int days) {
    return java.time.LocalDate.ofInstant(org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime().toInstant(),
        BusinessClock.BANK_ZONE).plusDays(days).toString();
  }

  private static String variablesJson(Map<String, Object> form) {
    StringBuilder json = new StringBuilder("{\"variables\": {");
    form.forEach((name, value) -> json.append('"').append(name).append("\": {\"value\": ")
        .append(value instanceof Number ? value.toString() : "\"" + value + "\"").append("},"));
    json.setLength(json.length() - 1);
    return json.append("}}").toString();
  }
}
