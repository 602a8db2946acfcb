package com.smeloanflow.notification;

import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Service task "send a mail to the applicant". The template is the task's input parameter
 * {@code mailTemplate}; the task is asynchronous, so a failing SMTP server is retried and never
 * blocks or loses the application.
 */
@Component("sendApplicantMail")
public class SendApplicantMailDelegate implements JavaDelegate {

  /** The input parameter of the mail tasks that names the template. */
  public static final String MAIL_TEMPLATE = "mailTemplate";

  private final ApplicantMailService mail;

  public SendApplicantMailDelegate(ApplicantMailService mail) {
    this.mail = mail;
  }

  @Override
  public void execute(DelegateExecution execution) {
    MailTemplate template = MailTemplate.valueOf((String) execution.getVariableLocal(MAIL_TEMPLATE));
    mail.send(execution.getProcessBusinessKey(), template, Map.of());
  }
}
