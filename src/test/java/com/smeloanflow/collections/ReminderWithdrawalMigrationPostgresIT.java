package com.smeloanflow.collections;

import com.smeloanflow.support.AbstractPostgresIntegrationTest;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Autowired;

/** V131 on PostgreSQL, the production database ({@link ReminderWithdrawalMigrationScenario}). */
class ReminderWithdrawalMigrationPostgresIT extends AbstractPostgresIntegrationTest
    implements ReminderWithdrawalMigrationScenario {

  @Autowired BeanFactory beans;

  @Override
  public BeanFactory beans() {
    return beans;
  }
}
