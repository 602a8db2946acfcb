package com.smeloanflow.approval;

import com.smeloanflow.intake.GuaranteeType;
import com.smeloanflow.intake.Guarantor;
import com.smeloanflow.intake.GuarantorRelation;
import com.smeloanflow.approval.RepaymentMethod;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What was approved ({@code approval_decision}, approval's own table): by which authority and person,
 * the amount, guarantee (with a guarantor added as a condition), conditions, repayment method and the
 * rate. The contract and the disbursement are made from this record.
 */
@Repository
public class ApprovalDecisions {

  /** An approval. The rate is processing's price, or the re-price of an approval with conditions. */
  public record Approval(String applicationId, ApprovalOutcome outcome, ApprovalAuthority authority, BigDecimal approvedAmount,
      GuaranteeType guaranteeType, ExtraGuarantor extraGuarantor, String conditions, RepaymentMethod repaymentMethod,
      BigDecimal lprPercent, BigDecimal spreadPercent, BigDecimal annualRatePercent, String decidedBy, Instant decidedAt,
      Instant confirmedAt) {

    public boolean confirmed() {
      return confirmedAt != null;
    }
  }

  private final JdbcClient jdbc;

  public ApprovalDecisions(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Stores the approval, replacing an earlier unconfirmed one (a decision after a return for information). */
  public void save(Approval a) {
    jdbc.sql("DELETE FROM approval_decision WHERE application_id = :id AND confirmed_at IS NULL").param("id", a.applicationId()).update();
    ExtraGuarantor g = a.extraGuarantor();
    jdbc.sql("""
        INSERT INTO approval_decision (application_id, decision, authority, approved_amount, guarantee_type,
          extra_guarantor_type, extra_guarantor_name, extra_guarantor_id, extra_guarantor_relation, conditions,
          repayment_method, lpr_percent, spread_percent, annual_rate_percent, decided_by, decided_at)
        VALUES (:id, :decision, :authority, :amount, :guarantee, :gType, :gName, :gId, :gRelation, :conditions, :method,
          :lpr, :spread, :rate, :by, :at)
        """)
        .param("id", a.applicationId()).param("decision", a.outcome().name()).param("authority", a.authority().name())
        .param("amount", a.approvedAmount()).param("guarantee", a.guaranteeType().name())
        .param("gType", g == null ? null : g.type().name()).param("gName", g == null ? null : g.name())
        .param("gId", g == null ? null : g.partyId()).param("gRelation", g == null ? null : g.relation().name())
        .param("conditions", a.conditions()).param("method", a.repaymentMethod().name())
        .param("lpr", a.lprPercent()).param("spread", a.spreadPercent()).param("rate", a.annualRatePercent())
        .param("by", a.decidedBy()).param("at", Timestamp.from(a.decidedAt()))
        .update();
  }

  public void saveRate(String applicationId, BigDecimal lpr, BigDecimal spread, BigDecimal rate) {
    jdbc.sql("UPDATE approval_decision SET lpr_percent = :lpr, spread_percent = :spread, annual_rate_percent = :rate WHERE application_id = :id")
        .param("lpr", lpr).param("spread", spread).param("rate", rate).param("id", applicationId).update();
  }

  public void confirm(String applicationId, Instant at) {
    jdbc.sql("UPDATE approval_decision SET confirmed_at = :at WHERE application_id = :id AND confirmed_at IS NULL")
        .param("at", Timestamp.from(at)).param("id", applicationId).update();
  }

  public Optional<Approval> find(String applicationId) {
    return jdbc.sql("SELECT * FROM approval_decision WHERE application_id = :id")
        .param("id", applicationId)
        .query((rs, row) -> {
          String gType = rs.getString("extra_guarantor_type");
          OffsetDateTime confirmed = rs.getObject("confirmed_at", OffsetDateTime.class);
          return new Approval(applicationId, ApprovalOutcome.valueOf(rs.getString("decision")),
              ApprovalAuthority.valueOf(rs.getString("authority")), rs.getBigDecimal("approved_amount"),
              GuaranteeType.valueOf(rs.getString("guarantee_type")),
              gType == null ? null : new ExtraGuarantor(Guarantor.PartyType.valueOf(gType), rs.getString("extra_guarantor_name"),
                  rs.getString("extra_guarantor_id"), GuarantorRelation.valueOf(rs.getString("extra_guarantor_relation"))),
              rs.getString("conditions"), RepaymentMethod.valueOf(rs.getString("repayment_method")),
              rs.getBigDecimal("lpr_percent"), rs.getBigDecimal("spread_percent"), rs.getBigDecimal("annual_rate_percent"),
              rs.getString("decided_by"), rs.getObject("decided_at", OffsetDateTime.class).toInstant(),
              confirmed == null ? null : confirmed.toInstant());
        })
        .optional();
  }

  public Approval get(String applicationId) {
    return find(applicationId).orElseThrow(() -> new IllegalStateException("Application " + applicationId + " is not approved"));
  }
}
