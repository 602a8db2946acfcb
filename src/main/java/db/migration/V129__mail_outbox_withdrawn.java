package db.migration;

import java.sql.Connection;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Notification: a mail of the outbox can be WITHDRAWN, never sent and never re-queued: a borrower's overdue reminder
 * (逾期还款提醒) still waiting in the outbox when the collection case that queued it ends (the arrears cured, the loan
 * settled) says what is no longer true. {@code withdrawn_at} and {@code withdrawal_reason} say when and why.
 *
 * <p>V7 declared the status's check inline, unnamed: its name differs between H2 and PostgreSQL, hence Java. It is
 * replaced by a named one that admits WITHDRAWN; V120's {@code mail_outbox_render_failed_is_failed} admits a
 * withdrawn mail that was never rendered (a FAILED reminder withdrawn keeps its {@code render_failed}).
 */
public class V129__mail_outbox_withdrawn extends BaseJavaMigration {

  @Override
  public void migrate(Context context) throws Exception {
    Connection connection = context.getConnection();
    String statusCheck = UnnamedCheck.nameOf(connection, "mail_outbox", "PENDING");
    try (Statement statement = connection.createStatement()) {
      statement.execute("ALTER TABLE mail_outbox DROP CONSTRAINT \"" + statusCheck + "\"");
      statement.execute("ALTER TABLE mail_outbox ADD CONSTRAINT mail_outbox_status"
          + " CHECK (status IN ('PENDING', 'SENT', 'FAILED', 'WITHDRAWN'))");
      statement.execute("ALTER TABLE mail_outbox ADD COLUMN withdrawn_at TIMESTAMP WITH TIME ZONE");
      statement.execute("ALTER TABLE mail_outbox ADD COLUMN withdrawal_reason VARCHAR(300)");
      statement.execute("ALTER TABLE mail_outbox ADD CONSTRAINT mail_outbox_withdrawn_when_and_why"
          + " CHECK (status <> 'WITHDRAWN' OR (withdrawn_at IS NOT NULL AND withdrawal_reason IS NOT NULL))");
      statement.execute("ALTER TABLE mail_outbox DROP CONSTRAINT mail_outbox_render_failed_is_failed");
      statement.execute("ALTER TABLE mail_outbox ADD CONSTRAINT mail_outbox_render_failed_is_failed"
          + " CHECK (status IN ('FAILED', 'WITHDRAWN') OR NOT render_failed)");
    }
  }
}
