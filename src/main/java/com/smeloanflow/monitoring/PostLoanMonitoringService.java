package com.smeloanflow.monitoring;

import com.smeloanflow.process.PostLoanMonitoringProcess;
import com.smeloanflow.process.ProcessVariable;
import com.smeloanflow.processing.ExternalDataService;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.platform.ProcessEndListener.Cancellation;
import com.smeloanflow.platform.RefusedStartException;
import com.smeloanflow.platform.StateConflictException;
import com.smeloanflow.servicing.Classification;
import com.smeloanflow.servicing.LoanAccount;
import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.servicing.LoanNotFoundException;
import com.smeloanflow.servicing.LoanStanding;
import java.time.LocalDate;
import java.util.Optional;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The life of a loan under monitoring: enrolled at disbursement, a periodic check scheduled after each
 * check (a quarter later, a month on the watch list; the waiting timer follows when the loan joins or
 * leaves the watch list or another check is done), and the end when servicing reports the loan
 * settled or written off: open checks, signals and proposals are cancelled. Delegates and the
 * ledger's listener call it; they hold no rule of their own.
 */
@Service
public class PostLoanMonitoringService {

  private static final Logger log = LoggerFactory.getLogger(PostLoanMonitoringService.class);
  /** Why a periodic check was cancelled when a check of warning signals took it over (followed by that check's id). */
  public static final String SUPERSEDED_BY_SIGNAL_CHECK = "由预警信号核查代替";
  /** Why monitoring ended when its instance ended without {@code LoanClosed} (closure {@link MonitoredLoan#CANCELLED}). */
  public static final String CANCELLED_BY_OPERATOR = "贷后监控流程已由运维人员终止";

  private final MonitoredLoanRepository monitored;
  private final CheckRepository checks;
  private final SignalRepository signals;
  private final ClassificationRepository classifications;
  private final LoanAccountService loans;
  private final ExternalDataService externalData;
  private final MonitoringPolicy policy;
  private final BusinessClock clock;
  private final RuntimeService runtime;
  private final ManagementService management;
  private final PostLoanMonitoringStarter starter;

  public PostLoanMonitoringService(MonitoredLoanRepository monitored, CheckRepository checks, SignalRepository signals,
      ClassificationRepository classifications, LoanAccountService loans, ExternalDataService externalData,
      MonitoringPolicy policy, BusinessClock clock, RuntimeService runtime, ManagementService management,
      PostLoanMonitoringStarter starter) {
    this.starter = starter;
    this.monitored = monitored;
    this.checks = checks;
    this.signals = signals;
    this.classifications = classifications;
    this.loans = loans;
    this.externalData = externalData;
    this.policy = policy;
    this.clock = clock;
    this.runtime = runtime;
    this.management = management;
  }

  /**
   * Puts a disbursed loan under monitoring, with the external data it was granted on as the measure of later signals. A
   * loan whose monitoring ended is monitored again by this instance when it is on the books again (a reversal reopened
   * it, or an operator correlates {@code LoanDisbursed} for a loan whose monitoring was ended by hand), with its earlier
   * checks and history kept.
   *
   * <p>A loan whose row names an instance that no longer runs (deleted by an operator before rows followed their
   * instances, {@link #instanceEnded}) is taken over: under the loan's lock, its monitoring is ended as if that instance's
   * end had been recorded ({@link MonitoredLoan#CANCELLED}), logged naming both instances, then monitored again here.
   *
   * <p>Refused ({@link RefusedStartException}; over the engine REST API {@code 400} with the message, nothing of the
   * start kept): a loan whose monitoring runs in another instance (a {@code LoanDisbursed} correlated by hand for a
   * monitored loan would give staff a second first check and a second rhythm of periodic checks; the application's
   * starters look for a running instance first, {@link PostLoanMonitoringStarter}), and a loan off the books, settled or
   * written off (its first check would be for a closed loan, and 安排下次定期检查 would fail on it). The instance whose
   * row it is, enrolling again (a modification that starts it at 登记贷后监控), finds the loan as it is.
   *
   * <p>Unless the row records monitoring by this instance, the loan is decided on under {@link
   * MonitoredLoanRepository#lock} (the loan's ledger row, then its monitoring row), read again there, and whether the
   * row's instance still runs is read once, there: the daily close and a write-off hold the ledger row while they settle or write off the loan and tell
   * monitoring, so a {@code LoanDisbursed} correlated by hand for a loan whose monitoring was ended by hand waits for them
   * and finds the loan off the books (refused), not on the books as it was before they commit. A reversal that reopens a
   * settled loan ({@link #loanReopened}, in the transaction of {@code RepaymentService.reverse}) holds that ledger row
   * already; the lock is the same. A first enrolment (a disbursement, a drawdown, a renewal, or a {@code LoanDisbursed}
   * by hand for a loan never monitored) holds the ledger row until it commits its new monitoring row, so a second one of
   * the same loan at once waits for it, finds the loan monitored by the first instance and is refused as it would be
   * after it (MonitoringPostgresIT), instead of failing on the row's primary key.
   *
   * @throws LoanNotFoundException no such loan
   * @throws RefusedStartException the loan is monitored by another instance, or off the books
   */
  public MonitoredLoan enrol(String loanId, String processInstanceId) {
    Optional<MonitoredLoan> enrolled = monitored.find(loanId);
    if (enrolled.filter(row -> row.monitoring() && processInstanceId.equals(row.processInstanceId())).isEmpty()) {
      // read again under the loan's lock: a close or write-off holding the loan, or another enrolment of it, decides
      enrolled = monitored.lock(loanId);
    }
    LoanAccount loan = loans.find(loanId).orElseThrow(() -> new LoanNotFoundException(loanId));
    if (enrolled.isPresent() && enrolled.get().monitoring()) {
      String instance = enrolled.get().processInstanceId();
      if (processInstanceId.equals(instance)) {
        return enrolled.get();
      }
      if (runs(instance)) {
        throw alreadyMonitored(loanId, instance);
      }
      int cancelled = cancel(enrolled.get(), new Cancellation(null, null));
      log.warn("Loan {}: its monitoring row named process instance {}, which no longer runs (deleted before monitoring"
          + " rows followed their instances): recorded {}, {} open checks cancelled; taken over by process instance {}",
          loanId, enrolled.get().processInstanceId(), MonitoredLoan.CANCELLED, cancelled, processInstanceId);
      enrolled = monitored.find(loanId);
    }
    LoanStanding standing = loans.standing(loanId).orElseThrow();
    if (!standing.active()) {
      throw offTheBooks(loanId, standing.status());
    }
    if (enrolled.isPresent()) {
      // ended, the loan on the books (a reversal reopened it, or monitoring was ended by hand): monitored again here
      monitored.restart(loanId, processInstanceId, standing.classification(), standing.classification() != Classification.NORMAL,
          clock.today());
      log.info("Loan {}: post-loan monitoring started again ({}), the loan is on the books again (was {} on {})", loanId,
          processInstanceId, enrolled.get().closure(), enrolled.get().closedOn());
      return monitored.find(loanId).orElseThrow();
    }
    ExternalBaseline baseline = externalData.findSnapshot(loan.applicationId())
        .map(data -> ExternalBaseline.of(data.registration(), data.tax(), data.bureau(), data.court(), data.flows()))
        .orElseGet(ExternalBaseline::unknown);
    MonitoredLoan loanUnderMonitoring = new MonitoredLoan(loanId, loan.branchCode(), MonitoredLoan.MONITORING,
        processInstanceId, standing.classification(), standing.classification() != Classification.NORMAL,
        null, null, baseline, null, clock.today(), null, null, null, null, null);
    monitored.insert(loanUnderMonitoring, clock.now());
    log.info("Loan {}: post-loan monitoring started ({}), classification {}", loanId, processInstanceId,
        standing.classification());
    return loanUnderMonitoring;
  }

  /** Whether the process instance still runs (else a row naming it was left behind by its deletion). */
  private boolean runs(String processInstanceId) {
    return runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).count() > 0;
  }

  /** The refusal of a second monitoring of a loan {@code instance} monitors: in Chinese, the English beside. */
  static RefusedStartException alreadyMonitored(String loanId, String instance) {
    return new RefusedStartException("借据 " + loanId + " 已在贷后监控中 (流程实例 " + instance + "), 不再重复登记贷后监控 (loan "
        + loanId + " is already under post-loan monitoring by process instance " + instance + ": not enrolled twice)");
  }

  /** The refusal to monitor a loan off the books ({@code status} in the ledger): in Chinese, the English beside. */
  static RefusedStartException offTheBooks(String loanId, String status) {
    return new RefusedStartException("借据 " + loanId + " 已不在账 (" + closureText(status).map(why -> why + ", " + status)
        .orElse(status) + "), 不再登记贷后监控 (loan " + loanId + " is off the books (" + status + "): not put under post-loan monitoring)");
  }

  /**
   * The next periodic check: a quarter after the last check (or the start), a month while the loan is
   * on the watch list.
   *
   * <p>The loan is locked first ({@link MonitoredLoanRepository#lock}: its ledger row, then its monitoring row), and the
   * rhythm read under the lock: the daily close holds the loan when it puts it on the watch list (or takes it off) and
   * moves the timer ({@link #reschedule}), which it cannot find while this job has not committed. Read without the lock,
   * a loan the close put on the watch list in this moment kept the quarterly rhythm it was read with (its next check a
   * quarter away, not a month); now this job waits for the close and schedules from what it committed.
   *
   * @throws IllegalStateException the loan is off the books, or its monitoring is recorded as ended, while the instance
   *     still runs: settlement and write-off end the instance through {@code LoanClosed}, so this is an inconsistency
   *     for an operator (the asynchronous job fails, then an incident), not a quiet end
   */
  public LocalDate scheduleNextCheck(String loanId) {
    MonitoredLoan loan = monitored.lock(loanId).orElseThrow(() -> new IllegalStateException("Loan " + loanId
        + " is not under monitoring"));
    String status = loans.standing(loanId).map(LoanStanding::status).orElse("missing from the ledger");
    if (!LoanAccount.ACTIVE.equals(status) || !loan.monitoring()) {
      String found = LoanAccount.ACTIVE.equals(status)
          ? "recorded as no longer monitored (" + loan.status() + ", " + loan.closure() + ")"
          : "off the books (" + status + ")";
      throw new IllegalStateException("Loan " + loanId + " is " + found + " while its post-loan monitoring still runs:"
          + " settlement and write-off end monitoring through the message " + PostLoanMonitoringProcess.Messages.LOAN_CLOSED
          + ", which did not end this instance. Find out why; then correlate " + PostLoanMonitoringProcess.Messages.LOAN_CLOSED
          + " to this process instance to end monitoring, or retry this job once the loan is on the books and monitored");
    }
    LocalDate due = nextCheckDue(loan);
    monitored.schedule(loanId, due);
    log.info("Loan {}: next periodic check due {} ({})", loanId, due, loan.watchListed() ? "watch list, monthly" : "quarterly");
    return due;
  }

  /**
   * The rhythm changed (the loan joined or left the watch list) or a check was done: the next periodic
   * check is due again from the last check, and the waiting timer moves with it. Nothing to move
   * while a first or periodic check is open: the next one is scheduled when it is done.
   */
  public void reschedule(String loanId) {
    MonitoredLoan loan = require(loanId);
    if (!loan.monitoring()) {
      return;
    }
    Job timer = management.createJobQuery().processInstanceId(loan.processInstanceId())
        .activityId(PostLoanMonitoringProcess.Elements.TIMER_PERIODIC_CHECK_DUE).singleResult();
    if (timer == null) {
      return;
    }
    LocalDate due = nextCheckDue(loan);
    monitored.schedule(loanId, due);
    ProcessVariable.trusted(() -> {
      runtime.setVariable(loan.processInstanceId(), PostLoanMonitoringProcess.Variables.PERIODIC_CHECK_DUE.name(),
          MonitoringPolicy.startOf(due));
      return null;
    });
    management.setJobDuedate(timer.getId(), MonitoringPolicy.startOf(due));
    log.info("Loan {}: next periodic check moved to {} ({})", loanId, due, loan.watchListed() ? "watch list, monthly" : "quarterly");
  }

  /**
   * A check of warning signals is done: when it was the loan's last open one, a periodic check that fell due while
   * it was open (monitoring waits at 预警信号核查已完成, message {@code SignalChecksDone}) is scheduled now, from this
   * completion. Nothing waits otherwise (the timer was moved by {@link #reschedule}).
   */
  public void signalCheckDone(String loanId) {
    MonitoredLoan loan = require(loanId);
    if (!loan.monitoring() || !checks.openOf(loanId, CheckKind.SIGNAL).isEmpty()) {
      return;
    }
    boolean waited = !runtime.createMessageCorrelation(PostLoanMonitoringProcess.Messages.SIGNAL_CHECKS_DONE)
        .processInstanceId(loan.processInstanceId()).correlateAllWithResult().isEmpty();
    if (waited) {
      log.info("Loan {}: the periodic check that fell due during the signal checks counts as done; the next one is scheduled",
          loanId);
    }
  }

  /**
   * A check of warning signals ({@code signalCheckId}) was opened, reported by {@code reportedBy}: a periodic check still
   * open for the loan is taken over by it. Two checks of one loan at once would send two members of staff to the same
   * borrower, and the signal's check is the stronger one (it shows the signals with their evidence, on site when one is
   * serious, and records the same conclusions). The periodic check ends with its task (message
   * {@code PeriodicCheckSuperseded}, the boundary event 定期检查已由预警信号核查代替) and is recorded as cancelled,
   * 由预警信号核查代替, by the reporter, now; monitoring then waits at 预警信号核查已完成 and schedules the next periodic
   * check from the completion of the last open check of signals, as when a period falls due during one. An instance on a
   * version without that boundary event (not yet rolled out) keeps its periodic check open beside the signal's.
   */
  public void supersedePeriodicCheck(String loanId, String signalCheckId, String reportedBy) {
    // the loan's monitoring row first, as a report, a completion and the period falling due take it: one at a time
    MonitoredLoan loan = monitored.lock(loanId).orElseThrow(() -> new IllegalStateException("Loan " + loanId
        + " is not under monitoring"));
    Optional<PostLoanCheck> periodic = checks.openOf(loanId, CheckKind.PERIODIC).stream().findFirst();
    if (!loan.monitoring() || periodic.isEmpty()) {
      return;
    }
    boolean endedInProcess = !runtime.createMessageCorrelation(PostLoanMonitoringProcess.Messages.PERIODIC_CHECK_SUPERSEDED)
        .processInstanceId(loan.processInstanceId()).correlateAllWithResult().isEmpty();
    if (!endedInProcess) {
      log.info("Loan {}: periodic check {} stays open beside signal check {} (monitoring {} runs on a version before the"
          + " take-over)", loanId, periodic.get().checkId(), signalCheckId, loan.processInstanceId());
      return;
    }
    checks.cancel(periodic.get().checkId(), PostLoanCheck.Withdrawal.SUPERSEDED,
        SUPERSEDED_BY_SIGNAL_CHECK + " (" + signalCheckId + ")", reportedBy, clock.now());
    log.info("Loan {}: periodic check {} taken over by signal check {} (signal reported by {})", loanId,
        periodic.get().checkId(), signalCheckId, reportedBy);
  }

  /**
   * The loan of a check of this kind whose post-loan-check instance was cancelled, locked ({@link MonitoredLoanRepository#lock})
   * and read again under the lock: empty for a check of another kind, a loan no longer monitored, or a check no longer
   * open (concluded, or this cancellation handled already). Shared by {@link #periodicCheckProcessCancelled} and
   * {@link WarningSignalService#checkProcessCancelled}.
   */
  Optional<MonitoredLoan> lockForCancelledCheck(String checkId, CheckKind kind) {
    Optional<PostLoanCheck> found = checks.find(checkId).filter(check -> check.kind() == kind);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    String loanId = found.get().loanId();
    MonitoredLoan loan = monitored.lock(loanId).orElseThrow(() -> new IllegalStateException("Loan " + loanId
        + " is not under monitoring"));
    if (!loan.monitoring() || loan.closure() != null
        || !PostLoanCheck.OPEN.equals(checks.find(checkId).map(PostLoanCheck::status).orElse(null))) {
      return Optional.empty();
    }
    return Optional.of(loan);
  }

  /**
   * The post-loan-check instance of a periodic check ended without a conclusion.
   *
   * <p>{@link PeriodicCheckEnding#DELETED_ALONE}: an operator deleted it on its own (Cockpit's cancel or batch operation,
   * {@code RuntimeService#deleteProcessInstance} or {@code deleteProcessInstancesAsync}, the engine REST API, custom
   * listeners skipped or not; {@link CheckProcessCancelledListener}). The engine then cancels monitoring's call activity
   * 定期贷后检查 with it, which would end monitoring of a loan still on the books (no next periodic check ever) and leave
   * the check's row to be withdrawn as if monitoring had ended. So, before the engine does: the check is recorded
   * {@link PostLoanCheck#CANCELLED} ({@link PostLoanCheck.Withdrawal#PROCESS_CANCELLED}, who and why as far as the engine
   * knew them, now), and monitoring is told (message {@code PeriodicCheckCancelled}, the non-interrupting boundary event
   * 定期检查流程已终止), which goes on to 安排下次定期检查: due from the last check done, so a period still due opens a new
   * periodic check at once, and one a signal's check covers waits for it as usual. An instance on a version of the model
   * without the boundary event records the check cancelled and is left as the engine leaves it (logged).
   *
   * <p>{@link PeriodicCheckEnding#CALL_ACTIVITY_MODIFIED}: an operator's modification of monitoring cancelled
   * 定期贷后检查. The check is recorded cancelled the same way, and monitoring is not told: the modification moves the flow
   * itself (to 安排下次定期检查, say), and correlating here would give the loan a second path to its next check.
   *
   * <p>Left alone: {@link PeriodicCheckEnding#WITH_ITS_CALLER} (a signal's check takes it over through 定期检查已由预警信号核查代替,
   * {@link #supersedePeriodicCheck} recording it; the monitoring instance itself is being deleted, its end withdrawing the
   * check, {@link #instanceEnded}), a check that is not periodic or no longer open (concluded, or this cancellation
   * handled already). Decided under the loan's lock, as a take-over takes it.
   */
  public void periodicCheckProcessCancelled(String checkId, Cancellation cancelled, PeriodicCheckEnding ending) {
    Optional<MonitoredLoan> locked = ending == PeriodicCheckEnding.WITH_ITS_CALLER ? Optional.empty()
        : lockForCancelledCheck(checkId, CheckKind.PERIODIC);
    if (locked.isEmpty()) {
      return;
    }
    MonitoredLoan loan = locked.get();
    String loanId = loan.loanId();
    String why = PostLoanCheck.cancelledByOperator(cancelled);
    checks.cancel(checkId, PostLoanCheck.Withdrawal.PROCESS_CANCELLED, why, cancelled.userId(), clock.now());
    if (ending == PeriodicCheckEnding.CALL_ACTIVITY_MODIFIED) {
      log.warn("Loan {}: periodic check {} cancelled by a modification of monitoring {} ({}); the modification moves its"
          + " flow", loanId, checkId, loan.processInstanceId(), why);
      return;
    }
    boolean goesOn = !runtime.createMessageCorrelation(PostLoanMonitoringProcess.Messages.PERIODIC_CHECK_CANCELLED)
        .processInstanceId(loan.processInstanceId()).correlateAllWithResult().isEmpty();
    if (goesOn) {
      log.warn("Loan {}: periodic check {} cancelled with its process instance ({}); the next periodic check is scheduled",
          loanId, checkId, why);
    } else {
      log.warn("Loan {}: periodic check {} cancelled with its process instance ({}); monitoring {} was not waiting for it at"
          + " 定期检查流程已终止 (an earlier version of the model): its flow is left as the engine leaves it",
          loanId, checkId, why, loan.processInstanceId());
    }
  }

  /**
   * Servicing settled or wrote off the loan: monitoring ends (message LoanClosed), with every open task
   * cancelled. A loan not under monitoring is left alone. Its callers (the daily close, a write-off) hold the loan's
   * ledger row, which every change of the loan's monitoring locks first, so the monitoring row is read without a lock.
   * A row naming an instance that no longer runs (deleted before rows followed their instances, {@link #instanceEnded}),
   * which the message reaches nowhere, is ended here as 结束贷后监控 would end it, logged.
   */
  public void loanClosed(String loanId, String closure, LocalDate businessDate) {
    Optional<MonitoredLoan> loan = monitored.find(loanId);
    if (loan.isEmpty() || !loan.get().monitoring()) {
      return;
    }
    monitored.closed(loanId, closure, businessDate);
    String instance = loan.get().processInstanceId();
    boolean reached = !runtime.createMessageCorrelation(PostLoanMonitoringProcess.Messages.LOAN_CLOSED)
        .processInstanceId(instance).correlateAllWithResult().isEmpty();
    if (!reached && runtime.createProcessInstanceQuery().processInstanceId(instance).count() == 0) {
      log.warn("Loan {}: its monitoring row named process instance {}, which no longer runs (deleted before monitoring"
          + " rows followed their instances): monitoring ended here, {}", loanId, instance, closure);
      end(loanId, closure);
    }
  }

  /**
   * A reversed repayment reopened the settled loan: its monitoring starts again (a new instance, whose first check looks
   * at the loan afresh), however it ended: at the settlement, or earlier when an operator cancelled it ({@link
   * MonitoredLoan#CANCELLED}, the loan then on the books). The loan is owed again, and every loan on the books is under
   * post-loan monitoring; the operator's cancellation concerned the loan before its settlement, and its who and why are
   * cleared from the row as at any restart ({@link #enrol}; the WARN line of {@link #instanceEnded} keeps them, the
   * engine's history the delete reason and, in its user operation log, who deleted the instance). A loan never monitored is left alone; one whose monitoring still runs needs nothing.
   */
  public void loanReopened(String loanId) {
    Optional<MonitoredLoan> loan = monitored.find(loanId);
    if (loan.isEmpty() || loan.get().monitoring()) {
      return;
    }
    starter.start(loanId);
  }

  /**
   * Ends monitoring: open checks, signals and a pending reclassification are cancelled.
   *
   * <p>Read without the loan's lock, on purpose: the daily close's settlement and a write-off hold the loan (its ledger
   * row) when they correlate LoanClosed ({@link #loanClosed}), so no change of the loan runs beside them. An operator's
   * correlation by hand (Cockpit, engine REST) holds nothing, but the engine loaded the instance before this task runs:
   * meeting a change not yet committed (a report starting a signal's check), it fails on the engine's conflict check
   * once that commits and keeps nothing; repeated, it sees the change and cancels it (MonitoringPostgresIT). Locking here
   * would not refresh the engine's view, only wait for it to fail.
   */
  public void end(String loanId, String reason) {
    MonitoredLoan loan = require(loanId);
    if (!loan.monitoring()) {
      return;
    }
    String why = closureText(loan.closure()).map(closed -> closed + " (" + loan.closedOn() + ")").orElse(reason);
    int cancelled = withdrawOpenWork(loanId, why, null);
    monitored.ended(loanId, clock.now());
    log.info("Loan {}: post-loan monitoring ended: {}; {} open checks cancelled", loanId, why, cancelled);
  }

  /**
   * A post-loan-monitoring instance ended ({@link MonitoringEndedListener}, however it ended). When the loan's row still
   * records monitoring by that instance, nothing ended it through {@code LoanClosed}: an operator deleted or cancelled the
   * instance (Cockpit, engine API, custom listeners skipped or not), and with it the tasks of its open checks. Its
   * monitoring is ended as {@link MonitoredLoan#CANCELLED} on today's business date ({@code closedOn}), with who cancelled
   * the instance and the delete reason, as far as the engine knew them ({@code cancelled}: on the row, in the WARN line,
   * and as the canceller of its open checks), its open checks, signals and a pending reclassification cancelled
   * ({@value #CANCELLED_BY_OPERATOR}),
   * so that a {@code LoanDisbursed} correlated by hand monitors the loan again ({@link #enrol}), as does a reversal that
   * reopens the loan after a later settlement ({@link #loanReopened}). Left alone: a row that is
   * ended (the model's own end after {@code LoanClosed} ended it in this transaction) or names another instance.
   *
   * <p>Decided under {@link MonitoredLoanRepository#lock} (the ledger row, then the monitoring row), read again there; the
   * first read takes no lock, so the end after {@code LoanClosed}, which wrote the monitoring row already, takes none in
   * the other order.
   */
  public void instanceEnded(String loanId, String processInstanceId, String how, Cancellation cancelled) {
    if (monitored.find(loanId).filter(loan -> loan.monitoring() && processInstanceId.equals(loan.processInstanceId()))
        .isEmpty()) {
      return;
    }
    Optional<MonitoredLoan> locked = monitored.lock(loanId)
        .filter(loan -> loan.monitoring() && processInstanceId.equals(loan.processInstanceId()));
    if (locked.isEmpty()) {
      return;
    }
    int checksCancelled = cancel(locked.get(), cancelled);
    log.warn("Loan {}: post-loan monitoring ended without {} ({}{}): recorded {}, {} open checks cancelled; nobody"
        + " monitors the loan until {} is correlated for it", loanId, PostLoanMonitoringProcess.Messages.LOAN_CLOSED, how,
        cancelled.reason() == null ? "" : ", reason: " + cancelled.reason(), MonitoredLoan.CANCELLED, checksCancelled,
        PostLoanMonitoringProcess.Messages.LOAN_DISBURSED);
  }

  /**
   * Ends the monitoring of a loan whose instance is gone without {@code LoanClosed} (the row locked by the caller):
   * {@link MonitoredLoan#CANCELLED} today, by whom and why as far as known ({@code cancelled}), its open work cancelled;
   * how many open checks.
   */
  private int cancel(MonitoredLoan loan, Cancellation cancelled) {
    int checksCancelled = withdrawOpenWork(loan.loanId(), CANCELLED_BY_OPERATOR, cancelled.userId());
    monitored.closed(loan.loanId(), MonitoredLoan.CANCELLED, clock.today());
    monitored.cancelled(loan.loanId(), cancelled.userId(), cancelled.reason(), clock.now());
    monitored.ended(loan.loanId(), clock.now());
    return checksCancelled;
  }

  /**
   * Cancels the loan's open checks, open signals and a pending reclassification, naming {@code why} and who ended
   * monitoring ({@code by}; null for the system: a settlement, a write-off, an unknown operator); how many checks.
   */
  private int withdrawOpenWork(String loanId, String why, String by) {
    int cancelled = checks.cancelOpen(loanId, why, by, clock.now());
    signals.cancelOpen(loanId, clock.now());
    classifications.pending(loanId).ifPresent(proposal -> classifications.decide(proposal.proposalId(),
        ReclassificationProposal.CANCELLED, by == null ? "system" : by, why, clock.now()));
    return cancelled;
  }

  /** A quarter (a month on the watch list) after the last check, or after the start before any check. */
  private LocalDate nextCheckDue(MonitoredLoan loan) {
    return policy.nextCheckDue(loan.lastCheckOn() != null ? loan.lastCheckOn() : loan.startedOn(), loan.watchListed());
  }

  /**
   * The loan's monitoring, locked until the transaction ends (changes of one loan apply one at a time),
   * for a request of staff or another system.
   *
   * @throws LoanNotFoundException  no such loan
   * @throws StateConflictException the loan was never under monitoring
   */
  public MonitoredLoan lockForRequest(String loanId) {
    return monitored.lock(loanId).orElseThrow(() -> loans.find(loanId).isPresent()
        ? new StateConflictException("借据 " + loanId + " 未纳入贷后监控 (loan " + loanId + " is not under post-loan monitoring)")
        : new LoanNotFoundException(loanId));
  }

  /**
   * The 409 for a request on a loan whose monitoring ended (it left the books, or its instance was deleted): in Chinese,
   * naming why, and when an operator ended it, that the loan left the books since (the ledger's status, read here), then
   * what is refused ({@code refused}), with the English beside.
   */
  StateConflictException ended(MonitoredLoan loan, String refused) {
    String loanStatus = loans.standing(loan.loanId()).map(LoanStanding::status).orElse(null);
    Optional<String> leftSince = leftTheBooksSince(loan, loanStatus);
    return new StateConflictException("借据 " + loan.loanId() + " 的贷后监控已结束 (" + whyEnded(loan) + ", " + loan.closure()
        + leftSince.map(left -> "; " + left + ", " + loanStatus).orElse("") + "), " + refused + " (post-loan monitoring of loan "
        + loan.loanId() + " has ended (" + loan.closure() + ")"
        + leftSince.map(left -> "; the loan has since left the books (" + loanStatus + ")").orElse("") + ")");
  }

  /**
   * Why the loan's monitoring ended as the API shows it ({@link MonitoringView#closureLabel}): {@link #whyEnded}, and when
   * an operator ended it, that the loan left the books since ({@code loanStatus}, the ledger's); null while it runs.
   */
  static String closureLabel(MonitoredLoan loan, String loanStatus) {
    return loan.closure() == null ? null
        : whyEnded(loan) + leftTheBooksSince(loan, loanStatus).map(left -> "; " + left).orElse("");
  }

  /**
   * A monitoring an operator ended ({@link MonitoredLoan#CANCELLED}, the loan then on the books) of a loan settled or
   * written off since: 其后贷款已结清 / 其后贷款已核销. The closure stays CANCELLED (why monitoring ended); this keeps the
   * texts staff read from implying the loan is still on the books.
   */
  private static Optional<String> leftTheBooksSince(MonitoredLoan loan, String loanStatus) {
    return MonitoredLoan.CANCELLED.equals(loan.closure()) && loanStatus != null && !LoanAccount.ACTIVE.equals(loanStatus)
        ? closureText(loanStatus).map(left -> "其后" + left) : Optional.empty();
  }

  /**
   * Why the loan's monitoring ended, as staff read it: settled, written off, or its instance ended by an operator, named
   * when the engine knew who ({@link MonitoredLoan#cancelledBy}).
   */
  static String whyEnded(MonitoredLoan loan) {
    if (MonitoredLoan.CANCELLED.equals(loan.closure()) && loan.cancelledBy() != null) {
      return "贷后监控流程已由运维人员 " + loan.cancelledBy() + " 终止";
    }
    return closureText(loan.closure()).orElse("监控已终止");
  }

  /**
   * Why a loan's monitoring ended, as staff and borrowers read it, from its closure (or a loan's status off the books):
   * settled, written off, or its instance ended by an operator; empty for anything else.
   */
  private static Optional<String> closureText(String closure) {
    return Optional.ofNullable(closure == null ? null : switch (closure) {
      case LoanAccount.SETTLED -> "贷款已结清";
      case LoanAccount.WRITTEN_OFF -> "贷款已核销";
      case MonitoredLoan.CANCELLED -> CANCELLED_BY_OPERATOR;
      default -> null;
    });
  }

  MonitoredLoan require(String loanId) {
    return monitored.find(loanId).orElseThrow(() -> new IllegalStateException("Loan " + loanId + " is not under monitoring"));
  }
}
