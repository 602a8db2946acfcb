package com.smeloanflow.renewal;

import com.smeloanflow.notification.MailTemplate;
import com.smeloanflow.process.LoanRenewalProcess;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
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

  private final CalledInRefusal refusals;

  NoLongerEligibleRefusal(CalledInRefusal refusals) {
    this.refusals = refusals;
  }

  /** The error for the delegate to throw ({@code message} its text, naming the loan), the mail queued if nothing catches it. */
  BpmnError refuse(DelegateExecution execution, String message) {
    return refusals.refuse(execution, message, LoanRenewalProcess.Errors.NO_LONGER_ELIGIBLE, MailTemplate.RENEWAL_DECLINED);
  }
}
