package com.smeloanflow.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The one-row lease by which one node per interval does a task for the cluster ({@link OneRowLease}), on H2: who may
 * run the task when, and what the row keeps. Node A and node B claim with a lease of 30 s and a staleness of 27 s
 * (nine tenths of the interval, as the stores' callers).
 */
class OneRowLeaseTest {

  private static final Duration LEASE = Duration.ofSeconds(30);
  private static final Instant T0 = Instant.parse("2026-12-07T08:00:00Z");

  private JdbcClient jdbc;
  private OneRowLease lease;

  @BeforeEach
  void aLeaseNeverClaimed() {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:one-row-lease-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    jdbc = JdbcClient.create(dataSource);
    jdbc.sql("""
        CREATE TABLE nightly_task (
            id            INTEGER NOT NULL PRIMARY KEY,
            result        VARCHAR(100),
            ran_at        TIMESTAMP WITH TIME ZONE,
            ran_by        VARCHAR(200),
            claimed_by    VARCHAR(200),
            claimed_until TIMESTAMP WITH TIME ZONE,
            CONSTRAINT nightly_task_one_row CHECK (id = 1))
        """).update();
    jdbc.sql("INSERT INTO nightly_task (id) VALUES (1)").update();
    lease = new OneRowLease(jdbc, new OneRowLease.Table("nightly_task", "ran_at", "ran_by"));
  }

  @Test
  void aClaimIsRefusedToOthersWhileItRunsAndGrantedAfterItsExpiry() {
    assertThat(claim("node-a", T0)).as("never run: node A claims").isTrue();
    assertThat(claim("node-b", T0.plusSeconds(10))).as("node A's claim runs").isFalse();
    assertThat(claim("node-b", T0.plusSeconds(30))).as("node A's claim has expired").isTrue();
    assertThat(claimedBy()).isEqualTo("node-b");
  }

  @Test
  void theClaimantItselfClaimsAgainWhileItsClaimRuns() {
    assertThat(claim("node-a", T0)).isTrue();
    assertThat(claim("node-a", T0.plusSeconds(10))).isTrue();
    assertThat(claim("node-b", T0.plusSeconds(35))).as("the renewed claim lasts from its renewal").isFalse();
  }

  @Test
  void aRunDoneWithinTheStalenessIsNotClaimedAgain() {
    assertThat(claim("node-a", T0)).isTrue();
    lease.done(T0, "node-a", Map.of("result", "first"));

    assertThat(claim("node-b", T0.plusSeconds(5))).as("done 5 s ago, claim ended").isFalse();
    assertThat(claim("node-b", T0.plusSeconds(27))).as("done 27 s ago").isTrue();
    assertThat(row()).containsEntry("RESULT", "first").containsEntry("RAN_BY", "node-a");
  }

  @Test
  void doneEndsOnlyTheClaimantsClaim() {
    assertThat(claim("node-a", T0)).isTrue();
    assertThat(claim("node-b", T0.plusSeconds(40))).as("node A's claim expired while it ran").isTrue();

    lease.done(T0, "node-a");

    assertThat(claimedBy()).as("node B's claim stays").isEqualTo("node-b");
    assertThat(claim("node-c", T0.plusSeconds(45))).as("node B's claim runs").isFalse();
    lease.done(T0.plusSeconds(40), "node-b");
    assertThat(claimedBy()).isNull();
    assertThat(row()).containsEntry("RAN_BY", "node-b");
  }

  @Test
  void aRunBegunBeforeTheStoredOneDoesNotOverwriteIt() {
    assertThat(claim("node-a", T0)).isTrue();
    assertThat(claim("node-b", T0.plusSeconds(40))).isTrue();
    lease.done(T0.plusSeconds(40), "node-b", Map.of("result", "newer"));

    lease.done(T0, "node-a", Map.of("result", "older"));

    assertThat(row()).containsEntry("RESULT", "newer").containsEntry("RAN_BY", "node-b");
  }

  @Test
  void aReleaseEndsOnlyTheClaimantsClaim() {
    assertThat(claim("node-a", T0)).isTrue();
    lease.release("node-b");
    assertThat(claim("node-b", T0.plusSeconds(1))).as("node B released no claim of its own").isFalse();

    lease.release("node-a");
    assertThat(claim("node-b", T0.plusSeconds(2))).as("node A gave its claim up").isTrue();
  }

  @Test
  void aTableOrColumnNameIsPlain() {
    assertThatThrownBy(() -> new OneRowLease.Table("nightly_task; DROP TABLE x", "ran_at", "ran_by"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> lease.done(T0, "node-a", Map.of("result = 'x', ran_by", "y")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private boolean claim(String claimant, Instant now) {
    return lease.claim(claimant, now, now.minus(LEASE.multipliedBy(9).dividedBy(10)), LEASE);
  }

  private String claimedBy() {
    return (String) row().get("CLAIMED_BY");
  }

  private Map<String, Object> row() {
    return jdbc.sql("SELECT result, ran_by, claimed_by FROM nightly_task WHERE id = 1").query().singleRow();
  }
}
