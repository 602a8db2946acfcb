package com.smeloanflow.collections;

import static com.smeloanflow.process.CollectionProcess.Elements.TASK_COLLECT_BY_PHONE;
import static com.smeloanflow.process.CollectionProcess.Elements.TASK_PROPOSE_DISPOSAL;
import static com.smeloanflow.process.CollectionProcess.Elements.TASK_SUPERVISE_OVERDUE_LOAN;
import static com.smeloanflow.process.CollectionProcess.Elements.TASK_VISIT_BORROWER;
import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.notification.MailCaseType;
import com.smeloanflow.notification.MailOutbox;
import com.smeloanflow.notification.MailStatus;
import com.smeloanflow.notification.MailTemplate;
import com.smeloanflow.notification.OutboxMail;
import com.smeloanflow.servicing.DailyCloseService;
import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.servicing.RepaymentService;
import com.smeloanflow.support.AbstractPostgresIntegrationTest;
import java.util.Map;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * On PostgreSQL, the production database: the 联系记录 of an open collection task follows its reminder once the outbox
 * sends it ({@link OpenTaskContactHistory} finds the case's tasks by their task-local 联系记录 in one task query), and
 * long contact notes never keep the next task from being created (PostgreSQL's varchar(4000) counts characters).
 */
class OpenTaskContactHistoryPostgresIT extends AbstractPostgresIntegrationTest {

  @Autowired DailyCloseService dailyClose;
  @Autowired LoanAccountService loans;
  @Autowired RepaymentService repayments;
  @Autowired MailOutbox outbox;

  @Test
  void anOpenTaskShowsTheReminderSentOnceTheOutboxSendsIt() {
    mailServer.stop();
    CollectionScenario scenario = new CollectionScenario(processEngine, intakeService, dailyClose, loans, repayments,
        this::executeDueJobs, this::startCollectionProcesses).closeAt(1).closeAt(3);
    OutboxMail reminder = outbox.mailsOf(MailCaseType.LOAN, scenario.loanId()).stream()
        .filter(mail -> mail.template() == MailTemplate.OVERDUE_REMINDER).findFirst().orElseThrow();
    Task call = scenario.task(TASK_COLLECT_BY_PHONE);
    assertThat((String) taskService.getVariableLocal(call.getId(), CollectionFormValues.CONTACT_HISTORY))
        .contains("| 逾期提醒邮件 | 提醒待发送 |");

    mailServer.start();
    moveClockTo(outbox.get(reminder.id()).nextAttemptAt().plusSeconds(1));
    dispatchMails(scenario.loanId());

    assertThat(outbox.get(reminder.id()).status()).isEqualTo(MailStatus.SENT);
    assertThat((String) taskService.getVariableLocal(call.getId(), CollectionFormValues.CONTACT_HISTORY))
        .contains("| 逾期提醒邮件 | 已发送提醒 |").doesNotContain("提醒待发送");
  }

  @Test
  void longContactNotesNeverKeepTheNextTaskFromBeingCreated() {
    String lead = "督办" + "丙".repeat(1898);
    CollectionScenario scenario = new CollectionScenario(processEngine, intakeService, dailyClose, loans, repayments,
        this::executeDueJobs, this::startCollectionProcesses).closeAt(1).closeAt(3);
    completeAs("remote-verifier", scenario.task(TASK_COLLECT_BY_PHONE).getId(), contact("REFUSED", "甲".repeat(1900)));
    scenario.closeAt(15);
    completeAs("zy001-cm", scenario.task(TASK_VISIT_BORROWER).getId(), contact("NOT_FOUND", "乙".repeat(1900)));
    scenario.closeAt(30);
    completeAs("team-lead", scenario.task(TASK_SUPERVISE_OVERDUE_LOAN).getId(), contact("CONTINUE_COLLECTION", lead));
    scenario.closeAt(90);

    Task proposal = scenario.task(TASK_PROPOSE_DISPOSAL);
    assertThat((String) taskService.getVariableLocal(proposal.getId(), CollectionFormValues.CONTACT_HISTORY))
        .startsWith("更早的 3 条联系记录未显示").contains(lead);
  }

  private static Map<String, Object> contact(String outcome, String notes) {
    return Map.of(ContactTaskListener.OUTCOME, outcome, ContactTaskListener.NOTES, notes);
  }
}
