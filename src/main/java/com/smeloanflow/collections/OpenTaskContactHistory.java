package com.smeloanflow.collections;

import com.smeloanflow.notification.MailStatusListener;
import com.smeloanflow.notification.MailTemplate;
import com.smeloanflow.notification.OutboxMail;
import com.smeloanflow.process.CollectionProcess;
import com.smeloanflow.process.ProcessVariable;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps the 联系记录 of a case's open collection tasks true when one of its overdue reminders is sent, fails for good,
 * is withdrawn or re-queued. A task's form values are copied when the task is created
 * ({@link CollectionCaseSummaryListener}); without this, a phone task created while the reminder waited out an SMTP
 * outage would go on saying 提醒待发送 after the reminder went out, and the collector would call a borrower believing
 * no reminder had reached them. Only the contact history is rewritten; the outbox tells this after the mail's status
 * is committed and a failure here never touches the mail ({@link MailStatusListener}).
 */
@Component
class OpenTaskContactHistory implements MailStatusListener {

  private static final Logger log = LoggerFactory.getLogger(OpenTaskContactHistory.class);

  private final TaskService tasks;
  private final CollectionFormValues formValues;

  OpenTaskContactHistory(TaskService tasks, CollectionFormValues formValues) {
    this.tasks = tasks;
    this.formValues = formValues;
  }

  /** A borrower's overdue reminders, the only mail a case copies into its tasks' 联系记录. */
  @Override
  public Set<MailTemplate> templates() {
    return Set.of(MailTemplate.OVERDUE_REMINDER);
  }

  /** One task query: the case's open collection tasks that carry a 联系记录 (a task-local string, set at creation). */
  @Override
  public void statusChanged(OutboxMail mail) {
    List<Task> open = tasks.createTaskQuery().processDefinitionKey(CollectionProcess.KEY)
        .processInstanceBusinessKey(mail.caseId()).taskVariableValueLike(CollectionFormValues.CONTACT_HISTORY, "%").list();
    if (open.isEmpty()) {
      return;
    }
    String history = formValues.contactHistory(mail.caseId());
    ProcessVariable.trusted(() -> {
      open.forEach(task -> tasks.setVariableLocal(task.getId(), CollectionFormValues.CONTACT_HISTORY, history));
      return null;
    });
    log.info("Loan {}: contact history of open collection task(s) {} refreshed, reminder {} is {}", mail.caseId(),
        open.stream().map(Task::getId).toList(), mail.id(), mail.status());
  }
}
