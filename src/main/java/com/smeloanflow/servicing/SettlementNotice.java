package com.smeloanflow.servicing;

import com.smeloanflow.notification.MailOutbox;
import com.smeloanflow.notification.MailTemplate;
import java.time.LocalDate;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * 贷款结清通知: the borrower of a loan the daily close settled is mailed, the mail queued in the
 * outbox in the chunk's transaction (sent apart, after the chunk commits).
 */
@Component
public class SettlementNotice implements ArrearsListener {

  private final MailOutbox mails;

  public SettlementNotice(MailOutbox mails) {
    this.mails = mails;
  }

  @Override
  public void settled(LocalDate businessDate, List<String> loanIds) {
    loanIds.forEach(loanId -> mails.enqueue(loanId, MailTemplate.LOAN_SETTLED));
  }
}
