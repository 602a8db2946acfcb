package com.smeloanflow.creditline;

import com.smeloanflow.servicing.Classification;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The annual reviews of credit lines (V42). */
@Repository
public class CreditLineReviewRepository {

  private final JdbcClient jdbc;

  public CreditLineReviewRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(CreditLineReview r) {
    jdbc.sql("""
        INSERT INTO credit_line_review (review_id, line_id, review_year, reviewed_on, new_score, new_grade,
          worst_classification, max_days_past_due, open_signals, limit_before, used_at_review, table_outcome,
          table_limit_share, table_reason, table_rule, person_review)
        VALUES (:id, :line, :year, :on, :score, :grade, :worst, :dpd, :signals, :limit, :used, :tableOutcome, :share,
          :reason, :rule, :person)
        """)
        .param("id", r.reviewId()).param("line", r.lineId()).param("year", r.reviewYear()).param("on", r.reviewedOn())
        .param("score", r.newScore()).param("grade", r.newGrade()).param("worst", r.worstClassification().name())
        .param("dpd", r.maxDaysPastDue()).param("signals", r.openSignals()).param("limit", r.limitBefore())
        .param("used", r.usedAtReview()).param("tableOutcome", r.tableOutcome().name()).param("share", r.tableLimitShare())
        .param("reason", r.tableReason()).param("rule", r.tableRule()).param("person", r.personReview())
        .update();
  }

  void decide(String reviewId, ReviewOutcome outcome, BigDecimal newLimit, String decidedBy, String reason, Instant at) {
    jdbc.sql("""
        UPDATE credit_line_review SET outcome = :outcome, new_limit = :limit, decided_by = :by, decision_reason = :reason,
          decided_at = :at WHERE review_id = :id
        """)
        .param("outcome", outcome.name()).param("limit", newLimit).param("by", decidedBy).param("reason", reason)
        .param("at", Timestamp.from(at)).param("id", reviewId)
        .update();
  }

  Optional<CreditLineReview> find(String lineId, int reviewYear) {
    return jdbc.sql("SELECT * FROM credit_line_review WHERE line_id = :line AND review_year = :year")
        .param("line", lineId).param("year", reviewYear).query((rs, row) -> map(rs)).optional();
  }

  /** The line's reviews, the first year first. */
  List<CreditLineReview> of(String lineId) {
    return jdbc.sql("SELECT * FROM credit_line_review WHERE line_id = :line ORDER BY review_year")
        .param("line", lineId).query((rs, row) -> map(rs)).list();
  }

  private static CreditLineReview map(ResultSet rs) throws SQLException {
    String outcome = rs.getString("outcome");
    OffsetDateTime decidedAt = rs.getObject("decided_at", OffsetDateTime.class);
    Object share = rs.getObject("table_limit_share");
    return new CreditLineReview(rs.getString("review_id"), rs.getString("line_id"), rs.getInt("review_year"),
        rs.getObject("reviewed_on", LocalDate.class), rs.getInt("new_score"), rs.getString("new_grade"),
        Classification.valueOf(rs.getString("worst_classification")), rs.getInt("max_days_past_due"), rs.getInt("open_signals"),
        rs.getBigDecimal("limit_before").setScale(2), rs.getBigDecimal("used_at_review").setScale(2),
        ReviewOutcome.valueOf(rs.getString("table_outcome")), share == null ? null : ((Number) share).intValue(),
        rs.getString("table_reason"), rs.getString("table_rule"), rs.getBoolean("person_review"),
        outcome == null ? null : ReviewOutcome.valueOf(outcome),
        rs.getBigDecimal("new_limit") == null ? null : rs.getBigDecimal("new_limit").setScale(2), rs.getString("decided_by"),
        rs.getString("decision_reason"), decidedAt == null ? null : decidedAt.toInstant());
  }
}
