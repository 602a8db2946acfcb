package com.smeloanflow.platform.sla;

import com.smeloanflow.platform.BusinessClock;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * SLA figures for a dashboard (read only, from {@code task_sla}): per task type, how many tasks were
 * completed in a period and how many of them within the goal and within the deadline, and how many are
 * open, overdue and escalated now. Optionally only the tasks of some teams (a branch's lead sees the
 * branch's tasks).
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
  public record Compliance(String processKey, String taskKey, String taskName, long completed, long withinGoal,
      long withinDeadline) {}

  /** The open work of one task type now. */
  public record Backlog(String processKey, String taskKey, String taskName, long open, long overdue, long escalated) {}

  /** Tasks completed in [from, to), by task type. */
  public List<Compliance> compliance(Instant from, Instant to) {
    return compliance(from, to, Optional.empty());
  }

  /** Tasks completed in [from, to), by task type, of the given teams only (empty: every team). */
  public List<Compliance> compliance(Instant from, Instant to, Optional<Set<String>> teams) {
    TeamFilter filter = TeamFilter.of(teams);
    if (filter.nothing()) {
      return List.of();
    }
    JdbcClient.StatementSpec statement = jdbc.sql("""
        SELECT process_key, task_key, MAX(task_name) AS task_name, COUNT(*) AS completed,
               SUM(CASE WHEN goal_at IS NULL OR closed_at <= goal_at THEN 1 ELSE 0 END) AS within_goal,
               SUM(CASE WHEN closed_at <= deadline_at THEN 1 ELSE 0 END) AS within_deadline
        FROM task_sla WHERE state = 'COMPLETED' AND closed_at >= :from AND closed_at < :to"""
        + filter.condition() + " GROUP BY process_key, task_key ORDER BY process_key, task_key")
        .param("from", Timestamp.from(from)).param("to", Timestamp.from(to));
    return filter.bind(statement)
        .query((rs, row) -> new Compliance(rs.getString("process_key"), rs.getString("task_key"), rs.getString("task_name"),
            rs.getLong("completed"), rs.getLong("within_goal"), rs.getLong("within_deadline")))
        .list();
  }

  /** Open tasks now, by task type. */
  public List<Backlog> backlog() {
    return backlog(Optional.empty());
  }

  /** Open tasks now, by task type, of the given teams only (empty: every team). */
  public List<Backlog> backlog(Optional<Set<String>> teams) {
    TeamFilter filter = TeamFilter.of(teams);
    if (filter.nothing()) {
      return List.of();
    }
    JdbcClient.StatementSpec statement = jdbc.sql("""
        SELECT process_key, task_key, MAX(task_name) AS task_name, COUNT(*) AS open_tasks,
               SUM(CASE WHEN deadline_at <= :now THEN 1 ELSE 0 END) AS overdue,
               SUM(CASE WHEN escalations > 0 THEN 1 ELSE 0 END) AS escalated
        FROM task_sla WHERE state = 'OPEN'"""
        + filter.condition() + " GROUP BY process_key, task_key ORDER BY process_key, task_key")
        .param("now", Timestamp.from(clock.now()));
    return filter.bind(statement)
        .query((rs, row) -> new Backlog(rs.getString("process_key"), rs.getString("task_key"), rs.getString("task_name"),
            rs.getLong("open_tasks"), rs.getLong("overdue"), rs.getLong("escalated")))
        .list();
  }

  /** {@code teams} holds team ids comma-separated: a task is a team's when the list names it. */
  private record TeamFilter(List<String> teams, boolean all) {

    static TeamFilter of(Optional<Set<String>> teams) {
      return teams.map(set -> new TeamFilter(List.copyOf(new java.util.TreeSet<>(set)), false))
          .orElse(new TeamFilter(List.of(), true));
    }

    boolean nothing() {
      return !all && teams.isEmpty();
    }

    String condition() {
      if (all) {
        return "";
      }
      List<String> terms = new ArrayList<>();
      for (int i = 0; i < teams.size(); i++) {
        terms.add("(',' || teams || ',') LIKE :team" + i);
      }
      return " AND (" + String.join(" OR ", terms) + ")";
    }

    JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement) {
      for (int i = 0; i < teams.size(); i++) {
        statement = statement.param("team" + i, "%," + teams.get(i).replace("%", "") + ",%");
      }
      return statement;
    }
  }
}
