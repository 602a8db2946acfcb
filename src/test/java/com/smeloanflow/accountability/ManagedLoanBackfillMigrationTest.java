package com.smeloanflow.accountability;

import com.smeloanflow.support.AbstractIntegrationTest;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Autowired;

/** V139 on H2 ({@link ManagedLoanBackfillScenario}). */
class ManagedLoanBackfillMigrationTest extends AbstractIntegrationTest implements ManagedLoanBackfillScenario {

  @Autowired BeanFactory beans;

  @Override
  public BeanFactory beans() {
    return beans;
  }
}
