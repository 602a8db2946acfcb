package com.smeloanflow.platform.sla;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The table {@code task_sla}. The monitor's claims are conditional UPDATEs, so of several nodes exactly one
 * sends a reminder or an escalation, on H2 and PostgreSQL alike.
 */
@Repository
class TaskSlaRepository {

  private final JdbcClient jdbc;

  TaskSlaRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(TaskSlaRecord r) {
    jdbc.sql("""
        INSERT INTO task_sla (task_id, process_instance_id, process_key, task_key, task_name, business_key, teams, created_at,
                              goal_at, deadline_at, escalations, state)
        VALUES (:taskId, :pi, :processKey, :taskKey, :taskName, :businessKey, :teams, :createdAt, :goalAt, :deadlineAt, 0, 'OPEN')
        """)
        .param("taskId", r.taskId()).param("pi", r.processInstanceId()).param("processKey", r.processKey())
        .param("taskKey", r.taskKey()).param("taskName", r.taskName()).param("businessKey", r.businessKey())
        .param("teams", r.teams().isEmpty() ? null : String.join(",", r.teams()))
        .param("createdAt", ts(r.createdAt())).param("goalAt", ts(r.goalAt())).param("deadlineAt", ts(r.deadlineAt()))
        .update();
  }

  Optional<TaskSlaRecord> find(String taskId) {
    return jdbc.sql("SELECT * FROM task_sla WHERE task_id = :id").param("id", taskId).query(TaskSlaRepository::record).optional();
  }

  /**
   * Someone moved a task's follow-up or due date: the goal and deadline follow; a goal or deadline moved
   * into the future is reminded of, or escalated, again when it comes.
   */
  void reschedule(String taskId, Instant goalAt, Instant deadlineAt, Instant now) {
    jdbc.sql("""
        UPDATE task_sla SET goal_at = :goal, deadline_at = :deadline,
          reminded_at = CASE WHEN :goalInFuture THEN NULL ELSE reminded_at END,
          next_escalation_at = CASE WHEN :deadlineInFuture THEN NULL ELSE next_escalation_at END
        WHERE task_id = :id AND state = 'OPEN'""")
        .param("goal", ts(goalAt)).param("deadline", ts(deadlineAt))
        .param("goalInFuture", goalAt != null && goalAt.isAfter(now)).param("deadlineInFuture", deadlineAt.isAfter(now))
        .param("id", taskId).update();
  }

  void close(String taskId, String state, Instant at) {
    jdbc.sql("UPDATE task_sla SET state = :state, closed_at = :at WHERE task_id = :id AND state = 'OPEN'")
        .param("state", state).param("at", ts(at)).param("id", taskId).update();
  }

  /** Open tasks whose goal passed and whose assignee was not reminded yet, earliest goal first. */
  List<String> dueReminders(Instant now, int limit) {
    return jdbc.sql("""
        SELECT task_id FROM task_sla WHERE state = 'OPEN' AND goal_at <= :now AND reminded_at IS NULL
        ORDER BY goal_at LIMIT :limit""")
        .param("now", ts(now)).param("limit", limit).query(String.class).list();
  }

  /** Open tasks past their deadline whose next escalation is due, earliest deadline first. */
  List<String> dueEscalations(Instant now, int limit) {
    return jdbc.sql("""
        SELECT task_id FROM task_sla WHERE state = 'OPEN' AND deadline_at <= :now
          AND (next_escalation_at IS NULL OR next_escalation_at <= :now)
        ORDER BY deadline_at LIMIT :limit""")
        .param("now", ts(now)).param("limit", limit).query(String.class).list();
  }

  /** Claims a due reminder; true for exactly one of several concurrent callers. */
  boolean claimReminder(String taskId, Instant now) {
    return jdbc.sql("""
        UPDATE task_sla SET reminded_at = :now
        WHERE task_id = :id AND state = 'OPEN' AND goal_at <= :now AND reminded_at IS NULL""")
        .param("now", ts(now)).param("id", taskId).update() == 1;
  }

  /** Claims a due escalation (the {@code seen}-th + 1); true for exactly one of several concurrent callers. */
  boolean claimEscalation(String taskId, int seen, Instant now, Instant next) {
    return jdbc.sql("""
        UPDATE task_sla SET escalations = escalations + 1, last_escalated_at = :now, next_escalation_at = :next
        WHERE task_id = :id AND state = 'OPEN' AND escalations = :seen AND deadline_at <= :now
          AND (next_escalation_at IS NULL OR next_escalation_at <= :now)""")
        .param("now", ts(now)).param("next", ts(next)).param("id", taskId).param("seen", seen).update() == 1;
  }

  private static Timestamp ts(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  static TaskSlaRecord record(ResultSet rs, int row) throws SQLException {
    String teams = rs.getString("teams");
    return new TaskSlaRecord(rs.getString("task_id"), rs.getString("process_instance_id"), rs.getString("process_key"),
        rs.getString("task_key"), rs.getString("task_name"), rs.getString("business_key"),
        teams == null ? List.of() : Arrays.asList(teams.split(",")), instant(rs, "created_at"), instant(rs, "goal_at"),
        instant(rs, "deadline_at"), instant(rs, "reminded_at"), rs.getInt("escalations"), instant(rs, "last_escalated_at"),
        instant(rs, "next_escalation_at"), rs.getString("state"), instant(rs, "closed_at"));
  }
}
