package com.smeloanflow.identity;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;
import org.apache.ibatis.executor.Executor;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.plugin.Interceptor;
import org.apache.ibatis.plugin.Intercepts;
import org.apache.ibatis.plugin.Invocation;
import org.apache.ibatis.plugin.Signature;
import org.apache.ibatis.session.ResultHandler;
import org.apache.ibatis.session.RowBounds;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * On PostgreSQL, Camunda's task query and count of a candidate group or user with authorization checks (Tasklist's
 * queue 我的组任务, a search within it, and a search by candidate group within any filter) are planned with hash joins,
 * merge joins and sequential scans off, for that one statement; every other statement is planned as before, the leads'
 * queues 团队任务, 已超期 and 已升级 among them (their queries name no candidate group or user).
 *
 * <p>Why: each of those statements checks a task against the authorizations with a {@code CASE} of correlated
 * sub-selects, and PostgreSQL rates {@code (CASE … END) = 1} as keeping 0.5 % of the rows at almost no cost (its default
 * for an expression it has no statistics for). So it reads every open task to hash-join the group's candidate links,
 * and checks the authorizations before it sorts, or, searched by a process variable, before it keeps the group at
 * all. With those three plan types off it finds the group's tasks through the candidate links' index, sorts them by
 * due date and checks only until the page is full. At 100,000 open tasks (5,000 of the group), each statement alone:
 * one page 86–285 ms → 24–41 ms, its count 87–144 → 52–87 ms, the page searched by a process variable 135–165 →
 * 28–43 ms, and the same at a {@code random_page_cost} of 1.1, where the planner's own choice took 1.4 s. With 8 users
 * the variable search's p95 fell from 1.9 s to 0.56–0.73 s and the page's from 1.15–1.26 s to 0.81–1.09 s; the count,
 * which still checks every task of the group, moved within its noise (docs/performance.md, "Tasklist's
 * candidate-group queries: planned for the authorization check").
 *
 * <p>The settings are made with {@code set_config(…, true)}, which lasts until the end of the transaction at most, and
 * put back to what they were right after the statement, so the command's later statements run as before; a transaction
 * that fails takes them back with it. H2 and other databases are left alone, and so is a query without authorization
 * check (an administrator's, or with authorizations off), whose plan has no {@code CASE} to misjudge.
 * {@code smeloan.tasklist.candidate-query-plans: false} turns it off.
 */
@Component
public class CandidateTaskQueryPlans extends AbstractProcessEnginePlugin {

  private static final Logger log = LoggerFactory.getLogger(CandidateTaskQueryPlans.class);

  /** Camunda's task page and task count (Task.xml), the two statements Tasklist's lists and counts run. */
  static final Set<String> STATEMENTS = Set.of(
      "org.camunda.bpm.engine.impl.persistence.entity.TaskEntity.selectTaskByQueryCriteria",
      "org.camunda.bpm.engine.impl.persistence.entity.TaskEntity.selectTaskCountByQueryCriteria");

  /** The planner's settings switched off for those statements, and read back before, so they can be put back. */
  static final String[] SETTINGS = {"enable_hashjoin", "enable_mergejoin", "enable_seqscan"};

  private final boolean enabled;
  private final PlanInterceptor interceptor = new PlanInterceptor();

  public CandidateTaskQueryPlans(@Value("${smeloan.tasklist.candidate-query-plans:true}") boolean enabled) {
    this.enabled = enabled;
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    if (!enabled || !"postgres".equals(configuration.getDatabaseType())) {
      return;
    }
    configuration.getSqlSessionFactory().getConfiguration().addInterceptor(interceptor);
    log.info("Tasklist's candidate-group task queries with authorization checks are planned without hash joins, "
        + "merge joins and sequential scans (smeloan.tasklist.candidate-query-plans)");
  }

  /** Whether this statement with this parameter gets the settings: a candidate task query with authorization check. */
  static boolean appliesTo(MappedStatement statement, Object parameter) {
    if (!STATEMENTS.contains(statement.getId()) || !(parameter instanceof TaskQueryImpl query)
        || query.getAuthCheck() == null || !query.getAuthCheck().isAuthorizationCheckEnabled()) {
      return false;
    }
    for (TaskQueryImpl part : query.getQueries()) { // the query itself and each of its "or" parts
      if (part.getCandidateGroup() != null || part.getCandidateUser() != null
          || (part.getCandidateGroupsInternal() != null && !part.getCandidateGroupsInternal().isEmpty())) {
        return true;
      }
    }
    return false;
  }

  /** The MyBatis plugin: every statement Camunda runs passes its {@code Executor.query}. */
  @Intercepts(@Signature(type = Executor.class, method = "query",
      args = {MappedStatement.class, Object.class, RowBounds.class, ResultHandler.class}))
  static final class PlanInterceptor implements Interceptor {

    @Override
    public Object intercept(Invocation invocation) throws Throwable {
      if (!appliesTo((MappedStatement) invocation.getArgs()[0], invocation.getArgs()[1])) {
        return invocation.proceed();
      }
      Connection connection = ((Executor) invocation.getTarget()).getTransaction().getConnection();
      String[] before = switchOff(connection);
      Object result;
      try {
        result = invocation.proceed();
      } catch (Throwable failure) {
        try {
          putBack(connection, before);
        } catch (SQLException alsoFailed) {
          failure.addSuppressed(alsoFailed); // an aborted transaction: its rollback takes the settings back
        }
        throw failure;
      }
      putBack(connection, before);
      return result;
    }
  }

  /** Reads the settings, then switches them off until the transaction ends; what they were before. */
  static String[] switchOff(Connection connection) throws SQLException {
    String[] before = new String[SETTINGS.length];
    try (PreparedStatement statement = connection.prepareStatement(
        "WITH before AS MATERIALIZED (SELECT current_setting(?) AS a, current_setting(?) AS b, current_setting(?) AS c) "
            + "SELECT a, b, c, set_config(?, 'off', true), set_config(?, 'off', true), set_config(?, 'off', true) "
            + "FROM before")) {
      for (int i = 0; i < SETTINGS.length; i++) {
        statement.setString(i + 1, SETTINGS[i]);
        statement.setString(SETTINGS.length + i + 1, SETTINGS[i]);
      }
      try (ResultSet row = statement.executeQuery()) {
        row.next();
        for (int i = 0; i < SETTINGS.length; i++) {
          before[i] = row.getString(i + 1);
        }
      }
    }
    return before;
  }

  /** Puts the settings back to {@code before} for the rest of the transaction. */
  static void putBack(Connection connection, String[] before) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(
        "SELECT set_config(?, ?, true), set_config(?, ?, true), set_config(?, ?, true)")) {
      for (int i = 0; i < SETTINGS.length; i++) {
        statement.setString(2 * i + 1, SETTINGS[i]);
        statement.setString(2 * i + 2, before[i]);
      }
      statement.executeQuery().close();
    }
  }
}
