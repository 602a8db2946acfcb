package com.smeloanflow.collections;

import com.smeloanflow.support.AbstractPostgresIntegrationTest;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Autowired;

/** V132 on PostgreSQL, the production database ({@link ContactMailBackfillScenario}). */
class ContactMailBackfillMigrationPostgresIT extends AbstractPostgresIntegrationTest
    implements ContactMailBackfillScenario {

  @Autowired BeanFactory beans;

  @Override
  public BeanFactory beans() {
    return beans;
  }
}
