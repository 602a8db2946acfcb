package db.migration;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Renewal without repaying principal opens a second loan account for the same application: the new loan
 * that repaid the old one at maturity ({@code renewal_of}). {@code loan_account.application_id} was UNIQUE
 * (V5, one account per application); the constraint has no portable name (H2 and PostgreSQL name it
 * differently), so it is found in the information schema and dropped here, and replaced by
 * UNIQUE (application_id, renewal_generation): still one account per application from the disbursement
 * (generation 0, the race guard of LoanAccountService.open), and one renewal per renewed loan.
 */
public class V46__servicing_renewed_loans extends BaseJavaMigration {

  @Override
  public void migrate(Context context) throws Exception {
    Connection connection = context.getConnection();
    List<String> unique = new ArrayList<>();
    try (Statement query = connection.createStatement();
        ResultSet rs = query.executeQuery("""
            SELECT tc.constraint_name FROM information_schema.table_constraints tc
            JOIN information_schema.key_column_usage k
              ON k.constraint_name = tc.constraint_name AND k.table_name = tc.table_name
            WHERE LOWER(tc.table_name) = 'loan_account' AND tc.constraint_type = 'UNIQUE'
              AND LOWER(k.column_name) = 'application_id'
            """)) {
      while (rs.next()) {
        unique.add(rs.getString(1));
      }
    }
    if (unique.size() != 1) {
      throw new IllegalStateException("Expected one UNIQUE constraint on loan_account.application_id, found " + unique);
    }
    try (Statement ddl = connection.createStatement()) {
      ddl.execute("ALTER TABLE loan_account DROP CONSTRAINT \"" + unique.get(0) + "\"");
      // The loan this one renewed (无还本续贷), NULL for a loan from a disbursement; its generation: 0 for the
      // disbursed loan, the renewed loan's generation + 1 for a renewal.
      ddl.execute("ALTER TABLE loan_account ADD COLUMN renewal_of VARCHAR(32) REFERENCES loan_account (loan_id)");
      ddl.execute("ALTER TABLE loan_account ADD COLUMN renewal_generation INTEGER DEFAULT 0 NOT NULL");
      ddl.execute("ALTER TABLE loan_account ADD CONSTRAINT loan_account_application_generation_uk"
          + " UNIQUE (application_id, renewal_generation)");
      ddl.execute("CREATE UNIQUE INDEX loan_account_renewal_of_uk ON loan_account (renewal_of)");
    }
  }
}
