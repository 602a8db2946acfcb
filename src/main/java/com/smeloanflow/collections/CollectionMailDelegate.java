package com.smeloanflow.collections;

import static com.smeloanflow.process.CollectionProcess.Variables.MAIL_TEMPLATE;

import com.smeloanflow.notification.MailTemplate;
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
    switch (MailTemplate.valueOf(MAIL_TEMPLATE.from(execution))) {
      case OVERDUE_REMINDER -> cases.remind(loanId);
      case ARREARS_CLEARED -> cases.sendCureNotice(loanId);
      default -> throw new IllegalStateException("Collections sends no mail " + MAIL_TEMPLATE.from(execution));
    }
  }
}
