package com.smeloanflow.collections;

import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.intake.IntakeService;
import com.smeloanflow.process.CollectionProcess;
import com.smeloanflow.servicing.BusinessDates;
import com.smeloanflow.servicing.DailyCloseService;
import com.smeloanflow.servicing.LoanAccount;
import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.servicing.ReceiveRepayment;
import com.smeloanflow.servicing.RepaymentService;
import com.smeloanflow.servicing.TestLoans;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;

/**
 * One overdue loan and its collection case, driven as the bank drives it: daily closes of chosen
 * days past due, repayments from core banking. The loan (100,000.00 CNY, 12 months, 8,530.99 a
 * month, branch ZY001) is disbursed in an era of its own ({@link BusinessDates}); its first
 * instalment is due a month later, so the close of that day gives 1 day past due.
 */
public final class CollectionScenario {

  private final ProcessEngine engine;
  private final DailyCloseService dailyClose;
  private final LoanAccountService loans;
  private final RepaymentService repayments;
  private final Consumer<String> executeDueJobs;
  private final Runnable startCollectionProcesses;
  private final LoanAccount loan;
  private final LocalDate firstDue;
  private LocalDate businessDate;

  CollectionScenario(ProcessEngine engine, IntakeService intake, DailyCloseService dailyClose, LoanAccountService loans,
      RepaymentService repayments, Consumer<String> executeDueJobs, Runnable startCollectionProcesses) {
    this(engine, intake, dailyClose, loans, repayments, executeDueJobs, startCollectionProcesses, "100000.00");
  }

  /** As above, with a loan of {@code principal} CNY instead of 100,000.00. */
  CollectionScenario(ProcessEngine engine, IntakeService intake, DailyCloseService dailyClose, LoanAccountService loans,
      RepaymentService repayments, Consumer<String> executeDueJobs, Runnable startCollectionProcesses, String principal) {
    this.engine = engine;
    this.dailyClose = dailyClose;
    this.loans = loans;
    this.repayments = repayments;
    this.executeDueJobs = executeDueJobs;
    this.startCollectionProcesses = startCollectionProcesses;
    LocalDate disbursed = BusinessDates.era();
    this.loan = TestLoans.with(intake, loans).principal(principal).disbursedOn(disbursed);
    this.firstDue = disbursed.plusMonths(1);
  }

  public LoanAccount loan() {
    return loan;
  }

  public String loanId() {
    return loan.loanId();
  }

  public LocalDate businessDate() {
    return businessDate;
  }

  /** The business date on which the loan is {@code daysPastDue} days past due (first instalment unpaid). */
  public LocalDate dayOf(int daysPastDue) {
    return firstDue.plusDays(daysPastDue - 1L);
  }

  /**
   * Runs the daily close of the day the loan is {@code daysPastDue} days past due, then (as the nodes' poller
   * does after the close) starts the processes of the cases it opened, then the case's due jobs.
   */
  public CollectionScenario closeAt(int daysPastDue) {
    return closeOn(dayOf(daysPastDue));
  }

  /** Runs the daily close of that day only: the processes of the cases it opened are not started yet. */
  public CollectionScenario closeAtBeforeProcessesStart(int daysPastDue) {
    businessDate = dayOf(daysPastDue);
    dailyClose.close(businessDate);
    return this;
  }

  public CollectionScenario closeOn(LocalDate day) {
    businessDate = day;
    dailyClose.close(day);
    startCollectionProcesses.run();
    runCaseJobs();
    return this;
  }

  /**
   * Executes the due jobs of every collection instance of the loan (decisions, write-off) and sends the
   * loan's queued mails, also when the instance has just ended (a cure mails the borrower as it ends).
   */
  public void runCaseJobs() {
    caseInstanceIds().forEach(executeDueJobs);
  }

  /** The loan's running collection instance. */
  public ProcessInstance caseInstance() {
    ProcessInstance instance = engine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey(CollectionProcess.KEY).processInstanceBusinessKey(loan.loanId()).singleResult();
    assertThat(instance).as("running collection case of %s", loan.loanId()).isNotNull();
    return instance;
  }

  public boolean caseRunning() {
    return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(CollectionProcess.KEY)
        .processInstanceBusinessKey(loan.loanId()).count() > 0;
  }

  /** Every collection instance of the loan, running or ended, oldest first. */
  public List<String> caseInstanceIds() {
    return engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey(CollectionProcess.KEY)
        .processInstanceBusinessKey(loan.loanId()).orderByProcessInstanceStartTime().asc().list().stream()
        .map(p -> p.getId()).toList();
  }

  /** The case's open task of {@code taskDefinitionKey}. */
  public Task task(String taskDefinitionKey) {
    Task task = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(loan.loanId())
        .taskDefinitionKey(taskDefinitionKey).singleResult();
    assertThat(task).as("open task %s of loan %s", taskDefinitionKey, loan.loanId()).isNotNull();
    return task;
  }

  public List<Task> openTasks() {
    return engine.getTaskService().createTaskQuery().processInstanceBusinessKey(loan.loanId()).list().stream()
        .filter(t -> t.getProcessDefinitionId().startsWith(CollectionProcess.KEY + ":")).toList();
  }

  public List<Job> caseJobs() {
    return engine.getManagementService().createJobQuery().processInstanceId(caseInstance().getId()).list();
  }

  /** What is overdue now (principal, interest, penalty of overdue instalments). */
  public BigDecimal arrears() {
    return loans.balances(loan.loanId()).arrears();
  }

  /**
   * Core banking reports a repayment received the day after the last close's business date (the close of D runs at
   * 00:30 on D+1), before the next close: it owes what that close left. Value-dated the closed date itself, it would be
   * applied as of before that close (its day of penalty interest not owed).
   */
  public String repay(BigDecimal amount) {
    return repay(amount, businessDate.plusDays(1));
  }

  /** Core banking reports a repayment with this value date. */
  public String repay(BigDecimal amount, LocalDate valueDate) {
    String transactionId = "TX" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    repayments.receive(new ReceiveRepayment(loan.loanId(), transactionId, amount, valueDate, "core-banking"));
    runCaseJobs();
    return transactionId;
  }
}
