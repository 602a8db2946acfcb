package com.smeloanflow.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.platform.StateConflictException;
import com.smeloanflow.support.AbstractPostgresIntegrationTest;
import com.smeloanflow.support.RowLockWaits;
import com.smeloanflow.support.TestApplications;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One loan-origination instance per application holds across nodes (README, "Running a cluster"):
 * two nodes that start an instance for the same application at the same moment each bind it to the
 * case file ({@code casefile.CaseFiles#bindProcess}, a conditional UPDATE). On PostgreSQL at READ
 * COMMITTED the second UPDATE waits for the first node's row lock and, once that commits, finds the
 * application bound: the second start is refused and rolls back with its instance.
 */
class OneInstancePerApplicationPostgresIT extends AbstractPostgresIntegrationTest {

  @Autowired PlatformTransactionManager transactions;

  @Test
  void secondNodeStartingTheSameApplicationAtTheSameMomentIsRefused() throws Exception {
    String applicationId = submit(TestApplications.mortgageAtBranchCounter()).applicationId();
    // As the application stands between its registration and its first instance.
    jdbc.sql("UPDATE case_file SET process_instance_id = NULL WHERE application_id = :id").param("id", applicationId).update();
    TransactionTemplate nodeTransaction = new TransactionTemplate(transactions);
    CountDownLatch boundByA = new CountDownLatch(1);
    CountDownLatch commitA = new CountDownLatch(1);
    ExecutorService nodes = Executors.newFixedThreadPool(2);
    try {
      Future<?> nodeA = nodes.submit(() -> nodeTransaction.executeWithoutResult(status -> {
        caseFiles.bindProcess(applicationId, "instance-of-node-a");
        boundByA.countDown();
        RowLockWaits.holdUntil(commitA);
      }));
      assertThat(boundByA.await(30, TimeUnit.SECONDS)).as("node A bound the application").isTrue();
      Future<Throwable> nodeB = nodes.submit(() -> {
        try {
          nodeTransaction.executeWithoutResult(status -> caseFiles.bindProcess(applicationId, "instance-of-node-b"));
          return null;
        } catch (RuntimeException refused) {
          return refused;
        }
      });
      RowLockWaits.awaitStatementWaitingForALock(jdbc, "query ILIKE '%UPDATE case_file SET process_instance_id%'",
          "node B's UPDATE of the case file waiting for node A's row lock");

      commitA.countDown();
      nodeA.get(30, TimeUnit.SECONDS);

      assertThat(nodeB.get(30, TimeUnit.SECONDS)).as("node B's start").isInstanceOf(StateConflictException.class);
      assertThat(caseFiles.processInstanceId(applicationId)).contains("instance-of-node-a");
    } finally {
      commitA.countDown();
      nodes.shutdownNow();
    }
  }
}
