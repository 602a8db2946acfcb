package com.smeloanflow.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.intake.IntakeService;
import com.smeloanflow.process.PostLoanCheckProcess;
import com.smeloanflow.process.PostLoanMonitoringProcess;
import com.smeloanflow.processing.CreditCodes;
import com.smeloanflow.processing.ProcessingFixtures;
import com.smeloanflow.processing.SandboxEnterprises;
import com.smeloanflow.processing.sandbox.SandboxProfile;
import com.smeloanflow.servicing.DailyCloseService;
import com.smeloanflow.servicing.LoanAccount;
import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.servicing.TestLoans;
import com.smeloanflow.support.ApiClient;
import com.smeloanflow.platform.BusinessClock;
import java.time.LocalDate;
import java.util.Date;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;

/**
 * One loan under post-loan monitoring, driven as the bank drives it: a loan opened on the ledger (no
 * origination; the tests of the whole flow use LoanFlow) with a strong sandbox profile of its
 * enterprise, monitoring started as the disbursement starts it, the external data changed in the
 * sandbox and re-queried, signals reported over the API, checks completed by staff, daily closes.
 */
public final class MonitoringScenario {

  /** Completes a task as a member of staff (AbstractIntegrationTest#completeAs). */
  public interface Staff {
    void complete(String userId, String taskId, Map<String, Object> variables);
  }

  private final ProcessEngine engine;
  private final ApiClient api;
  private final Consumer<String> executeDueJobs;
  private final Staff staff;
  private final LoanAccountService loans;
  private final DailyCloseService dailyClose;
  private final LoanAccount loan;
  private final ProcessInstance monitoring;
  private SandboxProfile profile = ProcessingFixtures.strongProfile();

  private MonitoringScenario(ProcessEngine engine, ApiClient api, Consumer<String> executeDueJobs, Staff staff,
      LoanAccountService loans, DailyCloseService dailyClose, LoanAccount loan) {
    this.engine = engine;
    this.api = api;
    this.executeDueJobs = executeDueJobs;
    this.staff = staff;
    this.loans = loans;
    this.dailyClose = dailyClose;
    this.loan = loan;
    SandboxEnterprises.register(api, loan.creditCode(), profile);
    this.monitoring = engine.getRuntimeService().createMessageCorrelation(PostLoanMonitoringProcess.Messages.LOAN_DISBURSED)
        .processInstanceBusinessKey(loan.loanId()).correlateStartMessage();
  }

  /** A loan of a fresh enterprise at {@code branch}, disbursed on {@code disbursedOn}, under monitoring. */
  public static MonitoringScenario loan(ProcessEngine engine, ApiClient api, Consumer<String> executeDueJobs, Staff staff,
      IntakeService intake, LoanAccountService loans, DailyCloseService dailyClose, String branch, LocalDate disbursedOn) {
    LoanAccount loan = TestLoans.with(intake, loans).branch(branch).creditCode(CreditCodes.fresh()).disbursedOn(disbursedOn);
    return new MonitoringScenario(engine, api, executeDueJobs, staff, loans, dailyClose, loan);
  }

  /**
   * A loan already opened on the ledger (another stage's scenario, e.g. a renewal's), its monitoring started now as the
   * disbursement starts it, its enterprise's data the strong sandbox profile.
   */
  public static MonitoringScenario of(LoanAccount loan, ProcessEngine engine, ApiClient api, Consumer<String> executeDueJobs,
      Staff staff, LoanAccountService loans, DailyCloseService dailyClose) {
    return new MonitoringScenario(engine, api, executeDueJobs, staff, loans, dailyClose, loan);
  }

  public LoanAccount account() {
    return loan;
  }

  public String loanId() {
    return loan.loanId();
  }

  public ProcessInstance monitoring() {
    return monitoring;
  }

  /** The remote banking centre records the first check. */
  public MonitoringScenario firstCheck(String result) {
    Task first = task(PostLoanMonitoringProcess.Elements.TASK_FIRST_POST_LOAN_CHECK);
    staff.complete("remote-verifier", first.getId(), Map.of("fundsUsedAsAgreed", true, "businessNormal", true,
        "firstCheckResult", result, "firstCheckNotes", "电话回访: 资金用于采购原材料"));
    runJobs();
    return this;
  }

  /** The enterprise's external data as the sandbox answers from now on. */
  public MonitoringScenario externalData(SandboxProfile changed) {
    profile = changed;
    SandboxEnterprises.register(api, loan.creditCode(), profile);
    return this;
  }

  public SandboxProfile profile() {
    return profile;
  }

  /** The monthly re-query falls due now and runs. */
  public MonitoringScenario requeryNow() {
    Job timer = engine.getManagementService().createJobQuery().processInstanceId(monitoring.getId())
        .activityId(PostLoanMonitoringProcess.Elements.START_REQUERY_DUE).singleResult();
    assertThat(timer).as("re-query timer of %s", loan.loanId()).isNotNull();
    engine.getManagementService().setJobDuedate(timer.getId(), new Date(ClockUtil.getCurrentTime().getTime() - 1000));
    runJobs();
    return this;
  }

  /** Runs the daily close of {@code day}, then the instances' due jobs. */
  public MonitoringScenario closeOn(LocalDate day) {
    dailyClose.close(day);
    runJobs();
    return this;
  }

  /** Executes the due jobs of the monitoring instance and of its checks, and sends the loan's queued mails. */
  public void runJobs() {
    for (int round = 0; round < 5; round++) {
      List<String> instances = new ArrayList<>(List.of(monitoring.getId()));
      instances.addAll(checkInstanceIds());
      instances.forEach(executeDueJobs);
    }
  }

  /** The running post-loan-check instances of the loan. */
  public List<String> checkInstanceIds() {
    return engine.getRuntimeService().createProcessInstanceQuery().superProcessInstanceId(monitoring.getId()).list().stream()
        .map(ProcessInstance::getId).toList();
  }

  /** The running post-loan-check instance of a check. */
  public ProcessInstance checkInstance(String checkId) {
    ProcessInstance check = engine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey(PostLoanCheckProcess.KEY).processInstanceBusinessKey(checkId).singleResult();
    assertThat(check).as("post-loan-check %s", checkId).isNotNull();
    return check;
  }

  /** The loan's one open task of {@code taskDefinitionKey}, in the monitoring instance or a check. */
  public Task task(String taskDefinitionKey) {
    List<Task> tasks = tasks(taskDefinitionKey);
    assertThat(tasks).as("open %s of loan %s", taskDefinitionKey, loan.loanId()).hasSize(1);
    return tasks.get(0);
  }

  public List<Task> tasks(String taskDefinitionKey) {
    List<String> instances = new ArrayList<>(List.of(monitoring.getId()));
    instances.addAll(checkInstanceIds());
    return engine.getTaskService().createTaskQuery().processInstanceIdIn(instances.toArray(String[]::new))
        .taskDefinitionKey(taskDefinitionKey).list();
  }

  /** Every open task of the loan's monitoring and its checks. */
  public List<Task> openTasks() {
    List<String> instances = new ArrayList<>(List.of(monitoring.getId()));
    instances.addAll(checkInstanceIds());
    return engine.getTaskService().createTaskQuery().processInstanceIdIn(instances.toArray(String[]::new)).list();
  }

  /** Completes the open check task with a conclusion and findings (plus any other form fields). */
  public MonitoringScenario completeCheck(String user, String taskDefinitionKey, String conclusion, Map<String, Object> more) {
    Map<String, Object> variables = new java.util.HashMap<>(more);
    variables.put(PostLoanCheckTaskListener.CONCLUSION, conclusion);
    variables.put(PostLoanCheckTaskListener.FINDINGS, "已核实: " + conclusion);
    staff.complete(user, task(taskDefinitionKey).getId(), variables);
    runJobs();
    return this;
  }

  /**
   * The remote banking centre reports the borrower's debt overdue at another bank (征信显示他行贷款逾期, event
   * {@code eventId}): a check of the signal opens, which a checker may conclude {@link #callIn}.
   */
  public MonitoringScenario overdueElsewhere(String eventId) {
    report("remote-verifier", signal(eventId, "OVERDUE_ELSEWHERE", "征信显示他行贷款逾期", "{\"overdueAmount\": 8000.00}"));
    return this;
  }

  /** The open remote check of a signal concluded 提前收回贷款并移交催收 (CALL_IN), as the checker does in Tasklist. */
  public MonitoringScenario callIn() {
    return completeCheck("remote-verifier", PostLoanCheckProcess.Elements.TASK_CHECK_REMOTELY, "CALL_IN", Map.of());
  }

  /** POST /api/loans/{loanId}/signals as {@code user}. */
  public ApiClient.Response report(String user, String json) {
    ApiClient.Response answer = api.post("/api/loans/" + loan.loanId() + "/signals", user, json);
    runJobs();
    return answer;
  }

  /** A signal report of {@code type} with a fresh event id. */
  public static String signal(String eventId, String type, String summary, String evidence) {
    return "{\"eventId\": \"" + eventId + "\", \"signalType\": \"" + type + "\", \"observedOn\": \""
        + LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), BusinessClock.BANK_ZONE).minusDays(1)
        + "\", \"summary\": \"" + summary + "\""
        + (evidence == null ? "" : ", \"evidence\": " + evidence) + "}";
  }

  public LoanAccountService loans() {
    return loans;
  }
}
