package com.smeloanflow.platform;

import com.smeloanflow.support.AbstractIntegrationTest;
import javax.sql.DataSource;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/** {@link RewrittenMigrationsScenario} on H2, each test on an in-memory database of its own. */
class RewrittenMigrationsTest extends AbstractIntegrationTest implements RewrittenMigrationsScenario {

  @Autowired BeanFactory beans;

  @Override
  public BeanFactory beans() {
    return beans;
  }

  @Override
  public DataSource emptyDatabase() {
    return new SimpleDriverDataSource(new org.h2.Driver(),
        "jdbc:h2:mem:rewritten-migrations-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", "");
  }
}
