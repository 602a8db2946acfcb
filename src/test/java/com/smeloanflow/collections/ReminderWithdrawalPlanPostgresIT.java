package com.smeloanflow.collections;

import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.support.AbstractPostgresIntegrationTest;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * V131 on PostgreSQL with a book of cured cases whose last reminder failed: no statement asks the bank's mails, cases or
 * contacts again for each row it writes. Its first text counted each case's withdrawn reminders in a subquery per case,
 * which PostgreSQL, planning with the statistics of before the withdrawal (no WITHDRAWN mail yet, as at an upgrade),
 * answered by reading every withdrawn mail through the status index for each case: 70 s for 6,800 withdrawn reminders
 * (docs/performance.md, "The migrations since V117 at book scale"). The script's statements run in order in one
 * transaction, each data statement's plan read before it runs; the rows (2,000 cured cases, 6,000 reminders among
 * 10,000 mails, 6,000 mail contacts, the foreign-key triggers off, the statistics taken before the script) are rolled
 * back with it.
 */
class ReminderWithdrawalPlanPostgresIT extends AbstractPostgresIntegrationTest {

  /** Five mails per loan: three reminders, the last of them failed, and two other mails. */
  private static final String MAILS = """
      INSERT INTO mail_outbox (case_type, case_id, template, recipient, subject, body, status, attempts, next_attempt_at,
          created_at, sent_at)
      SELECT 'LOAN', 'LNWPLAN' || i, CASE WHEN k <= 3 THEN 'OVERDUE_REMINDER' ELSE 'REPAYMENT_ON_TIME' END,
          'borrower@example.com', '逾期还款提醒', '您的贷款已逾期', CASE WHEN k = 3 THEN 'FAILED' ELSE 'SENT' END,
          CASE WHEN k = 3 THEN 24 ELSE 1 END, at, at, CASE WHEN k = 3 THEN NULL ELSE at END
      FROM (SELECT i, k, TIMESTAMP WITH TIME ZONE '2026-01-01 01:00:00+00' + i * INTERVAL '1 hour' + k * INTERVAL '6 days'
              AS at FROM generate_series(1, 2000) i, generate_series(1, 5) k) m
      ORDER BY m.at, m.i
      """;

  /** A table of the bank's, read in a subplan: once for each row of the statement unless hashed. */
  private static final Pattern BANK_TABLE = Pattern.compile("\\bon (mail_outbox|collection_case|collection_contact)\\b");

  @Autowired DataSource dataSource;

  @Test
  void noStatementReadsTheBanksMailsCasesOrContactsAgainForEachRow() throws SQLException, IOException {
    List<String> readsPerRow = new ArrayList<>();
    int notedCases;
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try (Statement sql = connection.createStatement()) {
        sql.execute("SET LOCAL session_replication_role = replica");
        sql.execute(MigrationScriptPlans.curedCases("WPLAN"));
        sql.execute(MAILS);
        sql.execute(MigrationScriptPlans.mailContacts("WPLAN"));
        for (String table : List.of("collection_case", "mail_outbox", "collection_contact")) {
          sql.execute("ANALYZE " + table);
        }
        readsPerRow.addAll(MigrationScriptPlans.runRefusingSubplans(sql, ReminderWithdrawalMigrationScenario.SCRIPT,
            subplan -> BANK_TABLE.matcher(subplan).find()));
        try (ResultSet noted = sql.executeQuery("SELECT COUNT(*) FROM collection_case WHERE case_id LIKE 'CCWPLAN%'"
            + " AND close_reason = '逾期欠款已结清; 尚未发出的逾期还款提醒已撤回 (1 封)'")) {
          noted.next();
          notedCases = noted.getInt(1);
        }
      } finally {
        connection.rollback();
        connection.setAutoCommit(true);
      }
    }
    assertThat(readsPerRow).as("statements that read the bank's tables once per row").isEmpty();
    assertThat(notedCases).as("cases whose close reason notes the withdrawn reminder").isEqualTo(2000);
  }
}
