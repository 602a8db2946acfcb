package com.smeloanflow.notification;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The mail tasks of the processes ({@code sendTask}, {@code ${sendApplicantMail}}): the input
 * parameter {@value #MAIL_TEMPLATE} names the {@link MailTemplate}. The mail is queued in the
 * outbox in the transaction that reaches the task, so it is sent exactly when the state change
 * commits, and an SMTP outage never holds up the application.
 */
@Component("sendApplicantMail")
public class SendApplicantMailDelegate implements JavaDelegate {

  /** The input parameter of the mail tasks that names the template. */
  public static final String MAIL_TEMPLATE = "mailTemplate";

  private final MailOutbox outbox;

  public SendApplicantMailDelegate(MailOutbox outbox) {
    this.outbox = outbox;
  }

  @Override
  public void execute(DelegateExecution execution) {
    MailTemplate template = MailTemplate.valueOf((String) execution.getVariableLocal(MAIL_TEMPLATE));
    outbox.enqueue(execution.getProcessBusinessKey(), template);
  }
}
