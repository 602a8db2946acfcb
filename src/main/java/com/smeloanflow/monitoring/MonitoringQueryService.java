package com.smeloanflow.monitoring;

import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.servicing.LoanNotFoundException;
import com.smeloanflow.servicing.LoanStanding;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;

/** Reads a loan's monitoring for the API. */
@Service
public class MonitoringQueryService {

  /**
   * The rhythm's label once monitoring ended (settled, written off, cancelled): no check is due any more, so neither a
   * rhythm nor a next check is shown; why it ended is {@code closureLabel}.
   */
  static final String NO_RHYTHM_AFTER_THE_END = "监控已结束, 不再定期检查";

  /** A loan has a first or periodic check, a few signal checks and an approval open at most. */
  private static final int MAX_OPEN_TASKS = 50;

  private final MonitoredLoanRepository monitored;
  private final SignalRepository signals;
  private final CheckRepository checks;
  private final ClassificationRepository classifications;
  private final TaskService tasks;
  private final LoanAccountService loans;

  public MonitoringQueryService(MonitoredLoanRepository monitored, SignalRepository signals, CheckRepository checks,
      ClassificationRepository classifications, TaskService tasks, LoanAccountService loans) {
    this.loans = loans;
    this.monitored = monitored;
    this.signals = signals;
    this.checks = checks;
    this.classifications = classifications;
    this.tasks = tasks;
  }

  public Optional<MonitoredLoan> find(String loanId) {
    return monitored.find(loanId);
  }

  /** Early-warning signals of the loan still open (not yet checked), e.g. for a credit line's annual review. */
  public int openSignalCount(String loanId) {
    return signals.openOf(loanId).size();
  }

  /** @throws LoanNotFoundException when the loan is not under monitoring (never was) */
  public MonitoringView view(String loanId) {
    MonitoredLoan loan = monitored.find(loanId).orElseThrow(() -> MonitoredLoan.notFound(loanId));
    List<PostLoanCheck> loanChecks = checks.ofLoan(loanId);
    String loanStatus = loans.standing(loanId).map(LoanStanding::status).orElse(null);
    boolean checked = loan.monitoring();
    return new MonitoringView(loanId, loan.branchCode(), loan.status(), checked ? "贷后监控中" : "监控已结束", loanStatus,
        loan.classification(), loan.classification().label(), loan.watchListed(),
        !checked ? null : loan.watchListed() ? "MONTHLY" : "QUARTERLY",
        !checked ? NO_RHYTHM_AFTER_THE_END : loan.watchListed() ? "观察名单, 每月检查" : "每季度检查",
        checked ? loan.nextCheckDue() : null, loan.lastCheckOn(), loan.lastRequeryAt(),
        loan.startedOn(), loan.closure(), loan.closedOn(), PostLoanMonitoringService.closureLabel(loan, loanStatus),
        loan.cancelledBy(), loan.cancelledAt(), loan.cancelReason(), openTasks(loan, loanChecks),
        signalViews(loanId),
        loanChecks.stream().map(MonitoringView.CheckView::of).toList(),
        classifications.changesOf(loanId).stream().map(MonitoringView.ChangeView::of).toList(),
        classifications.proposalsOf(loanId).stream().map(MonitoringView.ProposalView::of).toList(),
        checks.instructionsOf(loanId));
  }

  private List<MonitoringView.SignalView> signalViews(String loanId) {
    List<SignalRecheck> rechecks = signals.rechecksOf(loanId);
    return signals.ofLoan(loanId).stream().map(signal -> MonitoringView.SignalView.of(signal, rechecks)).toList();
  }

  private List<String> openTasks(MonitoredLoan loan, List<PostLoanCheck> loanChecks) {
    if (!loan.monitoring()) {
      return List.of();
    }
    List<String> instances = new ArrayList<>();
    instances.add(loan.processInstanceId());
    loanChecks.stream().filter(check -> PostLoanCheck.OPEN.equals(check.status()))
        .map(check -> checks.processInstanceOf(check.checkId())).filter(Objects::nonNull).forEach(instances::add);
    return tasks.createTaskQuery().processInstanceIdIn(instances.toArray(String[]::new)).orderByTaskCreateTime().asc()
        .listPage(0, MAX_OPEN_TASKS).stream().map(Task::getName).toList();
  }
}
