package com.smeloanflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.support.AbstractPostgresIntegrationTest;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What every PostgreSQL session of a node is opened with (profile {@code postgres}, application.yaml): the
 * node's name for {@code pg_stat_activity}, and PostgreSQL's JIT compiler off ({@code connection-init-sql}). With
 * the JIT on, Camunda's queries with authorization checks over a book of monitored loans were compiled at every
 * call: 8–44 s of compiling per statement of Cockpit's page of a process with 1,000,000 running instances
 * (docs/performance.md, "Cockpit over a book of 1,000,000 loans").
 */
class PostgresSessionSettingsPostgresIT extends AbstractPostgresIntegrationTest {

  @Autowired ProcessEngineConfigurationImpl engineConfiguration;

  @Test
  void theApplicationsAndTheEnginesSessionsRunWithoutTheJitAndNameTheNode() {
    for (JdbcClient session : new JdbcClient[] {jdbc, JdbcClient.create(engineConfiguration.getDataSource())}) {
      assertThat(session.sql("SELECT current_setting('jit')").query(String.class).single())
          .as("PostgreSQL's JIT in the node's sessions").isEqualTo("off");
      assertThat(session.sql("SELECT current_setting('application_name')").query(String.class).single())
          .as("the node in pg_stat_activity").startsWith("sme-loan-flow/");
    }
  }
}
