package com.smeloanflow.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.support.AbstractPostgresIntegrationTest;
import com.smeloanflow.support.QueryPlans;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The cluster figures count the envelopes of cancelled renewals still to be cancelled
 * ({@code smeloan_renewal_envelopes_to_cancel}) at every read, through the poller's index (V136), not by reading every
 * renewal the bank ever evaluated.
 */
class RenewalEnvelopesToCancelPostgresIT extends AbstractPostgresIntegrationTest {

  @Autowired DataSource dataSource;

  @Test
  void theEnvelopesToCancelAreCountedFromTheIndexAmong20000Renewals() throws Exception {
    String plan = QueryPlans.planWithRows(dataSource, """
        INSERT INTO loan_renewal (loan_id, branch_code, credit_code, product, maturity_date, status, evaluated_on,
            classification, months_since_overdue, licence_status, score, grade, suggested_limit, red_flag, hard_red_flag,
            eligibility_code, eligibility_reason, renewal_amount, evaluated_at, envelope_id, envelope_cancelled_at,
            envelope_cancel_attempts)
        SELECT 'LN-BOOK-' || g, '0101', '91110000MA00000000', 'WORKING_CAPITAL', DATE '2026-01-01' + (g % 365),
            CASE WHEN g % 500 = 0 THEN 'CANCELLED' WHEN g % 7 = 0 THEN 'NOT_ELIGIBLE' ELSE 'RENEWED' END,
            DATE '2025-12-01' + (g % 365), 'NORMAL', 999, 'VALID', 80, 'A', 500000.00, FALSE, FALSE, 'ELIGIBLE', 'ok',
            500000.00, now(), 'ENV-BOOK-' || g, CASE WHEN g % 1000 = 0 THEN now() END, g % 40
        FROM generate_series(1, 20000) g""", "loan_renewal", OperationsMetrics.RENEWAL_ENVELOPES_TO_CANCEL, "alertAfter", 30);

    assertThat(plan).contains("loan_renewal_envelope_to_cancel_idx").doesNotContain("Seq Scan on loan_renewal");
  }
}
