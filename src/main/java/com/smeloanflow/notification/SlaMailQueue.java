package com.smeloanflow.notification;

import com.smeloanflow.platform.sla.SlaMail;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The SLA's mails to staff, through the outbox ({@link MailCaseType#STAFF}). */
@Component
public class SlaMailQueue implements SlaMail {

  private final MailOutbox outbox;

  public SlaMailQueue(MailOutbox outbox) {
    this.outbox = outbox;
  }

  @Override
  public void queue(Kind kind, String caseId, String recipient, Map<String, String> values) {
    outbox.enqueueToStaff(caseId, kind == Kind.REMINDER ? MailTemplate.SLA_REMINDER : MailTemplate.SLA_ESCALATION, recipient,
        values);
  }
}
