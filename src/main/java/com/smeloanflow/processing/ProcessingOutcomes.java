package com.smeloanflow.processing;

import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.platform.TransactionScopedReads;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What centralised processing decided about an application ({@code processing_outcome}, processing's
 * own table): the facts' as-of date, duplicates, eligibility, exposure, the route, the collateral cap
 * and the price. One row per application, filled step by step.
 */
@Repository
public class ProcessingOutcomes {

  /** The stored outcome; fields are null until their step has run. */
  public record Outcome(String applicationId, LocalDate factsAsOf, String duplicateOf, Boolean eligible,
      String eligibilityReason, BigDecimal borrowerExposure, ApprovalRoute approvalRoute, String routeReason,
      String routeCustomerReason, boolean exceptionReviewed, BigDecimal collateralMaxLtvPercent, BigDecimal collateralCap,
      Boolean remoteVerificationRequired, String verificationReason, LprTenor lprTenor, LocalDate lprEffectiveFrom,
      BigDecimal lprPercent, BigDecimal spreadPercent, BigDecimal annualRatePercent) {

    public boolean priced() {
      return annualRatePercent != null;
    }
  }

  private final JdbcClient jdbc;
  private final BusinessClock clock;
  private final TransactionScopedReads<String, Optional<Outcome>> read =
      new TransactionScopedReads<>("processing_outcome");

  public ProcessingOutcomes(JdbcClient jdbc, BusinessClock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** The outcome; read once per transaction, and again after each of this repository's writes. */
  public Optional<Outcome> find(String applicationId) {
    return read.read(applicationId, this::select);
  }

  private Optional<Outcome> select(String applicationId) {
    return jdbc.sql("SELECT * FROM processing_outcome WHERE application_id = :id")
        .param("id", applicationId)
        .query((rs, row) -> new Outcome(applicationId, rs.getObject("facts_as_of", LocalDate.class), rs.getString("duplicate_of"),
            (Boolean) rs.getObject("eligible"), rs.getString("eligibility_reason"), rs.getBigDecimal("borrower_exposure"),
            rs.getString("approval_route") == null ? null : ApprovalRoute.valueOf(rs.getString("approval_route")),
            rs.getString("route_reason"), rs.getString("route_customer_reason"), rs.getBoolean("exception_reviewed"),
            rs.getBigDecimal("collateral_max_ltv_percent"), rs.getBigDecimal("collateral_cap"),
            (Boolean) rs.getObject("remote_verification_required"), rs.getString("verification_reason"),
            rs.getString("lpr_tenor") == null ? null : LprTenor.valueOf(rs.getString("lpr_tenor")),
            rs.getObject("lpr_effective_from", LocalDate.class), rs.getBigDecimal("lpr_percent"),
            rs.getBigDecimal("spread_percent"), rs.getBigDecimal("annual_rate_percent")))
        .optional();
  }

  public Outcome get(String applicationId) {
    return find(applicationId).orElseThrow(() -> new IllegalStateException(
        "Application " + applicationId + " has not been through centralised processing"));
  }

  /** Starts (or restarts, after a re-gathering) the outcome of an application with the facts' as-of date. */
  public void start(String applicationId, LocalDate factsAsOf) {
    if (find(applicationId).isPresent()) {
      update(applicationId, "facts_as_of = :v", factsAsOf);
      return;
    }
    read.forget(applicationId);
    jdbc.sql("""
        INSERT INTO processing_outcome (application_id, facts_as_of, exception_reviewed, updated_at)
        VALUES (:id, :asOf, FALSE, :at)
        """)
        .param("id", applicationId).param("asOf", factsAsOf).param("at", Timestamp.from(clock.now()))
        .update();
  }

  public void saveDuplicates(String applicationId, String duplicateOf) {
    update(applicationId, "duplicate_of = :v", duplicateOf);
  }

  public void saveExposure(String applicationId, BigDecimal exposure) {
    update(applicationId, "borrower_exposure = :v", exposure);
  }

  public void saveEligibility(String applicationId, boolean eligible, String reason) {
    read.forget(applicationId);
    jdbc.sql("UPDATE processing_outcome SET eligible = :e, eligibility_reason = :r, updated_at = :at WHERE application_id = :id")
        .param("e", eligible).param("r", reason).param("at", Timestamp.from(clock.now())).param("id", applicationId).update();
  }

  public void saveRoute(String applicationId, ApprovalRoute route, String reason, String customerReason) {
    read.forget(applicationId);
    jdbc.sql("""
        UPDATE processing_outcome SET approval_route = :route, route_reason = :reason, route_customer_reason = :customer,
          updated_at = :at WHERE application_id = :id
        """)
        .param("route", route.name()).param("reason", reason).param("customer", customerReason)
        .param("at", Timestamp.from(clock.now())).param("id", applicationId).update();
  }

  public void markExceptionReviewed(String applicationId) {
    update(applicationId, "exception_reviewed = :v", Boolean.TRUE);
  }

  public void saveCollateralLimit(String applicationId, BigDecimal maxLtvPercent, BigDecimal cap) {
    read.forget(applicationId);
    jdbc.sql("UPDATE processing_outcome SET collateral_max_ltv_percent = :ltv, collateral_cap = :cap, updated_at = :at WHERE application_id = :id")
        .param("ltv", maxLtvPercent).param("cap", cap).param("at", Timestamp.from(clock.now())).param("id", applicationId).update();
  }

  public void saveRemoteVerification(String applicationId, boolean required, String reason) {
    read.forget(applicationId);
    jdbc.sql("""
        UPDATE processing_outcome SET remote_verification_required = :req, verification_reason = :reason, updated_at = :at
        WHERE application_id = :id
        """)
        .param("req", required).param("reason", reason).param("at", Timestamp.from(clock.now())).param("id", applicationId).update();
  }

  public void savePrice(String applicationId, Price price) {
    read.forget(applicationId);
    jdbc.sql("""
        UPDATE processing_outcome SET lpr_tenor = :tenor, lpr_effective_from = :from, lpr_percent = :lpr,
          spread_percent = :spread, annual_rate_percent = :rate, updated_at = :at WHERE application_id = :id
        """)
        .param("tenor", price.lprTenor().name()).param("from", price.lprEffectiveFrom()).param("lpr", price.lprPercent())
        .param("spread", price.spreadPercent()).param("rate", price.annualRatePercent())
        .param("at", Timestamp.from(clock.now())).param("id", applicationId).update();
  }

  private void update(String applicationId, String assignment, Object value) {
    read.forget(applicationId);
    int rows = jdbc.sql("UPDATE processing_outcome SET " + assignment + ", updated_at = :at WHERE application_id = :id")
        .param("v", value).param("at", Timestamp.from(clock.now())).param("id", applicationId).update();
    if (rows != 1) {
      throw new IllegalStateException("Application " + applicationId + " has no processing outcome yet");
    }
  }
}
