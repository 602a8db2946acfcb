package com.smeloanflow.monitoring;

import com.smeloanflow.platform.StoredJson;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Early-warning signals ({@code warning_signal}). An OPEN signal holds its loan and type in
 * {@code open_key}, unique: a second open signal of the same type for the loan cannot be stored.
 */
@Repository
public class SignalRepository {

  private final JdbcClient jdbc;

  public SignalRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A signal as it is first recorded, and who reported it with which event id and request hash. */
  public void insert(WarningSignal signal, String requestHash) {
    boolean open = WarningSignal.OPEN.equals(signal.status());
    jdbc.sql("""
        INSERT INTO warning_signal (signal_id, loan_id, signal_type, origin, reported_by, event_id, request_hash, observed_on,
          summary, evidence_json, severity, severity_reason, status, open_key, duplicate_of, check_id, raised_at)
        VALUES (:id, :loanId, :type, :origin, :by, :eventId, :hash, :observedOn, :summary, :evidence, :severity, :reason,
          :status, :openKey, :duplicateOf, :checkId, :at)
        """)
        .param("id", signal.signalId()).param("loanId", signal.loanId()).param("type", signal.type().name())
        .param("origin", signal.origin()).param("by", signal.reportedBy()).param("eventId", signal.eventId())
        .param("hash", requestHash).param("observedOn", signal.observedOn()).param("summary", signal.summary())
        .param("evidence", StoredJson.write(signal.evidence())).param("severity", signal.severity().name())
        .param("reason", signal.severityReason()).param("status", signal.status())
        .param("openKey", open ? openKey(signal.loanId(), signal.type()) : null).param("duplicateOf", signal.duplicateOf())
        .param("checkId", signal.checkId()).param("at", Timestamp.from(signal.raisedAt())).update();
  }

  public Optional<WarningSignal> find(String signalId) {
    return jdbc.sql("SELECT * FROM warning_signal WHERE signal_id = :id").param("id", signalId)
        .query((rs, row) -> signal(rs)).optional();
  }

  /** A pushed signal by its reporter's event id, with the hash of the request that reported it. */
  public Optional<Reported> byEvent(String reportedBy, String eventId) {
    return jdbc.sql("SELECT * FROM warning_signal WHERE reported_by = :by AND event_id = :eventId")
        .param("by", reportedBy).param("eventId", eventId)
        .query((rs, row) -> new Reported(signal(rs), rs.getString("request_hash"))).optional();
  }

  /** A stored signal and the hash of the request that reported it. */
  public record Reported(WarningSignal signal, String requestHash) {}

  /** The loan's open signal of this type, if any. */
  public Optional<WarningSignal> open(String loanId, SignalType type) {
    return jdbc.sql("SELECT * FROM warning_signal WHERE open_key = :key").param("key", openKey(loanId, type))
        .query((rs, row) -> signal(rs)).optional();
  }

  /** The loan's open signals, oldest first. */
  public List<WarningSignal> openOf(String loanId) {
    return jdbc.sql("SELECT * FROM warning_signal WHERE loan_id = :loanId AND status = :open ORDER BY raised_at, signal_id")
        .param("loanId", loanId).param("open", WarningSignal.OPEN).query((rs, row) -> signal(rs)).list();
  }

  /** The signals a check covers (not their duplicates), oldest first. */
  public List<WarningSignal> ofCheck(String checkId) {
    return jdbc.sql("SELECT * FROM warning_signal WHERE check_id = :checkId AND duplicate_of IS NULL ORDER BY raised_at, signal_id")
        .param("checkId", checkId).query((rs, row) -> signal(rs)).list();
  }

  /** Every signal of the loan, newest first. */
  public List<WarningSignal> ofLoan(String loanId) {
    return jdbc.sql("SELECT * FROM warning_signal WHERE loan_id = :loanId ORDER BY raised_at DESC, signal_id DESC")
        .param("loanId", loanId).query((rs, row) -> signal(rs)).list();
  }

  /**
   * Hands the open signals of a cancelled check ({@code from}) to a new check ({@code to}), each with a row of its history
   * ({@code warning_signal_recheck}) naming both checks, why, who cancelled ({@code by}, null when unknown) and when; how
   * many signals moved. Signals already moved (or no longer open) are left alone.
   */
  public int moveToCheck(String from, String to, String reason, String by, Instant at) {
    List<WarningSignal> moving = ofCheck(from).stream().filter(signal -> WarningSignal.OPEN.equals(signal.status())).toList();
    for (WarningSignal signal : moving) {
      jdbc.sql("UPDATE warning_signal SET check_id = :to WHERE signal_id = :id AND check_id = :from AND status = :open")
          .param("to", to).param("id", signal.signalId()).param("from", from).param("open", WarningSignal.OPEN).update();
      jdbc.sql("""
          INSERT INTO warning_signal_recheck (signal_id, cancelled_check_id, check_id, reason, cancelled_by, rechecked_at)
          VALUES (:id, :from, :to, :reason, :by, :at)
          """)
          .param("id", signal.signalId()).param("from", from).param("to", to).param("reason", reason).param("by", by)
          .param("at", Timestamp.from(at)).update();
    }
    return moving.size();
  }

  /** The history of the loan's signals whose check was cancelled and done again by a new one, oldest first. */
  public List<SignalRecheck> rechecksOf(String loanId) {
    return jdbc.sql("""
        SELECT r.* FROM warning_signal_recheck r JOIN warning_signal s ON s.signal_id = r.signal_id
        WHERE s.loan_id = :loanId ORDER BY r.id
        """)
        .param("loanId", loanId)
        .query((rs, row) -> new SignalRecheck(rs.getString("signal_id"), rs.getString("cancelled_check_id"),
            rs.getString("check_id"), rs.getString("reason"), rs.getString("cancelled_by"),
            rs.getTimestamp("rechecked_at").toInstant()))
        .list();
  }

  /** Closes the open signals a check covered. */
  public void checked(String checkId, Instant at) {
    close(WarningSignal.CHECKED, "check_id = :ref", checkId, at);
  }

  /** Closes the loan's open signals: monitoring ended. */
  public void cancelOpen(String loanId, Instant at) {
    close(WarningSignal.CANCELLED, "loan_id = :ref", loanId, at);
  }

  private void close(String status, String where, String ref, Instant at) {
    jdbc.sql("UPDATE warning_signal SET status = :status, open_key = NULL, closed_at = :at WHERE " + where
            + " AND status = :open")
        .param("status", status).param("at", Timestamp.from(at)).param("ref", ref).param("open", WarningSignal.OPEN).update();
  }

  private static String openKey(String loanId, SignalType type) {
    return loanId + ":" + type.name();
  }

  private static WarningSignal signal(ResultSet rs) throws SQLException {
    return new WarningSignal(rs.getString("signal_id"), rs.getString("loan_id"), SignalType.valueOf(rs.getString("signal_type")),
        rs.getString("origin"), rs.getString("reported_by"), rs.getString("event_id"),
        rs.getObject("observed_on", LocalDate.class), rs.getString("summary"),
        StoredJson.read(rs.getString("evidence_json"), SignalEvidence.class), SignalSeverity.valueOf(rs.getString("severity")),
        rs.getString("severity_reason"), rs.getString("status"), rs.getString("duplicate_of"), rs.getString("check_id"),
        rs.getTimestamp("raised_at").toInstant());
  }
}
