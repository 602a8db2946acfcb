package com.smeloanflow.renewal;

import com.smeloanflow.notification.MailOutbox;
import com.smeloanflow.notification.MailTemplate;
import com.smeloanflow.process.LoanRenewalProcess;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The refusal of a signed renewal whose loan no longer meets the eligibility table, by 核对到期应还本金 (the last working
 * day before a maturity date nobody works) or 办理续贷转贷 (at maturity); the service recorded it DECLINED first. The BPMN
 * error RENEWAL_NO_LONGER_ELIGIBLE (已不符合续贷条件): on the application's model both boundaries join before 通知续贷未获批准,
 * which mails the catalogue text. A model version without the boundary (the check's before this release, the posting's
 * before the one that added it) catches nothing and the engine ends the instance at the error: the borrower's
 * 续贷申请结果 is then queued here, in the delegate's transaction, so that they are told exactly once on either version
 * (as {@link CalledInRefusal} does for a called-in loan).
 */
@Component
class NoLongerEligibleRefusal {

  private static final Logger log = LoggerFactory.getLogger(NoLongerEligibleRefusal.class);

  private final MailOutbox outbox;

  NoLongerEligibleRefusal(MailOutbox outbox) {
    this.outbox = outbox;
  }

  /** The error for the delegate to throw ({@code message} its text, naming the loan), the mail queued if nothing catches it. */
  BpmnError refuse(DelegateExecution execution, String message) {
    String code = LoanRenewalProcess.Errors.NO_LONGER_ELIGIBLE;
    if (!CalledInRefusal.caught(execution, code)) {
      outbox.enqueue(execution.getProcessBusinessKey(), MailTemplate.RENEWAL_DECLINED);
      log.warn("{}; its instance {} runs {}, where nothing catches {} at {}: the engine ends the instance, the borrower "
          + "is mailed {} here", message, execution.getProcessInstanceId(), execution.getProcessDefinitionId(), code,
          execution.getCurrentActivityId(), MailTemplate.RENEWAL_DECLINED);
    }
    return new BpmnError(code, message);
  }
}
