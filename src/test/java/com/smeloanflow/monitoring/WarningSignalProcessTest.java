package com.smeloanflow.monitoring;

import static com.smeloanflow.process.PostLoanCheckProcess.Elements.TASK_CHECK_ON_SITE;
import static com.smeloanflow.process.PostLoanCheckProcess.Elements.TASK_CHECK_REMOTELY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.smeloanflow.identity.Groups;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.platform.ChineseDates;
import com.smeloanflow.platform.ProcessEndListener;
import com.smeloanflow.process.PostLoanCheckProcess;
import com.smeloanflow.process.PostLoanMonitoringProcess;
import com.smeloanflow.processing.ProcessingFixtures;
import com.smeloanflow.processing.sandbox.SandboxProfile;
import com.smeloanflow.servicing.Classification;
import com.smeloanflow.servicing.DailyCloseService;
import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.ApiClient.Response;
import com.smeloanflow.support.TakenSequenceFlows;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Early-warning signals: each one the monthly re-query finds when the enterprise's external data
 * changes, signals pushed over the API with their evidence on the task, on site when the severity
 * table calls them serious and remote otherwise, a repeat of an open signal starting nothing, and a
 * source that fails leaving the re-query to its retries.
 */
class WarningSignalProcessTest extends AbstractIntegrationTest {

  @Autowired LoanAccountService loans;
  @Autowired DailyCloseService dailyClose;
  @Autowired MonitoringQueryService monitoring;
  @Autowired BusinessClock clock;
  @Autowired TakenSequenceFlows flows;
  @Autowired WarningSignalService signalService;

  private MonitoringScenario loanUnderMonitoring() {
    return MonitoringScenario.loan(processEngine, api, this::executeDueJobs, this::completeAs, intakeService, loans, dailyClose,
        "ZY001", clock.today()).firstCheck("NORMAL");
  }

  static Stream<Arguments> changesTheReQueryFinds() {
    UnaryOperator<SandboxProfile> taxRatingC = p -> ProcessingFixtures.withTax(p,
        new SandboxProfile.Tax("C", p.tax().annualSales(), 2));
    UnaryOperator<SandboxProfile> enforcementCase = p -> ProcessingFixtures.withCourt(p, new SandboxProfile.Court(1, false));
    UnaryOperator<SandboxProfile> dishonest = p -> ProcessingFixtures.withCourt(p, new SandboxProfile.Court(0, true));
    UnaryOperator<SandboxProfile> overdueElsewhere = p -> new SandboxProfile(p.registration(), p.tax(),
        new SandboxProfile.Bureau(new BigDecimal("20000.00"), 35, 2, 3), p.court(), p.flows(), p.utilities(), p.scenario(),
        p.internalDefaults(), p.sandbox());
    UnaryOperator<SandboxProfile> inflowsCollapse = p -> {
      List<BigDecimal> inflows = new ArrayList<>(p.flows().monthlyInflows().subList(0, 9));
      inflows.addAll(List.of(new BigDecimal("100000"), new BigDecimal("100000"), new BigDecimal("100000")));
      return new SandboxProfile(p.registration(), p.tax(), p.bureau(), p.court(),
          new SandboxProfile.Flows(inflows, p.flows().monthlyOutflows()), p.utilities(), p.scenario(), p.internalDefaults(),
          p.sandbox());
    };
    UnaryOperator<SandboxProfile> licenceRevoked = p -> new SandboxProfile(new SandboxProfile.Registration(
        p.registration().name(), p.registration().establishedOn(), "REVOKED", p.registration().industryCode()), p.tax(),
        p.bureau(), p.court(), p.flows(), p.utilities(), p.scenario(), p.internalDefaults(), p.sandbox());
    return Stream.of(
        Arguments.of(SignalType.TAX_RATING_DROP, taxRatingC, SignalSeverity.SERIOUS, Classification.SPECIAL_MENTION, "A → C"),
        Arguments.of(SignalType.COURT_ENFORCEMENT, enforcementCase, SignalSeverity.ORDINARY, Classification.NORMAL, "0 件 → 1 件"),
        Arguments.of(SignalType.DISHONEST_DEBTOR, dishonest, SignalSeverity.SERIOUS, Classification.SUBSTANDARD, "未列入 → 已列入"),
        Arguments.of(SignalType.OVERDUE_ELSEWHERE, overdueElsewhere, SignalSeverity.ORDINARY, Classification.NORMAL, "20000.00"),
        Arguments.of(SignalType.INFLOW_COLLAPSE, inflowsCollapse, SignalSeverity.SERIOUS, Classification.SPECIAL_MENTION,
            "下降 76%"),
        Arguments.of(SignalType.LICENCE_STATUS_CHANGE, licenceRevoked, SignalSeverity.SERIOUS, Classification.SUBSTANDARD,
            "存续 → 吊销"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("changesTheReQueryFinds")
  void theMonthlyReQueryFindsEachSignalAndStartsACheckAtOnce(SignalType type, UnaryOperator<SandboxProfile> change,
      SignalSeverity severity, Classification classification, String evidence) {
    MonitoringScenario loan = loanUnderMonitoring().requeryNow();
    assertThat(loan.checkInstanceIds()).as("nothing new at the first re-query").isEmpty();

    loan.externalData(change.apply(loan.profile())).requeryNow();

    MonitoringView view = monitoring.view(loan.loanId());
    assertThat(view.signals()).singleElement().satisfies(signal -> {
      assertThat(signal.type()).isEqualTo(type);
      assertThat(signal.origin()).isEqualTo(WarningSignal.REQUERY);
      assertThat(signal.severity()).isEqualTo(severity);
      assertThat(signal.status()).isEqualTo(WarningSignal.OPEN);
      assertThat(signal.evidenceText()).contains(evidence);
    });
    boolean onSite = severity == SignalSeverity.SERIOUS;
    Task check = loan.task(onSite ? TASK_CHECK_ON_SITE : TASK_CHECK_REMOTELY);
    assertThat(check).hasCandidateGroup(onSite ? Groups.customerManagers("ZY001") : Groups.REMOTE_BANKING);
    assertThat((String) taskService.getVariableLocal(check.getId(), "signalsText")).contains(type.label()).contains(evidence)
        .containsPattern(java.util.regex.Pattern.quote(type.label()) + " \\(\\d{4}年\\d{1,2}月\\d{1,2}日, ").doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}");
    assertThat(flows.of(loan.monitoring().getId())).contains(PostLoanMonitoringProcess.Flows.NEW_SIGNALS_FOUND_YES);
    assertThat(view.classification()).as("classification while the signal is open").isEqualTo(classification);
    assertThat(view.checks().get(0).method()).isEqualTo(onSite ? CheckMethod.ON_SITE : CheckMethod.REMOTE);

    loan.requeryNow();
    assertThat(loan.openTasks()).as("the same data again: no new signal").hasSize(1);
  }

  @Test
  void aCheckTheReQueryStartedEndsItsReQueryOnceDoneAndTheNextPeriodicCheckIsAQuarterAfterIt() {
    stopClock();
    MonitoringScenario loan = loanUnderMonitoring().requeryNow();
    LocalDate firstChecked = clock.today();
    moveClockBy(Duration.ofDays(20)); // before the monthly check the watch list would bring due
    loan.externalData(ProcessingFixtures.withTax(loan.profile(), new SandboxProfile.Tax("C", loan.profile().tax().annualSales(), 2)))
        .requeryNow();
    String checkId = monitoring.view(loan.loanId()).signals().get(0).checkId();
    ProcessInstance check = loan.checkInstance(checkId);
    assertThat(loan.monitoring()).isWaitingAt(PostLoanMonitoringProcess.Elements.CALL_REQUERY_CHECK);

    loan.completeCheck("zy001-cm", TASK_CHECK_ON_SITE, "NORMAL", Map.of("premisesVisited", true));

    assertThat(check).isEnded().hasPassed(PostLoanCheckProcess.Elements.END_CHECK_COMPLETED);
    assertThat(loan.monitoring()).as("monitoring goes on: the re-query ended, the periodic check waits")
        .hasPassed(PostLoanMonitoringProcess.Elements.END_REQUERY_CHECKED)
        .isWaitingAt(PostLoanMonitoringProcess.Elements.TIMER_PERIODIC_CHECK_DUE);
    assertThat(flows.of(loan.monitoring().getId())).contains(PostLoanMonitoringProcess.Flows.REQUERY_CHECK_DONE);
    assertThat(loan.openTasks()).isEmpty();
    LocalDate checked = clock.today();
    MonitoringView view = monitoring.view(loan.loanId());
    assertThat(view.status()).isEqualTo(MonitoredLoan.MONITORING);
    assertThat(view.openTasks()).isEmpty();
    assertThat(view.signals()).singleElement().satisfies(signal -> {
      assertThat(signal.origin()).isEqualTo(WarningSignal.REQUERY);
      assertThat(signal.status()).isEqualTo(WarningSignal.CHECKED);
    });
    assertThat(view.checks()).filteredOn(c -> c.checkId().equals(checkId)).singleElement().satisfies(c -> {
      assertThat(c.kind()).isEqualTo(CheckKind.SIGNAL);
      assertThat(c.status()).isEqualTo(PostLoanCheck.DONE);
      assertThat(c.outcome()).isEqualTo(CheckOutcome.NORMAL);
      assertThat(c.checkedBy()).isEqualTo("zy001-cm");
      assertThat(c.checkedOn()).isEqualTo(checked);
    });
    assertThat(view.classification()).as("checked and found normal").isEqualTo(Classification.NORMAL);
    assertThat(view.rhythm()).isEqualTo("QUARTERLY");
    assertThat(view.lastCheckOn()).isEqualTo(checked);
    assertThat(view.nextCheckDue()).as("a quarter after this check, not after the first (%s)", firstChecked)
        .isEqualTo(checked.plusMonths(3));
    assertThat(managementService.createJobQuery().processInstanceId(loan.monitoring().getId())
        .activityId(PostLoanMonitoringProcess.Elements.TIMER_PERIODIC_CHECK_DUE).singleResult().getDuedate())
        .isEqualTo(MonitoringPolicy.startOf(checked.plusMonths(3)));

    loan.requeryNow();
    assertThat(loan.openTasks()).as("the rating checked stays C: no new signal").isEmpty();
    assertThat(monitoring.view(loan.loanId()).signals()).hasSize(1);

    // the next check's form says when the last one was done, the day in Chinese
    assertThat(loan.report("core-banking", MonitoringScenario.signal("CB-FRZ-" + loan.loanId(), "ACCOUNT_FROZEN",
        "结算账户被冻结", "{\"reference\": \"(2026)黔03执保123号\"}")).status()).isEqualTo(201);
    assertThat(taskService.getVariableLocal(loan.task(TASK_CHECK_ON_SITE).getId(), "lastCheckText"))
        .isEqualTo("上次检查: " + ChineseDates.day(checked));
  }

  @Test
  void aPushedSignalStartsACheckAtOnceWithItsEvidenceOnTheTaskAndASeriousOneIsCheckedOnSite() {
    MonitoringScenario loan = loanUnderMonitoring();

    Response answer = loan.report("core-banking", MonitoringScenario.signal("CB-FRZ-" + loan.loanId(), "ACCOUNT_FROZEN",
        "结算账户被遵义市中级人民法院冻结", "{\"reference\": \"(2026)黔03执保123号\", \"details\": \"冻结金额 35 万元\"}"));

    assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
    assertThat(answer.json().path("outcome").asText()).isEqualTo("CHECK_STARTED");
    assertThat(answer.json().path("severity").asText()).isEqualTo("SERIOUS");
    String checkId = answer.json().path("checkId").asText();
    Task onSite = loan.task(TASK_CHECK_ON_SITE);
    assertThat(onSite).hasCandidateGroup("ZY001-customer-managers");
    assertThat(onSite.getProcessInstanceId()).isEqualTo(loan.checkInstance(checkId).getId());
    assertThat((String) taskService.getVariableLocal(onSite.getId(), "signalsText"))
        .contains("结算账户被冻结", "(2026)黔03执保123号", "冻结金额 35 万元", "core-banking");
    assertThat(flows.of(loan.checkInstance(checkId).getId())).contains(PostLoanCheckProcess.Flows.ON_SITE_CHECK_REQUIRED_YES);
    MonitoringView open = monitoring.view(loan.loanId());
    assertThat(open.classification()).as("a serious signal not yet checked").isEqualTo(Classification.SPECIAL_MENTION);
    assertThat(open.rhythm()).isEqualTo("MONTHLY");
    assertThat(open.openTasks()).contains("实地检查贷后风险");

    loan.completeCheck("zy001-cm", TASK_CHECK_ON_SITE, "NORMAL", Map.of("premisesVisited", true));

    MonitoringView checked = monitoring.view(loan.loanId());
    assertThat(checked.signals()).singleElement().extracting(MonitoringView.SignalView::status).isEqualTo(WarningSignal.CHECKED);
    assertThat(checked.classification()).isEqualTo(Classification.NORMAL);
    assertThat(checked.checks().get(0).checklist()).containsExactly("已实地查看经营场所");
    assertThat(checked.checks().get(0).checkedBy()).isEqualTo("zy001-cm");
  }

  /**
   * An operator cancels the check of a signal (Cockpit, engine API: the instance of post-loan-check is deleted). Before,
   * the signal stayed OPEN under a check nobody would ever do: no task asked anyone to look at it, and renewal refused
   * the loan for good (SIGNAL_UNDER_CHECK). Now the cancelled check is recorded with who and why, a new check of the same
   * signal opens at once (its task shows the signal), and the signal's history names both; done, it closes the signal.
   */
  @Test
  void aSignalWhoseCheckAnOperatorCancelsIsCheckedAgainByANewCheck() {
    MonitoringScenario loan = loanUnderMonitoring();
    Response reported = loan.report("remote-verifier", MonitoringScenario.signal("RB-NEWS-" + loan.loanId(), "NEGATIVE_NEWS",
        "网络报道企业拖欠供应商货款", null));
    String cancelledCheckId = reported.json().path("checkId").asText();
    String signalId = reported.json().path("signalId").asText();

    String cancelled = loan.checkInstance(cancelledCheckId).getId();

    // an operator cancels it in Cockpit (custom listeners skipped, as Cockpit offers)
    identityService.setAuthentication("admin", List.of(Groups.CAMUNDA_ADMIN));
    try {
      runtimeService.deleteProcessInstance(cancelled, "误操作", true);
    } finally {
      identityService.clearAuthentication();
    }
    loan.runJobs();

    Task again = loan.task(TASK_CHECK_REMOTELY);
    assertThat(again).hasCandidateGroup(Groups.REMOTE_BANKING);
    assertThat((String) taskService.getVariableLocal(again.getId(), "signalsText")).contains("网络报道企业拖欠供应商货款");
    MonitoringView view = monitoring.view(loan.loanId());
    assertThat(view.signals()).singleElement().satisfies(signal -> {
      assertThat(signal.signalId()).isEqualTo(signalId);
      assertThat(signal.status()).isEqualTo(WarningSignal.OPEN);
      assertThat(signal.checkId()).as("examined by a new check").isNotEqualTo(cancelledCheckId);
      assertThat(signal.rechecks()).singleElement().satisfies(recheck -> {
        assertThat(recheck.cancelledCheckId()).isEqualTo(cancelledCheckId);
        assertThat(recheck.checkId()).isEqualTo(signal.checkId());
        assertThat(recheck.cancelledBy()).isEqualTo("admin");
        assertThat(recheck.reason()).isEqualTo("核查流程已由运维人员 admin 终止 (误操作), 预警信号转由 " + signal.checkId() + " 重新核查");
      });
    });
    assertThat(view.checks()).filteredOn(c -> c.checkId().equals(cancelledCheckId)).singleElement().satisfies(c -> {
      assertThat(c.status()).isEqualTo(PostLoanCheck.CANCELLED);
      assertThat(c.cancelledBy()).isEqualTo("admin");
    });
    assertThat(loan.monitoring()).as("monitoring goes on").isNotEnded();
    assertThat(signalService.checkProcessCancelled(cancelledCheckId, new ProcessEndListener.Cancellation("admin", "误操作"), false))
        .as("the same cancellation handled again").isEmpty();
    assertThat(loan.openTasks()).as("still one check").hasSize(1);

    loan.completeCheck("remote-verifier", TASK_CHECK_REMOTELY, "NORMAL", Map.of());

    assertThat(monitoring.view(loan.loanId()).signals()).singleElement().extracting(MonitoringView.SignalView::status)
        .as("the new check closes it: nothing left under check").isEqualTo(WarningSignal.CHECKED);
    assertThat(monitoring.openSignalCount(loan.loanId())).isZero();
  }

  /** The check of signals the monthly re-query found, cancelled by an operator, opens again the same way. */
  @Test
  void signalsTheReQueryFoundWhoseCheckAnOperatorCancelsAreCheckedAgain() {
    MonitoringScenario loan = loanUnderMonitoring().requeryNow();
    loan.externalData(ProcessingFixtures.withCourt(loan.profile(), new SandboxProfile.Court(1, false))).requeryNow();
    String cancelledCheckId = monitoring.view(loan.loanId()).signals().get(0).checkId();

    runtimeService.deleteProcessInstance(loan.checkInstance(cancelledCheckId).getId(), null);
    loan.runJobs();

    assertThat((String) taskService.getVariableLocal(loan.task(TASK_CHECK_REMOTELY).getId(), "signalsText"))
        .contains(SignalType.COURT_ENFORCEMENT.label());
    assertThat(monitoring.view(loan.loanId()).signals()).singleElement().satisfies(signal -> {
      assertThat(signal.status()).isEqualTo(WarningSignal.OPEN);
      assertThat(signal.checkId()).isNotEqualTo(cancelledCheckId);
    });
    loan.completeCheck("remote-verifier", TASK_CHECK_REMOTELY, "NORMAL", Map.of());
    assertThat(monitoring.openSignalCount(loan.loanId())).isZero();
  }

  /**
   * A modification of monitoring that cancels the running check of a signal leaves it to a new check as well. The
   * modification gives the engine no reason (its own is English): staff read that the check ended in a modification.
   */
  @Test
  void aSignalWhoseCheckAModificationCancelsIsCheckedAgain() {
    MonitoringScenario loan = loanUnderMonitoring();
    String cancelledCheckId = loan.report("remote-verifier", MonitoringScenario.signal("RB-NEWS-" + loan.loanId(),
        "NEGATIVE_NEWS", "网络报道企业拖欠供应商货款", null)).json().path("checkId").asText();

    identityService.setAuthentication("admin", List.of(Groups.CAMUNDA_ADMIN));
    try {
      runtimeService.createProcessInstanceModification(loan.monitoring().getId())
          .cancelAllForActivity(PostLoanMonitoringProcess.Elements.CALL_SIGNAL_CHECK).execute();
    } finally {
      identityService.clearAuthentication();
    }
    loan.runJobs();

    assertThat((String) taskService.getVariableLocal(loan.task(TASK_CHECK_REMOTELY).getId(), "signalsText"))
        .contains("网络报道企业拖欠供应商货款");
    MonitoringView view = monitoring.view(loan.loanId());
    assertThat(view.signals()).singleElement().satisfies(signal -> {
      assertThat(signal.status()).isEqualTo(WarningSignal.OPEN);
      assertThat(signal.checkId()).isNotEqualTo(cancelledCheckId);
      assertThat(signal.rechecks()).singleElement().extracting(SignalRecheck::reason)
          .isEqualTo("核查流程已由运维人员 admin 终止 (通过流程实例修改), 预警信号转由 " + signal.checkId() + " 重新核查");
    });
    assertThat(view.checks()).filteredOn(c -> c.checkId().equals(cancelledCheckId)).singleElement()
        .extracting(MonitoringView.CheckView::cancelReason).asString().startsWith("核查流程已由运维人员 admin 终止 (通过流程实例修改)");
  }

  @Test
  void anOrdinaryPushedSignalIsCheckedRemotely() {
    MonitoringScenario loan = loanUnderMonitoring();

    Response answer = loan.report("remote-verifier", MonitoringScenario.signal("RB-NEWS-" + loan.loanId(), "NEGATIVE_NEWS",
        "网络报道企业拖欠供应商货款", null));

    assertThat(answer.status()).isEqualTo(201);
    assertThat(loan.task(TASK_CHECK_REMOTELY)).hasCandidateGroup(Groups.REMOTE_BANKING);
    assertThat(monitoring.view(loan.loanId()).classification()).as("an ordinary signal does not raise it").isEqualTo(Classification.NORMAL);
  }

  @Test
  void aRepeatOfAnOpenSignalStartsNoSecondCheckAndIsKeptAsDuplicate() {
    MonitoringScenario loan = loanUnderMonitoring();
    Response first = loan.report("remote-verifier", MonitoringScenario.signal("NEWS-1-" + loan.loanId(), "NEGATIVE_NEWS",
        "网络报道企业拖欠货款", null));

    Response repeat = loan.report("core-banking", MonitoringScenario.signal("NEWS-2-" + loan.loanId(), "NEGATIVE_NEWS",
        "同一报道被转载", "{\"reference\": \"https://news.example.com/2\"}"));

    assertThat(repeat.status()).isEqualTo(200);
    assertThat(repeat.json().path("outcome").asText()).isEqualTo("DUPLICATE");
    assertThat(repeat.json().path("duplicateOf").asText()).isEqualTo(first.json().path("signalId").asText());
    assertThat(repeat.json().path("checkId").asText()).isEqualTo(first.json().path("checkId").asText());
    assertThat(loan.openTasks()).as("one check").hasSize(1);
    assertThat(monitoring.view(loan.loanId()).signals()).extracting(MonitoringView.SignalView::status)
        .containsExactlyInAnyOrder(WarningSignal.OPEN, WarningSignal.DUPLICATE);

    loan.completeCheck("remote-verifier", TASK_CHECK_REMOTELY, "NORMAL", Map.of());
    Response afterTheCheck = loan.report("remote-verifier", MonitoringScenario.signal("NEWS-3-" + loan.loanId(),
        "NEGATIVE_NEWS", "新的负面报道", null));
    assertThat(afterTheCheck.status()).as("a new signal once the first was checked").isEqualTo(201);
    assertThat(loan.openTasks()).hasSize(1);
  }

  @Test
  void aConditionTheReQueryFindsWhileTheSameSignalIsOpenStartsNothing() {
    MonitoringScenario loan = loanUnderMonitoring().requeryNow();
    loan.report("zy001-cm", MonitoringScenario.signal("CM-LIST-" + loan.loanId(), "DISHONEST_DEBTOR",
        "客户经理获悉法定代表人企业被列入失信名单", "{\"reference\": \"(2026)黔0303执456号\"}"));
    assertThat(loan.openTasks()).hasSize(1);

    loan.externalData(ProcessingFixtures.withCourt(loan.profile(), new SandboxProfile.Court(0, true))).requeryNow();

    assertThat(loan.openTasks()).as("the listing is already being checked").hasSize(1);
    assertThat(monitoring.view(loan.loanId()).signals()).hasSize(1);
    assertThat(flows.of(loan.monitoring().getId())).contains(PostLoanMonitoringProcess.Flows.NEW_SIGNALS_FOUND_NO);
  }

  @Test
  void aSourceThatFailsLeavesTheReQueryToItsRetriesAndStoresNothing() {
    MonitoringScenario loan = loanUnderMonitoring();
    loan.externalData(ProcessingFixtures.withSandbox(ProcessingFixtures.withCourt(loan.profile(),
        new SandboxProfile.Court(2, false)), ProcessingFixtures.failing(null, "COURT")));

    assertThatThrownBy(loan::requeryNow).hasMessageContaining("COURT");

    var job = managementService.createJobQuery().processInstanceId(loan.monitoring().getId())
        .activityId(PostLoanMonitoringProcess.Elements.TASK_REQUERY_EXTERNAL_DATA).singleResult();
    assertThat(job.getRetries()).as("retried later, then an incident").isLessThan(5);
    assertThat(monitoring.view(loan.loanId()).signals()).isEmpty();
    assertThat(monitoring.view(loan.loanId()).lastRequeryAt()).isNull();

    loan.externalData(ProcessingFixtures.withCourt(ProcessingFixtures.strongProfile(), new SandboxProfile.Court(2, false)));
    managementService.executeJob(job.getId());
    loan.runJobs();
    assertThat(monitoring.view(loan.loanId()).signals()).singleElement()
        .extracting(MonitoringView.SignalView::type).isEqualTo(SignalType.COURT_ENFORCEMENT);
  }
}
