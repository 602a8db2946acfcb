package com.smeloanflow.monitoring;

import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.platform.ChineseDates;
import com.smeloanflow.platform.FieldViolation;
import com.smeloanflow.platform.InputHygiene;
import com.smeloanflow.platform.InvalidFieldsException;
import com.smeloanflow.platform.InvalidTaskInputException;
import com.smeloanflow.platform.StateConflictException;
import com.smeloanflow.process.PostLoanMonitoringProcess;
import com.smeloanflow.process.ProcessVariable;
import com.smeloanflow.servicing.Classification;
import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.servicing.LoanStanding;
import com.smeloanflow.servicing.RiskReview;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The five-tier classification of a loan under monitoring. The table {@code risk-classification}
 * decides again whenever one of its inputs changes (a signal, a check, the days-past-due floor at the
 * daily close, an approved reclassification); each change is kept with what caused it, the inputs, the
 * rules that fired, who decided and who asked, and handed to servicing as the risk review's level (the
 * loan's classification is the strictest of it and the floor). 关注 or worse puts the loan on the watch
 * list: monthly checks. A person's reclassification needs a reason and a second person's approval.
 */
@Service
public class RiskClassificationService {

  private static final Logger log = LoggerFactory.getLogger(RiskClassificationService.class);
  /** Who decides when the table does. */
  public static final String TABLE = PostLoanMonitoringProcess.CLASSIFICATION_DECISION;
  private static final int MAX_REASON = 1000;

  private final MonitoredLoanRepository monitored;
  private final SignalRepository signals;
  private final CheckRepository checks;
  private final ClassificationRepository classifications;
  private final RiskClassificationTable table;
  private final LoanAccountService loans;
  private final PostLoanMonitoringService monitoring;
  private final MonitoringIds ids;
  private final BusinessClock clock;
  private final RuntimeService runtime;
  /** Collections (a later stage), told of an approved reclassification. */
  private final ObjectProvider<CollectionReferral> collections;
  /** Later stages that hear of a change (accountability); none unless Spring sets them. */
  private Supplier<Stream<ClassificationListener>> listeners = Stream::empty;

  public RiskClassificationService(MonitoredLoanRepository monitored, SignalRepository signals, CheckRepository checks,
      ClassificationRepository classifications, RiskClassificationTable table, LoanAccountService loans,
      PostLoanMonitoringService monitoring, MonitoringIds ids, BusinessClock clock, RuntimeService runtime,
      ObjectProvider<CollectionReferral> collections) {
    this.monitored = monitored;
    this.signals = signals;
    this.checks = checks;
    this.classifications = classifications;
    this.table = table;
    this.loans = loans;
    this.monitoring = monitoring;
    this.ids = ids;
    this.clock = clock;
    this.runtime = runtime;
    this.collections = collections;
  }

  /** The listeners of later stages, looked up when a change happens. */
  @Autowired
  void classificationListeners(ObjectProvider<ClassificationListener> found) {
    this.listeners = found::orderedStream;
  }

  /** What made the table decide again. */
  public enum Cause {
    FIRST_CHECK, CHECK, SIGNAL, FLOOR_CHANGE, RECLASSIFICATION,
    /** The daily close settled the loan: no credit risk is left, the classification ends at 正常 (not the table). */
    LOAN_SETTLED,
    /**
     * A reversed repayment reopened the settled loan: owed again, its classification is the table's again, not the
     * settlement's 正常.
     */
    LOAN_REOPENED
  }

  /**
   * The table decides the loan's classification again; a change is recorded and handed to servicing,
   * and the rhythm follows the watch list.
   *
   * @param causeRef    the check, signal or proposal that caused it
   * @param requestedBy who caused it (the checker, the reporter, the proposer, {@code system})
   * @param decidedBy   {@link #TABLE}, or the approver of a reclassification
   * @return the loan's classification by the review
   */
  public Classification reevaluate(String loanId, Cause cause, String causeRef, String requestedBy, String decidedBy) {
    return reevaluate(loanId, cause, causeRef, requestedBy, decidedBy, clock.today());
  }

  /**
   * As {@link #reevaluate(String, Cause, String, String, String)}, the change dated {@code businessDate}: the
   * daily close's business date when its days-past-due floor caused it (a close runs after its date, and the
   * sandbox closes dates ahead of today), so the review never reads as if it came before the overdue that caused it.
   */
  public Classification reevaluate(String loanId, Cause cause, String causeRef, String requestedBy, String decidedBy,
      LocalDate businessDate) {
    MonitoredLoan loan = monitored.lock(loanId).orElseThrow(() -> new IllegalStateException("Loan " + loanId
        + " is not under monitoring"));
    if (!loan.monitoring()) {
      return loan.classification();
    }
    LoanStanding standing = loans.standing(loanId).orElseThrow();
    RiskClassificationTable.Decision decision = table.classify(facts(loanId, standing.dpdClassification()));
    if (decision.classification() == loan.classification()) {
      return loan.classification();
    }
    Instant now = clock.now();
    classifications.insertChange(loanId, new RiskClassificationChange(businessDate, cause.name(), causeRef,
        decision.classification(), loan.classification(), decision.inputs(), decision.matchedRules(), decision.reason(),
        decidedBy, requestedBy, now));
    boolean watch = decision.classification() != Classification.NORMAL;
    monitored.classify(loanId, decision.classification(), watch);
    if (standing.active()) {
      loans.applyRiskReview(new RiskReview(loanId, decision.classification(), businessDate, decision.reason(), decidedBy));
    }
    log.info("Loan {}: classification {} -> {} ({} {} by {}, rules {}): {}", loanId, loan.classification(),
        decision.classification(), cause, causeRef, requestedBy, decision.matchedRules(), decision.reason());
    if (watch != loan.watchListed()) {
      monitoring.reschedule(loanId);
    }
    listeners.get().forEach(listener -> listener.classificationChanged(loanId, loan.classification(),
        decision.classification(), businessDate));
    return decision.classification();
  }

  /**
   * The daily close of {@code businessDate} settled the loan (结清): nothing is owed, so no credit risk is left and its
   * classification ends at 正常, as servicing's does; the change is kept with the reason (the facts the table read, open
   * signals and checks, are cancelled as monitoring ends). So is a loan whose monitoring an operator cancelled before
   * ({@link MonitoredLoan#CANCELLED}): the review's last word, 关注 or worse on the watch list, would otherwise stay the
   * settled loan's in the monitoring's answer. A loan never monitored, or 正常 already, is left alone.
   */
  public void loanSettled(String loanId, LocalDate businessDate) {
    Optional<MonitoredLoan> found = monitored.lock(loanId)
        .filter(loan -> loan.monitoring() || MonitoredLoan.CANCELLED.equals(loan.closure()));
    if (found.isEmpty() || found.get().classification() == Classification.NORMAL) {
      return;
    }
    MonitoredLoan loan = found.get();
    classifications.insertChange(loanId, new RiskClassificationChange(businessDate, Cause.LOAN_SETTLED.name(), null,
        Classification.NORMAL, loan.classification(), Map.of(), List.of(),
        "贷款已于" + ChineseDates.day(businessDate) + "结清, 不再承担信用风险, 风险分类终止为正常", "system", "system", clock.now()));
    monitored.classify(loanId, Classification.NORMAL, false);
    log.info("Loan {}: classification {} -> NORMAL (settled on {})", loanId, loan.classification(), businessDate);
    listeners.get().forEach(listener -> listener.classificationChanged(loanId, loan.classification(),
        Classification.NORMAL, businessDate));
  }

  /** The table's inputs now: signals and findings before an approved reclassification no longer count. */
  RiskClassificationTable.Facts facts(String loanId, Classification dpdFloor) {
    Optional<ReclassificationProposal> approved = classifications.latestApproved(loanId);
    Instant since = approved.map(ReclassificationProposal::decidedAt).orElse(null);
    List<WarningSignal> open = signals.openOf(loanId).stream()
        .filter(signal -> since == null || signal.raisedAt().isAfter(since)).toList();
    return new RiskClassificationTable.Facts(dpdFloor, approved.map(ReclassificationProposal::classification).orElse(null),
        (int) open.stream().filter(signal -> signal.severity() == SignalSeverity.SERIOUS).count(),
        open.stream().anyMatch(signal -> signal.type() == SignalType.DISHONEST_DEBTOR),
        open.stream().anyMatch(signal -> signal.type() == SignalType.LICENCE_STATUS_CHANGE),
        checks.latestDone(loanId, since).map(PostLoanCheck::outcome).orElse(null));
  }

  // --- a person's reclassification: a reason and a second person's approval ------------------------------

  /**
   * A person proposes a reclassification with a reason; a second person (an approver) decides it in
   * Tasklist. Never below the days-past-due floor; one pending proposal per loan.
   *
   * @throws InvalidFieldsException  bad classification or reason (400, naming the field)
   * @throws com.smeloanflow.servicing.LoanNotFoundException no such loan
   * @throws StateConflictException  not under monitoring, or a proposal is pending (409)
   */
  @Transactional
  public ReclassificationProposal propose(ProposeReclassification command) {
    List<FieldViolation> violations = new ArrayList<>();
    Classification proposed = null;
    try {
      proposed = command.classification() == null ? null : Classification.valueOf(command.classification());
    } catch (IllegalArgumentException e) {
      // named below
    }
    if (proposed == null) {
      violations.add(new FieldViolation("classification", "INVALID_CHOICE", "应为 NORMAL、SPECIAL_MENTION、SUBSTANDARD、DOUBTFUL、LOSS 之一"));
    }
    String reason = command.reason() == null ? null : command.reason().trim();
    if (reason == null || reason.isEmpty() || reason.length() > MAX_REASON) {
      violations.add(new FieldViolation("reason", "REQUIRED", "请填写调整理由 (1-" + MAX_REASON + " 字)"));
    } else {
      InputHygiene.multiLine("reason", reason).ifPresent(violations::add);
    }
    if (!violations.isEmpty()) {
      throw new InvalidFieldsException(violations, "风险分类调整有误: " + violations.stream().map(FieldViolation::field).toList());
    }
    MonitoredLoan loan = requireMonitoring(command.loanId());
    LoanStanding standing = loans.standing(command.loanId()).orElseThrow();
    if (proposed.compareTo(standing.dpdClassification()) < 0) {
      throw new InvalidFieldsException(List.of(new FieldViolation("classification", "BELOW_FLOOR",
          "不能低于逾期天数对应的监管下限 " + standing.dpdClassification().label())));
    }
    if (proposed == loan.classification()) {
      throw new InvalidFieldsException(List.of(new FieldViolation("classification", "UNCHANGED",
          "与当前分类 " + loan.classification().label() + " 相同")));
    }
    classifications.pending(command.loanId()).ifPresent(pending -> {
      throw new StateConflictException("借据 " + command.loanId() + " 已有待审批的风险分类调整 " + pending.proposalId()
          + ", 审批之前不能再提出 (loan " + command.loanId() + " has reclassification " + pending.proposalId()
          + " awaiting a decision)");
    });
    ReclassificationProposal proposal = new ReclassificationProposal(ids.nextProposalId(), command.loanId(), proposed,
        loan.classification(), reason, command.proposedBy(), clock.now(), ReclassificationProposal.PENDING, null, null, null, null);
    classifications.insertProposal(proposal);
    // The approval is offered to the loan's branch's leads (and credit-approvers): the branch goes with each proposal,
    // local to the approval's scope, so monitoring started before it was a variable needs nothing else.
    ProcessVariable.trusted(() -> runtime.createMessageCorrelation(PostLoanMonitoringProcess.Messages.RECLASSIFICATION_PROPOSED)
        .processInstanceId(loan.processInstanceId())
        .setVariableToTriggeredScope(PostLoanMonitoringProcess.Variables.BRANCH_CODE.name(), loan.branchCode())
        .correlateWithResult());
    log.info("Loan {}: reclassification {} {} -> {} proposed by {}: {}", command.loanId(), proposal.proposalId(),
        loan.classification(), proposed, command.proposedBy(), reason);
    return proposal;
  }

  /**
   * The loan's pending proposal.
   *
   * @throws StateConflictException none is pending (decided meanwhile, or withdrawn as monitoring ended): staff
   *     acting on its approval task are told so (400 in Tasklist)
   */
  public ReclassificationProposal pending(String loanId) {
    return classifications.pending(loanId).orElseThrow(() -> new StateConflictException("借据 " + loanId
        + " 已没有待审批的风险分类调整 (已审批, 或已随贷后监控结束而撤销), 无需再审批, 请刷新待办列表 (loan " + loanId
        + " has no reclassification awaiting a decision)"));
  }

  /** Four eyes: the proposer may neither be assigned nor decide the proposal (403, whatever the client). */
  public void requireMayDecide(String loanId, String person) {
    ReclassificationProposal pending = pending(loanId);
    if (pending.proposedBy().equals(person)) {
      throw new AuthorizationException("四眼原则: " + person + " 提出了该风险分类调整, 不能审批自己的调整 (user " + person
          + " proposed reclassification " + pending.proposalId() + " of loan " + loanId + " and may not decide it)");
    }
  }

  /**
   * The second person approves or rejects the pending proposal (a rejection needs a note).
   *
   * <p>The loan is locked first ({@link MonitoredLoanRepository#lock}: its ledger row, then its monitoring row), before
   * the proposal's row is written: an approval goes on, in its transaction, to apply the reclassification
   * ({@link #applyApproved}), which locks the loan and writes the ledger; the daily close's settlement and a write-off
   * hold the loan when they end monitoring, which withdraws the pending proposal ({@link PostLoanMonitoringService#end}).
   * Taken the other way round (the proposal's row, then the loan), an approval meeting the close or a write-off of the
   * same loan waited for it while it waited for the approval, and the database aborted one of the two (a deadlock: the
   * approver was answered 500). Now the approval waits for the close and is then told the proposal was withdrawn.
   *
   * @return whether it was approved
   */
  public boolean decide(DecideReclassification command) {
    monitored.lock(command.loanId());
    requireMayDecide(command.loanId(), command.decidedBy());
    ReclassificationProposal pending = pending(command.loanId());
    String note = command.note() == null || command.note().isBlank() ? null : command.note().trim();
    if (!command.approve() && note == null) {
      throw new InvalidTaskInputException("驳回风险分类调整须填写审批意见 (reclassificationNote is required to reject)");
    }
    if (note != null && note.length() > MAX_REASON) {
      throw new InvalidTaskInputException("审批意见不能超过 " + MAX_REASON + " 字 (reclassificationNote)");
    }
    InputHygiene.multiLine("reclassificationNote", note).ifPresent(v -> {
      throw new InvalidTaskInputException("审批意见" + v.message() + " (reclassificationNote)");
    });
    classifications.decide(pending.proposalId(), command.approve() ? ReclassificationProposal.APPROVED
        : ReclassificationProposal.REJECTED, command.decidedBy(), note, clock.now());
    log.info("Loan {}: reclassification {} to {} proposed by {} {} by {}", command.loanId(), pending.proposalId(),
        pending.classification(), pending.proposedBy(), command.approve() ? "approved" : "rejected", command.decidedBy());
    return command.approve();
  }

  /**
   * An approved reclassification takes effect: the table decides again with it.
   *
   * @return the proposal applied (the loan's latest approved: the approval's, in its transaction)
   */
  public ReclassificationProposal applyApproved(String loanId) {
    ReclassificationProposal approved = classifications.latestApproved(loanId).orElseThrow(() -> new IllegalStateException(
        "Loan " + loanId + " has no approved reclassification"));
    reevaluate(loanId, Cause.RECLASSIFICATION, approved.proposalId(), approved.proposedBy(), approved.decidedBy());
    return approved;
  }

  /**
   * After an approved reclassification took effect (its own transaction, so a busy collection case never holds up the
   * approval): the loan's open collection case reviews its next step now if the new classification changes it, so a
   * loan reclassified 可疑 or 损失 goes to disposal now, not at its next overdue day, and a reclassification that changes
   * nothing in the collection strategy's answer leaves the case as it was. Which step follows stays the collection
   * strategy's to decide (with the loan's classification now); what the case did is kept with the reclassification for
   * the monitoring view (the first answer: a repeated job does not overwrite it).
   *
   * @param proposalId the proposal {@link #applyApproved} applied before this job, so a second reclassification approved
   *     and applied before the job runs does not take its note; {@code null} for instances whose job was already waiting
   *     when 调整风险分类 began to pass it on: those note on the loan's latest approved proposal, as before
   */
  public void notifyCollections(String loanId, String proposalId) {
    Optional<String> note = collections.getObject().reclassified(loanId);
    Optional<ReclassificationProposal> approved = proposalId == null ? classifications.latestApproved(loanId)
        : classifications.find(loanId, proposalId);
    note.ifPresent(n -> approved.ifPresent(p -> classifications.noteCollections(p.proposalId(), n)));
    log.info("Loan {}: approved reclassification {} to {}: {}", loanId,
        approved.map(ReclassificationProposal::proposalId).orElse(null),
        approved.map(ReclassificationProposal::classification).orElse(null), note.orElse("(no collection case open)"));
  }

  private MonitoredLoan requireMonitoring(String loanId) {
    MonitoredLoan loan = monitoring.lockForRequest(loanId);
    if (!loan.monitoring()) {
      throw monitoring.ended(loan, "不能再提出风险分类调整");
    }
    return loan;
  }
}
