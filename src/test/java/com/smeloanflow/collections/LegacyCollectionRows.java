package com.smeloanflow.collections;

import com.smeloanflow.intake.IntakeService;
import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.servicing.TestLoans;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * The rows a data migration of collections finds, written as earlier code left them: a loan disbursed on 2026-10-01 and
 * its collection cases, opened on 2026-11-02 and (unless open) closed on 2026-11-06. Shared by the migrations' scenarios
 * ({@link ReminderWithdrawalMigrationScenario}, {@link ContactMailBackfillScenario}).
 */
final class LegacyCollectionRows {

  /** When the cases were opened (2026-11-02) and, unless open, closed (2026-11-06). */
  static final Instant OPENED = Instant.parse("2026-11-02T01:00:00Z");
  static final Instant CLOSED = Instant.parse("2026-11-06T09:30:00Z");

  private static final AtomicLong CASE_NUMBERS = new AtomicLong(System.nanoTime() % 1_000_000_000L);

  private LegacyCollectionRows() {}

  /** Runs a migration's script on the database as it is, as Flyway would on a database holding these rows. */
  static void migrate(BeanFactory beans, String script) {
    ResourceDatabasePopulator populator = new ResourceDatabasePopulator(new ClassPathResource(script));
    populator.setSqlScriptEncoding(StandardCharsets.UTF_8.name());
    populator.execute(beans.getBean(DataSource.class));
  }

  /**
   * A loan disbursed on 2026-10-01, through intake and servicing as the application makes one, in arrears since
   * 2026-11-02 as its cases say ({@link #collectionCase}: opened that day, 1 day past due), so that its overdue
   * reminders render as they did (a reminder of a loan with nothing overdue is not rendered).
   */
  static String loan(BeanFactory beans) {
    String loanId = TestLoans.with(beans.getBean(IntakeService.class), beans.getBean(LoanAccountService.class))
        .disbursedOn(LocalDate.of(2026, 10, 1)).loanId();
    beans.getBean(JdbcClient.class).sql("UPDATE loan_account SET overdue_since = :since, days_past_due = 1 WHERE loan_id = :loanId")
        .param("since", LocalDate.of(2026, 11, 2)).param("loanId", loanId).update();
    return loanId;
  }

  /**
   * A case of the loan, its id {@code caseIdPrefix} and a number no other test uses: closed with {@code status} and
   * {@code reason}, or open ({@code closed} null).
   */
  static String collectionCase(BeanFactory beans, String caseIdPrefix, String loanId, String status, Instant opened,
      Instant closed, String reason) {
    String caseId = caseIdPrefix + CASE_NUMBERS.incrementAndGet();
    beans.getBean(JdbcClient.class).sql("""
        INSERT INTO collection_case (case_id, loan_id, open_loan_id, branch_code, status, ladder_step, opened_on,
          opened_days_past_due, opened_at, closed_on, closed_at, close_reason)
        VALUES (:caseId, :loanId, :openLoanId, 'ZY001', :status, 1, :openedOn, 1, :openedAt, :closedOn, :closedAt, :reason)
        """)
        .param("caseId", caseId).param("loanId", loanId).param("openLoanId", closed == null ? loanId : null)
        .param("status", status).param("openedOn", LocalDate.of(2026, 11, 2)).param("openedAt", Timestamp.from(opened))
        .param("closedOn", closed == null ? null : LocalDate.of(2026, 11, 6))
        .param("closedAt", closed == null ? null : Timestamp.from(closed)).param("reason", closed == null ? null : reason)
        .update();
    return caseId;
  }
}
