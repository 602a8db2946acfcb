package com.smeloanflow.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.Concurrently;
import com.smeloanflow.support.TestApplications;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The cluster figures are the same on every node, so one node reads them per refresh interval and the others
 * show what it stored ({@code cluster_figures}): a cluster of n nodes runs the figures' queries (the open tasks
 * per group alone 0.5–2.5 s of database time at 100,000 open tasks) about once per interval instead of n times.
 * Two {@link OperationsMetrics} with their own meter registries play two nodes on the test database; the
 * instants passed to {@link OperationsMetrics#refreshForCluster} stand for their schedules.
 */
class ClusterFiguresOncePerClusterTest extends AbstractIntegrationTest {

  private static final Duration INTERVAL = Duration.ofSeconds(30);
  private static final Duration TOTALS_INTERVAL = Duration.ofMinutes(5);
  private static final String AWAITING_ACCEPTANCE = "AWAITING_ACCEPTANCE";

  @Autowired BusinessClock clock;

  ClusterFiguresStore store;
  MeterRegistry metersOfA;
  MeterRegistry metersOfB;
  OperationsMetrics nodeA;
  OperationsMetrics nodeB;
  /**
   * A minute ago, so that every instant of a test is in the past and the figures' age is known; in whole
   * milliseconds, as the database keeps it (no rounding at an instant compared for equality).
   */
  Instant t0;

  @BeforeEach
  void twoNodesAndNoStoredFigures() {
    jdbc.sql("UPDATE cluster_figures SET figures_json = NULL, read_at = NULL, read_by = NULL, claimed_by = NULL, "
        + "claimed_until = NULL").update();
    store = new ClusterFiguresStore(jdbc);
    metersOfA = new SimpleMeterRegistry();
    metersOfB = new SimpleMeterRegistry();
    nodeA = node("node-a", metersOfA);
    nodeB = node("node-b", metersOfB);
    t0 = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
  }

  private OperationsMetrics node(String name, MeterRegistry meters) {
    return new OperationsMetrics(jdbc, clock, meters,
        new ClusterProperties(name, Duration.ofSeconds(25), INTERVAL, TOTALS_INTERVAL), store, new OpenTasksByGroup(jdbc),
        30);
  }

  private static double waitingAcceptance(MeterRegistry meters) {
    return meters.get("smeloan.applications").tag("status", AWAITING_ACCEPTANCE).gauge().value();
  }

  private static double age(MeterRegistry meters) {
    return meters.get("smeloan.cluster.figures.age").gauge().value();
  }

  @Test
  void oneNodeReadsTheFiguresForAnIntervalAndTheOtherShowsWhatItStored() {
    submit(TestApplications.mortgageAtBranchCounter());
    assertThat(nodeA.refreshForCluster(t0)).as("node A, the first with no figures stored, reads them").isTrue();
    double seenByA = waitingAcceptance(metersOfA);

    submit(TestApplications.mortgageAtBranchCounter());
    assertThat(nodeB.refreshForCluster(t0.plusSeconds(10))).as("node B, 10 s later").isFalse();
    assertThat(waitingAcceptance(metersOfB)).as("node B shows node A's figures, not the application since").isEqualTo(seenByA);
    assertThat(age(metersOfB)).as("their age: since node A read them").isBetween(59.0, 90.0);
    assertThat(store.latest().orElseThrow().readBy()).startsWith("node-a#");

    assertThat(nodeB.refreshForCluster(t0.plusSeconds(40))).as("node B, once node A's figures are 40 s old").isTrue();
    assertThat(waitingAcceptance(metersOfB)).isEqualTo(seenByA + 1);
    assertThat(nodeA.refreshForCluster(t0.plusSeconds(45))).as("node A, 5 s after node B read them").isFalse();
    assertThat(waitingAcceptance(metersOfA)).as("node A shows node B's figures").isEqualTo(seenByA + 1);
    assertThat(age(metersOfA)).isBetween(19.0, 50.0);
  }

  /**
   * The waiting work shows at every read; the totals that only grow (here: applications withdrawn) are counted once
   * per totals interval, by whichever node reads then, so an application that leaves the waiting statuses shows in
   * its final one up to that interval later.
   */
  @Test
  void theWaitingApplicationsAreCountedAtEveryReadTheFinalOnesOncePerTotalsInterval() {
    String leaving = submit(TestApplications.mortgageAtBranchCounter()).applicationId();
    assertThat(nodeA.refreshForCluster(t0)).isTrue();
    long waiting = nodeA.figures().applicationsByStatus().getOrDefault(AWAITING_ACCEPTANCE, 0L);
    long withdrawn = nodeA.figures().applicationsByStatus().getOrDefault("WITHDRAWN", 0L);

    jdbc.sql("UPDATE case_file SET status = 'WITHDRAWN' WHERE application_id = :id").param("id", leaving).update();
    submit(TestApplications.mortgageAtBranchCounter());
    assertThat(nodeB.refreshForCluster(t0.plusSeconds(40))).as("node B, 40 s later").isTrue();

    assertThat(nodeB.figures().applicationsByStatus()).as("one left the waiting, one came: counted now")
        .containsEntry(AWAITING_ACCEPTANCE, waiting);
    assertThat(nodeB.figures().applicationsByStatus().getOrDefault("WITHDRAWN", 0L)).as("the totals of node A's read")
        .isEqualTo(withdrawn);
    assertThat(nodeB.figures().totalsReadAt()).isEqualTo(t0);

    assertThat(nodeA.refreshForCluster(t0.plusSeconds(270))).as("nine tenths of the totals interval after them").isTrue();
    assertThat(nodeA.figures().applicationsByStatus()).containsEntry("WITHDRAWN", withdrawn + 1)
        .containsEntry(AWAITING_ACCEPTANCE, waiting);
    assertThat(nodeA.figures().totalsReadAt()).isEqualTo(t0.plusSeconds(270));
  }

  @Test
  void aNodeReadsAgainWhenTheStoredFiguresAreOlderThanNineTenthsOfTheInterval() {
    assertThat(nodeA.refreshForCluster(t0)).isTrue();
    assertThat(nodeA.refreshForCluster(t0.plusSeconds(26))).as("26 s: not yet").isFalse();
    assertThat(nodeA.refreshForCluster(t0.plusSeconds(27))).as("27 s, nine tenths of 30").isTrue();
  }

  @Test
  void nodesDueAtTheSameMomentReadTheFiguresOnce() throws InterruptedException {
    for (int round = 0; round < 10; round++) {
      Instant due = t0.plusSeconds(30L * (round + 1));
      List<Boolean> read = Collections.synchronizedList(new java.util.ArrayList<>());
      Concurrently.run(4, () -> read.add(node("node-" + Thread.currentThread().getId(), new SimpleMeterRegistry())
          .refreshForCluster(due)));
      assertThat(read).as("round " + round).containsOnlyOnce(true).hasSize(4);
    }
  }

  @Test
  void theClaimOfANodeThatDiedWhileReadingExpiresAfterOneInterval() {
    submit(TestApplications.mortgageAtBranchCounter());
    assertThat(nodeA.refreshForCluster(t0)).isTrue();
    assertThat(store.claim("node-c#dead", t0.plusSeconds(30), t0.plusSeconds(3), INTERVAL))
        .as("node C claims the next read at 30 s, then dies").isTrue();

    assertThat(nodeB.refreshForCluster(t0.plusSeconds(40))).as("node C's claim still runs").isFalse();
    assertThat(waitingAcceptance(metersOfB)).as("node B shows the last stored figures").isEqualTo(waitingAcceptance(metersOfA));
    assertThat(nodeB.refreshForCluster(t0.plusSeconds(60))).as("node C's claim has expired").isTrue();
    assertThat(store.latest().orElseThrow().readBy()).startsWith("node-b#");
  }

  /**
   * During a rolling upgrade a node of the release before stores figures without the renewal envelopes to cancel: a node
   * of this release shows them as 0 until it reads its own, and shows the rest of them.
   */
  @Test
  void figuresStoredByANodeOfTheReleaseBeforeShowNoEnvelopesToCancel() {
    submit(TestApplications.mortgageAtBranchCounter());
    assertThat(nodeA.refreshForCluster(t0)).isTrue();
    jdbc.sql("UPDATE cluster_figures SET figures_json = :json WHERE id = 1")
        .param("json", jdbc.sql("SELECT figures_json FROM cluster_figures WHERE id = 1").query(String.class).single()
            .replaceFirst("\"renewalEnvelopesToCancel\"\\s*:\\s*\\{[^}]*}\\s*,", ""))
        .update();
    assertThat(jdbc.sql("SELECT figures_json FROM cluster_figures WHERE id = 1").query(String.class).single())
        .doesNotContain("renewalEnvelopesToCancel");

    assertThat(nodeB.refreshForCluster(t0.plusSeconds(10))).isFalse();

    assertThat(waitingAcceptance(metersOfB)).isEqualTo(waitingAcceptance(metersOfA));
    assertThat(metersOfB.get("smeloan.renewal.envelopes.to.cancel").tag("state", "waiting").gauge().value()).isZero();
    assertThat(metersOfB.get("smeloan.renewal.envelopes.to.cancel").tag("state", "refused").gauge().value()).isZero();
  }

  @Test
  void anExplicitRefreshReadsAndStoresTheFiguresForTheOtherNodes() {
    nodeA.refresh();
    submit(TestApplications.mortgageAtBranchCounter());

    assertThat(nodeB.refreshForCluster(Instant.now())).as("node A's figures are fresh").isFalse();
    assertThat(waitingAcceptance(metersOfB)).isEqualTo(waitingAcceptance(metersOfA));
    assertThat(age(metersOfB)).isBetween(0.0, 30.0);
  }
}
