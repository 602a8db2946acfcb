package com.smeloanflow.approval;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The approval of an application (columns of {@code loan_application}). */
@Repository
public class ApprovalRepository {

  private final JdbcClient jdbc;

  public ApprovalRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** What was approved: amount, guarantee, conditions, repayment method, by whom and when. */
  public record Approval(String decision, BigDecimal approvedAmount, String guaranteeType, String conditions,
      String repaymentMethod, String approvedBy, Instant approvedAt, String loanId) {}

  public void save(String applicationId, Approval approval) {
    jdbc.sql("""
        UPDATE loan_application SET approval_decision = :decision, approved_amount = :amount,
          approved_guarantee_type = :guarantee, approval_conditions = :conditions, repayment_method = :method,
          approved_by = :by, approved_at = :at
        WHERE id = :id
        """)
        .param("decision", approval.decision()).param("amount", approval.approvedAmount())
        .param("guarantee", approval.guaranteeType()).param("conditions", approval.conditions())
        .param("method", approval.repaymentMethod()).param("by", approval.approvedBy())
        .param("at", approval.approvedAt() == null ? null : Timestamp.from(approval.approvedAt()))
        .param("id", applicationId)
        .update();
  }

  public void saveLoanId(String applicationId, String loanId) {
    jdbc.sql("UPDATE loan_application SET loan_id = :loan WHERE id = :id").param("loan", loanId).param("id", applicationId).update();
  }

  public Optional<Approval> find(String applicationId) {
    return jdbc.sql("""
        SELECT approval_decision, approved_amount, approved_guarantee_type, approval_conditions, repayment_method,
               approved_by, approved_at, loan_id
        FROM loan_application WHERE id = :id AND approval_decision IS NOT NULL
        """)
        .param("id", applicationId)
        .query((rs, row) -> {
          OffsetDateTime at = rs.getObject("approved_at", OffsetDateTime.class);
          return new Approval(rs.getString("approval_decision"), rs.getBigDecimal("approved_amount"),
              rs.getString("approved_guarantee_type"), rs.getString("approval_conditions"),
              rs.getString("repayment_method"), rs.getString("approved_by"), at == null ? null : at.toInstant(),
              rs.getString("loan_id"));
        })
        .optional();
  }
}
