package com.smeloanflow.platform.sla;

import com.smeloanflow.platform.BusinessClock;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * SLA figures for a dashboard (read only, from {@code task_sla}): per task type, how many tasks were
 * completed in a period and how many of them within the goal and within the deadline, and how many are
 * open, overdue and escalated now.
 */
@Service
public class SlaFigures {

  private final JdbcClient jdbc;
  private final BusinessClock clock;

  public SlaFigures(JdbcClient jdbc, BusinessClock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Compliance of one task type in a period. */
  public record Compliance(String processKey, String taskKey, long completed, long withinGoal, long withinDeadline) {}

  /** The open work of one task type now. */
  public record Backlog(String processKey, String taskKey, long open, long overdue, long escalated) {}

  /** Tasks completed in [from, to), by task type. */
  public List<Compliance> compliance(Instant from, Instant to) {
    return jdbc.sql("""
        SELECT process_key, task_key, COUNT(*) AS completed,
               SUM(CASE WHEN goal_at IS NULL OR closed_at <= goal_at THEN 1 ELSE 0 END) AS within_goal,
               SUM(CASE WHEN closed_at <= deadline_at THEN 1 ELSE 0 END) AS within_deadline
        FROM task_sla WHERE state = 'COMPLETED' AND closed_at >= :from AND closed_at < :to
        GROUP BY process_key, task_key ORDER BY process_key, task_key""")
        .param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
        .query((rs, row) -> new Compliance(rs.getString("process_key"), rs.getString("task_key"), rs.getLong("completed"),
            rs.getLong("within_goal"), rs.getLong("within_deadline")))
        .list();
  }

  /** Open tasks now, by task type. */
  public List<Backlog> backlog() {
    return jdbc.sql("""
        SELECT process_key, task_key, COUNT(*) AS open_tasks,
               SUM(CASE WHEN deadline_at <= :now THEN 1 ELSE 0 END) AS overdue,
               SUM(CASE WHEN escalations > 0 THEN 1 ELSE 0 END) AS escalated
        FROM task_sla WHERE state = 'OPEN' GROUP BY process_key, task_key ORDER BY process_key, task_key""")
        .param("now", Timestamp.from(clock.now()))
        .query((rs, row) -> new Backlog(rs.getString("process_key"), rs.getString("task_key"), rs.getLong("open_tasks"),
            rs.getLong("overdue"), rs.getLong("escalated")))
        .list();
  }
}
