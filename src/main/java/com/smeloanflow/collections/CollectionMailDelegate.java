package com.smeloanflow.collections;

import com.smeloanflow.notification.MailTemplate;
import com.smeloanflow.notification.SendApplicantMailDelegate;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Send tasks "发送逾期还款提醒" and "发送逾期结清通知": the template is the task's input parameter
 * {@code mailTemplate}. The service queues the mail in the outbox in the step's transaction (the
 * reminder is also recorded as the case's contact); the outbox sends and retries it apart.
 */
@Component("collectionMail")
public class CollectionMailDelegate implements JavaDelegate {

  private final CollectionCaseService cases;

  public CollectionMailDelegate(CollectionCaseService cases) {
    this.cases = cases;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String loanId = execution.getProcessBusinessKey();
    String template = (String) execution.getVariableLocal(SendApplicantMailDelegate.MAIL_TEMPLATE);
    switch (MailTemplate.valueOf(template)) {
      case OVERDUE_REMINDER -> cases.remind(loanId);
      case ARREARS_CLEARED -> cases.sendCureNotice(loanId);
      default -> throw new IllegalStateException("Collections sends no mail " + template);
    }
  }
}
