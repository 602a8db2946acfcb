package com.smeloanflow.monitoring;

import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.platform.ContentHash;
import com.smeloanflow.platform.FieldViolation;
import com.smeloanflow.platform.InputHygiene;
import com.smeloanflow.platform.InvalidFieldsException;
import com.smeloanflow.platform.ProcessEndListener.Cancellation;
import com.smeloanflow.platform.StateConflictException;
import com.smeloanflow.process.PostLoanMonitoringProcess;
import com.smeloanflow.process.ProcessVariable;
import com.smeloanflow.servicing.LoanAccount;
import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.servicing.LoanNotFoundException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Early-warning signals: reported by another system or a person, or found by the monthly re-query of
 * the external data. A new signal starts a check at once, with the signal and its evidence on the task
 * (on site when the severity table calls it serious); a repeat of a signal still open starts nothing
 * and is kept as a duplicate; the same report again (the reporter's event id) is answered as the first
 * time. A serious signal puts the loan on the watch list until it is checked. A signal's check takes over a periodic
 * check still open ({@link PostLoanMonitoringService#supersedePeriodicCheck}).
 */
@Service
public class WarningSignalService {

  private static final Logger log = LoggerFactory.getLogger(WarningSignalService.class);
  private static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");
  private static final Set<String> TAX_RATINGS = Set.of("A", "B", "M", "C", "D");
  /** The re-query's reporter. */
  public static final String SYSTEM = "system";

  private final SignalRepository signals;
  private final MonitoredLoanRepository monitored;
  private final CheckRepository checkRows;
  private final PostLoanCheckService checks;
  private final PostLoanMonitoringService monitoring;
  private final RiskClassificationService classification;
  private final SignalSeverityTable severity;
  private final ExternalDataRequery requery;
  private final LoanAccountService loans;
  private final MonitoringIds ids;
  private final MonitoringPolicy policy;
  private final BusinessClock clock;
  private final RuntimeService runtime;

  public WarningSignalService(SignalRepository signals, MonitoredLoanRepository monitored, CheckRepository checkRows,
      PostLoanCheckService checks, PostLoanMonitoringService monitoring, RiskClassificationService classification, SignalSeverityTable severity, ExternalDataRequery requery,
      LoanAccountService loans, MonitoringIds ids, MonitoringPolicy policy, BusinessClock clock, RuntimeService runtime) {
    this.signals = signals;
    this.monitored = monitored;
    this.checkRows = checkRows;
    this.checks = checks;
    this.monitoring = monitoring;
    this.classification = classification;
    this.severity = severity;
    this.requery = requery;
    this.loans = loans;
    this.ids = ids;
    this.policy = policy;
    this.clock = clock;
    this.runtime = runtime;
  }

  /**
   * What became of a report.
   *
   * @param signal    the signal as stored (a duplicate names the open signal it repeats)
   * @param outcome   {@link Outcome#CHECK_STARTED}, {@link Outcome#DUPLICATE} of an open signal
   * @param replayed  the same report (event id) again: answered as the first time
   */
  public record Report(WarningSignal signal, Outcome outcome, boolean replayed) {}

  public enum Outcome {
    /** A new signal: a check started at once. */
    CHECK_STARTED,
    /** A repeat of an open signal: kept, no new check. */
    DUPLICATE
  }

  /**
   * A signal pushed by another system or a member of staff.
   *
   * @throws InvalidFieldsException bad input (400 naming each field); nothing stored
   * @throws LoanNotFoundException  no such loan
   * @throws StateConflictException the loan is not (or no longer) under monitoring, or the event id was
   *     reported before with another body (409)
   */
  @Transactional
  public Report report(ReportSignal command) {
    SignalType type = validate(command);
    SignalEvidence evidence = command.evidence() == null
        ? new SignalEvidence(null, null, null, null, null, null, null, null)
        : new SignalEvidence(null, null, trimmed(command.evidence().reference()), trimmed(command.evidence().details()),
            command.evidence().taxRating(), command.evidence().overdueAmount(), command.evidence().openEnforcementCases(),
            command.evidence().inflowDropPercent());
    MonitoredLoan loan = monitoring.lockForRequest(command.loanId());
    String hash = hash(command, type, evidence);
    Optional<SignalRepository.Reported> earlier = signals.byEvent(command.reportedBy(), command.eventId());
    if (earlier.isPresent()) {
      if (!earlier.get().requestHash().equals(hash)) {
        throw new StateConflictException("事件 " + command.eventId() + " 已由 " + command.reportedBy() + " 报送过, 本次内容"
            + "与之不同, 不予受理: 同一事件请按原内容重报, 另一信号请使用新的 eventId (event " + command.eventId()
            + " was reported by " + command.reportedBy() + " with other content; eventId)");
      }
      WarningSignal first = earlier.get().signal();
      return new Report(first, first.duplicateOf() == null ? Outcome.CHECK_STARTED : Outcome.DUPLICATE, true);
    }
    if (!loan.monitoring()) {
      throw monitoring.ended(loan, "不再受理预警信号");
    }
    SignalSeverityTable.Severity assessed = severity.assess(type, evidence);
    Optional<WarningSignal> open = signals.open(command.loanId(), type);
    if (open.isPresent()) {
      WarningSignal duplicate = new WarningSignal(ids.nextSignalId(), command.loanId(), type, WarningSignal.PUSHED,
          command.reportedBy(), command.eventId(), command.observedOn(), command.summary().trim(), evidence, assessed.severity(),
          assessed.reason(), WarningSignal.DUPLICATE, open.get().signalId(), open.get().checkId(), clock.now());
      signals.insert(duplicate, hash);
      log.info("Loan {}: signal {} {} reported by {} repeats open signal {} (check {}): no new check", command.loanId(),
          duplicate.signalId(), type, command.reportedBy(), open.get().signalId(), open.get().checkId());
      return new Report(duplicate, Outcome.DUPLICATE, false);
    }
    WarningSignal signal = new WarningSignal(ids.nextSignalId(), command.loanId(), type, WarningSignal.PUSHED,
        command.reportedBy(), command.eventId(), command.observedOn(), command.summary().trim(), evidence, assessed.severity(),
        assessed.reason(), WarningSignal.OPEN, null, null, clock.now());
    PostLoanCheck check = checks.open(command.loanId(), CheckKind.SIGNAL, List.of(signal));
    signals.insert(withCheck(signal, check.checkId()), hash);
    log.info("Loan {}: signal {} {} ({}) reported by {}: check {} ({})", command.loanId(), signal.signalId(), type,
        assessed.severity(), command.reportedBy(), check.checkId(), check.method());
    classification.reevaluate(command.loanId(), RiskClassificationService.Cause.SIGNAL, signal.signalId(), command.reportedBy(),
        RiskClassificationService.TABLE);
    ProcessVariable.trusted(() -> runtime.createMessageCorrelation(PostLoanMonitoringProcess.Messages.WARNING_SIGNAL_RAISED)
        .processInstanceId(loan.processInstanceId())
        .setVariableToTriggeredScope(PostLoanMonitoringProcess.Variables.CHECK_ID.name(), check.checkId())
        .correlateWithResult());
    monitoring.supersedePeriodicCheck(command.loanId(), check.checkId(), command.reportedBy());
    return new Report(signals.find(signal.signalId()).orElseThrow(), Outcome.CHECK_STARTED, false);
  }

  /**
   * The monthly re-query: asks the external sources again and compares with the last query. New
   * signals (not open already) are stored and one check covering them is opened (its id returned);
   * the answers become the measure of the next re-query. A periodic check still open is taken over afterwards, in
   * 接管定期检查 ({@link PostLoanMonitoringService#supersedePeriodicCheck}).
   *
   * @throws com.smeloanflow.processing.ExternalSourceUnavailableException when a source fails: nothing changes
   */
  public Optional<String> requery(String loanId) {
    MonitoredLoan loan = monitored.lock(loanId).orElseThrow(() -> new IllegalStateException("Loan " + loanId
        + " is not under monitoring"));
    if (!loan.monitoring()) {
      return Optional.empty();
    }
    LoanAccount account = loans.find(loanId).orElseThrow(() -> new LoanNotFoundException(loanId));
    ExternalBaseline now = requery.query(account.creditCode());
    List<SignalDetector.Detected> found = policy.detector().detect(loan.baseline(), now).stream()
        .filter(detected -> signals.open(loanId, detected.type()).isEmpty()).toList();
    monitored.requeried(loanId, now, clock.now());
    if (found.isEmpty()) {
      log.info("Loan {}: external data re-queried, no new signal", loanId);
      return Optional.empty();
    }
    LocalDate today = clock.today();
    List<WarningSignal> raised = new ArrayList<>();
    for (SignalDetector.Detected detected : found) {
      SignalSeverityTable.Severity assessed = severity.assess(detected.type(), detected.evidence());
      raised.add(new WarningSignal(ids.nextSignalId(), loanId, detected.type(), WarningSignal.REQUERY, SYSTEM, null, today,
          detected.summary(), detected.evidence(), assessed.severity(), assessed.reason(), WarningSignal.OPEN, null, null,
          clock.now()));
    }
    PostLoanCheck check = checks.open(loanId, CheckKind.SIGNAL, raised);
    raised.forEach(signal -> signals.insert(withCheck(signal, check.checkId()), null));
    log.info("Loan {}: external data re-queried, {} new signals {}: check {} ({})", loanId, raised.size(),
        raised.stream().map(WarningSignal::type).toList(), check.checkId(), check.method());
    classification.reevaluate(loanId, RiskClassificationService.Cause.SIGNAL, check.checkId(), SYSTEM,
        RiskClassificationService.TABLE);
    return Optional.of(check.checkId());
  }

  /**
   * The post-loan-check instance of a check of signals ended without a conclusion: an operator cancelled it (Cockpit,
   * engine API) or a migration or modification deleted it ({@link CheckProcessCancelledListener}). Its signals would stay
   * OPEN with no task asking anyone to look at them: renewal would refuse the loan for good (SIGNAL_UNDER_CHECK) and a
   * repeat of a signal would start nothing. So no signal stays open without a live check: the check is recorded
   * {@link PostLoanCheck#CANCELLED} ({@link PostLoanCheck.Withdrawal#PROCESS_CANCELLED}, who and why as far as the engine
   * knew them, now), a new check of its open signals opens at once (on site when one is serious, as at the report) and
   * monitoring starts it as it starts the check of a reported signal (message {@code WarningSignalRaised}); each signal
   * names both checks in its history ({@link SignalRecheck}). The loan stays under check (renewal still waits for the
   * new check's conclusion), and a periodic check waiting for the checks of signals waits for the new one.
   *
   * <p>Left alone: a check that is not one of signals (the next periodic check follows anyway), no longer open (concluded,
   * or this cancellation handled already: repeated, it changes nothing), or whose monitoring is ending ({@code
   * monitoringEnding}: the monitoring instance itself is being deleted, whose end cancels the check and its signals,
   * {@link PostLoanMonitoringService#instanceEnded}; or the loan was settled or written off, {@code LoanClosed}). Decided
   * under the loan's lock ({@link MonitoredLoanRepository#lock}), as a report and a completion take it.
   *
   * @return the new check, when one was opened
   */
  @Transactional
  public Optional<String> checkProcessCancelled(String checkId, Cancellation cancelled, boolean monitoringEnding) {
    Optional<MonitoredLoan> locked =
        monitoringEnding ? Optional.empty() : monitoring.lockForCancelledCheck(checkId, CheckKind.SIGNAL);
    if (locked.isEmpty()) {
      return Optional.empty();
    }
    MonitoredLoan loan = locked.get();
    String loanId = loan.loanId();
    String why = PostLoanCheck.cancelledByOperator(cancelled);
    List<WarningSignal> open = signals.ofCheck(checkId).stream().filter(s -> WarningSignal.OPEN.equals(s.status())).toList();
    if (open.isEmpty()) {
      checkRows.cancel(checkId, PostLoanCheck.Withdrawal.PROCESS_CANCELLED, why, cancelled.userId(), clock.now());
      log.warn("Loan {}: check {} cancelled with its process instance ({}), no open signal left to check", loanId, checkId, why);
      return Optional.empty();
    }
    PostLoanCheck next = checks.open(loanId, CheckKind.SIGNAL, open);
    String reason = why + ", 预警信号转由 " + next.checkId() + " 重新核查";
    checkRows.cancel(checkId, PostLoanCheck.Withdrawal.PROCESS_CANCELLED, reason, cancelled.userId(), clock.now());
    signals.moveToCheck(checkId, next.checkId(), reason, cancelled.userId(), clock.now());
    ProcessVariable.trusted(() -> runtime.createMessageCorrelation(PostLoanMonitoringProcess.Messages.WARNING_SIGNAL_RAISED)
        .processInstanceId(loan.processInstanceId())
        .setVariableToTriggeredScope(PostLoanMonitoringProcess.Variables.CHECK_ID.name(), next.checkId())
        .correlateWithResult());
    log.warn("Loan {}: check {} of signals {} cancelled with its process instance ({}): checked again by {} ({})", loanId,
        checkId, open.stream().map(WarningSignal::signalId).toList(), why, next.checkId(), next.method());
    return Optional.of(next.checkId());
  }

  private static WarningSignal withCheck(WarningSignal signal, String checkId) {
    return new WarningSignal(signal.signalId(), signal.loanId(), signal.type(), signal.origin(), signal.reportedBy(),
        signal.eventId(), signal.observedOn(), signal.summary(), signal.evidence(), signal.severity(), signal.severityReason(),
        signal.status(), signal.duplicateOf(), checkId, signal.raisedAt());
  }

  private SignalType validate(ReportSignal command) {
    List<FieldViolation> violations = new ArrayList<>();
    if (command.eventId() == null || !EVENT_ID.matcher(command.eventId()).matches()) {
      violations.add(new FieldViolation("eventId", "INVALID_FORMAT", "事件编号为1-64位字母、数字或 . _ : -, 以字母或数字开头"));
    }
    SignalType type = null;
    try {
      type = command.signalType() == null ? null : SignalType.valueOf(command.signalType());
    } catch (IllegalArgumentException e) {
      // named below
    }
    if (type == null) {
      violations.add(new FieldViolation("signalType", "INVALID_CHOICE", "应为 " + List.of(SignalType.values()) + " 之一"));
    }
    LocalDate today = clock.today();
    if (command.observedOn() == null) {
      violations.add(new FieldViolation("observedOn", "REQUIRED", "请填写信号发生日期"));
    } else {
      InputHygiene.dateWithin("observedOn", command.observedOn(), today.minusYears(1), today).ifPresent(violations::add);
    }
    if (command.summary() == null || command.summary().isBlank()) {
      violations.add(new FieldViolation("summary", "REQUIRED", "请填写信号摘要 (1-200 字)"));
    } else {
      InputHygiene.singleLine("summary", command.summary(), 200).ifPresent(violations::add);
    }
    SignalEvidence evidence = command.evidence();
    if (evidence != null) {
      InputHygiene.singleLine("evidence.reference", evidence.reference(), 100).ifPresent(violations::add);
      if (evidence.details() != null && evidence.details().length() > 2000) {
        violations.add(new FieldViolation("evidence.details", "TOO_LONG", "不能超过 2000 个字符"));
      } else {
        InputHygiene.multiLine("evidence.details", evidence.details()).ifPresent(violations::add);
      }
      if (evidence.taxRating() != null && !TAX_RATINGS.contains(evidence.taxRating())) {
        violations.add(new FieldViolation("evidence.taxRating", "INVALID_CHOICE", "应为 A、B、M、C、D 之一"));
      }
      BigDecimal amount = evidence.overdueAmount();
      if (amount != null && (amount.signum() < 0 || amount.stripTrailingZeros().scale() > 2
          || amount.compareTo(new BigDecimal("1000000000000")) >= 0)) {
        violations.add(new FieldViolation("evidence.overdueAmount", "INVALID_AMOUNT", "应为不小于0、最多两位小数的金额"));
      }
      if (evidence.openEnforcementCases() != null && (evidence.openEnforcementCases() < 0 || evidence.openEnforcementCases() > 10_000)) {
        violations.add(new FieldViolation("evidence.openEnforcementCases", "OUT_OF_RANGE", "应为 0-10000"));
      }
      if (evidence.inflowDropPercent() != null && (evidence.inflowDropPercent() < 0 || evidence.inflowDropPercent() > 100)) {
        violations.add(new FieldViolation("evidence.inflowDropPercent", "OUT_OF_RANGE", "应为 0-100"));
      }
    }
    if (!violations.isEmpty()) {
      throw new InvalidFieldsException(violations, "预警信号有误: " + violations.stream().map(FieldViolation::field).toList());
    }
    return type;
  }

  private static String trimmed(String text) {
    return text == null || text.isBlank() ? null : text.trim();
  }

  /** What identifies the content of a report: a replay must carry the same. */
  private static String hash(ReportSignal command, SignalType type, SignalEvidence evidence) {
    String content = String.join("\u0001", command.loanId(), type.name(), String.valueOf(command.observedOn()),
        command.summary().trim(), String.valueOf(evidence));
    return ContentHash.sha256Hex(content);
  }
}
