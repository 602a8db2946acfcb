package com.smeloanflow.servicing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * V156 on a ledger that already holds one transaction id in two cases (on two loans, credited twice before the key):
 * the first stored keeps the key, the later one keeps its money and a key of its own, and from then on the key is
 * unique over all loans.
 */
class RepaymentTransactionKeyMigrationTest {

  @Test
  void theFirstOfAnIdStoredInTwoCasesKeepsTheKeyAndTheLaterOneAKeyOfItsOwn() {
    SimpleDriverDataSource database = new SimpleDriverDataSource(new org.h2.Driver(),
        "jdbc:h2:mem:repayment-transaction-key-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", "");
    JdbcClient jdbc = JdbcClient.create(database);
    Flyway.configure().dataSource(database).locations("classpath:db/migration").target("155").load().migrate();
    // the rows alone (their loans are beside the point): the loan accounts' foreign key is left out
    jdbc.sql("SET REFERENTIAL_INTEGRITY FALSE").update();
    for (String[] row : List.of(new String[] {"tx-001", "LN20270101000001"}, new String[] {"TX-001", "LN20270101000002"},
        new String[] {"TX-002", "LN20270101000001"})) {
      jdbc.sql("""
          INSERT INTO loan_repayment (transaction_id, loan_id, amount, value_date, request_hash, prepaid_principal,
            schedule_recomputed, arrears_cleared, status, received_by, received_at)
          VALUES (:id, :loanId, 1000.00, DATE '2027-01-07', 'hash', 0, FALSE, FALSE, 'POSTED', 'core-banking',
            TIMESTAMP WITH TIME ZONE '2027-01-07 09:00:00+08:00')
          """).param("id", row[0]).param("loanId", row[1]).update();
    }

    Flyway.configure().dataSource(database).locations("classpath:db/migration").load().migrate();

    List<String> keys = jdbc.sql("SELECT transaction_key FROM loan_repayment ORDER BY sequence_no").query(String.class).list();
    long later = jdbc.sql("SELECT sequence_no FROM loan_repayment WHERE transaction_id = 'TX-001'").query(Long.class).single();
    assertThat(keys).containsExactly("TX-001", "TX-001#" + later, "TX-002");
    assertThatThrownBy(() -> JdbcClient.create(database).sql("""
        INSERT INTO loan_repayment (transaction_id, transaction_key, loan_id, amount, value_date, request_hash,
          prepaid_principal, schedule_recomputed, arrears_cleared, status, received_by, received_at)
        VALUES ('Tx-002', 'TX-002', 'LN20270101000003', 1000.00, DATE '2027-01-07', 'hash', 0, FALSE, FALSE, 'POSTED',
          'core-banking', TIMESTAMP WITH TIME ZONE '2027-01-07 09:00:00+08:00')
        """).update()).as("one key over all loans").isInstanceOf(DuplicateKeyException.class);
  }
}
