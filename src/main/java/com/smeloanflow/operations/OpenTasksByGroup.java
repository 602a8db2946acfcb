package com.smeloanflow.operations;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The open user tasks of each candidate group, every group's counts in one statement over the engine's task and
 * identity-link tables. Camunda's task query counts one group and one condition per statement, so the manager
 * dashboard's three figures for 33 groups were 99 statements: 3.1 s of the database at 100,000 open tasks, where this
 * statement takes 0.2-0.3 s (docs/performance.md, "The manager dashboard's open tasks").
 *
 * <p>The counts are those of Camunda's task query, {@code taskCandidateGroup(group).includeAssignedTasks()}: a task
 * counts for every group that is one of its candidates, claimed or not; it is unclaimed when nobody has claimed it
 * ({@code taskCandidateGroup(group)} without assigned tasks) and overdue when its due date is before {@code now}
 * ({@code dueBefore(now)}). No authorization check applies, as in the engine's queries without an authenticated
 * user: the caller decides which groups its reader may see.
 */
@Repository
public class OpenTasksByGroup {

  /** One group's open tasks: all of them, those nobody has claimed, those past their due date. */
  public record Counts(long open, long unclaimed, long overdue) {

    /** A group no open task is offered to. */
    public static final Counts NONE = new Counts(0, 0, 0);
  }

  /**
   * Each (group, task) pair once, as the engine's {@code DISTINCT} counts it (a group may be linked to a task twice),
   * then counted per group: one de-duplication instead of one per count (262-273 ms instead of 388-532 ms at 100,000
   * open tasks; docs/performance.md, "The manager dashboard's open tasks").
   */
  private static String counts(String groupCondition) {
    return """
        SELECT candidate_group, COUNT(*) AS open_tasks,
               SUM(CASE WHEN assignee IS NULL THEN 1 ELSE 0 END) AS unclaimed_tasks,
               SUM(CASE WHEN due_date < :now THEN 1 ELSE 0 END) AS overdue_tasks
        FROM (SELECT DISTINCT L.GROUP_ID_ AS candidate_group, T.ID_ AS task_id, T.ASSIGNEE_ AS assignee, T.DUE_DATE_ AS due_date
              FROM ACT_RU_TASK T JOIN ACT_RU_IDENTITYLINK L ON L.TASK_ID_ = T.ID_
              WHERE L.TYPE_ = 'candidate' AND L.GROUP_ID_ IS NOT NULL""" + groupCondition + """
        ) offered
        GROUP BY candidate_group""";
  }

  private final JdbcClient jdbc;

  public OpenTasksByGroup(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Every group some open task is offered to, by group id. */
  public Map<String, Counts> everyGroup(Instant now) {
    return read(jdbc.sql(counts("")), now);
  }

  /** These groups only; a group no open task is offered to is absent (read it as {@link Counts#NONE}). */
  public Map<String, Counts> of(Collection<String> groups, Instant now) {
    if (groups.isEmpty()) {
      return Map.of();
    }
    return read(jdbc.sql(counts(" AND L.GROUP_ID_ IN (:groups)")).param("groups", List.copyOf(groups)), now);
  }

  private static Map<String, Counts> read(JdbcClient.StatementSpec statement, Instant now) {
    Map<String, Counts> counts = new TreeMap<>();
    statement.param("now", Timestamp.from(now)).query(rs -> {
      counts.put(rs.getString("candidate_group"),
          new Counts(rs.getLong("open_tasks"), rs.getLong("unclaimed_tasks"), rs.getLong("overdue_tasks")));
    });
    return counts;
  }
}
