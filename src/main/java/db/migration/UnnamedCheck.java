package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The name of a check constraint an early migration declared inline, unnamed: H2 and PostgreSQL name it differently,
 * so a Java migration that replaces it asks the schema which check of the table mentions a literal only that check
 * holds (V129's mail status, V147's prospect status). Not a migration itself.
 */
final class UnnamedCheck {

  private UnnamedCheck() {
  }

  /**
   * The one check of {@code table} whose clause contains {@code 'literal'}; fails naming what it found when there is
   * not exactly one, so a schema unlike the one the migration was written for stops it before it changes anything.
   */
  static String nameOf(Connection connection, String table, String literal) throws SQLException {
    List<String> checks = new ArrayList<>();
    try (PreparedStatement query = connection.prepareStatement("""
        SELECT tc.constraint_name
        FROM information_schema.table_constraints tc
        JOIN information_schema.check_constraints cc
          ON cc.constraint_name = tc.constraint_name AND cc.constraint_schema = tc.constraint_schema
        WHERE UPPER(tc.table_name) = ? AND tc.constraint_type = 'CHECK'
          AND UPPER(cc.check_clause) LIKE ? AND tc.table_schema = CURRENT_SCHEMA
        """)) {
      query.setString(1, table.toUpperCase(Locale.ROOT));
      query.setString(2, "%'" + literal.toUpperCase(Locale.ROOT) + "'%");
      try (ResultSet rs = query.executeQuery()) {
        while (rs.next()) {
          checks.add(rs.getString(1));
        }
      }
    }
    if (checks.size() != 1) {
      throw new IllegalStateException("Expected one check of " + table + " naming '" + literal + "', found " + checks);
    }
    return checks.get(0);
  }
}
