package com.smeloanflow.collections;

import com.smeloanflow.support.AbstractIntegrationTest;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Autowired;

/** V131 on H2 ({@link ReminderWithdrawalMigrationScenario}). */
class ReminderWithdrawalMigrationTest extends AbstractIntegrationTest implements ReminderWithdrawalMigrationScenario {

  @Autowired BeanFactory beans;

  @Override
  public BeanFactory beans() {
    return beans;
  }
}
