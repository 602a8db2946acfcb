package com.smeloanflow.accountability;

import com.smeloanflow.platform.SqlInLists;
import com.smeloanflow.servicing.Classification;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Accountability's reviews and their findings per officer ({@code due_diligence_review}, {@code due_diligence_finding}). */
@Repository
class DueDiligenceFindings {

  private final JdbcClient jdbc;

  DueDiligenceFindings(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(DueDiligenceReview review) {
    jdbc.sql("""
        INSERT INTO due_diligence_review (loan_id, application_id, branch_code, classification, previous_classification,
          turned_on, status, criteria, started_at)
        VALUES (:loan, :application, :branch, :classification, :previous, :turnedOn, :status, NULL, :at)""")
        .param("loan", review.loanId()).param("application", review.applicationId()).param("branch", review.branchCode())
        .param("classification", review.classification().name()).param("previous", review.previousClassification().name())
        .param("turnedOn", review.turnedOn()).param("status", review.status()).param("at", Timestamp.from(review.startedAt()))
        .update();
  }

  Optional<DueDiligenceReview> find(String loanId) {
    return jdbc.sql("SELECT * FROM due_diligence_review WHERE loan_id = :loan").param("loan", loanId)
        .query(DueDiligenceFindings::review).optional();
  }

  /**
   * Locks the review's row until the transaction ends (one who shows its task anew waits for another doing so); whether
   * the review is open.
   */
  boolean lockOpen(String loanId) {
    return jdbc.sql("SELECT status FROM due_diligence_review WHERE loan_id = :loan FOR UPDATE").param("loan", loanId)
        .query(String.class).optional().filter(DueDiligenceReview.OPEN::equals).isPresent();
  }

  void saveCriteria(String loanId, String criteria) {
    jdbc.sql("UPDATE due_diligence_review SET criteria = :c WHERE loan_id = :loan").param("c", criteria)
        .param("loan", loanId).update();
  }

  /** Concludes an open review; false when it was concluded already. */
  boolean conclude(String loanId, String by, Instant at) {
    return jdbc.sql("""
        UPDATE due_diligence_review SET status = 'CONCLUDED', concluded_by = :by, concluded_at = :at
        WHERE loan_id = :loan AND status = 'OPEN'""")
        .param("by", by).param("at", Timestamp.from(at)).param("loan", loanId).update() == 1;
  }

  void insertFinding(String loanId, DueDiligenceReview.Finding finding) {
    jdbc.sql("""
        INSERT INTO due_diligence_finding (loan_id, role, officer, outcome, reason, decided_by, decided_at)
        VALUES (:loan, :role, :officer, :outcome, :reason, :by, :at)""")
        .param("loan", loanId).param("role", finding.role().name()).param("officer", finding.officer())
        .param("outcome", finding.outcome().name()).param("reason", finding.reason()).param("by", finding.decidedBy())
        .param("at", Timestamp.from(finding.decidedAt())).update();
  }

  List<DueDiligenceReview.Finding> findingsOf(String loanId) {
    return jdbc.sql("SELECT * FROM due_diligence_finding WHERE loan_id = :loan ORDER BY role, officer").param("loan", loanId)
        .query((rs, row) -> new DueDiligenceReview.Finding(OfficerRole.valueOf(rs.getString("role")), rs.getString("officer"),
            DueDiligenceOutcome.valueOf(rs.getString("outcome")), rs.getString("reason"), rs.getString("decided_by"),
            instant(rs, "decided_at")))
        .list();
  }

  /** The concluded reviews' findings for the customer manager of these loans, by loan id (loans without one left out). */
  Map<String, DueDiligenceOutcome> outcomesFor(Collection<String> loanIds, String customerManager) {
    Map<String, DueDiligenceOutcome> outcomes = new HashMap<>();
    for (List<String> chunk : SqlInLists.chunks(loanIds)) {
      jdbc.sql("""
          SELECT loan_id, outcome FROM due_diligence_finding
          WHERE loan_id IN (:loans) AND officer = :officer AND role = 'CUSTOMER_MANAGER'""")
          .param("loans", chunk).param("officer", customerManager)
          .query(rs -> {
            outcomes.put(rs.getString("loan_id"), DueDiligenceOutcome.valueOf(rs.getString("outcome")));
          });
    }
    return outcomes;
  }

  private static DueDiligenceReview review(ResultSet rs, int row) throws SQLException {
    return new DueDiligenceReview(rs.getString("loan_id"), rs.getString("application_id"), rs.getString("branch_code"),
        Classification.valueOf(rs.getString("classification")), Classification.valueOf(rs.getString("previous_classification")),
        rs.getObject("turned_on", java.time.LocalDate.class), rs.getString("status"), rs.getString("criteria"),
        instant(rs, "started_at"), rs.getString("concluded_by"), rs.getObject("concluded_at") == null ? null
            : instant(rs, "concluded_at"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    return rs.getObject(column, OffsetDateTime.class).toInstant();
  }
}
