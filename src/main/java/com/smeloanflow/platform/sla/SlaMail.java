package com.smeloanflow.platform.sla;

import java.util.Map;

/**
 * The SLA mails to staff, queued in the caller's transaction and sent apart (the mail outbox). Declared
 * here, implemented by notification, which owns the outbox and the templates
 * ({@code mail/sla-reminder.txt}, {@code mail/sla-escalation.txt}).
 */
public interface SlaMail {

  enum Kind {
    /** The goal passed: to the assignee, or to the leads of a task nobody took. */
    REMINDER,
    /** The deadline passed: to the team's leads. */
    ESCALATION
  }

  /**
   * Queues one mail.
   *
   * @param caseId    the business key of the task's process
   * @param recipient the mail address
   * @param values    every placeholder of the template
   */
  void queue(Kind kind, String caseId, String recipient, Map<String, String> values);
}
