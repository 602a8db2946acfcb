package com.smeloanflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.support.AbstractPostgresIntegrationTest;
import com.zaxxer.hikari.HikariDataSource;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * What every PostgreSQL session of a node is opened with (profile {@code postgres}, application.yaml): the
 * node's name for {@code pg_stat_activity}, PostgreSQL's JIT compiler off and the planner's
 * {@code random_page_cost} at PostgreSQL's default 4 ({@code connection-init-sql}). With the JIT on, Camunda's queries
 * with authorization checks over a book of monitored loans were compiled at every call: 8–44 s of compiling per
 * statement of Cockpit's page of a process with 1,000,000 running instances (docs/performance.md, "Cockpit over a
 * book of 1,000,000 loans"). With {@code random_page_cost} at 1.5 or below, as a server tuned for SSDs often has it,
 * one Tasklist page of a candidate group took 2.6 s instead of 0.18 s at 100,000 open tasks (docs/performance.md,
 * "The planner's random_page_cost").
 */
class PostgresSessionSettingsPostgresIT extends AbstractPostgresIntegrationTest {

  @Autowired ProcessEngineConfigurationImpl engineConfiguration;
  @Autowired HikariDataSource pool;

  @Test
  void theApplicationsAndTheEnginesSessionsRunWithoutTheJitAndNameTheNode() {
    for (JdbcClient session : new JdbcClient[] {jdbc, JdbcClient.create(engineConfiguration.getDataSource())}) {
      assertThat(session.sql("SELECT current_setting('jit')").query(String.class).single())
          .as("PostgreSQL's JIT in the node's sessions").isEqualTo("off");
      assertThat(session.sql("SELECT current_setting('application_name')").query(String.class).single())
          .as("the node in pg_stat_activity").startsWith("sme-loan-flow/");
    }
  }

  @Test
  void theNodesSessionsPlanWithTheDefaultRandomPageCostEvenWhereTheServerIsTunedLower() {
    String database = jdbc.sql("SELECT current_database()").query(String.class).single();
    jdbc.sql("ALTER DATABASE \"" + database + "\" SET random_page_cost = 1.1").update();
    try {
      pool.getHikariPoolMXBean().softEvictConnections(); // the next sessions open with the server's 1.1
      JdbcClient plainSession = JdbcClient.create(
          new DriverManagerDataSource(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword()));
      assertThat(randomPageCost(plainSession)).as("a new session's default on this server").isEqualTo("1.1");
      for (JdbcClient session : new JdbcClient[] {jdbc, JdbcClient.create(engineConfiguration.getDataSource())}) {
        assertThat(randomPageCost(session)).as("random_page_cost in the node's sessions").isEqualTo("4");
      }
    } finally {
      jdbc.sql("ALTER DATABASE \"" + database + "\" RESET random_page_cost").update();
      pool.getHikariPoolMXBean().softEvictConnections();
    }
  }

  private static String randomPageCost(JdbcClient session) {
    return session.sql("SELECT current_setting('random_page_cost')").query(String.class).single();
  }
}
