package com.smeloanflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.output.ValidateResult;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A database upgraded while V132 had its first text starts with the present one ({@link RewrittenMigrations}): the
 * application's own Flyway (its configuration and callbacks) validates it and migrates it on, where a Flyway without
 * the correction refuses it for the checksum. Each test migrates an empty database of its own.
 *
 * <p>One scenario, run on H2 ({@link RewrittenMigrationsTest}) and on PostgreSQL ({@link RewrittenMigrationsPostgresIT}).
 */
interface RewrittenMigrationsScenario {

  /** The application's beans. */
  BeanFactory beans();

  /** An empty database of its own on the scenario's database server. */
  DataSource emptyDatabase();

  private Configuration application() {
    return beans().getBean(Flyway.class).getConfiguration();
  }

  /** The application's Flyway, as it migrates at a start, on {@code database}. */
  private Flyway applicationFlyway(DataSource database) {
    return Flyway.configure().configuration(application()).dataSource(database).load();
  }

  private int checksum(DataSource database, String version) {
    return JdbcClient.create(database)
        .sql("SELECT \"checksum\" FROM \"" + application().getTable() + "\" WHERE \"version\" = :version")
        .param("version", version).query(Integer.class).single();
  }

  private static RewrittenMigrations.Rewrite v132() {
    return RewrittenMigrations.REWRITES.stream().filter(rewrite -> rewrite.version().equals("132")).findFirst()
        .orElseThrow();
  }

  @Test
  default void aDatabaseThatRanTheReplacedTextOfV132StartsAndMigratesOn() {
    DataSource database = emptyDatabase();
    Flyway.configure().configuration(application()).dataSource(database).target("131").load().migrate();
    Flyway.configure().dataSource(database).table(application().getTable()).locations("classpath:db/replaced")
        .ignoreMigrationPatterns("*:missing").target("132").load().migrate();
    assertThat(checksum(database, "132")).as("V132 as a release ran it").isEqualTo(v132().replacedChecksum());

    ValidateResult withoutCorrection = Flyway.configure().dataSource(database).table(application().getTable())
        .locations(application().getLocations()).ignoreMigrationPatterns("*:pending").load().validateWithResult();
    assertThat(withoutCorrection.validationSuccessful).isFalse();
    assertThat(withoutCorrection.invalidMigrations).extracting(invalid -> invalid.version).containsExactly("132");

    assertThat(applicationFlyway(database).migrate().success).isTrue();

    assertThat(checksum(database, "132")).isEqualTo(v132().checksum());
    assertThat(applicationFlyway(database).validateWithResult().validationSuccessful).isTrue();
    assertThat(applicationFlyway(database).info().pending()).isEmpty();
  }

  @Test
  default void aFreshDatabaseRecordsTheChecksumOfThePresentText() {
    DataSource database = emptyDatabase();

    applicationFlyway(database).migrate();

    assertThat(checksum(database, "132")).isEqualTo(v132().checksum());
  }

  @Test
  default void aV132OfAnyOtherTextStillStopsTheStart() {
    DataSource database = emptyDatabase();
    applicationFlyway(database).migrate();
    JdbcClient.create(database)
        .sql("UPDATE \"" + application().getTable() + "\" SET \"checksum\" = 1 WHERE \"version\" = '132'").update();

    ValidateResult validation = applicationFlyway(database).validateWithResult();

    assertThat(validation.validationSuccessful).isFalse();
    assertThat(checksum(database, "132")).isEqualTo(1);
  }
}
