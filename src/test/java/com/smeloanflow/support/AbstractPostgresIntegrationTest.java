package com.smeloanflow.support;

/**
 * {@link AbstractIntegrationTest} on PostgreSQL ({@link PostgresTest}): profiles {@code demo,test,postgres},
 * the datasource pointed at {@link EmbeddedPostgresDatabase} (one server per JVM; Flyway and the
 * engine create their schemas in it). Everything else (GreenMail, helpers, clock) is the same.
 *
 * <p>Name subclasses {@code *PostgresIT}: maven-failsafe runs them in {@code ./mvnw verify} after the
 * H2 suite, all in one JVM on one context (its execution {@code postgres}). Run one alone with
 * {@code ./mvnw verify -Dit.test=IntakePostgresIT -Dtest=None -Dsurefire.failIfNoSpecifiedTests=false}.
 * As with the H2 base: add no Spring configuration in subclasses, so they share one context.
 */
@PostgresTest
public abstract class AbstractPostgresIntegrationTest extends AbstractIntegrationTest {

}
