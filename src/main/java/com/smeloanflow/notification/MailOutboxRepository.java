package com.smeloanflow.notification;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The {@code mail_outbox} table. Claims are conditional UPDATEs, so that of several dispatchers
 * (threads or nodes) exactly one gets a mail, on H2 and PostgreSQL alike.
 */
@Repository
class MailOutboxRepository {

  private static final int MAX_ERROR_LENGTH = 1000;
  private static final int MAX_RECIPIENT_LENGTH = 200;
  private static final int MAX_REASON_LENGTH = 300;

  private final JdbcClient jdbc;

  MailOutboxRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  long insert(MailCaseType caseType, String caseId, MailTemplate template, String recipient, String subject, String body,
      Instant now) {
    KeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql("""
        INSERT INTO mail_outbox (case_type, case_id, template, recipient, subject, body, status, attempts,
                                 next_attempt_at, created_at)
        VALUES (:caseType, :caseId, :template, :recipient, :subject, :body, 'PENDING', 0, :now, :now)
        """)
        .param("caseType", caseType.name()).param("caseId", caseId).param("template", template.name())
        .param("recipient", recipient).param("subject", subject).param("body", body).param("now", Timestamp.from(now))
        .update(keys, "id");
    return keys.getKeyAs(Number.class).longValue();
  }

  /**
   * A mail that could not be rendered: FAILED at once, never dispatched as it is, {@code render_failed} so that a
   * re-queue renders it first. Subject and body are empty; {@code recipient} is '' when it was not resolved (V120).
   */
  long insertRenderFailed(MailCaseType caseType, String caseId, MailTemplate template, String recipient, String error,
      Instant now) {
    KeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql("""
        INSERT INTO mail_outbox (case_type, case_id, template, recipient, subject, body, status, attempts,
                                 next_attempt_at, last_error, render_failed, created_at)
        VALUES (:caseType, :caseId, :template, :recipient, '', '', 'FAILED', 0, :now, :error, TRUE, :now)
        """)
        .param("caseType", caseType.name()).param("caseId", caseId).param("template", template.name())
        .param("recipient", truncate(recipient, MAX_RECIPIENT_LENGTH)).param("error", truncate(error))
        .param("now", Timestamp.from(now))
        .update(keys, "id");
    return keys.getKeyAs(Number.class).longValue();
  }

  Optional<OutboxMail> find(long id) {
    return jdbc.sql("SELECT * FROM mail_outbox WHERE id = :id").param("id", id).query(MailOutboxRepository::mail).optional();
  }

  List<OutboxMail> findByStatus(MailStatus status, int limit) {
    return jdbc.sql("SELECT * FROM mail_outbox WHERE status = :status ORDER BY id DESC LIMIT :limit")
        .param("status", status.name()).param("limit", limit).query(MailOutboxRepository::mail).list();
  }

  List<OutboxMail> findByCase(MailCaseType caseType, String caseId) {
    return jdbc.sql("SELECT * FROM mail_outbox WHERE case_type = :caseType AND case_id = :caseId ORDER BY id")
        .param("caseType", caseType.name()).param("caseId", caseId).query(MailOutboxRepository::mail).list();
  }

  /**
   * A mail is due: PENDING, its next attempt reached, not held by a live claim, and no earlier mail
   * of its case still PENDING (an application's mails go out in the order they were queued).
   */
  private static final String DUE = """
      m.status = 'PENDING' AND m.next_attempt_at <= :now AND (m.claimed_until IS NULL OR m.claimed_until < :now)
      AND NOT EXISTS (SELECT 1 FROM mail_outbox earlier WHERE earlier.case_type = m.case_type
                      AND earlier.case_id = m.case_id AND earlier.status = 'PENDING' AND earlier.id < m.id)
      """;

  /** Ids of the mails due at {@code now}, oldest first. */
  List<Long> dueIds(Instant now, int limit) {
    return jdbc.sql("SELECT m.id FROM mail_outbox m WHERE " + DUE + " ORDER BY m.next_attempt_at, m.id LIMIT :limit")
        .param("now", Timestamp.from(now)).param("limit", limit).query(Long.class).list();
  }

  /** The same, for the mails of one case. */
  List<Long> dueIdsOf(MailCaseType caseType, String caseId, Instant now) {
    return jdbc.sql("SELECT m.id FROM mail_outbox m WHERE m.case_type = :caseType AND m.case_id = :caseId AND " + DUE
            + " ORDER BY m.next_attempt_at, m.id")
        .param("caseType", caseType.name()).param("caseId", caseId).param("now", Timestamp.from(now))
        .query(Long.class).list();
  }

  /**
   * Claims a due mail for {@code owner} until {@code until}. True for exactly one of several
   * concurrent callers: the UPDATE re-checks the condition on the row it locks.
   */
  boolean claim(long id, String owner, Instant now, Instant until) {
    return jdbc.sql("""
        UPDATE mail_outbox SET claim_owner = :owner, claimed_until = :until
        WHERE id = :id AND status = 'PENDING' AND next_attempt_at <= :now
          AND (claimed_until IS NULL OR claimed_until < :now)
        """)
        .param("owner", owner).param("until", Timestamp.from(until)).param("id", id).param("now", Timestamp.from(now))
        .update() == 1;
  }

  /**
   * Records the SMTP server's acceptance; false when the claim was lost (lease expired, another node took it). A mail
   * withdrawn while this claim sent it is SENT all the same: it was sent.
   */
  boolean markSent(long id, String owner, Instant now) {
    return jdbc.sql("""
        UPDATE mail_outbox SET status = 'SENT', attempts = attempts + 1, sent_at = :now, last_error = NULL,
                               claim_owner = NULL, claimed_until = NULL, withdrawn_at = NULL, withdrawal_reason = NULL
        WHERE id = :id AND claim_owner = :owner
        """)
        .param("now", Timestamp.from(now)).param("id", id).param("owner", owner).update() == 1;
  }

  /**
   * Records a failed attempt: PENDING again from {@code nextAttemptAt}, or FAILED; a mail withdrawn while this claim
   * tried to send it stays WITHDRAWN (it was not sent, and never will be).
   */
  boolean markAttemptFailed(long id, String owner, MailStatus status, Instant nextAttemptAt, String error) {
    return jdbc.sql("""
        UPDATE mail_outbox SET status = CASE WHEN status = 'WITHDRAWN' THEN 'WITHDRAWN' ELSE :status END,
                               attempts = attempts + 1, next_attempt_at = :next, last_error = :error,
                               claim_owner = NULL, claimed_until = NULL
        WHERE id = :id AND claim_owner = :owner
        """)
        .param("status", status.name()).param("next", Timestamp.from(nextAttemptAt)).param("error", truncate(error))
        .param("id", id).param("owner", owner).update() == 1;
  }

  /**
   * FAILED → PENDING, due at once, attempts counted afresh; false when the mail is not FAILED, or was never rendered
   * (that one is re-queued by {@link #requeueRendered}).
   */
  boolean requeueFailed(long id, Instant now) {
    return jdbc.sql("""
        UPDATE mail_outbox SET status = 'PENDING', attempts = 0, next_attempt_at = :now, claim_owner = NULL, claimed_until = NULL
        WHERE id = :id AND status = 'FAILED' AND NOT render_failed
        """)
        .param("now", Timestamp.from(now)).param("id", id).update() == 1;
  }

  /**
   * A FAILED mail that was never rendered, now rendered: its recipient, subject and body stored, PENDING, due at
   * once, attempts counted afresh; false when it is not (or no longer) such a mail.
   */
  boolean requeueRendered(long id, String recipient, String subject, String body, Instant now) {
    return jdbc.sql("""
        UPDATE mail_outbox SET recipient = :recipient, subject = :subject, body = :body, render_failed = FALSE,
                               status = 'PENDING', attempts = 0, next_attempt_at = :now, claim_owner = NULL, claimed_until = NULL
        WHERE id = :id AND status = 'FAILED' AND render_failed
        """)
        .param("recipient", recipient).param("subject", subject).param("body", body).param("now", Timestamp.from(now))
        .param("id", id).update() == 1;
  }

  /** The case's mails of {@code template} queued at or after {@code since} that are not sent yet (PENDING or FAILED). */
  List<Long> unsentIds(MailCaseType caseType, String caseId, MailTemplate template, Instant since) {
    return jdbc.sql("""
        SELECT id FROM mail_outbox
        WHERE case_type = :caseType AND case_id = :caseId AND template = :template AND created_at >= :since
          AND status IN ('PENDING', 'FAILED')
        ORDER BY id
        """)
        .param("caseType", caseType.name()).param("caseId", caseId).param("template", template.name())
        .param("since", Timestamp.from(since)).query(Long.class).list();
  }

  /**
   * PENDING or FAILED → WITHDRAWN, whether or not a dispatcher holds a claim on it (that dispatcher's outcome: SENT if
   * the SMTP server takes it, else it stays WITHDRAWN; the claim is left for it to clear). False when the mail is
   * already SENT or WITHDRAWN. The UPDATE locks the row until the caller's transaction ends.
   */
  boolean withdraw(long id, String reason, Instant now) {
    return jdbc.sql("""
        UPDATE mail_outbox SET status = 'WITHDRAWN', withdrawn_at = :now, withdrawal_reason = :reason
        WHERE id = :id AND status IN ('PENDING', 'FAILED')
        """)
        .param("now", Timestamp.from(now)).param("reason", truncate(reason, MAX_REASON_LENGTH)).param("id", id)
        .update() == 1;
  }

  /**
   * Whether a mail of the case of {@code template} queued at or after {@code since} may have reached its recipient:
   * SENT, or held by a dispatcher's claim (being sent, or its sender died while sending it), withdrawn or not.
   */
  boolean anySentOrBeingSent(MailCaseType caseType, String caseId, MailTemplate template, Instant since) {
    return jdbc.sql("""
        SELECT COUNT(*) FROM mail_outbox
        WHERE case_type = :caseType AND case_id = :caseId AND template = :template AND created_at >= :since
          AND (status = 'SENT' OR claim_owner IS NOT NULL)
        """)
        .param("caseType", caseType.name()).param("caseId", caseId).param("template", template.name())
        .param("since", Timestamp.from(since)).query(Long.class).single() > 0;
  }

  private static String truncate(String error) {
    return truncate(error, MAX_ERROR_LENGTH);
  }

  private static String truncate(String value, int length) {
    String text = value == null ? "" : value;
    return text.length() <= length ? text : text.substring(0, length);
  }

  private static OutboxMail mail(ResultSet rs, int row) throws SQLException {
    return new OutboxMail(rs.getLong("id"), MailCaseType.valueOf(rs.getString("case_type")), rs.getString("case_id"),
        MailTemplate.valueOf(rs.getString("template")), rs.getString("recipient"), rs.getString("subject"),
        rs.getString("body"), MailStatus.valueOf(rs.getString("status")), rs.getInt("attempts"),
        instant(rs, "next_attempt_at"), rs.getString("last_error"), instant(rs, "created_at"), instant(rs, "sent_at"),
        rs.getBoolean("render_failed"), instant(rs, "withdrawn_at"), rs.getString("withdrawal_reason"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
