package com.smeloanflow.collections;

import com.smeloanflow.support.AbstractIntegrationTest;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Autowired;

/** V132 on H2 ({@link ContactMailBackfillScenario}). */
class ContactMailBackfillMigrationTest extends AbstractIntegrationTest implements ContactMailBackfillScenario {

  @Autowired BeanFactory beans;

  @Override
  public BeanFactory beans() {
    return beans;
  }
}
