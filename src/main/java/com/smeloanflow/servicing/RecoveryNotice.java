package com.smeloanflow.servicing;

import com.smeloanflow.notification.MailOutbox;
import com.smeloanflow.notification.MailTemplate;
import org.springframework.stereotype.Component;

/**
 * The borrower of a written-off loan hears of money received for it (核销后收回) as a borrower hears of repayments: a
 * payment that repays everything still owed is confirmed ({@link MailTemplate#RECOVERY_REPAID}, as a settled loan is),
 * a partial one mails nothing (as a partial repayment of an overdue loan), and a bounced one is told with what is owed
 * now ({@link MailTemplate#RECOVERY_REVERSED}, as a reversed repayment is). Neither mail speaks of the write-off. Queued
 * in the outbox in the recovery's or reversal's transaction; a recovery or reversal reported again mails nothing.
 */
@Component
public class RecoveryNotice implements ArrearsListener {

  private final MailOutbox mails;

  public RecoveryNotice(MailOutbox mails) {
    this.mails = mails;
  }

  @Override
  public void recovered(String loanId, String transactionId, boolean claimRepaid) {
    if (claimRepaid) {
      mails.enqueue(loanId, MailTemplate.RECOVERY_REPAID);
    }
  }

  @Override
  public void recoveryReversed(String loanId, String transactionId) {
    mails.enqueue(loanId, MailTemplate.RECOVERY_REVERSED);
  }
}
