package com.smeloanflow.monitoring;

import com.smeloanflow.servicing.Classification;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What {@code GET /api/loans/{loanId}/monitoring} answers: the rhythm, the classification with every
 * change (who, why, inputs), the signals with their evidence, the checks, the reclassifications and
 * the line instructions, and the open tasks. Dates ISO, money CNY with 2 decimals. Once monitoring ended no check is due:
 * {@code rhythm} and {@code nextCheckDue} are null and {@code rhythmLabel} says so (监控已结束, 不再定期检查), the checks
 * done and {@code lastCheckOn} stay; {@code watchListed} is the classification's as monitoring ended left it. Its closure
 * (SETTLED, WRITTEN_OFF, or CANCELLED when an operator deleted or cancelled its instance), the business date, why in
 * Chinese ({@code closureLabel}), and for CANCELLED who did it and the delete reason, as far as the engine knew them.
 * {@code loanStatus} is the ledger's (ACTIVE, SETTLED, WRITTEN_OFF): a monitoring an operator cancelled keeps its closure
 * when the loan is settled or written off later, and its closureLabel then says so (其后贷款已结清).
 */
public record MonitoringView(
    String loanId,
    String branchCode,
    String status,
    String statusLabel,
    String loanStatus,
    Classification classification,
    String classificationLabel,
    boolean watchListed,
    String rhythm,
    String rhythmLabel,
    LocalDate nextCheckDue,
    LocalDate lastCheckOn,
    Instant lastRequeryAt,
    LocalDate startedOn,
    String closure,
    LocalDate closedOn,
    String closureLabel,
    String cancelledBy,
    Instant cancelledAt,
    String cancelReason,
    List<String> openTasks,
    List<SignalView> signals,
    List<CheckView> checks,
    List<ChangeView> classificationHistory,
    List<ProposalView> reclassifications,
    List<LineInstruction> lineInstructions) {

  /**
   * A signal as staff read it; {@code rechecks}: each check of it that was cancelled with its instance and the new check
   * that took it over, oldest first ({@link SignalRecheck}).
   */
  public record SignalView(String signalId, SignalType type, String typeLabel, String origin, String reportedBy, String eventId,
      LocalDate observedOn, String summary, SignalEvidence evidence, String evidenceText, SignalSeverity severity,
      String severityLabel, String severityReason, String status, String duplicateOf, String checkId, Instant raisedAt,
      List<SignalRecheck> rechecks) {

    static SignalView of(WarningSignal s, List<SignalRecheck> loanRechecks) {
      return new SignalView(s.signalId(), s.type(), s.type().label(), s.origin(), s.reportedBy(), s.eventId(), s.observedOn(),
          s.summary(), s.evidence(), s.evidence().describe(), s.severity(), s.severity().label(), s.severityReason(), s.status(),
          s.duplicateOf(), s.checkId(), s.raisedAt(),
          loanRechecks.stream().filter(recheck -> recheck.signalId().equals(s.signalId())).toList());
    }
  }

  /** A check as staff read it. */
  public record CheckView(String checkId, CheckKind kind, String kindLabel, CheckMethod method, String methodLabel,
      String methodReason, String status, LocalDate openedOn, CheckOutcome outcome, String outcomeLabel, String findings,
      List<String> checklist, LineMeasure lineMeasure, BigDecimal reducedLimit, LocalDate callInDueOn, String checkedBy,
      LocalDate checkedOn, String cancelReason, String cancelledBy, Instant cancelledAt) {

    static CheckView of(PostLoanCheck c) {
      return new CheckView(c.checkId(), c.kind(), c.kind().label(), c.method(), c.method().label(), c.methodReason(), c.status(),
          c.openedOn(), c.outcome(), c.outcome() == null ? null : c.outcome().label(), c.findings(), c.checklist(),
          c.lineMeasure(), c.reducedLimit(), c.callInDueOn(), c.checkedBy(), c.checkedOn(), c.cancelReason(), c.cancelledBy(),
          c.cancelledAt());
    }
  }

  /** A change of the classification: who, why and the inputs. */
  public record ChangeView(LocalDate businessDate, String cause, String causeRef, Classification classification,
      String classificationLabel, Classification previous, String previousLabel, Map<String, Object> inputs,
      List<String> matchedRules, String reason, String decidedBy, String requestedBy, Instant decidedAt) {

    static ChangeView of(RiskClassificationChange c) {
      return new ChangeView(c.businessDate(), c.cause(), c.causeRef(), c.classification(), c.classification().label(),
          c.previous(), c.previous().label(), c.inputs(), c.matchedRules(), c.reason(), c.decidedBy(), c.requestedBy(),
          c.decidedAt());
    }
  }

  /** A proposed reclassification, its decision and, once approved, what the loan's collection case did with it. */
  public record ProposalView(String proposalId, Classification classification, String classificationLabel,
      Classification currentClassification, String reason, String proposedBy, Instant proposedAt, String status,
      String decidedBy, String decisionNote, Instant decidedAt, String collectionsNote) {

    static ProposalView of(ReclassificationProposal p) {
      return new ProposalView(p.proposalId(), p.classification(), p.classification().label(), p.currentClassification(),
          p.reason(), p.proposedBy(), p.proposedAt(), p.status(), p.decidedBy(), p.decisionNote(), p.decidedAt(),
          p.collectionsNote());
    }
  }
}
