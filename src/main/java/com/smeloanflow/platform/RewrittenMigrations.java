package com.smeloanflow.platform;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The migrations whose text was changed after a release had run them. Flyway keeps the checksum of every migration a
 * database ran and refuses to start while a file's checksum differs from it, since a changed text is usually a
 * mistake. A migration is rewritten here only when the new text does what the old one did (V131: the same reminders
 * withdrawn, close reasons noted and contacts marked, each step worked out once for all cases; V132: the same pairing
 * of mail contacts and reminders, each numbering worked out once into a work table instead of once per contact or per
 * row joined; docs/performance.md, "The migrations since V117 at book scale"). Before Flyway validates, a database whose
 * history holds such a version with the checksum of a text it replaced gets the present text's checksum instead; any
 * other checksum is left as it is, so that a text changed by mistake still stops the start. Spring Boot hands every
 * {@link Callback} bean to its Flyway.
 */
@Component
public class RewrittenMigrations implements Callback {

  private static final Logger log = LoggerFactory.getLogger(RewrittenMigrations.class);

  /**
   * A migration rewritten: its version, the checksums of the texts releases ran (in the order they were written), and
   * the checksum of the present text. Each replaced text's checksum becomes the present one's in one step, never that
   * of a text written in between: a database that ran the first text and one that ran a later one both end with the
   * present checksum, whatever the order of the updates.
   */
  record Rewrite(String version, List<Integer> replacedChecksums, int checksum) {}

  /**
   * V131 (the reminders of cases cured before V129 withdrawn): the text of 1dbbcab, rewritten because its count per
   * case made the close-reason step quadratic in the reminders it withdraws on PostgreSQL, and its pairing of contacts
   * and reminders quadratic on H2. V132 (collection_contact.mail_id): the text of b0cc15c, rewritten because its
   * subquery per contact made the backfill quadratic in the bank's mail contacts; then the text of d9cad5d, rewritten
   * because its join of the two numbered subqueries made it quadratic on H2, which numbers a subquery again for each
   * row it joins.
   */
  static final List<Rewrite> REWRITES = List.of(
      new Rewrite("131", List.of(-607908711), -1135015896),
      new Rewrite("132", List.of(-223629183, 512283063), 1989047376));

  @Override
  public boolean supports(Event event, Context context) {
    // Flyway may ask without a context; handle() tells the two apart.
    return event == Event.BEFORE_VALIDATE || event == Event.BEFORE_MIGRATE;
  }

  @Override
  public boolean canHandleInTransaction(Event event, Context context) {
    return true;
  }

  @Override
  public void handle(Event event, Context context) {
    // Before Flyway compares checksums: at its validation, or at the migration when it does not validate first.
    if (event == Event.BEFORE_MIGRATE && context.getConfiguration().isValidateOnMigrate()) {
      return;
    }
    String table = context.getConfiguration().getTable();
    Connection connection = context.getConnection();
    try {
      if (!exists(connection, table)) {
        return;  // a database Flyway has not migrated yet
      }
      String quote = connection.getMetaData().getIdentifierQuoteString().trim();
      // Flyway names the table and its columns in quotes, in lower case (H2 would take them unquoted as upper case).
      String checksum = quote + "checksum" + quote;
      try (PreparedStatement update = connection.prepareStatement("UPDATE " + quote + table + quote + " SET " + checksum
          + " = ? WHERE " + quote + "version" + quote + " = ? AND " + checksum + " = ?")) {
        for (Rewrite rewrite : REWRITES) {
          for (int replacedChecksum : rewrite.replacedChecksums()) {
            update.setInt(1, rewrite.checksum());
            update.setString(2, rewrite.version());
            update.setInt(3, replacedChecksum);
            if (update.executeUpdate() > 0) {
              log.info("Migration V{} ran in an earlier text (checksum {}), which the present one (checksum {})"
                  + " replaces with the same effect: its checksum in {} updated", rewrite.version(), replacedChecksum,
                  rewrite.checksum(), table);
            }
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot record the checksums of rewritten migrations in " + table, e);
    }
  }

  private static boolean exists(Connection connection, String table) throws SQLException {
    DatabaseMetaData metaData = connection.getMetaData();
    try (ResultSet tables = metaData.getTables(connection.getCatalog(), connection.getSchema(), table, null)) {
      return tables.next();
    }
  }

  @Override
  public String getCallbackName() {
    return "rewritten migrations";
  }
}
