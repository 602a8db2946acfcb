package com.smeloanflow.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.springframework.test.context.ActiveProfiles;

/**
 * A test of the whole application on embedded PostgreSQL 14: profiles {@code demo,test,postgres}
 * (the datasource comes from {@link EmbeddedPostgresProperties}) and the tag {@code postgres}, by which
 * failsafe runs every such class in one JVM on one Spring context and one PostgreSQL server.
 * {@link AbstractPostgresIntegrationTest} carries it; a class that extends another test (to run its
 * tests on PostgreSQL) puts it on itself.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Tag("postgres")
@ActiveProfiles(value = {"demo", "test", "postgres"}, inheritProfiles = false)
public @interface PostgresTest {}
