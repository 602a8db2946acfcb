package com.smeloanflow.creditline;

import com.smeloanflow.approval.RepaymentMethod;
import com.smeloanflow.platform.SqlInLists;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The credit line tables (V41, V111, V122, V125, V143, V149): lines, their drawdowns and the drawdown requests core banking has not answered. */
@Repository
public class CreditLineRepository {

  private final JdbcClient jdbc;

  public CreditLineRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Stores a new line; fails on a second line for the same application (application_id UNIQUE). */
  void insert(CreditLine line, Instant openedAt) {
    jdbc.sql("""
        INSERT INTO credit_line (line_id, application_id, credit_code, borrower_name, branch_code, credit_limit,
          annual_rate_percent, repayment_method, minimum_drawdown, opened_on, valid_until, status, status_reason, opened_at,
          version)
        VALUES (:lineId, :applicationId, :creditCode, :borrowerName, :branchCode, :limit, :rate, :method, :minimumDrawdown,
          :openedOn, :validUntil, :status, :statusReason, :openedAt, 0)
        """)
        .param("lineId", line.lineId()).param("applicationId", line.applicationId()).param("creditCode", line.creditCode())
        .param("borrowerName", line.borrowerName()).param("branchCode", line.branchCode()).param("limit", line.limit())
        .param("rate", line.annualRatePercent()).param("method", line.repaymentMethod().name())
        .param("minimumDrawdown", line.minimumDrawdown())
        .param("openedOn", line.openedOn()).param("validUntil", line.validUntil()).param("status", line.status().name())
        .param("statusReason", line.statusReason()).param("openedAt", Timestamp.from(openedAt))
        .update();
  }

  Optional<CreditLine> find(String lineId) {
    return jdbc.sql("SELECT * FROM credit_line WHERE line_id = :lineId").param("lineId", lineId)
        .query((rs, row) -> map(rs)).optional();
  }

  /** The line, its row locked until the transaction ends: drawdowns on one line run one after the other. */
  Optional<CreditLine> lock(String lineId) {
    return jdbc.sql("SELECT * FROM credit_line WHERE line_id = :lineId FOR UPDATE").param("lineId", lineId)
        .query((rs, row) -> map(rs)).optional();
  }

  Optional<CreditLine> findByApplication(String applicationId) {
    return jdbc.sql("SELECT * FROM credit_line WHERE application_id = :applicationId").param("applicationId", applicationId)
        .query((rs, row) -> map(rs)).optional();
  }

  /**
   * Changes the line's limit, status and reason (the caller holds its lock). A line left FROZEN keeps who froze it and
   * when; any other status forgets them. A new freeze is {@link #freeze}.
   */
  void update(String lineId, java.math.BigDecimal limit, CreditLineStatus status, String statusReason) {
    jdbc.sql(status == CreditLineStatus.FROZEN ? """
        UPDATE credit_line SET credit_limit = :limit, status = :status, status_reason = :reason, version = version + 1
        WHERE line_id = :lineId
        """ : """
        UPDATE credit_line SET credit_limit = :limit, status = :status, status_reason = :reason, frozen_by = NULL,
          frozen_at = NULL, version = version + 1
        WHERE line_id = :lineId
        """)
        .param("limit", limit).param("status", status.name()).param("reason", statusReason).param("lineId", lineId)
        .update();
  }

  /** Freezes the line for {@code statusReason}, by {@code frozenBy} at {@code frozenAt} (the caller holds its lock). */
  void freeze(String lineId, String statusReason, String frozenBy, Instant frozenAt) {
    jdbc.sql("""
        UPDATE credit_line SET status = 'FROZEN', status_reason = :reason, frozen_by = :by, frozen_at = :at,
          version = version + 1
        WHERE line_id = :lineId
        """)
        .param("reason", statusReason).param("by", frozenBy).param("at", Timestamp.from(frozenAt)).param("lineId", lineId)
        .update();
  }

  void insertDrawdown(Drawdown d) {
    jdbc.sql("""
        INSERT INTO credit_line_drawdown (drawdown_id, line_id, request_id, amount, term_months, loan_id,
          core_idempotency_key, core_posting_reference, requested_by, drawn_on, drawn_at)
        VALUES (:id, :lineId, :requestId, :amount, :term, :loanId, :key, :ref, :by, :on, :at)
        """)
        .param("id", d.drawdownId()).param("lineId", d.lineId()).param("requestId", d.requestId()).param("amount", d.amount())
        .param("term", d.termMonths()).param("loanId", d.loanId()).param("key", d.coreIdempotencyKey())
        .param("ref", d.corePostingReference()).param("by", d.requestedBy()).param("on", d.drawnOn())
        .param("at", Timestamp.from(d.drawnAt()))
        .update();
  }

  /** What the line stood at right after the drawdown was booked (the caller holds the line's lock). */
  void recordLineAfter(String drawdownId, BigDecimal limit, BigDecimal available) {
    jdbc.sql("UPDATE credit_line_drawdown SET line_limit_after = :limit, line_available_after = :available WHERE drawdown_id = :id")
        .param("limit", limit).param("available", available).param("id", drawdownId)
        .update();
  }

  Optional<Drawdown> findDrawdown(String lineId, String requestId) {
    return jdbc.sql("SELECT * FROM credit_line_drawdown WHERE line_id = :lineId AND request_id = :requestId")
        .param("lineId", lineId).param("requestId", requestId)
        .query((rs, row) -> mapDrawdown(rs)).optional();
  }

  /** The drawdown whose loan this is; empty for any other loan (index credit_line_drawdown_loan_idx). */
  Optional<Drawdown> findDrawdownOfLoan(String loanId) {
    return jdbc.sql("SELECT * FROM credit_line_drawdown WHERE loan_id = :loanId").param("loanId", loanId)
        .query((rs, row) -> mapDrawdown(rs)).optional();
  }

  /**
   * Of the lines opened for these applications, those that drew: per application, its line's drawdowns booked so far
   * and what they drew together (a pending request is no drawdown). One statement per {@link SqlInLists#CHUNK}
   * applications, by the line's unique application and the drawdowns' (line, request) key.
   */
  Map<String, DrawnOnLine> drawnByApplication(Collection<String> applicationIds) {
    Map<String, DrawnOnLine> drawn = new HashMap<>();
    for (List<String> chunk : SqlInLists.chunks(applicationIds)) {
      jdbc.sql("""
          SELECT l.application_id, COUNT(*) AS n, SUM(d.amount) AS amount
          FROM credit_line l JOIN credit_line_drawdown d ON d.line_id = l.line_id
          WHERE l.application_id IN (:ids) GROUP BY l.application_id""")
          .param("ids", chunk)
          .query((rs, row) -> drawn.put(rs.getString("application_id"), new DrawnOnLine(rs.getLong("n"), rs.getBigDecimal("amount"))))
          .list();
    }
    return drawn;
  }

  /** The line's drawdowns, oldest first. */
  List<Drawdown> drawdowns(String lineId) {
    return jdbc.sql("SELECT * FROM credit_line_drawdown WHERE line_id = :lineId ORDER BY drawn_at, drawdown_id")
        .param("lineId", lineId)
        .query((rs, row) -> mapDrawdown(rs)).list();
  }

  /** Stores a new PENDING request (fails on the same line and request id twice: the caller holds the line's lock). */
  void insertRequest(PendingDrawdown r) {
    jdbc.sql("""
        INSERT INTO credit_line_drawdown_request (line_id, request_id, drawdown_id, amount, term_months,
          core_idempotency_key, requested_by, requested_on, status, attempted_at)
        VALUES (:lineId, :requestId, :drawdownId, :amount, :term, :key, :by, :on, :status, :at)
        """)
        .param("lineId", r.lineId()).param("requestId", r.requestId()).param("drawdownId", r.drawdownId())
        .param("amount", r.amount()).param("term", r.termMonths()).param("key", r.coreIdempotencyKey())
        .param("by", r.requestedBy()).param("on", r.requestedOn()).param("status", r.status().name())
        .param("at", Timestamp.from(r.attemptedAt()))
        .update();
  }

  Optional<PendingDrawdown> findRequest(String lineId, String requestId) {
    return jdbc.sql("SELECT * FROM credit_line_drawdown_request WHERE line_id = :lineId AND request_id = :requestId")
        .param("lineId", lineId).param("requestId", requestId)
        .query((rs, row) -> mapRequest(rs)).optional();
  }

  /** A request sent again ({@link PendingDrawdown#retried}): PENDING from its new attempt, on its new business day. */
  void retryRequest(PendingDrawdown r) {
    jdbc.sql("""
        UPDATE credit_line_drawdown_request SET status = 'PENDING', requested_on = :on, attempted_at = :at, outcome = NULL
        WHERE line_id = :lineId AND request_id = :requestId
        """)
        .param("on", r.requestedOn()).param("at", Timestamp.from(r.attemptedAt())).param("lineId", r.lineId())
        .param("requestId", r.requestId())
        .update();
  }

  void requestDrawn(String lineId, String requestId) {
    jdbc.sql("UPDATE credit_line_drawdown_request SET status = 'DRAWN', outcome = NULL WHERE line_id = :lineId AND request_id = :requestId")
        .param("lineId", lineId).param("requestId", requestId)
        .update();
  }

  /**
   * Cancels a PENDING request whose last attempt was at or before {@code attemptedBefore}: not one that was sent again
   * since (its attempt is newer), nor one that was drawn meanwhile.
   *
   * @return whether it was cancelled
   */
  boolean cancelRequest(String lineId, String requestId, Instant attemptedBefore, String outcome) {
    return jdbc.sql("""
        UPDATE credit_line_drawdown_request SET status = 'CANCELLED', outcome = :outcome
        WHERE line_id = :lineId AND request_id = :requestId AND status = 'PENDING' AND attempted_at <= :before
        """)
        .param("outcome", outcome).param("lineId", lineId).param("requestId", requestId)
        .param("before", Timestamp.from(attemptedBefore))
        .update() == 1;
  }

  /** The line's PENDING requests, oldest first: their amounts are reserved. */
  List<PendingDrawdown> pendingRequests(String lineId) {
    return jdbc.sql("""
        SELECT * FROM credit_line_drawdown_request WHERE line_id = :lineId AND status = 'PENDING'
        ORDER BY attempted_at, request_id
        """)
        .param("lineId", lineId)
        .query((rs, row) -> mapRequest(rs)).list();
  }

  /** PENDING requests of any line last attempted before {@code attemptedBefore}, oldest first, at most {@code limit}. */
  List<PendingDrawdown> unansweredRequests(Instant attemptedBefore, int limit) {
    return jdbc.sql("""
        SELECT * FROM credit_line_drawdown_request WHERE status = 'PENDING' AND attempted_at < :before
        ORDER BY attempted_at, line_id, request_id LIMIT :limit
        """)
        .param("before", Timestamp.from(attemptedBefore)).param("limit", limit)
        .query((rs, row) -> mapRequest(rs)).list();
  }

  private static CreditLine map(ResultSet rs) throws SQLException {
    return new CreditLine(rs.getString("line_id"), rs.getString("application_id"), rs.getString("credit_code"),
        rs.getString("borrower_name"), rs.getString("branch_code"), rs.getBigDecimal("credit_limit").setScale(2),
        rs.getBigDecimal("annual_rate_percent"), RepaymentMethod.valueOf(rs.getString("repayment_method")),
        rs.getBigDecimal("minimum_drawdown").setScale(2),
        rs.getObject("opened_on", LocalDate.class), rs.getObject("valid_until", LocalDate.class),
        CreditLineStatus.valueOf(rs.getString("status")), rs.getString("status_reason"), rs.getString("frozen_by"),
        rs.getObject("frozen_at") == null ? null : rs.getObject("frozen_at", OffsetDateTime.class).toInstant());
  }

  private static Drawdown mapDrawdown(ResultSet rs) throws SQLException {
    return new Drawdown(rs.getString("drawdown_id"), rs.getString("line_id"), rs.getString("request_id"),
        rs.getBigDecimal("amount").setScale(2), rs.getInt("term_months"), rs.getString("loan_id"),
        rs.getString("core_idempotency_key"), rs.getString("core_posting_reference"), rs.getString("requested_by"),
        rs.getObject("drawn_on", LocalDate.class), rs.getObject("drawn_at", OffsetDateTime.class).toInstant(),
        scaled(rs.getBigDecimal("line_limit_after")), scaled(rs.getBigDecimal("line_available_after")));
  }

  private static BigDecimal scaled(BigDecimal amount) {
    return amount == null ? null : amount.setScale(2);
  }

  private static PendingDrawdown mapRequest(ResultSet rs) throws SQLException {
    return new PendingDrawdown(rs.getString("line_id"), rs.getString("request_id"), rs.getString("drawdown_id"),
        rs.getBigDecimal("amount").setScale(2), rs.getInt("term_months"), rs.getString("core_idempotency_key"),
        rs.getString("requested_by"), rs.getObject("requested_on", LocalDate.class),
        PendingDrawdown.Status.valueOf(rs.getString("status")),
        rs.getObject("attempted_at", OffsetDateTime.class).toInstant(), rs.getString("outcome"));
  }
}
