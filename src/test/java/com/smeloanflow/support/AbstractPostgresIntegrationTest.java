package com.smeloanflow.support;

import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link AbstractIntegrationTest} on PostgreSQL: profiles {@code demo,test,postgres}, the
 * datasource pointed at {@link EmbeddedPostgresDatabase} (one server per JVM; Flyway and the
 * engine create their schemas in it). Everything else (GreenMail, helpers, clock) is the same.
 *
 * <p>Name subclasses {@code *PostgresIT}: maven-failsafe runs them in {@code ./mvnw verify}, in a
 * JVM of their own, after the H2 suite. Run one alone with
 * {@code ./mvnw verify -Dit.test=IntakePostgresIT -Dtest=None -Dsurefire.failIfNoSpecifiedTests=false}.
 * As with the H2 base: add no Spring configuration in subclasses, so they share one context.
 */
@ActiveProfiles(value = {"demo", "test", "postgres"}, inheritProfiles = false)
public abstract class AbstractPostgresIntegrationTest extends AbstractIntegrationTest {

  @DynamicPropertySource
  static void embeddedPostgres(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", EmbeddedPostgresDatabase::jdbcUrl);
    registry.add("spring.datasource.username", () -> EmbeddedPostgresDatabase.USER);
    registry.add("spring.datasource.password", () -> "");
  }
}
