package com.smeloanflow.notification;

import java.time.Instant;

/** One mail of the outbox, as rendered when it was queued, and how its sending stands. */
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
    Instant sentAt) {}
