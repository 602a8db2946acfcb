package com.smeloanflow.collections;

import static com.smeloanflow.process.CollectionProcess.Elements.TASK_COLLECT_BY_PHONE;
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
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * On PostgreSQL, the production database: the 联系记录 of an open collection task follows its reminder once the outbox
 * sends it ({@link OpenTaskContactHistory} finds the case's tasks by their task-local 联系记录 in one task query).
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
}
