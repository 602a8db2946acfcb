package com.smeloanflow.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.support.AbstractIntegrationTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The cluster figures' job counts ({@code smeloan_jobs{state=…}}) tell the states apart among a book's timers, each
 * counted where an index can answer it ({@link OperationsMetrics#JOB_COUNTS}): due, locked by a live node, locked by a
 * node whose lock expired (also due), failed (also one whose due date an operator moved ahead). Timers due later and
 * suspended jobs count in none. The rows are written as the engine writes jobs and belong to no process instance.
 */
class JobCountsTest extends AbstractIntegrationTest {

  private static final String PREFIX = "job-counts-";

  @Autowired OperationsMetrics metrics;
  @Autowired BusinessClock clock;

  @AfterEach
  void removeTheRows() {
    jdbc.sql("DELETE FROM ACT_RU_JOB WHERE ID_ LIKE '" + PREFIX + "%'").update();
  }

  @Test
  void eachJobCountsInItsStatesOnlyAndABooksTimersInNone() {
    Instant now = clock.now();
    Map<String, Long> before = counts();

    job("due", now.minus(Duration.ofHours(1)), 3, null, null, 1);
    job("due-without-date", null, 3, null, null, 1);
    job("locked", now.minus(Duration.ofMinutes(1)), 3, "node-a#1", now.plus(Duration.ofMinutes(5)), 1);
    job("lock-expired", now.minus(Duration.ofHours(1)), 3, "node-b#2", now.minus(Duration.ofMinutes(1)), 1);
    job("failed", now.minus(Duration.ofHours(1)), 0, null, null, 1);
    job("failed-moved-ahead", now.plus(Duration.ofDays(1)), 0, null, null, 1);
    for (int loan = 0; loan < 50; loan++) {
      job("book-timer-" + loan, now.plus(Duration.ofDays(1 + loan % 30)), 3, null, null, 1);
    }
    job("suspended", now.minus(Duration.ofHours(1)), 3, null, null, 2);

    assertThat(difference(before, counts())).containsExactlyInAnyOrderEntriesOf(
        Map.of("due", 3L, "locked", 1L, "lock_expired", 1L, "failed", 2L));
  }

  private Map<String, Long> counts() {
    metrics.refresh();
    return metrics.figures().jobsByState();
  }

  private static Map<String, Long> difference(Map<String, Long> before, Map<String, Long> after) {
    Map<String, Long> difference = new HashMap<>();
    after.forEach((state, count) -> difference.put(state, count - before.getOrDefault(state, 0L)));
    return difference;
  }

  private void job(String id, Instant dueDate, int retries, String lockOwner, Instant lockExpires, int suspensionState) {
    jdbc.sql("""
        INSERT INTO ACT_RU_JOB (ID_, REV_, TYPE_, LOCK_EXP_TIME_, LOCK_OWNER_, EXCLUSIVE_, PROCESS_DEF_KEY_, RETRIES_,
          DUEDATE_, HANDLER_TYPE_, HANDLER_CFG_, SUSPENSION_STATE_, PRIORITY_, SEQUENCE_COUNTER_, CREATE_TIME_)
        VALUES (:id, 1, 'timer', :lockExpires, :lockOwner, TRUE, 'post-loan-monitoring', :retries,
          :dueDate, 'timer-intermediate-transition', 'TimerEvent_PeriodicCheckDue', :suspensionState, 0, 1, :created)""")
        .param("id", PREFIX + id).param("lockExpires", timestamp(lockExpires)).param("lockOwner", lockOwner)
        .param("retries", retries).param("dueDate", timestamp(dueDate)).param("suspensionState", suspensionState)
        .param("created", timestamp(clock.now())).update();
  }

  private static Timestamp timestamp(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }
}
