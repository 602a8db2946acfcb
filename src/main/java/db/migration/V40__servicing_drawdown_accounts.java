package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Servicing: a loan account may be a drawdown on a credit line. A line's drawdowns are each their own loan
 * account, all of the line's application, so an application no longer has at most one account: the unique
 * constraint on {@code loan_account.application_id} goes (its name differs between H2 and PostgreSQL, hence
 * Java). What an account was opened for is now {@code opening_key}, unique: the application id for a term
 * loan (so a term loan is still opened once per application, however many nodes race), the drawdown id for a
 * drawdown.
 */
public class V40__servicing_drawdown_accounts extends BaseJavaMigration {

  @Override
  public void migrate(Context context) throws Exception {
    Connection connection = context.getConnection();
    List<String> constraints = new ArrayList<>();
    try (PreparedStatement query = connection.prepareStatement("""
        SELECT tc.constraint_name
        FROM information_schema.table_constraints tc
        JOIN information_schema.key_column_usage k
          ON k.constraint_name = tc.constraint_name AND k.table_name = tc.table_name AND k.table_schema = tc.table_schema
        WHERE UPPER(tc.table_name) = 'LOAN_ACCOUNT' AND tc.constraint_type = 'UNIQUE'
          AND UPPER(k.column_name) = 'APPLICATION_ID' AND tc.table_schema = CURRENT_SCHEMA
        """); ResultSet rs = query.executeQuery()) {
      while (rs.next()) {
        constraints.add(rs.getString(1));
      }
    }
    try (Statement statement = connection.createStatement()) {
      for (String constraint : constraints) {
        statement.execute("ALTER TABLE loan_account DROP CONSTRAINT \"" + constraint + "\"");
      }
      statement.execute("CREATE INDEX loan_account_application_idx ON loan_account (application_id)");
      statement.execute("ALTER TABLE loan_account ADD COLUMN opening_key VARCHAR(32)");
      statement.execute("UPDATE loan_account SET opening_key = application_id");
      statement.execute("ALTER TABLE loan_account ALTER COLUMN opening_key SET NOT NULL");
      statement.execute("CREATE UNIQUE INDEX loan_account_opening_key_idx ON loan_account (opening_key)");
    }
  }
}
