package com.smeloanflow.operations;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * The cluster-wide figures at one moment, read from the database by {@link OperationsMetrics}: the same
 * on every node (a dashboard takes the maximum over the nodes, not the sum).
 *
 * @param applicationsByStatus case files by the status a channel shows ({@code case_file})
 * @param applicationsByRoute applications by the approval route processing decided ({@code processing_outcome})
 * @param disbursements postings that paid a loan out ({@code disbursement_posting}) and their amount in CNY
 * @param mailsByStatus applicant mails in the outbox by status: PENDING, SENT, FAILED, WITHDRAWN ({@code mail_outbox})
 * @param jobsByState the engine's jobs: {@code due} (waiting for a thread), {@code locked} (acquired by a
 *     node), {@code lock_expired} (held by a node that died, until another takes them), {@code failed}
 *     (no retries left: an incident)
 * @param openIncidents open incidents by type and activity ({@code type|activity})
 * @param openTasksByGroup open user tasks offered to each candidate group, claimed or not
 * @param unclaimedTasksByGroup of those, the ones nobody has claimed
 * @param pendingDrawdownRequests credit line drawdown requests core banking has not answered yet
 *     ({@code credit_line_drawdown_request} PENDING): their amounts are reserved until the channel's retry or the
 *     reconciliation settles them; one that stays is a core banking outage or a reconciliation that cannot run
 * @param renewalEnvelopesToCancel the unsigned contracts' envelopes of renewals an operator cancelled or a call-in
 *     ended that the e-signature service has not cancelled yet ({@code loan_renewal} CANCELLED or CALLED_IN, V136):
 *     {@code waiting} all of them, {@code refused} those among them the service has refused
 *     {@code alert-after-attempts} times or more (V137); the borrower may still be shown them to sign. Empty in figures a node of an earlier release stored.
 * @param undeliveredAppliedNotices the campaign's conversions not yet told to their prospect's process
 *     ({@code prospect_applied_notice} not delivered, V155): the poller sends them again at every poll; one that stays is a
 *     prospect's process that cannot hear it (suspended, or not waiting), its manager's contact task still open. 0 in
 *     figures a node of an earlier release stored
 * @param oldestUndeliveredAppliedNoticeAt when the oldest of them was recorded (its application registered); null when
 *     there is none
 * @param totalsReadAt when the totals that only grow (applications in a final status, routes, postings and their
 *     amount, sent mails) were counted; they are counted again once per {@code smeloan.cluster.totals-refresh-interval},
 *     the rest at every read (null: never counted)
 */
record ClusterFigures(
    Map<String, Long> applicationsByStatus,
    Map<String, Long> applicationsByRoute,
    long disbursements,
    BigDecimal disbursedAmount,
    Map<String, Long> mailsByStatus,
    Map<String, Long> jobsByState,
    Map<String, Long> openIncidents,
    Map<String, Long> openTasksByGroup,
    Map<String, Long> unclaimedTasksByGroup,
    long pendingDrawdownRequests,
    Map<String, Long> renewalEnvelopesToCancel,
    long undeliveredAppliedNotices,
    Instant oldestUndeliveredAppliedNoticeAt,
    Instant totalsReadAt) {

  static final ClusterFigures NONE = new ClusterFigures(Map.of(), Map.of(), 0, BigDecimal.ZERO, Map.of(), Map.of(), Map.of(),
      Map.of(), Map.of(), 0, Map.of(), 0, null, null);

  ClusterFigures {
    if (renewalEnvelopesToCancel == null) {
      renewalEnvelopesToCancel = Map.of(); // stored by a node of an earlier release, which did not count them
    }
  }

  static final String INCIDENT_KEY_SEPARATOR = "|";
}
