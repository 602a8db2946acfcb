package com.smeloanflow.chaos;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * One kind of business case the load generator keeps flowing through the cluster while nodes die: it
 * starts cases at a constant rate, plays the outside world's part in them (the channel, the applicant,
 * core banking's feed) and says at the end whether each case came out as it must. Staff's part is
 * given as {@link StaffTask}s, which the simulated staff work over the engine REST API as Tasklist does.
 *
 * <p>Origination's cases are {@link LoanApplicationScenario}s (AUTO and SINGLE). Servicing (issue 9)
 * plugs in the same way: a repayment scenario starts a repayment through the core-banking feed and
 * checks the loan account and its postings; the daily close is a scenario whose case is a business day.
 */
interface ChaosScenario {

  /** The scenario's name in the report, e.g. {@code AUTO}. */
  String name();

  /** How often a new case starts. */
  Duration interval();

  /** Starts case number {@code sequence} as the outside world does, through the cluster: its id. */
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

  /** The tasks staff work for this scenario's cases. */
  List<StaffTask> staffTasks();

  /** What is wrong with the case at the end; empty when it came out as expected. */
  List<String> check(ChaosDatabase database, String caseId);

  /**
   * A user task staff complete: who ({@code user}, a demo user of the task's candidate group), which
   * task ({@code taskDefinitionKey}) and what they enter in its form.
   */
  record StaffTask(String user, String taskDefinitionKey, Map<String, Object> form) {}
}
