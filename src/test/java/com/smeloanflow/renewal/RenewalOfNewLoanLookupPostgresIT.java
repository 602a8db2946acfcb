package com.smeloanflow.renewal;

import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.support.AbstractPostgresIntegrationTest;
import com.smeloanflow.support.QueryPlans;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The due-diligence review of a loan finds the renewal that opened it ({@link RenewalRepository#findByNewLoan}, for its
 * 审批人) through an index (V141), not by reading every renewal the bank ever evaluated.
 */
class RenewalOfNewLoanLookupPostgresIT extends AbstractPostgresIntegrationTest {

  @Autowired DataSource dataSource;

  @Test
  void theRenewalThatOpenedALoanComesFromTheIndexAmong20000Renewals() throws Exception {
    String plan = QueryPlans.planWithRows(dataSource, """
        INSERT INTO loan_renewal (loan_id, branch_code, credit_code, product, maturity_date, status, evaluated_on,
            classification, months_since_overdue, licence_status, score, grade, suggested_limit, red_flag, hard_red_flag,
            eligibility_code, eligibility_reason, renewal_amount, evaluated_at, new_loan_id)
        SELECT 'LN-BOOK-' || g, '0101', '91110000MA00000000', 'WORKING_CAPITAL', DATE '2026-01-01' + (g % 365),
            CASE WHEN g % 3 = 0 THEN 'RENEWED' ELSE 'NOT_ELIGIBLE' END, DATE '2025-12-01' + (g % 365), 'NORMAL', 999,
            'VALID', 80, 'A', 500000.00, FALSE, FALSE, 'ELIGIBLE', 'ok', 500000.00, now(),
            CASE WHEN g % 3 = 0 THEN 'LN-NEW-' || g END
        FROM generate_series(1, 20000) g""", "loan_renewal", RenewalRepository.RENEWAL_OF_NEW_LOAN, "newLoanId",
        "LN-NEW-4200");

    assertThat(plan).contains("loan_renewal_new_loan_idx").doesNotContain("Seq Scan on loan_renewal");
  }
}
