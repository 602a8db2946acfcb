package com.smeloanflow.servicing;

import com.smeloanflow.platform.BackgroundThreads;
import com.smeloanflow.platform.BusinessClock;
import java.lang.management.ManagementFactory;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The daily close (日终批处理) of the loan book: for each business date, in order, one pass of
 * set-based SQL over the active loans in chunks ({@link LedgerCloseStatements}), then a pass handing
 * the overdue loans to collections ({@link ArrearsListener}).
 *
 * <ul>
 *   <li><b>Once per day, restartable.</b> {@code daily_close_run} holds each date's step and the last
 *       loan of its last committed chunk; every chunk commits together with that progress, so a close
 *       that crashed resumes after the last chunk it finished, and a completed date is never closed
 *       again.</li>
 *   <li><b>One node at a time.</b> A lock row ({@code daily_close_lock}) is taken for the whole run
 *       with a lease renewed by every chunk; a second node (or a second run on the same node) is
 *       refused with {@link DailyCloseBusyException}. A crashed holder's lease runs out.</li>
 *   <li><b>Catches up.</b> {@link #closeThrough(LocalDate)} closes every date from the day after the
 *       last completed close up to the given one, in order.</li>
 *   <li><b>In order.</b> No date is closed while an earlier date's close is unfinished: both
 *       {@link #closeThrough(LocalDate)} and {@link #close(LocalDate)} first resume every earlier date whose
 *       close started and did not complete (a crashed close), so no date is left half closed behind a later
 *       one.</li>
 * </ul>
 *
 * <p>The work runs on a thread of its own, in transactions of its own: called from a process step
 * (the {@code daily-close} process), the engine calls collections makes per chunk must commit with
 * the chunk, not with the calling step.
 */
@Service
public class DailyCloseService implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(DailyCloseService.class);
  private static final String LOCK = "DAILY_CLOSE";
  /**
   * Overdue loans handed to collections per transaction: each opens a collection case or tells an open
   * case's process to review (a message correlation), so these chunks stay small whatever the ledger's
   * chunk size. Collections starts the new cases' processes after the close, not in these transactions.
   */
  private static final int HAND_OVER_CHUNK = 100;

  /** Something a test can make fail in a chunk, to crash the close half-way. */
  @FunctionalInterface
  interface ChunkObserver {
    void chunkDone(LocalDate businessDate, String step, String lastLoanId);
  }

  private final JdbcClient jdbc;
  private final TransactionTemplate ownTransaction;
  private final LedgerCloseStatements statements;
  private final List<ArrearsListener> listeners;
  private final BusinessClock clock;
  private final String node;
  private final int chunkSize;
  private final Duration lease;
  private final int maxCatchUpDays;
  private final ChunkObserver observer;
  private final ExecutorService worker;
  /** Whether a run has the node's one close thread: a second run on this node is refused, not queued behind it. */
  private final AtomicBoolean working = new AtomicBoolean();
  /** Later stages that hear of floor changes and settlements (monitoring); none unless Spring sets them. */
  private ObjectProvider<LoanLifecycleListener> lifecycle;

  @Autowired
  DailyCloseService(JdbcClient jdbc, PlatformTransactionManager transactionManager, BusinessClock clock,
      LedgerCloseStatements statements, List<ArrearsListener> listeners,
      @Value("${smeloan.daily-close.chunk-size:10000}") int chunkSize,
      @Value("${smeloan.daily-close.lease:PT10M}") Duration lease,
      @Value("${smeloan.daily-close.max-catch-up-days:400}") int maxCatchUpDays,
      @Value("${smeloan.daily-close.node-id:}") String nodeId) {
    this(jdbc, transactionManager, clock, statements, listeners, chunkSize, lease, maxCatchUpDays,
        nodeId.isBlank() ? ManagementFactory.getRuntimeMXBean().getName() : nodeId, (day, step, last) -> {});
  }

  /** A node of its own (tests: a second node, another chunk size, a chunk that fails), with the close's statements. */
  DailyCloseService(JdbcClient jdbc, PlatformTransactionManager transactionManager, BusinessClock clock,
      LedgerCloseStatements statements, List<ArrearsListener> listeners, int chunkSize, Duration lease,
      int maxCatchUpDays, String node, ChunkObserver observer) {
    this.jdbc = jdbc;
    this.ownTransaction = new TransactionTemplate(transactionManager);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.statements = statements;
    this.listeners = listeners;
    this.clock = clock;
    this.node = node;
    this.chunkSize = chunkSize;
    this.lease = lease;
    this.maxCatchUpDays = maxCatchUpDays;
    this.observer = observer;
    this.worker = Executors.newSingleThreadExecutor(BackgroundThreads.named("daily-close"));
  }

  @Autowired
  void lifecycleListeners(ObjectProvider<LoanLifecycleListener> listeners) {
    this.lifecycle = listeners;
  }

  /** The business date the scheduled close covers: yesterday in China Standard Time. */
  public LocalDate lastBusinessDate() {
    return clock.today().minusDays(1);
  }

  /**
   * Closes every business date not yet closed from the day after the last completed close up to
   * {@code through}, in order; when no close before it ever completed, from the first date whose close
   * was started and did not complete (a crashed first close is resumed, not skipped), else only
   * {@code through}. An unfinished close of a date before those (a crashed close of a date earlier than a
   * completed one) is resumed first.
   *
   * @return the runs of the dates, in order (a date completed before is listed as it is)
   * @throws DailyCloseBusyException when another run holds the lock
   * @throws DailyCloseCatchUpException when more than {@code smeloan.daily-close.max-catch-up-days}
   *     dates are missing: an operator decides (e.g. a wrong engine clock)
   */
  public List<DailyCloseRun> closeThrough(LocalDate through) {
    return onWorker(() -> {
      LocalDate from = latestCompletedBefore(through).map(d -> d.plusDays(1))
          .or(() -> earliestUnfinishedBefore(through)).orElse(through);
      List<LocalDate> unfinished = unfinishedBefore(from);
      checkCatchUp(unfinished.isEmpty() ? from : unfinished.get(0), through);
      return locked(holder -> {
        List<DailyCloseRun> runs = new ArrayList<>();
        for (LocalDate day : unfinished) {
          runs.add(closeDay(day, holder));
        }
        for (LocalDate day = from; !day.isAfter(through); day = day.plusDays(1)) {
          runs.add(closeDay(day, holder));
        }
        return runs;
      });
    });
  }

  /**
   * Closes exactly one business date, or resumes its crashed close; a completed date is answered as
   * it is, unchanged. Every earlier date whose close started and did not complete (a crashed close) is
   * resumed first, in order: a date is never closed while an earlier one is half closed. Dates never
   * started are not closed: a later close charges the days no close charged.
   *
   * @return the run of {@code businessDate}
   * @throws DailyCloseBusyException when another run holds the lock
   * @throws DailyCloseCatchUpException when the dates from the earliest unfinished one to {@code businessDate}, both
   *     counted, are more than {@code smeloan.daily-close.max-catch-up-days}
   */
  public DailyCloseRun close(LocalDate businessDate) {
    return onWorker(() -> {
      List<LocalDate> unfinished = unfinishedBefore(businessDate);
      if (!unfinished.isEmpty()) {
        checkCatchUp(unfinished.get(0), businessDate);
      }
      return locked(holder -> {
        for (LocalDate day : unfinished) {
          closeDay(day, holder);
        }
        return closeDay(businessDate, holder);
      });
    });
  }

  private void checkCatchUp(LocalDate from, LocalDate through) {
    long days = Duration.between(from.atStartOfDay(), through.atStartOfDay()).toDays() + 1;
    if (days > maxCatchUpDays) {
      throw new DailyCloseCatchUpException(from, through, days, maxCatchUpDays);
    }
  }

  public Optional<DailyCloseRun> run(LocalDate businessDate) {
    // what reversals of the date charged of penalty interest (LedgerRepository#chargePenaltyOnReversal), read with the run
    return jdbc.sql("SELECT r.*, (SELECT COALESCE(SUM(c.amount), 0) FROM reversal_penalty_charge c"
            + " WHERE c.business_date = r.business_date) AS penalty_charged_by_reversals FROM daily_close_run r"
            + " WHERE r.business_date = :day").param("day", businessDate)
        .query((rs, row) -> {
          Timestamp finished = rs.getTimestamp("finished_at");
          return new DailyCloseRun(rs.getObject("business_date", LocalDate.class), rs.getString("status"),
              rs.getString("step"), rs.getString("cursor_loan_id"), rs.getInt("chunks"), rs.getInt("loans_closed"),
              rs.getInt("overdue_loans"), rs.getBigDecimal("penalty_accrued"),
              rs.getBigDecimal("penalty_charged_by_reversals").setScale(2), rs.getInt("classifications"),
              rs.getInt("loans_settled"), rs.getInt("collection_loans"), rs.getInt("attempts"), rs.getString("node"),
              rs.getTimestamp("started_at").toInstant(), finished == null ? null : finished.toInstant());
        })
        .optional();
  }

  /**
   * Whether a close runs now on some node (it holds the lock and its lease has not run out): work that
   * follows the close (collections' process starts) waits for it instead of competing with it.
   */
  public boolean running() {
    return jdbc.sql("SELECT COUNT(*) FROM daily_close_lock WHERE name = :name AND holder IS NOT NULL AND locked_until > :now")
        .param("name", LOCK).param("now", Timestamp.from(Instant.now())).query(Integer.class).single() > 0;
  }

  /** The latest business date completed before {@code day}, if any. */
  public Optional<LocalDate> latestCompletedBefore(LocalDate day) {
    return jdbc.sql("SELECT MAX(business_date) FROM daily_close_run WHERE status = :completed AND business_date < :day")
        .param("completed", DailyCloseRun.COMPLETED).param("day", day)
        .query((rs, row) -> rs.getObject(1, LocalDate.class)).optional();
  }

  /** The business dates before {@code day} whose close started and did not complete, in order. */
  private List<LocalDate> unfinishedBefore(LocalDate day) {
    return jdbc.sql("SELECT business_date FROM daily_close_run WHERE status <> :completed AND business_date < :day"
            + " ORDER BY business_date")
        .param("completed", DailyCloseRun.COMPLETED).param("day", day)
        .query((rs, row) -> rs.getObject(1, LocalDate.class)).list();
  }

  /** The earliest business date before {@code day} whose close started and did not complete, if any. */
  private Optional<LocalDate> earliestUnfinishedBefore(LocalDate day) {
    return jdbc.sql("SELECT MIN(business_date) FROM daily_close_run WHERE status <> :completed AND business_date < :day")
        .param("completed", DailyCloseRun.COMPLETED).param("day", day)
        .query((rs, row) -> rs.getObject(1, LocalDate.class)).optional();
  }

  @Override
  public void destroy() {
    worker.shutdownNow();
  }

  // --- one business date -----------------------------------------------------------------------

  private DailyCloseRun closeDay(LocalDate day, String holder) {
    DailyCloseRun run = start(day);
    if (run.completed()) {
      return run;
    }
    if (DailyCloseRun.STEP_LEDGER.equals(run.step())) {
      closeLedger(day, run.cursorLoanId(), holder);
      ownTransaction.executeWithoutResult(status -> jdbc.sql(
              "UPDATE daily_close_run SET step = :step, cursor_loan_id = NULL WHERE business_date = :day")
          .param("step", DailyCloseRun.STEP_COLLECTIONS).param("day", day).update());
      run = run(day).orElseThrow();
    }
    if (DailyCloseRun.STEP_COLLECTIONS.equals(run.step())) {
      handOverdueLoans(day, run.cursorLoanId(), holder);
    }
    ownTransaction.executeWithoutResult(status -> jdbc.sql("""
            UPDATE daily_close_run SET status = :completed, step = :done, cursor_loan_id = NULL, finished_at = :at
            WHERE business_date = :day
            """)
        .param("completed", DailyCloseRun.COMPLETED).param("done", DailyCloseRun.STEP_DONE)
        .param("at", Timestamp.from(Instant.now())).param("day", day).update());
    DailyCloseRun done = run(day).orElseThrow();
    log.info("Daily close of {} completed on {}: {} loans in {} chunks, {} overdue, {} CNY penalty interest accrued "
            + "(and {} CNY charged by reversals of the date), {} classification changes, {} settled, {} handed to "
            + "collections (attempt {})", day, node, done.loansClosed(), done.chunks(), done.overdueLoans(),
        done.penaltyAccrued().toPlainString(), done.penaltyChargedByReversals().toPlainString(), done.classifications(),
        done.loansSettled(),
        done.collectionLoans(), done.attempts());
    return done;
  }

  /** The date's run: new, resumed after a crash (one more attempt), or completed. */
  private DailyCloseRun start(LocalDate day) {
    return ownTransaction.execute(status -> {
      Optional<DailyCloseRun> existing = run(day);
      if (existing.isEmpty()) {
        jdbc.sql("""
            INSERT INTO daily_close_run (business_date, status, step, cursor_loan_id, chunks, loans_closed, overdue_loans,
              penalty_accrued, classifications, loans_settled, collection_loans, attempts, node, started_at)
            VALUES (:day, :running, :ledger, NULL, 0, 0, 0, 0, 0, 0, 0, 1, :node, :at)
            """)
            .param("day", day).param("running", DailyCloseRun.RUNNING).param("ledger", DailyCloseRun.STEP_LEDGER)
            .param("node", node).param("at", Timestamp.from(Instant.now())).update();
        log.info("Daily close of {} started on {}", day, node);
      } else if (!existing.get().completed()) {
        jdbc.sql("UPDATE daily_close_run SET attempts = attempts + 1, node = :node WHERE business_date = :day")
            .param("node", node).param("day", day).update();
        log.warn("Daily close of {} resumed on {} in step {} after loan {} (attempt {})", day, node, existing.get().step(),
            existing.get().cursorLoanId(), existing.get().attempts() + 1);
      }
      return run(day).orElseThrow();
    });
  }

  private void closeLedger(LocalDate day, String cursor, String holder) {
    walk(day, DailyCloseRun.STEP_LEDGER, cursor, holder, after -> {
      Optional<LedgerCloseStatements.Range> chunk = statements.nextChunk(after, chunkSize);
      if (chunk.isEmpty()) {
        return null;
      }
      LedgerCloseStatements.ChunkResult result = statements.close(day, chunk.get().first(), chunk.get().last(), clock.now());
      jdbc.sql("""
          UPDATE daily_close_run SET loans_closed = loans_closed + :loans, overdue_loans = overdue_loans + :overdue,
            penalty_accrued = penalty_accrued + :penalty, classifications = classifications + :classifications,
            loans_settled = loans_settled + :settled
          WHERE business_date = :day
          """)
          .param("loans", result.loans()).param("overdue", result.overdue()).param("penalty", result.penalty())
          .param("classifications", result.classifications()).param("settled", result.settled().size()).param("day", day)
          .update();
      if (!result.settled().isEmpty()) {
        listeners.forEach(listener -> listener.settled(day, result.settled()));
      }
      if (lifecycle != null) {
        lifecycle.orderedStream().forEach(listener -> {
          if (!result.floorChanges().isEmpty()) {
            listener.floorChanged(day, result.floorChanges());
          }
          if (!result.settled().isEmpty()) {
            listener.settled(day, result.settled());
          }
        });
      }
      return chunk.get().last();
    });
  }

  private void handOverdueLoans(LocalDate day, String cursor, String holder) {
    walk(day, DailyCloseRun.STEP_COLLECTIONS, cursor, holder, after -> {
      List<ArrearsListener.OverdueLoan> overdue = statements.nextOverdue(day, after, Math.min(chunkSize, HAND_OVER_CHUNK));
      if (overdue.isEmpty()) {
        return null;
      }
      listeners.forEach(listener -> listener.overdue(day, overdue));
      jdbc.sql("UPDATE daily_close_run SET collection_loans = collection_loans + :loans WHERE business_date = :day")
          .param("loans", overdue.size()).param("day", day).update();
      return overdue.get(overdue.size() - 1).loanId();
    });
  }

  /**
   * What a step does with its next chunk after {@code cursor}, inside the chunk's transaction: the chunk's
   * last loan id, or null when the step is done.
   */
  @FunctionalInterface
  private interface ChunkWork {
    String runAfter(String cursor);
  }

  /**
   * Walks the step's chunks after {@code cursor}, each in a transaction of its own that also moves the
   * step's cursor: a crash loses at most the chunk in flight, and it is redone.
   */
  private void walk(LocalDate day, String step, String cursor, String holder, ChunkWork work) {
    String after = cursor;
    while (true) {
      String from = after;
      renew(holder);
      String last = ownTransaction.execute(status -> {
        String lastLoan = work.runAfter(from);
        if (lastLoan == null) {
          return null;
        }
        jdbc.sql("UPDATE daily_close_run SET cursor_loan_id = :cursor, chunks = chunks + 1 WHERE business_date = :day")
            .param("cursor", lastLoan).param("day", day).update();
        observer.chunkDone(day, step, lastLoan);
        return lastLoan;
      });
      if (last == null) {
        return;
      }
      after = last;
    }
  }

  // --- lock ------------------------------------------------------------------------------------

  private interface LockedWork<T> {
    T run(String holder);
  }

  /** Runs {@code work} holding the lock under a holder name unique to this run. */
  private <T> T locked(LockedWork<T> work) {
    String holder = node + "/" + UUID.randomUUID();
    Instant now = Instant.now();
    Integer acquired = ownTransaction.execute(status -> jdbc.sql("""
            UPDATE daily_close_lock SET holder = :holder, locked_until = :until
            WHERE name = :name AND (holder IS NULL OR locked_until < :now)
            """)
        .param("holder", holder).param("until", Timestamp.from(now.plus(lease))).param("name", LOCK)
        .param("now", Timestamp.from(now)).update());
    if (acquired == null || acquired == 0) {
      String current = jdbc.sql("SELECT holder FROM daily_close_lock WHERE name = :name").param("name", LOCK)
          .query(String.class).optional().orElse("another node");
      throw new DailyCloseBusyException(current);
    }
    try {
      return work.run(holder);
    } finally {
      ownTransaction.executeWithoutResult(status -> jdbc.sql(
              "UPDATE daily_close_lock SET holder = NULL, locked_until = NULL WHERE name = :name AND holder = :holder")
          .param("name", LOCK).param("holder", holder).update());
    }
  }

  /**
   * Extends the lease before each chunk, in a transaction of its own (a node asking for the lock is
   * answered at once, not after the chunk); a run that lost its lock stops before the next chunk.
   */
  private void renew(String holder) {
    Integer renewed = ownTransaction.execute(status -> jdbc.sql("UPDATE daily_close_lock SET locked_until = :until WHERE name = :name AND holder = :holder")
        .param("until", Timestamp.from(Instant.now().plus(lease))).param("name", LOCK).param("holder", holder).update());
    if (renewed == null || renewed == 0) {
      throw new IllegalStateException("The daily close lost its lock (lease " + lease + " ran out): stopping " + holder);
    }
  }

  // --- worker thread ---------------------------------------------------------------------------

  private interface Work<T> {
    T call();
  }

  /**
   * Runs {@code work} on the node's close thread and waits for it; while another run of this node has it, refused at once
   * with {@link DailyCloseBusyException} (as a run of another node is, by the lock), not queued behind it.
   */
  private <T> T onWorker(Work<T> work) {
    if (!working.compareAndSet(false, true)) {
      throw new DailyCloseBusyException(node);
    }
    Future<T> run;
    try {
      run = worker.submit(() -> {
        try {
          return work.call();
        } finally {
          working.set(false);
        }
      });
    } catch (RuntimeException e) {
      working.set(false);
      throw e;
    }
    return BackgroundThreads.resultOf(run, "the daily close");
  }
}
