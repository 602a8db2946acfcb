package com.smeloanflow.accountability;

import com.smeloanflow.support.AbstractPostgresIntegrationTest;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Autowired;

/** V139 on PostgreSQL, the production database ({@link ManagedLoanBackfillScenario}). */
class ManagedLoanBackfillMigrationPostgresIT extends AbstractPostgresIntegrationTest implements ManagedLoanBackfillScenario {

  @Autowired BeanFactory beans;

  @Override
  public BeanFactory beans() {
    return beans;
  }
}
