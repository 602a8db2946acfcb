package com.smeloanflow.monitoring;

import com.fasterxml.jackson.core.type.TypeReference;
import com.smeloanflow.platform.StoredJson;
import com.smeloanflow.servicing.Classification;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The risk review's classification changes ({@code risk_classification_change}) and reclassification proposals. */
@Repository
public class ClassificationRepository {

  private static final TypeReference<Map<String, Object>> INPUTS = new TypeReference<>() {};

  private final JdbcClient jdbc;

  public ClassificationRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void insertChange(String loanId, RiskClassificationChange change) {
    jdbc.sql("""
        INSERT INTO risk_classification_change (loan_id, business_date, cause, cause_ref, classification,
          previous_classification, inputs_json, matched_rules, reason, decided_by, requested_by, decided_at)
        VALUES (:loanId, :day, :cause, :ref, :classification, :previous, :inputs, :rules, :reason, :decidedBy, :requestedBy, :at)
        """)
        .param("loanId", loanId).param("day", change.businessDate()).param("cause", change.cause())
        .param("ref", change.causeRef()).param("classification", change.classification().name())
        .param("previous", change.previous().name()).param("inputs", StoredJson.write(change.inputs()))
        .param("rules", String.join(",", change.matchedRules())).param("reason", truncate(change.reason(), 1000))
        .param("decidedBy", change.decidedBy()).param("requestedBy", change.requestedBy())
        .param("at", Timestamp.from(change.decidedAt())).update();
  }

  /** The loan's classification changes, newest first. */
  public List<RiskClassificationChange> changesOf(String loanId) {
    return jdbc.sql("SELECT * FROM risk_classification_change WHERE loan_id = :loanId ORDER BY id DESC")
        .param("loanId", loanId)
        .query((rs, row) -> new RiskClassificationChange(rs.getObject("business_date", LocalDate.class), rs.getString("cause"),
            rs.getString("cause_ref"), Classification.valueOf(rs.getString("classification")),
            Classification.valueOf(rs.getString("previous_classification")),
            StoredJson.read(rs.getString("inputs_json"), INPUTS),
            Arrays.stream(rs.getString("matched_rules").split(",")).filter(r -> !r.isBlank()).toList(),
            rs.getString("reason"), rs.getString("decided_by"), rs.getString("requested_by"),
            rs.getTimestamp("decided_at").toInstant()))
        .list();
  }

  public void insertProposal(ReclassificationProposal proposal) {
    jdbc.sql("""
        INSERT INTO reclassification_proposal (proposal_id, loan_id, open_loan_id, classification, current_classification,
          reason, proposed_by, proposed_at, status)
        VALUES (:id, :loanId, :loanId, :classification, :current, :reason, :by, :at, :status)
        """)
        .param("id", proposal.proposalId()).param("loanId", proposal.loanId())
        .param("classification", proposal.classification().name()).param("current", proposal.currentClassification().name())
        .param("reason", proposal.reason()).param("by", proposal.proposedBy()).param("at", Timestamp.from(proposal.proposedAt()))
        .param("status", ReclassificationProposal.PENDING).update();
  }

  /** The loan's pending proposal, if any. */
  public Optional<ReclassificationProposal> pending(String loanId) {
    return jdbc.sql("SELECT * FROM reclassification_proposal WHERE open_loan_id = :loanId").param("loanId", loanId)
        .query((rs, row) -> proposal(rs)).optional();
  }

  /** The loan's latest approved proposal, if any. */
  public Optional<ReclassificationProposal> latestApproved(String loanId) {
    return jdbc.sql("""
        SELECT * FROM reclassification_proposal WHERE loan_id = :loanId AND status = :approved
        ORDER BY decided_at DESC, proposal_id DESC LIMIT 1
        """)
        .param("loanId", loanId).param("approved", ReclassificationProposal.APPROVED).query((rs, row) -> proposal(rs)).optional();
  }

  /** The loan's proposal {@code proposalId}; empty when the loan has no such proposal. */
  public Optional<ReclassificationProposal> find(String loanId, String proposalId) {
    return jdbc.sql("SELECT * FROM reclassification_proposal WHERE proposal_id = :id AND loan_id = :loanId")
        .param("id", proposalId).param("loanId", loanId).query((rs, row) -> proposal(rs)).optional();
  }

  public List<ReclassificationProposal> proposalsOf(String loanId) {
    return jdbc.sql("SELECT * FROM reclassification_proposal WHERE loan_id = :loanId ORDER BY proposed_at DESC, proposal_id DESC")
        .param("loanId", loanId).query((rs, row) -> proposal(rs)).list();
  }

  /** Decides (or cancels) the loan's pending proposal; false when none is pending. */
  public boolean decide(String proposalId, String status, String decidedBy, String note, Instant at) {
    return jdbc.sql("""
        UPDATE reclassification_proposal SET status = :status, open_loan_id = NULL, decided_by = :by, decision_note = :note,
          decided_at = :at
        WHERE proposal_id = :id AND status = :pending
        """)
        .param("status", status).param("by", decidedBy).param("note", note).param("at", Timestamp.from(at))
        .param("id", proposalId).param("pending", ReclassificationProposal.PENDING).update() == 1;
  }

  /** What collections did with the approved proposal; the first note stays. */
  public void noteCollections(String proposalId, String note) {
    jdbc.sql("UPDATE reclassification_proposal SET collections_note = :note WHERE proposal_id = :id AND collections_note IS NULL")
        .param("note", truncate(note, 500)).param("id", proposalId).update();
  }

  private static ReclassificationProposal proposal(ResultSet rs) throws SQLException {
    Timestamp decided = rs.getTimestamp("decided_at");
    return new ReclassificationProposal(rs.getString("proposal_id"), rs.getString("loan_id"),
        Classification.valueOf(rs.getString("classification")), Classification.valueOf(rs.getString("current_classification")),
        rs.getString("reason"), rs.getString("proposed_by"), rs.getTimestamp("proposed_at").toInstant(), rs.getString("status"),
        rs.getString("decided_by"), rs.getString("decision_note"), decided == null ? null : decided.toInstant(),
        rs.getString("collections_note"));
  }

  private static String truncate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
