package com.smeloanflow.disbursement;

import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.support.AbstractPostgresIntegrationTest;
import com.smeloanflow.support.QueryPlans;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A contract sent for signature finds an earlier envelope of it through an index, not by reading every envelope. */
class ESignatureEnvelopeLookupPostgresIT extends AbstractPostgresIntegrationTest {

  @Autowired DataSource dataSource;

  @Test
  void aContractsEnvelopeComesFromTheIndexAmong20000() throws Exception {
    String plan = QueryPlans.planWithRows(dataSource, """
        INSERT INTO sandbox_esign_envelope (envelope_id, contract_number, signer_name, signer_id_number, status, created_at)
        SELECT 'ENV-BOOK-' || g, 'LC-BOOK-' || g, '张明', '110101199001011234', 'SIGNED', now()
        FROM generate_series(1, 20000) g""", "sandbox_esign_envelope", SandboxESignature.ENVELOPE_OF_CONTRACT, "c", "LC-BOOK-4200");

    assertThat(plan).contains("sandbox_esign_envelope_contract_idx").doesNotContain("Seq Scan");
  }
}
