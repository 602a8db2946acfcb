package db.migration;

import java.sql.Connection;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Campaign: a whitelist prospect can end CONVERTED (已转化), closed because the enterprise applied through another
 * channel or became a customer while it was worked, no contact task offered again (whitelist-prospect's check before
 * every contact and its event subprocess 企业自行申请). {@code conversion} says which: APPLIED_ELSEWHERE (an
 * application not yet disbursed, rejected or withdrawn) or EXISTING_CUSTOMER (a loan paid out or a line opened);
 * {@code converted_application_id} the application that converted it (not {@code application_id}, which stays the
 * application the prospect's own contact submitted: accountability makes its manager the loan's responsible one);
 * {@code closed_reason} what staff read, {@code closed_at} when.
 *
 * <p>V72 declared the status's check inline, unnamed: its name differs between H2 and PostgreSQL, hence Java (as
 * V129). It is replaced by a named one that admits CONVERTED.
 */
public class V147__prospect_converted extends BaseJavaMigration {

  @Override
  public void migrate(Context context) throws Exception {
    Connection connection = context.getConnection();
    String statusCheck = UnnamedCheck.nameOf(connection, "prospect", "NOT_ELIGIBLE");
    try (Statement statement = connection.createStatement()) {
      statement.execute("ALTER TABLE prospect DROP CONSTRAINT \"" + statusCheck + "\"");
      statement.execute("ALTER TABLE prospect ADD CONSTRAINT prospect_status"
          + " CHECK (status IN ('OPEN', 'APPLIED', 'NOT_ELIGIBLE', 'CONVERTED'))");
      statement.execute("ALTER TABLE prospect ADD COLUMN conversion VARCHAR(20)");
      statement.execute("ALTER TABLE prospect ADD COLUMN converted_application_id VARCHAR(32)");
      statement.execute("ALTER TABLE prospect ADD COLUMN closed_reason VARCHAR(300)");
      statement.execute("ALTER TABLE prospect ADD COLUMN closed_at TIMESTAMP WITH TIME ZONE");
      statement.execute("ALTER TABLE prospect ADD CONSTRAINT prospect_converted_how_and_why CHECK (status <> 'CONVERTED' OR"
          + " (conversion IN ('APPLIED_ELSEWHERE', 'EXISTING_CUSTOMER') AND converted_application_id IS NOT NULL"
          + " AND closed_reason IS NOT NULL AND closed_at IS NOT NULL))");
    }
  }
}
