package com.smeloanflow.collections;

import com.smeloanflow.collections.CollectionRepository.PendingStart;
import com.smeloanflow.platform.NotFoundException;
import com.smeloanflow.platform.StateConflictException;
import com.smeloanflow.process.CollectionProcess;
import com.smeloanflow.process.ProcessVariable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starts the collection processes of the cases the daily close opened. The close only writes the case rows
 * (its transaction stays the ledger's); the processes are started after it, by a poller on every node
 * ({@link CollectionProcessStartSchedule}), so the close does not wait for them.
 *
 * <ul>
 *   <li><b>Exactly once.</b> A start runs in the transaction that locks the case row and links it to the new
 *       instance ({@code process_instance_id}, set only while empty); a crash rolls both back and the case is
 *       started again later. Two nodes never take the same case: rows another node holds are skipped.</li>
 *   <li><b>Retried.</b> A batch that fails is redone one case per transaction; a case whose start fails is
 *       tried again after {@code retry-delay}, at most {@code max-attempts} times; then it is left, with its
 *       error on the row and in the log, for an operator, who has it tried again over
 *       {@code /api/admin/collection-process-starts} once the cause is fixed.</li>
 *   <li><b>A cure before the start</b> ({@code cure_transaction_id} noted by a repayment while the case had no
 *       process) is told to the new process at once: it closes the case as cured, as it would have had it
 *       been running.</li>
 * </ul>
 */
@Service
public class CollectionProcessStarts {

  private static final Logger log = LoggerFactory.getLogger(CollectionProcessStarts.class);

  private final CollectionRepository cases;
  private final RuntimeService runtime;
  private final TransactionTemplate ownTransaction;
  private final int batchSize;
  private final int maxAttempts;
  private final Duration retryDelay;

  public CollectionProcessStarts(CollectionRepository cases, RuntimeService runtime,
      PlatformTransactionManager transactionManager,
      @Value("${smeloan.collections.process-start.batch-size:50}") int batchSize,
      @Value("${smeloan.collections.process-start.max-attempts:3}") int maxAttempts,
      @Value("${smeloan.collections.process-start.retry-delay:PT1M}") Duration retryDelay) {
    this.cases = cases;
    this.runtime = runtime;
    this.ownTransaction = new TransactionTemplate(transactionManager);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.batchSize = batchSize;
    this.maxAttempts = maxAttempts;
    this.retryDelay = retryDelay;
  }

  /**
   * Starts the process of every case whose start is due, {@code batch-size} per transaction, until none is
   * left.
   *
   * @return how many processes were started
   */
  public int startDue() {
    int started = 0;
    while (true) {
      List<String> batch = new ArrayList<>();
      int taken;
      try {
        taken = ownTransaction.execute(status -> {
          List<PendingStart> due = cases.lockDueStarts(Instant.now(), maxAttempts, batchSize);
          due.forEach(start -> batch.add(start.caseId()));
          due.forEach(this::start);
          return due.size();
        });
        started += taken;
      } catch (RuntimeException e) {
        if (batch.isEmpty()) {
          throw e;
        }
        log.warn("Starting {} collection processes together failed ({}); starting them one by one", batch.size(),
            e.toString());
        for (String caseId : batch) {
          started += startAlone(caseId);
        }
        taken = batch.size();
      }
      if (taken < batchSize) {
        return started;
      }
    }
  }

  /**
   * Starts the case's process in the caller's transaction (a case opened outside the daily close, e.g. on
   * post-loan monitoring's referral, whose caller waits for it).
   */
  public void startNow(String caseId) {
    start(cases.lockPendingStart(caseId)
        .orElseThrow(() -> new IllegalStateException("Collection case " + caseId + " has no process start pending")));
  }

  /** The starts that failed {@code max-attempts} times and wait for an operator, oldest case first (at most {@code limit}). */
  public List<CollectionRepository.ProcessStart> givenUp(int limit) {
    return cases.givenUpStarts(maxAttempts, limit);
  }

  /**
   * An operator, once the cause is fixed, has a given-up start tried again: due at once, with a fresh count of
   * attempts; the next poll (on any node) starts it.
   *
   * @throws NotFoundException no such case, or it has its process already
   * @throws StateConflictException its start has not been given up (it is still being retried)
   */
  public CollectionRepository.ProcessStart requeue(String caseId, String operator) {
    CollectionRepository.ProcessStart start = cases.processStartOf(caseId)
        .orElseThrow(() -> new NotFoundException("催收案件不存在或其流程已发起",
            "催收案件 " + caseId + " 不存在或其流程已发起, 没有待发起的催收流程",
            "no collection case " + caseId + " whose process is still to be started"));
    if (!cases.requeueGivenUpStart(caseId, maxAttempts, Instant.now())) {
      throw new StateConflictException("催收案件 " + caseId + " 的流程发起仍在自动重试 (已失败 " + start.attempts()
          + " 次, 最多 " + maxAttempts + " 次), 只有已放弃的发起可以重新排队 (collection case " + caseId
          + ": its process start has failed " + start.attempts() + " of " + maxAttempts
          + " times and is still retried; only a start that was given up can be re-queued)");
    }
    log.info("Collection case {} (loan {}): process start re-queued by {} after {} failed attempts (last error: {})",
        caseId, start.loanId(), operator, start.attempts(), start.lastError());
    return cases.processStartOf(caseId).orElseThrow();
  }

  private int startAlone(String caseId) {
    try {
      return ownTransaction.execute(status -> cases.lockPendingStart(caseId).map(pending -> {
        start(pending);
        return 1;
      }).orElse(0));
    } catch (RuntimeException e) {
      int attempts = ownTransaction.execute(status -> cases.startFailed(caseId, e.toString(), Instant.now().plus(retryDelay)));
      if (attempts >= maxAttempts) {
        log.error("Collection case {}: its collection process could not be started ({} attempts); it is no longer "
            + "retried: once the cause is fixed, an operator re-queues it (POST /api/admin/collection-process-starts/{}/retry)",
            caseId, attempts, caseId, e);
      } else {
        log.warn("Collection case {}: starting its collection process failed (attempt {} of {}), retried in {}: {}",
            caseId, attempts, maxAttempts, retryDelay, e.toString());
      }
      return 0;
    }
  }

  private void start(PendingStart pending) {
    ProcessInstance instance = ProcessVariable.trusted(() -> runtime
        .createMessageCorrelation(CollectionProcess.Messages.LOAN_OVERDUE)
        .processInstanceBusinessKey(pending.loanId())
        .setVariable(CollectionProcess.Variables.BRANCH_CODE.name(), pending.branchCode())
        .correlateStartMessage());
    if (!cases.linkProcess(pending.caseId(), instance.getId())) {
      throw new IllegalStateException("Collection case " + pending.caseId() + " already has its process");
    }
    if (pending.cureTransactionId() != null) {
      runtime.createMessageCorrelation(CollectionProcess.Messages.ARREARS_CLEARED)
          .processInstanceId(instance.getId()).correlateAllWithResult();
    }
    log.debug("Loan {}: collection process {} started for case {}", pending.loanId(), instance.getId(), pending.caseId());
  }
}
