package com.smeloanflow.collections;

import com.smeloanflow.notification.MailStatus;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One contact attempt of a case and its outcome ({@code collection_contact}). A mail contact (an overdue reminder)
 * names its outbox mail ({@code mailId}, null only for one recorded before V132 that could not be paired) and carries
 * that mail's status when it was read.
 */
public record Contact(long id, LocalDate businessDate, ContactChannel channel, ContactOutcome outcome, String notes,
    String contactedBy, Instant contactedAt, Long mailId, MailStatus mailStatus) {

  /**
   * What staff are shown as the contact's result: for a mail contact, what became of its mail now (已发送提醒 once the
   * SMTP server took it, 提醒待发送 while it waits, 提醒发送失败, 待重发 when it failed, 提醒已撤回 (未发出) when withdrawn);
   * otherwise, and for a mail contact whose mail is unknown, the stored outcome.
   */
  public String resultLabel() {
    if (channel != ContactChannel.MAIL || mailStatus == null) {
      return outcome.label();
    }
    return switch (mailStatus) {
      case SENT -> ContactOutcome.MAIL_SENT.label();
      case PENDING -> "提醒待发送";
      case FAILED -> "提醒发送失败, 待重发";
      case WITHDRAWN -> ContactOutcome.REMINDER_WITHDRAWN.label();
    };
  }
}
