package com.smeloanflow.platform;

import com.smeloanflow.support.AbstractPostgresIntegrationTest;
import com.smeloanflow.support.EmbeddedPostgresDatabase;
import javax.sql.DataSource;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * {@link RewrittenMigrationsScenario} on PostgreSQL, the production database: each test on a database of its own on the
 * embedded server, created beside the application's.
 */
class RewrittenMigrationsPostgresIT extends AbstractPostgresIntegrationTest implements RewrittenMigrationsScenario {

  @Autowired BeanFactory beans;
  @Autowired JdbcClient jdbc;

  @Override
  public BeanFactory beans() {
    return beans;
  }

  @Override
  public DataSource emptyDatabase() {
    String name = "rewritten_migrations_" + System.nanoTime();
    jdbc.sql("CREATE DATABASE " + name).update();
    String url = EmbeddedPostgresDatabase.jdbcUrl().replace("/" + EmbeddedPostgresDatabase.DATABASE, "/" + name);
    return new SimpleDriverDataSource(new org.postgresql.Driver(), url, EmbeddedPostgresDatabase.USER, "");
  }
}
