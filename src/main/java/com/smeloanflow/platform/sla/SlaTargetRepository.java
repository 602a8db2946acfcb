package com.smeloanflow.platform.sla;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The table {@code task_sla_target}; written only by {@link SlaTargets}. */
@Repository
class SlaTargetRepository {

  private final JdbcClient jdbc;

  SlaTargetRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  List<SlaTarget> all() {
    return jdbc.sql("SELECT * FROM task_sla_target ORDER BY process_key, task_key").query(SlaTargetRepository::target).list();
  }

  Optional<SlaTarget> find(String processKey, String taskKey) {
    return jdbc.sql("SELECT * FROM task_sla_target WHERE process_key = :process AND task_key = :task")
        .param("process", processKey).param("task", taskKey).query(SlaTargetRepository::target).optional();
  }

  void save(String processKey, String taskKey, BigDecimal goalHours, BigDecimal deadlineHours, String actor, Instant at) {
    int updated = jdbc.sql("""
        UPDATE task_sla_target SET goal_hours = :goal, deadline_hours = :deadline, updated_by = :actor, updated_at = :at
        WHERE process_key = :process AND task_key = :task""")
        .param("goal", goalHours).param("deadline", deadlineHours).param("actor", actor).param("at", Timestamp.from(at))
        .param("process", processKey).param("task", taskKey).update();
    if (updated == 0) {
      jdbc.sql("""
          INSERT INTO task_sla_target (process_key, task_key, goal_hours, deadline_hours, updated_by, updated_at)
          VALUES (:process, :task, :goal, :deadline, :actor, :at)""")
          .param("goal", goalHours).param("deadline", deadlineHours).param("actor", actor).param("at", Timestamp.from(at))
          .param("process", processKey).param("task", taskKey).update();
    }
  }

  private static SlaTarget target(ResultSet rs, int row) throws SQLException {
    return new SlaTarget(rs.getString("process_key"), rs.getString("task_key"), hours(rs.getBigDecimal("goal_hours")),
        hours(rs.getBigDecimal("deadline_hours")), rs.getString("updated_by"),
        rs.getObject("updated_at", OffsetDateTime.class).toInstant());
  }

  /**
   * Hours as staff write them: 35, 4.5, 70 (not 35.00; and not 7E+1, which stripping the zeros of 70.00 alone gives
   * and JSON would show).
   */
  private static BigDecimal hours(BigDecimal stored) {
    BigDecimal hours = stored.stripTrailingZeros();
    return hours.scale() < 0 ? hours.setScale(0) : hours;
  }
}
