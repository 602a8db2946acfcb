package com.smeloanflow.collections;

import com.smeloanflow.intake.IntakeService;
import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.servicing.TestLoans;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The rows a data migration of collections finds, written as earlier code left them: a loan disbursed on 2026-10-01 and
 * its collection cases, opened on 2026-11-02 and (unless open) closed on 2026-11-06. Shared by the migrations' scenarios
 * ({@link ReminderWithdrawalMigrationScenario}, {@link ContactMailBackfillScenario}).
 */
final class LegacyCollectionRows {

  private LegacyCollectionRows() {}

  /** A loan disbursed on 2026-10-01, through intake and servicing as the application makes one. */
  static String loan(BeanFactory beans) {
    return TestLoans.with(beans.getBean(IntakeService.class), beans.getBean(LoanAccountService.class))
        .disbursedOn(LocalDate.of(2026, 10, 1)).loanId();
  }

  /** A case {@code caseId} of the loan: closed with {@code status} and {@code reason}, or open ({@code closed} null). */
  static String collectionCase(BeanFactory beans, String caseId, String loanId, String status, Instant opened,
      Instant closed, String reason) {
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
