package com.smeloanflow.servicing;

import com.smeloanflow.notification.MailOutbox;
import com.smeloanflow.notification.MailTemplate;
import org.springframework.stereotype.Component;

/**
 * 还款冲正通知: the borrower whose repayment core banking reversed is told what was reversed and what is owed now, and by
 * when ({@link ReversalMailValues}); a settled loan the reversal reopened gets {@link MailTemplate#LOAN_REOPENED}, which
 * also says the settlement notice no longer holds. Queued in the outbox in the reversal's transaction, sent apart: a
 * mail outage never holds up the reversal, nor does a notice that cannot be rendered (queued FAILED for an operator,
 * {@link MailOutbox#enqueue}). Once per reversed repayment: a reversal reported again is answered with the
 * first and mails nothing.
 */
@Component
public class ReversalNotice implements ArrearsListener {

  private final MailOutbox mails;

  public ReversalNotice(MailOutbox mails) {
    this.mails = mails;
  }

  @Override
  public void repaymentReversed(String loanId, String transactionId, boolean reopened) {
    mails.enqueue(loanId, reopened ? MailTemplate.LOAN_REOPENED : MailTemplate.REPAYMENT_REVERSED);
  }
}
