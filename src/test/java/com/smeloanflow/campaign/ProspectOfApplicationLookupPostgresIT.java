package com.smeloanflow.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.support.AbstractPostgresIntegrationTest;
import com.smeloanflow.support.QueryPlans;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A loan account opened finds the prospect behind its application through an index, not by reading every prospect. */
class ProspectOfApplicationLookupPostgresIT extends AbstractPostgresIntegrationTest {

  @Autowired DataSource dataSource;

  @Test
  void theProspectOfAnApplicationComesFromTheIndexAmong20000() throws Exception {
    String plan = QueryPlans.planWithRows(dataSource, """
        INSERT INTO prospect (id, campaign_id, line_no, credit_code, enterprise_name, legal_rep_name, mobile, estimated_limit,
          suggested_product, source_model, source_date, division_code, branch_code, customer_manager, status, contacts,
          application_id, assigned_at, updated_at)
        SELECT 'P-BOOK-' || g, 'C-BOOK', g, lpad(g::text, 18, '9'), '企业' || g, '法人' || g, '13800000000', 500000,
          'ONLINE_CREDIT_QUICK', 'whitelist-model', current_date, '520000', 'ZY001', 'cm-1',
          CASE WHEN g % 5 = 0 THEN 'APPLIED' ELSE 'OPEN' END, 0, CASE WHEN g % 5 = 0 THEN 'SL-BOOK-' || g END, now(), now()
        FROM generate_series(1, 20000) g""", "prospect", CampaignRepository.PROSPECT_OF_APPLICATION, "a", "SL-BOOK-4200");

    assertThat(plan).contains("prospect_application_idx").doesNotContain("Seq Scan");
  }
}
