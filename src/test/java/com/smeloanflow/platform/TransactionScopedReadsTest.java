package com.smeloanflow.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

class TransactionScopedReadsTest {

  private final TransactionScopedReads<String, String> reads = new TransactionScopedReads<>("loan_application");
  private final List<String> statements = new ArrayList<>();
  private final Function<String, String> database = id -> {
    statements.add(id);
    return "row " + id + " (read " + statements.size() + ")";
  };

  private TransactionTemplate transaction;
  private TransactionTemplate newTransaction;

  @BeforeEach
  void transactionManager() {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:scoped-reads;DB_CLOSE_DELAY=-1");
    DataSourceTransactionManager manager = new DataSourceTransactionManager(dataSource);
    transaction = new TransactionTemplate(manager);
    newTransaction = new TransactionTemplate(manager);
    newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  @Test
  void outsideATransactionEveryReadGoesToTheDatabase() {
    reads.read("A1", database);
    reads.read("A1", database);

    assertThat(statements).containsExactly("A1", "A1");
  }

  @Test
  void withinATransactionARowIsReadOnce() {
    transaction.executeWithoutResult(status -> {
      String first = reads.read("A1", database);
      assertThat(reads.read("A1", database)).isSameAs(first);
      reads.read("A2", database);
    });

    assertThat(statements).containsExactly("A1", "A2");
  }

  @Test
  void aReadAfterAWriteGoesToTheDatabaseAgain() {
    transaction.executeWithoutResult(status -> {
      reads.read("A1", database);
      reads.forget("A1");
      assertThat(reads.read("A1", database)).isEqualTo("row A1 (read 2)");
    });

    assertThat(statements).containsExactly("A1", "A1");
  }

  @Test
  void theNextTransactionReadsAgainAfterACommitOrARollback() {
    transaction.executeWithoutResult(status -> reads.read("A1", database));
    assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
      reads.read("A1", database);
      throw new IllegalStateException("the job failed");
    })).hasMessage("the job failed");
    transaction.executeWithoutResult(status -> reads.read("A1", database));

    assertThat(statements).containsExactly("A1", "A1", "A1");
  }

  @Test
  void anInnerNewTransactionHasItsOwnRowsAndTheOuterKeepsItsOwn() {
    transaction.executeWithoutResult(status -> {
      String outer = reads.read("A1", database);
      newTransaction.executeWithoutResult(inner -> {
        assertThat(reads.read("A1", database)).isEqualTo("row A1 (read 2)");
        reads.forget("A1");
      });
      assertThat(reads.read("A1", database)).isSameAs(outer);
    });

    assertThat(statements).containsExactly("A1", "A1");
  }

  @Test
  void forgettingOutsideATransactionIsHarmless() {
    reads.forget("A1");

    assertThat(reads.read("A1", database)).isEqualTo("row A1 (read 1)");
  }
}
