package com.smeloanflow.notification;

import static com.smeloanflow.process.LoanOriginationProcess.Variables.APPLICATION_ID;
import static com.smeloanflow.process.LoanOriginationProcess.Variables.MAIL_TEMPLATE;

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

  private final ApplicantMailService mail;

  public SendApplicantMailDelegate(ApplicantMailService mail) {
    this.mail = mail;
  }

  @Override
  public void execute(DelegateExecution execution) {
    MailTemplate template = MailTemplate.valueOf(MAIL_TEMPLATE.from(execution));
    mail.send(APPLICATION_ID.from(execution), template, Map.of());
  }
}
