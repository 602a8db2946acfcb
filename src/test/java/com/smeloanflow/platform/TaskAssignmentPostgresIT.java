package com.smeloanflow.platform;

import static com.smeloanflow.process.LoanOriginationProcess.Elements.TASK_ACCEPT_APPLICATION;
import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.support.AbstractPostgresIntegrationTest;
import com.smeloanflow.support.RowLockWaits;
import com.smeloanflow.support.TestApplications;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.task.DelegationState;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two claims of one task at the same moment on PostgreSQL run one after the other ({@code ListenerRefusalPlugin}: a
 * claim takes the task's row lock before it reads the task): the second waits for the first to commit, then reads the
 * task the first claimed. The same person's second claim (a double click on 认领) succeeds; a colleague's is refused
 * naming who holds it. Without the lock the second read the task unclaimed and failed when it wrote: the same person's
 * claim on the unique authorization of the claimant (a persistence error, logged at ERROR). A hand-on (改派, the engine's
 * set-assignee) and a delegation (委托) take the same lock: the same one twice at once leaves the task with its new
 * assignee.
 */
class TaskAssignmentPostgresIT extends AbstractPostgresIntegrationTest {

  private static final String ME = "zy001-acceptor";

  @Autowired PlatformTransactionManager transactions;

  private String acceptanceTask() {
    String applicationId = submit(TestApplications.mortgageAtBranchCounter()).applicationId();
    return taskService.createTaskQuery().processInstanceBusinessKey(applicationId).taskDefinitionKey(TASK_ACCEPT_APPLICATION)
        .singleResult().getId();
  }

  @Test
  void aClaimSentTwiceAtOnceWaitsForTheFirstAndHoldsTheTask() throws Exception {
    String task = acceptanceTask();

    Throwable second = claimWhileAnotherClaimIsUncommitted(task, ME, ME);

    assertThat(second).as("the second claim of a double click").isNull();
    assertThat(taskService.createTaskQuery().taskId(task).singleResult().getAssignee()).isEqualTo(ME);
  }

  @Test
  void aColleaguesClaimAtTheSameMomentWaitsForTheFirstAndIsToldWhoHoldsTheTask() throws Exception {
    String task = acceptanceTask();
    String colleague = secondAcceptorOfZy001();

    Throwable second = claimWhileAnotherClaimIsUncommitted(task, colleague, ME);

    assertThat(second).isInstanceOf(TaskAlreadyClaimedException.class)
        .hasMessage("待办“受理贷款申请”已由 受理员乙 (" + colleague + ") 领取, 不能再领取, 请刷新待办列表 (Task '" + task
            + "' is already claimed by " + colleague + ")");
    assertThat(taskService.createTaskQuery().taskId(task).singleResult().getAssignee()).isEqualTo(colleague);
  }

  @Test
  void aHandOnSentTwiceAtOnceWaitsForTheFirstAndLeavesTheTaskWithTheNewAssignee() throws Exception {
    String task = acceptanceTask();
    taskService.claim(task, secondAcceptorOfZy001());

    Throwable second = whileAnotherIsUncommitted(() -> taskService.setAssignee(task, ME), () -> taskService.setAssignee(task, ME));

    assertThat(second).as("the second hand-on of a double click on 改派").isNull();
    assertThat(taskService.createTaskQuery().taskId(task).singleResult().getAssignee()).isEqualTo(ME);
  }

  @Test
  void aDelegationSentTwiceAtOnceWaitsForTheFirstAndLeavesTheTaskWithTheDelegate() throws Exception {
    String task = acceptanceTask();
    String colleague = secondAcceptorOfZy001();
    taskService.claim(task, ME);

    Throwable second = whileAnotherIsUncommitted(() -> taskService.delegateTask(task, colleague),
        () -> taskService.delegateTask(task, colleague));

    assertThat(second).as("the second delegation of a double click on 委托").isNull();
    Task delegated = taskService.createTaskQuery().taskId(task).singleResult();
    assertThat(delegated.getAssignee()).isEqualTo(colleague);
    assertThat(delegated.getOwner()).as("the task comes back to whoever delegated it").isEqualTo(ME);
    assertThat(delegated.getDelegationState()).isEqualTo(DelegationState.PENDING);
  }

  /** {@code first} claims {@code task} and holds its transaction open while {@code second} claims it; what the second got. */
  private Throwable claimWhileAnotherClaimIsUncommitted(String task, String first, String second) throws Exception {
    return whileAnotherIsUncommitted(() -> taskService.claim(task, first), () -> taskService.claim(task, second));
  }

  /** Runs {@code first} and holds its transaction open while {@code second} runs; what the second failed with, if anything. */
  private Throwable whileAnotherIsUncommitted(Runnable first, Runnable second) throws Exception {
    TransactionTemplate transaction = new TransactionTemplate(transactions);
    CountDownLatch doneByFirst = new CountDownLatch(1);
    CountDownLatch commitFirst = new CountDownLatch(1);
    ExecutorService people = Executors.newFixedThreadPool(2);
    try {
      Future<?> firstDone = people.submit(() -> transaction.executeWithoutResult(status -> {
        first.run();
        doneByFirst.countDown();
        RowLockWaits.holdUntil(commitFirst);
      }));
      assertThat(doneByFirst.await(30, TimeUnit.SECONDS)).as("the first").isTrue();
      Future<Throwable> secondDone = people.submit(() -> {
        try {
          second.run();
          return null;
        } catch (RuntimeException refused) {
          return refused;
        }
      });
      RowLockWaits.awaitStatementWaitingForALock(jdbc, "query ILIKE '%ACT_RU_%'",
          "the second waiting for the first one's lock in the engine's tables");

      commitFirst.countDown();
      firstDone.get(30, TimeUnit.SECONDS);
      return secondDone.get(30, TimeUnit.SECONDS);
    } finally {
      commitFirst.countDown();
      people.shutdownNow();
    }
  }
}
