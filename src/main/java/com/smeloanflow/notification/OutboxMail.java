package com.smeloanflow.notification;

import java.time.Instant;

/**
 * One mail of the outbox, as rendered when it was queued, and how its sending stands. {@code renderFailed}: the mail
 * could not be rendered when it was queued (its {@code lastError} says why); it is FAILED with an empty subject and
 * body (and recipient, if that was not known) until an operator's re-queue renders it. {@code withdrawnAt} and
 * {@code withdrawalReason}: when and why a {@link MailStatus#WITHDRAWN} mail was taken back (null otherwise).
 */
public record OutboxMail(
    long id,
    MailCaseType caseType,
    String caseId,
    MailTemplate template,
    String recipient,
    String subject,
    String body,
    MailStatus status,
    int attempts,
    Instant nextAttemptAt,
    String lastError,
    Instant createdAt,
    Instant sentAt,
    boolean renderFailed,
    Instant withdrawnAt,
    String withdrawalReason) {}
