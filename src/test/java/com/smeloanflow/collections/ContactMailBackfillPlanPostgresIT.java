package com.smeloanflow.collections;

import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.support.AbstractPostgresIntegrationTest;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * V132 on PostgreSQL with a book of cases, reminders and mail contacts: each statement numbers the bank's mail
 * contacts and reminders once. Its first text asked for the pairing in a subquery per contact, which PostgreSQL ran
 * again for every contact over all the mail contacts and reminders of the bank (a window in a correlated subplan): at
 * 150,000 mail contacts that is hours before a node serves (docs/performance.md, "The migrations since V117 at book
 * scale"). The script's statements run in order in one transaction, each data statement's plan read before it runs;
 * the rows (2,000 cured cases, 6,000 reminders among 10,000 mails, 6,000 mail contacts, the foreign-key triggers off)
 * are rolled back with it.
 */
class ContactMailBackfillPlanPostgresIT extends AbstractPostgresIntegrationTest {

  private static final String MAILS = """
      INSERT INTO mail_outbox (case_type, case_id, template, recipient, subject, body, status, attempts, next_attempt_at,
          created_at, sent_at)
      SELECT 'LOAN', 'LNPLAN' || i, CASE WHEN k <= 3 THEN 'OVERDUE_REMINDER' ELSE 'REPAYMENT_ON_TIME' END,
          'borrower@example.com', '逾期还款提醒', '您的贷款已逾期', 'SENT', 1, at, at, at
      FROM (SELECT i, k, TIMESTAMP WITH TIME ZONE '2026-01-01 01:00:00+00' + i * INTERVAL '1 hour' + k * INTERVAL '6 days'
              AS at FROM generate_series(1, 2000) i, generate_series(1, 5) k) m
      ORDER BY at
      """;

  @Autowired DataSource dataSource;

  @Test
  void theBackfillNumbersTheMailContactsAndRemindersOnceNotOncePerContact() throws SQLException, IOException {
    List<String> windowsPerRow = new ArrayList<>();
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try (Statement sql = connection.createStatement()) {
        sql.execute("SET LOCAL session_replication_role = replica");
        sql.execute(MigrationScriptPlans.curedCases("PLAN"));
        sql.execute(MAILS);
        sql.execute(MigrationScriptPlans.mailContacts("PLAN"));
        for (String table : List.of("collection_case", "mail_outbox", "collection_contact")) {
          sql.execute("ANALYZE " + table);
        }
        windowsPerRow.addAll(MigrationScriptPlans.runRefusingSubplans(sql, ContactMailBackfillScenario.SCRIPT,
            subplan -> subplan.contains("WindowAgg")));
      } finally {
        connection.rollback();
        connection.setAutoCommit(true);
      }
    }
    assertThat(windowsPerRow).as("statements that number the contacts or reminders once per row").isEmpty();
  }
}
