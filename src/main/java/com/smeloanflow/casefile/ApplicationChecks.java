package com.smeloanflow.casefile;

import com.smeloanflow.platform.BusinessClock;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What people found when they checked an application ({@code application_check}): the processing
 * centre's exception review, each remote verification attempt, the field investigation, and later
 * approvals and disbursement checks.
 */
@Repository
public class ApplicationChecks {

  private final JdbcClient jdbc;
  private final BusinessClock clock;

  public ApplicationChecks(JdbcClient jdbc, BusinessClock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  public record Check(CheckType checkType, int attempt, String outcome, String performedBy, Instant performedAt,
      String details, String notes) {

    public String describe() {
      return checkType.label() + " 第" + attempt + "次: " + checkType.outcomeLabel(outcome) + " (" + performedBy + ")"
          + (details == null ? "" : " " + details) + (notes == null ? "" : " " + notes);
    }
  }

  public void record(String applicationId, CheckType checkType, int attempt, String outcome, String performedBy,
      String details, String notes) {
    jdbc.sql("""
        INSERT INTO application_check (application_id, check_type, attempt, outcome, performed_by, performed_at, details, notes)
        VALUES (:a, :type, :attempt, :outcome, :by, :at, :details, :notes)
        """)
        .param("a", applicationId).param("type", checkType.name()).param("attempt", attempt).param("outcome", outcome)
        .param("by", performedBy).param("at", Timestamp.from(clock.now())).param("details", details)
        .param("notes", notes)
        .update();
  }

  public List<Check> of(String applicationId) {
    return jdbc.sql("SELECT * FROM application_check WHERE application_id = :a ORDER BY id")
        .param("a", applicationId)
        .query((rs, row) -> new Check(CheckType.valueOf(rs.getString("check_type")), rs.getInt("attempt"), rs.getString("outcome"),
            rs.getString("performed_by"), rs.getObject("performed_at", OffsetDateTime.class).toInstant(),
            rs.getString("details"), rs.getString("notes")))
        .list();
  }

  /** Everyone who performed a check of these types on the application (for separation of duties). */
  public List<String> performers(String applicationId, List<CheckType> checkTypes) {
    return jdbc.sql("SELECT DISTINCT performed_by FROM application_check WHERE application_id = :a AND check_type IN (:types)")
        .param("a", applicationId).param("types", checkTypes.stream().map(Enum::name).toList())
        .query(String.class).list();
  }

  /** The checks of these types, oldest first. */
  public List<Check> of(String applicationId, CheckType... types) {
    java.util.Set<CheckType> wanted = java.util.Set.of(types);
    return of(applicationId).stream().filter(check -> wanted.contains(check.checkType())).toList();
  }

  /** How many checks of this type the application has had. */
  public int count(String applicationId, CheckType type) {
    return jdbc.sql("SELECT COUNT(*) FROM application_check WHERE application_id = :a AND check_type = :t")
        .param("a", applicationId).param("t", type.name()).query(Integer.class).single();
  }
}
