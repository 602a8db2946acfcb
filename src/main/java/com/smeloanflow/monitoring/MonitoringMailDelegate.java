package com.smeloanflow.monitoring;

import com.smeloanflow.notification.MailOutbox;
import com.smeloanflow.notification.MailTemplate;
import com.smeloanflow.notification.SendApplicantMailDelegate;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The mail tasks of post-loan-check (business key = check id): the borrower's mail of the check's loan
 * ({@code mailTemplate} names it), queued in the outbox with the step.
 */
@Component("monitoringMail")
public class MonitoringMailDelegate implements JavaDelegate {

  private final MailOutbox outbox;
  private final PostLoanCheckService checks;

  public MonitoringMailDelegate(MailOutbox outbox, PostLoanCheckService checks) {
    this.outbox = outbox;
    this.checks = checks;
  }

  @Override
  public void execute(DelegateExecution execution) {
    MailTemplate template = MailTemplate.valueOf((String) execution.getVariableLocal(SendApplicantMailDelegate.MAIL_TEMPLATE));
    outbox.enqueue(checks.get(execution.getProcessBusinessKey()).loanId(), template);
  }
}
