package com.smeloanflow.chaos;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * One kind of business case the load generator keeps flowing through the cluster while nodes die: it
 * starts cases at a constant rate, plays the outside world's part in them (the channel, the applicant,
 * core banking's feed, the operator of the daily close) and says at the end whether each case came out
 * as it must. Staff's part is given as {@link StaffTask}s, which the simulated staff work over the
 * engine REST API as Tasklist does.
 *
 * <p>Origination's cases are {@link LoanApplicationScenario}s (AUTO and SINGLE); servicing's are
 * {@link RepaymentScenario} (a repayment core banking reports) and {@link DailyCloseScenario} (a
 * business date the daily close closes).
 */
interface ChaosScenario {

  /** The scenario's name in the report, e.g. {@code AUTO}. */
  String name();

  /** How often a new case starts. */
  Duration interval();

  /** The load it puts on the cluster, for the report's setup, e.g. "a new application every 4.0 s". */
  String describeLoad();

  /**
   * Starts case number {@code sequence} as the outside world does, through the cluster: its id.
   *
   * @throws NothingToStartYet when the case cannot start yet (e.g. no loan to repay): the same
   *     sequence number is tried again at the next interval, and nothing counts as repeated
   */
  String start(ClusterClient cluster, int sequence);

  /**
   * The state of each of these cases as the harness reads it from the database (for an application
   * its case-file status), so the outside world knows whose turn it is.
   */
  Map<String, String> states(ChaosDatabase database, Collection<String> caseIds);

  /** Whether a case in this state has reached the end the scenario expects. */
  boolean finished(String state);

  /** The outside world's next step for a case in this state, if it is its turn (e.g. the applicant signs). */
  void advance(ClusterClient cluster, String caseId, String state);

  /** The tasks staff work for this scenario's cases (none: no person is involved). */
  default List<StaffTask> staffTasks() {
    return List.of();
  }

  /** What is wrong with the case at the end; empty when it came out as expected. */
  List<String> check(ChaosDatabase database, String caseId);

  /** The report's figure for the scenario's cases, e.g. {@code applications AUTO}. */
  String figure();

  /** The report's value for it, e.g. "430 submitted, 430 disbursed as expected". */
  String tally(int cases, long asExpected);

  /**
   * Checks over all the scenario's cases together (what no single case shows, e.g. the ledger of a
   * loan several repayments went to), adding the figures and any problem to the report.
   */
  default void checkTogether(ChaosDatabase database, List<String> caseIds, ChaosReport report) {}

  /**
   * A user task staff complete: who ({@code user}, a demo user of the task's candidate group), which
   * task ({@code taskDefinitionKey}) and what they enter in its form.
   */
  record StaffTask(String user, String taskDefinitionKey, Map<String, Object> form) {}

  /** The next case cannot start yet (what it works on does not exist yet); not a failure. */
  final class NothingToStartYet extends RuntimeException {
    NothingToStartYet(String why) {
      super(why, null, false, false);
    }
  }
}
