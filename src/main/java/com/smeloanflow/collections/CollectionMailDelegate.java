package com.smeloanflow.collections;

import com.smeloanflow.notification.MailTemplate;
import com.smeloanflow.notification.SendApplicantMailDelegate;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Service tasks "发送逾期还款提醒" and "发送逾期结清通知" (asynchronous, so a failing mail server is
 * retried): the template is the task's input parameter {@code mailTemplate}.
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
