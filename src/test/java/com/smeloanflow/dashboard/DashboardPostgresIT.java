package com.smeloanflow.dashboard;

import com.smeloanflow.support.EmbeddedPostgresDatabase;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every dashboard figure of {@link DashboardFiguresTest} on embedded PostgreSQL 14 (the production
 * database): the same scenarios, so every query of the dashboard runs on it. Configured as
 * {@code AbstractPostgresIntegrationTest} is (a class extends only one base).
 */
@ActiveProfiles(value = {"demo", "test", "postgres"}, inheritProfiles = false)
class DashboardPostgresIT extends DashboardFiguresTest {

  @DynamicPropertySource
  static void embeddedPostgres(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", EmbeddedPostgresDatabase::jdbcUrl);
    registry.add("spring.datasource.username", () -> EmbeddedPostgresDatabase.USER);
    registry.add("spring.datasource.password", () -> "");
  }
}
