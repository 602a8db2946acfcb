package com.smeloanflow.notification;

import static com.smeloanflow.process.LoanOriginationProcess.Variables.MAIL_TEMPLATE;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Service task "send a mail to the applicant": queues the template named by the task's input
 * parameter {@code mailTemplate} in the mail outbox, for the application that is the process's
 * business key. It never talks to the SMTP server, so a mail outage never holds up the process.
 */
@Component("sendApplicantMail")
public class SendApplicantMailDelegate implements JavaDelegate {

  private final MailOutbox outbox;

  public SendApplicantMailDelegate(MailOutbox outbox) {
    this.outbox = outbox;
  }

  @Override
  public void execute(DelegateExecution execution) {
    outbox.enqueue(execution.getProcessBusinessKey(), MailTemplate.valueOf(MAIL_TEMPLATE.from(execution)));
  }
}
