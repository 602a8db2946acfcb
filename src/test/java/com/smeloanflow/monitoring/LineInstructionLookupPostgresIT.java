package com.smeloanflow.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.support.AbstractPostgresIntegrationTest;
import com.smeloanflow.support.QueryPlans;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A loan's monitoring page finds its credit line instructions through an index, not by reading every instruction. */
class LineInstructionLookupPostgresIT extends AbstractPostgresIntegrationTest {

  @Autowired DataSource dataSource;

  @Test
  void aLoansInstructionsComeFromTheIndexAmong20000() throws Exception {
    String plan = QueryPlans.planWithRows(dataSource, """
        INSERT INTO line_instruction (loan_id, check_id, measure, reason, issued_by, issued_at, status)
        SELECT 'LN-BOOK-' || (g % 10000), 'CHK-BOOK-' || g, 'FREEZE', '经营异常', 'cm-1', now(), 'ISSUED'
        FROM generate_series(1, 20000) g""", "line_instruction", CheckRepository.INSTRUCTIONS_OF_LOAN, "loanId", "LN-BOOK-42");

    assertThat(plan).contains("line_instruction_loan_idx").doesNotContain("Seq Scan");
  }
}
