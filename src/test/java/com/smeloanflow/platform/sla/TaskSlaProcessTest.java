package com.smeloanflow.platform.sla;

import static com.smeloanflow.process.LoanOriginationProcess.Elements.TASK_ACCEPT_APPLICATION;
import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.identity.IdentitySetup;
import com.smeloanflow.notification.MailCaseType;
import com.smeloanflow.notification.MailOutbox;
import com.smeloanflow.notification.MailTemplate;
import com.smeloanflow.notification.OutboxMail;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.TestApplications;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The SLA of a real task, the branch's acceptance of an application (goal 4, deadline 7 working hours),
 * with the clock moved across the National Day holiday of 2026 (10-01 to 10-07) and its make-up working
 * Saturday (10-10). Working hours 09:00–12:00 and 13:00–17:00.
 */
class TaskSlaProcessTest extends AbstractIntegrationTest {

  private static final String ZY001_LEAD_MAIL = "team-lead@smeloan.example.com";
  private static final String ZY002_LEAD_MAIL = "zy002-lead@smeloan.example.com";

  @Autowired SlaMonitor monitor;
  @Autowired MailOutbox outbox;
  @Autowired TaskSlaRepository records;
  @Autowired SlaMail slaMail;
  @Autowired TaskTeams teams;
  @Autowired BusinessClock clock;
  @Autowired SlaProperties properties;
  @Autowired PlatformTransactionManager transactions;

  private static Instant cst(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(BusinessClock.BANK_ZONE).toInstant();
  }

  private Task acceptanceTaskSubmittedAt(String localDateTime) {
    moveClockTo(cst(localDateTime));
    String applicationId = submit(TestApplications.mortgageAtBranchCounter()).applicationId();
    return taskService.createTaskQuery().processInstanceBusinessKey(applicationId).taskDefinitionKey(TASK_ACCEPT_APPLICATION)
        .singleResult();
  }

  private String slaStateOf(Task task) {
    return (String) taskService.getVariableLocal(task.getId(), SlaState.VARIABLE);
  }

  private List<OutboxMail> staffMails(Task task, MailTemplate template) {
    return outbox.staffMailsOf(businessKey(task)).stream()
        .filter(mail -> mail.template() == template).toList();
  }

  private String businessKey(Task task) {
    return runtimeService.createProcessInstanceQuery().processInstanceId(task.getProcessInstanceId()).singleResult().getBusinessKey();
  }

  @Test
  void taskOfTheEveOfNationalDayIsDueOnTheFirstWorkingDayAfterTheHoliday() {
    Task task = acceptanceTaskSubmittedAt("2026-09-30T16:00:00");

    // one working hour on 09-30, none from 10-01 to 10-07, the rest on 10-08
    assertThat(task.getFollowUpDate().toInstant()).as("goal: 4 working hours").isEqualTo(cst("2026-10-08T12:00:00"));
    assertThat(task.getDueDate().toInstant()).as("deadline: 7 working hours").isEqualTo(cst("2026-10-08T16:00:00"));
    assertThat(slaStateOf(task)).isEqualTo("正常");
  }

  @Test
  void taskOfAFridayAfternoonBeforeTheMakeUpSaturdayIsDueThatSaturday() {
    Task task = acceptanceTaskSubmittedAt("2026-10-09T16:30:00");

    assertThat(task.getFollowUpDate().toInstant()).isEqualTo(cst("2026-10-10T13:30:00"));
    assertThat(task.getDueDate().toInstant()).isEqualTo(cst("2026-10-10T16:30:00"));
  }

  @Test
  void unclaimedTaskRemindsTheBranchLeadsAtTheGoalThenEscalatesEveryWorkingDayAcrossTheMakeUpSaturday() {
    Task task = acceptanceTaskSubmittedAt("2026-09-30T16:00:00");
    String applicationId = businessKey(task);

    moveClockTo(cst("2026-10-08T11:59:00"));
    monitor.runDue();
    assertThat(staffMails(task, MailTemplate.SLA_REMINDER)).as("before the goal").isEmpty();

    moveClockTo(cst("2026-10-08T12:00:30"));
    monitor.runDue();
    monitor.runDue();
    assertThat(staffMails(task, MailTemplate.SLA_REMINDER)).as("once, to the lead of ZY001 (nobody took the task)")
        .singleElement().satisfies(mail -> assertThat(mail.recipient()).isEqualTo(ZY001_LEAD_MAIL));
    assertThat(slaStateOf(task)).isEqualTo("已过目标时间");
    mailDispatcher.dispatchDueOf(MailCaseType.STAFF, applicationId);
    MimeMessage reminder = mailsTo(ZY001_LEAD_MAIL).get(0);
    assertThat(subjectOf(reminder)).contains("受理贷款申请", applicationId);
    assertThat(bodyOf(reminder)).contains("仍无人领取", "汇川支行", "2026年10月8日 16:00");
    assertThat(mailsTo(ZY002_LEAD_MAIL)).as("another branch's lead hears nothing").isEmpty();

    moveClockTo(cst("2026-10-08T16:00:30"));
    monitor.runDue();
    assertThat(staffMails(task, MailTemplate.SLA_ESCALATION)).hasSize(1);
    assertThat(taskService.createTaskQuery().taskId(task.getId()).singleResult().getPriority()).isEqualTo(75);
    assertThat(slaStateOf(task)).isEqualTo("已升级");

    moveClockTo(cst("2026-10-09T16:00:00"));
    monitor.runDue();
    assertThat(staffMails(task, MailTemplate.SLA_ESCALATION)).as("not before a working day has passed").hasSize(1);

    moveClockTo(cst("2026-10-09T16:01:00"));
    monitor.runDue();
    assertThat(staffMails(task, MailTemplate.SLA_ESCALATION)).hasSize(2);
    assertThat(taskService.createTaskQuery().taskId(task.getId()).singleResult().getPriority()).isEqualTo(100);

    moveClockTo(cst("2026-10-10T16:01:30"));
    monitor.runDue();
    assertThat(staffMails(task, MailTemplate.SLA_ESCALATION)).as("the make-up Saturday is a working day").hasSize(3);

    moveClockTo(cst("2026-10-11T18:00:00"));
    monitor.runDue();
    assertThat(staffMails(task, MailTemplate.SLA_ESCALATION)).as("an ordinary Sunday is not").hasSize(3);

    mailDispatcher.dispatchDueOf(MailCaseType.STAFF, applicationId);
    MimeMessage third = mailsTo(ZY001_LEAD_MAIL).get(mailsTo(ZY001_LEAD_MAIL).size() - 1);
    assertThat(bodyOf(third)).contains("第 3 次升级", "优先级已提高至 100", "已超期 14 小时");
  }

  @Test
  void aReminderThatCannotBeQueuedHoldsUpNoOtherTaskAndIsSentAtTheNextRun() {
    Task broken = acceptanceTaskSubmittedAt("2026-09-30T15:59:00");
    Task other = acceptanceTaskSubmittedAt("2026-09-30T16:00:00");
    String brokenKey = businessKey(broken);
    SlaMail failingForOne = (kind, caseId, recipient, values) -> {
      if (caseId.equals(brokenKey)) {
        throw new IllegalStateException("Template SLA_REMINDER: no value for a placeholder");
      }
      slaMail.queue(kind, caseId, recipient, values);
    };
    SlaMonitor withAFailingMail = new SlaMonitor(records, taskService, repositoryService, failingForOne, teams, bankCalendar,
        clock, properties, transactions);

    moveClockTo(cst("2026-10-08T12:00:30"));
    withAFailingMail.runDue();

    assertThat(staffMails(other, MailTemplate.SLA_REMINDER)).as("the task due after the failing one is reminded")
        .singleElement().satisfies(mail -> assertThat(mail.recipient()).isEqualTo(ZY001_LEAD_MAIL));
    assertThat(staffMails(broken, MailTemplate.SLA_REMINDER)).isEmpty();
    assertThat(slaStateOf(broken)).as("its claim rolled back").isEqualTo("正常");

    monitor.runDue();

    assertThat(staffMails(broken, MailTemplate.SLA_REMINDER)).as("retried at the next run").hasSize(1);
    assertThat(slaStateOf(broken)).isEqualTo("已过目标时间");
  }

  @Test
  void claimedTaskRemindsItsAssigneeNotTheLeads() {
    Task task = acceptanceTaskSubmittedAt("2026-09-30T16:00:00");
    taskService.claim(task.getId(), "zy001-acceptor");

    moveClockTo(cst("2026-10-08T12:00:30"));
    monitor.runDue();

    assertThat(staffMails(task, MailTemplate.SLA_REMINDER)).singleElement()
        .satisfies(mail -> assertThat(mail.recipient()).isEqualTo("zy001-acceptor@smeloan.example.com"));
  }

  @Test
  void aLeadWhoMovesTheDueDatePostponesTheEscalation() {
    Task task = acceptanceTaskSubmittedAt("2026-09-30T16:00:00");
    Task loaded = taskService.createTaskQuery().taskId(task.getId()).singleResult();
    loaded.setDueDate(java.util.Date.from(cst("2026-10-12T10:00:00")));
    taskService.saveTask(loaded);

    moveClockTo(cst("2026-10-08T16:00:30"));
    monitor.runDue();
    assertThat(staffMails(task, MailTemplate.SLA_ESCALATION)).isEmpty();

    moveClockTo(cst("2026-10-12T10:00:30"));
    monitor.runDue();
    assertThat(staffMails(task, MailTemplate.SLA_ESCALATION)).hasSize(1);
  }

  @Test
  void aCompletedTaskIsNeitherRemindedNorEscalatedAndCountsAsMet() {
    Task task = acceptanceTaskSubmittedAt("2026-09-30T16:00:00");
    moveClockTo(cst("2026-10-08T10:00:00"));
    completeAs("zy001-acceptor", task.getId(), checklistWithout(businessKey(task)));

    moveClockTo(cst("2026-10-09T16:00:00"));
    monitor.runDue();

    assertThat(outbox.staffMailsOf(businessKey(task))).isEmpty();
    assertThat(jdbc.sql("SELECT state FROM task_sla WHERE task_id = :id").param("id", task.getId()).query(String.class).single())
        .isEqualTo("COMPLETED");
  }

  @Test
  void leadsHaveTheFiltersOverdueAndEscalatedWithTheBusinessColumns() {
    List<String> leadFilters = filterNames("team-lead");
    List<String> staffFilters = filterNames("zy001-acceptor");

    assertThat(leadFilters).contains(IdentitySetup.FILTER_MY_TASKS, IdentitySetup.FILTER_GROUP_TASKS,
        IdentitySetup.FILTER_TEAM_TASKS, IdentitySetup.FILTER_OVERDUE, IdentitySetup.FILTER_ESCALATED);
    assertThat(staffFilters).containsExactlyInAnyOrder(IdentitySetup.FILTER_MY_TASKS, IdentitySetup.FILTER_GROUP_TASKS);
    var escalated = api.get("/engine-rest/filter?resourceType=Task&name=" + java.net.URLEncoder.encode(
        IdentitySetup.FILTER_ESCALATED, java.nio.charset.StandardCharsets.UTF_8) + "&firstResult=0&maxResults=1", "team-lead").json().get(0);
    assertThat(escalated.path("properties").path("variables").findValuesAsText("name"))
        .contains("enterpriseName", "requestedAmount", "productName", "branchName", SlaState.VARIABLE);
  }

  private List<String> filterNames(String user) {
    List<String> names = new java.util.ArrayList<>();
    api.get("/engine-rest/filter?resourceType=Task&firstResult=0&maxResults=50", user).json().forEach(filter -> names.add(filter.get("name").asText()));
    return names;
  }
}
