package com.smeloanflow.monitoring;

import com.smeloanflow.casefile.ApplicationChecks;
import com.smeloanflow.casefile.ApplicationHistory;
import com.smeloanflow.casefile.CheckType;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.platform.ChineseDates;
import com.smeloanflow.platform.InputHygiene;
import com.smeloanflow.platform.InvalidTaskInputException;
import com.smeloanflow.platform.StateConflictException;
import com.smeloanflow.servicing.LoanAccount;
import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.servicing.LoanStanding;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The rules of a post-loan check: opened remote, or on site when a signal it covers is serious; done
 * with a conclusion and findings (a line measure names reduce or freeze, a reduction the limit left);
 * done, it closes its signals, the classification table decides again and the next periodic check
 * follows. A line measure is recorded and carried out on the line a drawdown was drawn from (else left open for the line
 * owner); a called-in loan gets a repayment date, on which its ledger
 * makes everything owed fall due ({@link LoanAccountService#accelerate}), and goes to collections.
 */
@Service
public class PostLoanCheckService {

  private static final Logger log = LoggerFactory.getLogger(PostLoanCheckService.class);
  private static final int MAX_FINDINGS = 2000;
  /** What the first check confirms (the checklist of 首次贷后检查): use of the funds as agreed. */
  public static final String FUNDS_USED_AS_AGREED = "资金按约定用途使用";
  /** What the first check confirms: the business operates normally. */
  public static final String BUSINESS_NORMAL = "经营正常";

  private final CheckRepository checks;
  private final SignalRepository signals;
  private final MonitoredLoanRepository monitored;
  private final RiskClassificationService classification;
  private final PostLoanMonitoringService monitoring;
  private final LoanAccountService loans;
  private final MonitoringIds ids;
  private final MonitoringPolicy policy;
  private final BusinessClock clock;
  private final ApplicationChecks caseFileChecks;
  private final ApplicationHistory history;
  private final ObjectProvider<CollectionReferral> collections;
  private final ObjectProvider<CreditLineMeasures> lineMeasures;
  /** Later stages that hear of a concluded check (accountability), looked up when a check is concluded. */
  private final ObjectProvider<CheckDoneListener> checkDoneListeners;
  /** Later stages that hear of a call-in (renewal), looked up when a check calls a loan in. */
  private final ObjectProvider<CallInListener> callInListeners;

  public PostLoanCheckService(CheckRepository checks, SignalRepository signals, MonitoredLoanRepository monitored,
      RiskClassificationService classification, PostLoanMonitoringService monitoring, LoanAccountService loans,
      MonitoringIds ids, MonitoringPolicy policy, BusinessClock clock, ApplicationChecks caseFileChecks,
      ApplicationHistory history, ObjectProvider<CollectionReferral> collections,
      ObjectProvider<CreditLineMeasures> lineMeasures, ObjectProvider<CheckDoneListener> checkDoneListeners,
      ObjectProvider<CallInListener> callInListeners) {
    this.checks = checks;
    this.signals = signals;
    this.monitored = monitored;
    this.classification = classification;
    this.monitoring = monitoring;
    this.loans = loans;
    this.ids = ids;
    this.policy = policy;
    this.clock = clock;
    this.caseFileChecks = caseFileChecks;
    this.history = history;
    this.collections = collections;
    this.lineMeasures = lineMeasures;
    this.checkDoneListeners = checkDoneListeners;
    this.callInListeners = callInListeners;
  }

  /** Opens a check: on site when one of its signals is serious, else remote. */
  public PostLoanCheck open(String loanId, CheckKind kind, List<WarningSignal> covering) {
    List<WarningSignal> serious = covering.stream().filter(s -> s.severity() == SignalSeverity.SERIOUS).toList();
    CheckMethod method = serious.isEmpty() ? CheckMethod.REMOTE : CheckMethod.ON_SITE;
    String reason = switch (kind) {
      case FIRST -> "放款后30日内首次检查, 远程银行中心电话回访";
      case PERIODIC -> "定期检查, 由远程银行中心远程核查";
      case SIGNAL -> serious.isEmpty()
          ? "一般预警信号, 由远程银行中心远程核查: " + reasons(covering)
          : "重大预警信号, 由网点客户经理实地检查: " + reasons(serious);
    };
    String checkId = ids.nextCheckId();
    checks.insert(checkId, loanId, kind, method, reason, clock.today(), clock.now());
    log.info("Loan {}: {} {} opened ({}): {}", loanId, kind, checkId, method, reason);
    return checks.find(checkId).orElseThrow();
  }

  /**
   * The periodic check falling due: opened (remote), unless a check of warning signals is open for the loan. That
   * check counts as this period's check: none is opened beside it (the same staff would check the same loan twice),
   * and the next periodic check is scheduled from its completion ({@link PostLoanMonitoringService#signalCheckDone}).
   *
   * @return the periodic check, or empty while a check of signals is open
   */
  public Optional<PostLoanCheck> openPeriodic(String loanId) {
    // the loan's monitoring row first, as a report and a completion take it: a check of signals completed in this moment
    // waits until this transaction committed (and then finds it waiting at 预警信号核查已完成), or this one for it
    monitored.lock(loanId);
    List<PostLoanCheck> signalChecks = checks.openOf(loanId, CheckKind.SIGNAL);
    if (!signalChecks.isEmpty()) {
      log.info("Loan {}: periodic check due, none opened: signal check {} is open and counts as this period's check",
          loanId, signalChecks.stream().map(PostLoanCheck::checkId).collect(Collectors.joining(", ")));
      return Optional.empty();
    }
    return Optional.of(open(loanId, CheckKind.PERIODIC, List.of()));
  }

  private static String reasons(List<WarningSignal> signals) {
    return signals.stream().map(WarningSignal::severityReason).distinct().collect(Collectors.joining("; "));
  }

  public PostLoanCheck get(String checkId) {
    return checks.find(checkId).orElseThrow(() -> new IllegalStateException("No post-loan check " + checkId));
  }

  /** The check's post-loan-check instance has started. */
  public PostLoanCheck started(String checkId, String processInstanceId) {
    checks.linkProcess(checkId, processInstanceId);
    return get(checkId);
  }

  /** The signals a check covers, oldest first. */
  public List<WarningSignal> signalsOf(String checkId) {
    return signals.ofCheck(checkId);
  }

  /**
   * Records what the checker concluded; closes the check's signals; the classification table decides
   * again (a watch finding puts the loan on the watch list) and the next periodic check follows (from
   * today; a periodic check that fell due while this check of signals was open is scheduled now); later stages
   * hear that the checker concluded a check of the loan ({@link CheckDoneListener}). A call-in makes everything the loan
   * owes fall due on its repay-by date, in this transaction ({@link LoanAccountService#accelerate}), after later stages
   * heard of it ({@link CallInListener}: a renewal under way ends); a loan called in before keeps its date and schedule.
   * All of it is undone if the check turns out to be no longer open: one transaction, the task listener's (engine)
   * transaction when 登记贷后检查结论 completes it, its own when called alone. A call-in of a loan that its renewal repaid is
   * refused, nothing written ({@link #refuseACallInOfARenewedLoan}).
   *
   * @throws InvalidTaskInputException a missing or inconsistent field (400 in Tasklist)
   * @throws StateConflictException    the check is no longer open, or it calls in a loan that its renewal repaid
   */
  @Transactional
  public PostLoanCheck complete(CompleteCheck command) {
    PostLoanCheck check = get(command.checkId());
    String findings = validate(command);
    if (command.outcome() == CheckOutcome.CALL_IN) {
      // later stages first (a renewal under way ends: a called-in loan is never renewed): their rows of the loan before
      // the loan's own below, the order in which renewal's maturity posting takes them
      callInListeners.orderedStream().forEach(listener -> listener.callingIn(check.loanId(), command.checkId()));
    }
    // the loan's monitoring row before anything of its monitoring instance is read: a periodic check falling due in this
    // moment (发起定期检查 takes the row too) has then committed, and this completion sees the timer gone and monitoring
    // waiting at 预警信号核查已完成, instead of moving a timer that the engine has just fired (optimistic locking: the
    // checker would be told to submit again); or the timer waits for this completion, and its retry finds the period moved
    monitored.lock(check.loanId());
    if (command.outcome() == CheckOutcome.CALL_IN) {
      refuseACallInOfARenewedLoan(command.checkId(), check.loanId());
    }
    LocalDate today = clock.today();
    // the ledger falls due with the call-in, in its transaction: everything owed on the day the borrower must repay by; a
    // loan called in before keeps that day (its ledger fell due then, and the notice names it)
    LocalDate callInDue = command.outcome() == CheckOutcome.CALL_IN
        ? loans.accelerate(check.loanId(), policy.callInDueOn(today)) : null;
    LineMeasure measure = command.outcome() == CheckOutcome.RESTRICT_LINE ? command.lineMeasure() : null;
    BigDecimal limit = measure == LineMeasure.REDUCE ? command.reducedLimit() : null;
    if (!checks.complete(command.checkId(), command.outcome(), findings, command.checklist(), measure, limit, callInDue,
        command.checkedBy(), today, clock.now())) {
      PostLoanCheck now = get(command.checkId());
      throw new StateConflictException("贷后检查 " + command.checkId() + (PostLoanCheck.CANCELLED.equals(now.status())
          ? " 已撤销 (" + withdrawnBecause(now) + "), 无需再登记检查结论" : " 已登记过检查结论, 不能再次登记")
          + ", 请刷新待办列表 (post-loan check " + command.checkId() + " is " + now.status() + ")");
    }
    signals.checked(command.checkId(), clock.now());
    monitored.checked(check.loanId(), today);
    log.info("Loan {}: {} {} done by {}: {}{}", check.loanId(), check.kind(), check.checkId(), command.checkedBy(),
        command.outcome(), measure == null ? "" : " " + measure + (limit == null ? "" : " to " + limit.toPlainString()));
    classification.reevaluate(check.loanId(), check.kind() == CheckKind.FIRST ? RiskClassificationService.Cause.FIRST_CHECK
        : RiskClassificationService.Cause.CHECK, check.checkId(), command.checkedBy(), RiskClassificationService.TABLE);
    monitoring.reschedule(check.loanId());
    if (check.kind() == CheckKind.SIGNAL) {
      monitoring.signalCheckDone(check.loanId());
    }
    checkDoneListeners.orderedStream().forEach(listener -> listener.checkDone(check.loanId(), command.checkId(), command.checkedBy()));
    return get(command.checkId());
  }

  /**
   * A loan that its renewal (无还本续贷) repaid at maturity is not called in. Booking the renewal neither closes the old loan
   * (it stays ACTIVE until a daily close settles it, once the interest of its maturity instalment is paid) nor ends its
   * monitoring, so a check of it stays open until that close at least; concluded 提前收回贷款并移交催收, it would
   * accelerate a loan with 0.00 principal left and open a collection case on it, while the new loan that now carries the
   * debt went on as if nothing had been found. The conservative choice: refuse the conclusion (400 in Tasklist, as for a
   * task overtaken meanwhile), name the new loan, write nothing; the check stays open (the checker may conclude
   * otherwise, or it is withdrawn as the old loan's monitoring ends). Calling the new loan in is the checker's decision
   * on that loan's own check, not this one's.
   *
   * <p>Read under the loan's lock ({@link MonitoredLoanRepository#lock}), which a renewal's booking holds while it writes
   * ({@link LoanAccountService#renew}), after the renewal's row that a {@link CallInListener} locked first: a booking in
   * progress has committed by then and is seen. A check no longer open is left to the answer below (已撤销 or 已登记过).
   *
   * @throws StateConflictException the loan was renewed
   */
  private void refuseACallInOfARenewedLoan(String checkId, String loanId) {
    Optional<LoanAccount> renewal = loans.findRenewalOf(loanId);
    if (renewal.isEmpty() || !PostLoanCheck.OPEN.equals(get(checkId).status())) {
      return;
    }
    String newLoanId = renewal.get().loanId();
    LocalDate renewedOn = renewal.get().disbursedOn();
    log.info("Loan {}: call-in by check {} refused, renewed on {} by loan {}", loanId, checkId, renewedOn, newLoanId);
    throw new StateConflictException("借据 " + loanId + " 已于" + ChineseDates.day(renewedOn) + "无还本续贷为新借据 " + newLoanId
        + ", 原借据不再提前收回; 请对新借据 " + newLoanId + " 报送预警信号并发起检查 (loan " + loanId + " was renewed on "
        + renewedOn + " by loan " + newLoanId + ": it is not called in; report a warning signal on " + newLoanId + ")");
  }

  /**
   * Why a check was withdrawn, as its checker is told: a periodic check a signal's check took over names that check
   * (its stored reason, 由预警信号核查代替 (check id)), a check whose instance an operator cancelled names who and the new
   * check of its signals (its stored reason); any other was withdrawn because monitoring ended.
   */
  private static String withdrawnBecause(PostLoanCheck check) {
    return check.withdrawal() == PostLoanCheck.Withdrawal.SUPERSEDED
        || check.withdrawal() == PostLoanCheck.Withdrawal.PROCESS_CANCELLED ? check.cancelReason() : "贷后监控已结束";
  }

  private String validate(CompleteCheck command) {
    if (command.outcome() == null) {
      throw new InvalidTaskInputException("请选择检查结论 (checkConclusion)");
    }
    String findings = command.findings() == null ? null : command.findings().trim();
    if (findings == null || findings.isEmpty() || findings.length() > MAX_FINDINGS) {
      throw new InvalidTaskInputException("请填写检查情况 (1-" + MAX_FINDINGS + " 字) (checkFindings)");
    }
    InputHygiene.multiLine("checkFindings", findings).ifPresent(v -> {
      throw new InvalidTaskInputException("检查情况" + v.message() + " (checkFindings)");
    });
    if (command.outcome() == CheckOutcome.RESTRICT_LINE) {
      if (command.lineMeasure() == null) {
        throw new InvalidTaskInputException("请选择额度管控措施: 压降或冻结 (lineMeasure)");
      }
      if (command.lineMeasure() == LineMeasure.REDUCE) {
        LoanAccount loan = loans.find(get(command.checkId()).loanId()).orElseThrow();
        if (command.reducedLimit() == null || command.reducedLimit().compareTo(loan.principal()) >= 0) {
          throw new InvalidTaskInputException("压降额度须填写压降后的额度, 且低于原额度 " + loan.principal().toPlainString()
              + " 元 (reducedLimit)");
        }
      }
    }
    return findings;
  }

  /**
   * The first check within 30 days of disbursement (remote banking), recorded as a check of the loan
   * and in the application's case file; then the classification table decides again. A conclusion 正常 needs both
   * items of the checklist confirmed ({@link #FUNDS_USED_AS_AGREED}, {@link #BUSINESS_NORMAL}): a checker who could not
   * confirm the use of the funds or the business concludes 关注, else that finding would be kept in the checklist only
   * and the loan stay 正常 (checked quarterly, renewable) as if nothing had been found.
   *
   * <p>The loan is locked before the check is stored ({@link MonitoredLoanRepository#lock}: its ledger row, then its
   * monitoring row), as {@link #complete} would lock it after: storing a check references the loan's monitoring row,
   * which the database then holds in share mode, so the daily close holding the loan's ledger row and coming to lock
   * the monitoring row (a floor change, a settlement) waited for this check while this check waited for the close's
   * ledger row, and the database aborted one of the two (a deadlock: remote banking's 首次贷后检查 failed).
   */
  public PostLoanCheck recordFirstCheck(String loanId, CheckOutcome outcome, String notes, List<String> checklist,
      String checker) {
    if (outcome != CheckOutcome.NORMAL && outcome != CheckOutcome.WATCH) {
      throw new InvalidTaskInputException("首次检查结论应为正常或关注 (firstCheckResult)");
    }
    List<String> notConfirmed = List.of(FUNDS_USED_AS_AGREED, BUSINESS_NORMAL).stream()
        .filter(item -> !checklist.contains(item)).toList();
    if (outcome == CheckOutcome.NORMAL && !notConfirmed.isEmpty()) {
      throw new InvalidTaskInputException("未确认" + String.join("、", notConfirmed) + "时检查结论不能为正常: 请选择关注, "
          + "或核实后勾选 (firstCheckResult NORMAL needs fundsUsedAsAgreed and businessNormal confirmed)");
    }
    monitored.lock(loanId);
    PostLoanCheck check = open(loanId, CheckKind.FIRST, List.of());
    PostLoanCheck done = complete(new CompleteCheck(check.checkId(), outcome, notes, checklist, null, null, checker));
    String applicationId = loans.find(loanId).orElseThrow().applicationId();
    caseFileChecks.record(applicationId, CheckType.POST_LOAN_FIRST_CHECK, 1, outcome.name(), checker,
        checklist.isEmpty() ? "—" : String.join(", ", checklist), done.findings());
    history.record(applicationId, checker, "POST_LOAN_FIRST_CHECK_" + outcome.name(), loanId + ": " + done.findings());
    return done;
  }

  /**
   * The line measure of a RESTRICT_LINE check, recorded once and carried out on the credit line the loan was drawn
   * from ({@link LineInstruction#APPLIED}); for a loan that is no drawdown of a line here it stays
   * {@link LineInstruction#OPEN} for whoever keeps the borrower's line.
   */
  public LineInstruction issueLineInstruction(String checkId) {
    PostLoanCheck check = get(checkId);
    if (check.outcome() != CheckOutcome.RESTRICT_LINE) {
      throw new IllegalStateException("Check " + checkId + " ordered no line measure (" + check.outcome() + ")");
    }
    return checks.instructionOf(checkId).orElseGet(() -> {
      LineInstruction issued = new LineInstruction(check.loanId(), checkId, check.lineMeasure(), check.reducedLimit(),
          check.findings(), check.checkedBy(), clock.now(), LineInstruction.OPEN);
      Optional<String> line = Optional.ofNullable(lineMeasures.getIfAvailable()).flatMap(measures -> measures.carryOut(issued));
      LineInstruction instruction = line.isPresent() ? issued.withStatus(LineInstruction.APPLIED) : issued;
      checks.insertInstruction(instruction);
      log.info("Loan {}: line instruction {} {} {} (check {})", check.loanId(), check.lineMeasure(),
          check.reducedLimit() == null ? "" : check.reducedLimit().toPlainString(),
          line.map(id -> "carried out on line " + id).orElse("recorded for the line owner"), checkId);
      return instruction;
    });
  }

  /**
   * A called-in loan goes to collections before it falls overdue: its case opens now.
   *
   * <p>The loan's row in the ledger is locked first ({@link LoanAccountService#lock}), as the daily close's hand-over of
   * overdue loans locks it before it opens their cases: a case's row refers to the loan's, which the database then holds
   * in share mode, and a loan has one open case. Unlocked, a referral meeting the close's hand-over of the same loan held
   * its new case while it waited for the loan's row, and the close, opening that loan's case, waited for the referral's,
   * and the database aborted one of the two (a deadlock: 移交催收 failed, or the close's hand-over). Now the referral waits
   * for the close and finds the case the close opened.
   */
  public String referToCollections(String checkId) {
    PostLoanCheck check = get(checkId);
    if (check.outcome() != CheckOutcome.CALL_IN) {
      throw new IllegalStateException("Check " + checkId + " did not call the loan in (" + check.outcome() + ")");
    }
    loans.lock(check.loanId());
    LoanAccount loan = loans.find(check.loanId()).orElseThrow();
    LoanStanding standing = loans.standing(check.loanId()).orElseThrow();
    String caseId = collections.getObject().refer(check.loanId(), loan.branchCode(),
        standing.lastClosedOn() != null ? standing.lastClosedOn() : clock.today(), standing.daysPastDue());
    log.info("Loan {}: called in by check {} (repay by {}), collection case {}", check.loanId(), checkId, check.callInDueOn(),
        caseId);
    return caseId;
  }
}
