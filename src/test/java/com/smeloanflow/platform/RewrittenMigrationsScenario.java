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
 * A database upgraded while V131 had its first text, or V132 its first or second, starts with the present ones
 * ({@link RewrittenMigrations}): the application's own Flyway (its configuration and callbacks) validates it and migrates
 * it on, where a Flyway without the correction refuses it for the checksum; a checksum of any other text still stops
 * it. Each test migrates an empty database of its own.
 *
 * <p>One scenario, run on H2 ({@link RewrittenMigrationsTest}) and on PostgreSQL ({@link RewrittenMigrationsPostgresIT}).
 */
interface RewrittenMigrationsScenario {

  /**
   * V132's second text (d9cad5d), replaced in turn; apart from {@code db/replaced} (the first texts), as Flyway takes
   * one text per version from a location.
   */
  String SECOND_TEXT_OF_V132 = "db/replaced-second-text";

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

  private static RewrittenMigrations.Rewrite rewrite(String version) {
    return RewrittenMigrations.REWRITES.stream().filter(rewrite -> rewrite.version().equals(version)).findFirst()
        .orElseThrow();
  }

  /** The checksum of the first text of {@code version} that a release ran. */
  private static int firstTextChecksum(String version) {
    return rewrite(version).replacedChecksums().get(0);
  }

  /** Migrates {@code database} to V130 with the present texts, then to {@code target} with the texts they replaced. */
  private void migrateWithTheReplacedTexts(DataSource database, String target) {
    Flyway.configure().configuration(application()).dataSource(database).target("130").load().migrate();
    migrateWith(database, "classpath:db/replaced", target);
  }

  /** Migrates {@code database} on to {@code target} with the migrations at {@code location}, no callback. */
  private void migrateWith(DataSource database, String location, String target) {
    Flyway.configure().dataSource(database).table(application().getTable()).locations(location)
        .ignoreMigrationPatterns("*:missing").target(target).load().migrate();
  }

  /** Flyway as it validates without {@link RewrittenMigrations}: the present texts, no callback. */
  private ValidateResult validationWithoutCorrection(DataSource database) {
    return Flyway.configure().dataSource(database).table(application().getTable())
        .locations(application().getLocations()).ignoreMigrationPatterns("*:pending").load().validateWithResult();
  }

  @Test
  default void aDatabaseThatRanTheReplacedTextsOfV131AndV132StartsAndMigratesOn() {
    DataSource database = emptyDatabase();
    migrateWithTheReplacedTexts(database, "132");
    assertThat(checksum(database, "131")).as("V131 as a release ran it").isEqualTo(firstTextChecksum("131"));
    assertThat(checksum(database, "132")).as("V132 as a release ran it").isEqualTo(firstTextChecksum("132"));

    ValidateResult withoutCorrection = validationWithoutCorrection(database);
    assertThat(withoutCorrection.validationSuccessful).isFalse();
    assertThat(withoutCorrection.invalidMigrations).extracting(invalid -> invalid.version)
        .containsExactlyInAnyOrder("131", "132");

    assertThat(applicationFlyway(database).migrate().success).isTrue();

    assertThat(checksum(database, "131")).isEqualTo(rewrite("131").checksum());
    assertThat(checksum(database, "132")).isEqualTo(rewrite("132").checksum());
    assertThat(applicationFlyway(database).validateWithResult().validationSuccessful).isTrue();
    assertThat(applicationFlyway(database).info().pending()).isEmpty();
  }

  @Test
  default void aDatabaseThatRanTheReplacedTextOfV131BeforeV132ExistedStartsAndMigratesOn() {
    DataSource database = emptyDatabase();
    migrateWithTheReplacedTexts(database, "131");
    assertThat(checksum(database, "131")).isEqualTo(firstTextChecksum("131"));
    assertThat(validationWithoutCorrection(database).invalidMigrations).extracting(invalid -> invalid.version)
        .containsExactly("131");

    assertThat(applicationFlyway(database).migrate().success).isTrue();

    assertThat(checksum(database, "131")).isEqualTo(rewrite("131").checksum());
    assertThat(checksum(database, "132")).as("V132 run in its present text").isEqualTo(rewrite("132").checksum());
    assertThat(applicationFlyway(database).validateWithResult().validationSuccessful).isTrue();
    assertThat(applicationFlyway(database).info().pending()).isEmpty();
  }

  @Test
  default void aDatabaseThatRanTheSecondTextOfV132StartsAndMigratesOn() {
    // V131 in the text of its release then (the first, or the present one since 9ce7077), V132 in its second text
    // (d9cad5d), whose checksum becomes the present one's straight away.
    for (String v131 : java.util.List.of("classpath:db/replaced", "classpath:db/migration")) {
      DataSource database = emptyDatabase();
      Flyway.configure().configuration(application()).dataSource(database).target("130").load().migrate();
      migrateWith(database, v131, "131");
      migrateWith(database, "classpath:" + SECOND_TEXT_OF_V132, "132");
      assertThat(checksum(database, "132")).as("V132 as a release ran its second text")
          .isEqualTo(rewrite("132").replacedChecksums().get(1));
      assertThat(validationWithoutCorrection(database).invalidMigrations).extracting(invalid -> invalid.version)
          .as("V131 from %s", v131).contains("132");

      assertThat(applicationFlyway(database).migrate().success).isTrue();

      assertThat(checksum(database, "131")).isEqualTo(rewrite("131").checksum());
      assertThat(checksum(database, "132")).isEqualTo(rewrite("132").checksum());
      assertThat(applicationFlyway(database).validateWithResult().validationSuccessful).isTrue();
      assertThat(applicationFlyway(database).info().pending()).isEmpty();
    }
  }

  @Test
  default void aFreshDatabaseRecordsTheChecksumsOfThePresentTexts() {
    DataSource database = emptyDatabase();

    applicationFlyway(database).migrate();

    assertThat(checksum(database, "131")).isEqualTo(rewrite("131").checksum());
    assertThat(checksum(database, "132")).isEqualTo(rewrite("132").checksum());
  }

  @Test
  default void aV131OrV132OfAnyOtherTextStillStopsTheStart() {
    // Any checksum but the replaced texts' of that version: one no text has, and the other rewrite's first text's.
    java.util.Map<String, Integer> otherTexts = java.util.Map.of("131", firstTextChecksum("132"), "132", 1);
    otherTexts.forEach((version, otherChecksum) -> {
      DataSource database = emptyDatabase();
      applicationFlyway(database).migrate();
      JdbcClient.create(database).sql("UPDATE \"" + application().getTable() + "\" SET \"checksum\" = :checksum"
          + " WHERE \"version\" = :version").param("checksum", otherChecksum).param("version", version).update();

      ValidateResult validation = applicationFlyway(database).validateWithResult();

      assertThat(validation.validationSuccessful).as("V%s of another text", version).isFalse();
      assertThat(validation.invalidMigrations).extracting(invalid -> invalid.version).containsExactly(version);
      assertThat(checksum(database, version)).isEqualTo(otherChecksum);
    });
  }
}
