package com.smeloanflow.processing;

import java.math.BigDecimal;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The route and price decided for an application (columns of {@code loan_application}). */
@Repository
public class ProcessingOutcomeRepository {

  private final JdbcClient jdbc;

  public ProcessingOutcomeRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Route, its reason and the price; the price is null until the loan is priced. */
  public record Outcome(String approvalRoute, String routeReason, BigDecimal lprPercent, BigDecimal spreadPercent,
      BigDecimal annualRatePercent, String duplicateOf) {}

  public void saveRoute(String applicationId, String route, String reason) {
    jdbc.sql("UPDATE loan_application SET approval_route = :route, route_reason = :reason WHERE id = :id")
        .param("route", route).param("reason", reason).param("id", applicationId).update();
  }

  public void savePrice(String applicationId, BigDecimal lpr, BigDecimal spread, BigDecimal rate) {
    jdbc.sql("UPDATE loan_application SET lpr_percent = :lpr, spread_percent = :spread, annual_rate_percent = :rate WHERE id = :id")
        .param("lpr", lpr).param("spread", spread).param("rate", rate).param("id", applicationId).update();
  }

  public void saveDuplicates(String applicationId, String duplicateOf) {
    jdbc.sql("UPDATE loan_application SET duplicate_of = :dup WHERE id = :id")
        .param("dup", duplicateOf).param("id", applicationId).update();
  }

  public Optional<Outcome> find(String applicationId) {
    return jdbc.sql("SELECT approval_route, route_reason, lpr_percent, spread_percent, annual_rate_percent, duplicate_of FROM loan_application WHERE id = :id")
        .param("id", applicationId)
        .query((rs, row) -> new Outcome(rs.getString("approval_route"), rs.getString("route_reason"),
            rs.getBigDecimal("lpr_percent"), rs.getBigDecimal("spread_percent"), rs.getBigDecimal("annual_rate_percent"),
            rs.getString("duplicate_of")))
        .optional();
  }
}
