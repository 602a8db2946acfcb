package com.smeloanflow.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.support.AbstractPostgresIntegrationTest;
import com.smeloanflow.support.QueryPlans;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The dashboard's write-offs and recoveries per month (核销与核销后收回) read a range of their dates (V124), not every
 * claim the bank ever kept or every repayment it ever received (docs/performance.md, "Write-offs and recoveries in the
 * dashboard").
 */
class WriteOffsByDatePostgresIT extends AbstractPostgresIntegrationTest {

  @Autowired DataSource dataSource;

  @Test
  void aYearsRecoveriesComeFromTheIndexAmongThreeYearsOfRepayments() throws Exception {
    String plan = QueryPlans.planWithRows(dataSource, jdbc -> {
      jdbc.sql("""
          INSERT INTO loan_repayment (transaction_id, transaction_key, loan_id, amount, value_date, request_hash,
            prepaid_principal, schedule_recomputed, arrears_cleared, status, received_by, received_at, kind)
          SELECT 'TX-BOOK-' || g, 'TX-BOOK-' || g, 'LN-BOOK-' || (g % 2000), 8633.33, DATE '2024-01-01' + (g % 1095), 'h', 0, FALSE, FALSE,
            'POSTED', 'feed', now(), CASE WHEN g % 100 = 0 THEN 'RECOVERY' ELSE 'REPAYMENT' END
          FROM generate_series(1, 30000) g""").update();
      jdbc.sql("""
          INSERT INTO loan_recovery (transaction_id, loan_id, principal, interest, penalty)
          SELECT 'TX-BOOK-' || g, 'LN-BOOK-' || (g % 2000), 8633.33, 0, 0 FROM generate_series(100, 30000, 100) g""").update();
    }, "loan_repayment, loan_recovery", DashboardRepository.recoveriesStatement(Optional.empty()),
        Map.of("from", LocalDate.of(2026, 1, 1), "before", LocalDate.of(2027, 1, 1)));

    assertThat(plan).contains("loan_repayment_kind_value_date_idx").doesNotContain("Seq Scan on loan_repayment");
  }

  @Test
  void aMonthsWriteOffsComeFromTheIndexAmongThreeYearsOfClaims() throws Exception {
    String plan = QueryPlans.planWithRows(dataSource, jdbc -> jdbc.sql("""
            INSERT INTO written_off_claim (loan_id, written_off_on, principal, interest, penalty)
            SELECT 'LN-BOOK-' || g, DATE '2024-01-01' + (g % 1095), 100000.00, 3600.00, 500.00 FROM generate_series(1, 20000) g""")
        .update(), "written_off_claim", DashboardRepository.writeOffsStatement(Optional.empty()),
        Map.of("from", LocalDate.of(2026, 11, 1), "before", LocalDate.of(2026, 12, 1)));

    assertThat(plan).contains("written_off_claim_written_off_on_idx").doesNotContain("Seq Scan on written_off_claim");
  }
}
