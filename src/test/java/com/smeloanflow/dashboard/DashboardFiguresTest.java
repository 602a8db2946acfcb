package com.smeloanflow.dashboard;

import static com.smeloanflow.process.LoanOriginationProcess.Elements.TASK_APPROVE_LOAN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.smeloanflow.accountability.DueDiligenceReviewService;
import com.smeloanflow.approval.LoanFlow;
import com.smeloanflow.approval.TaskForms;
import com.smeloanflow.campaign.CampaignService;
import com.smeloanflow.campaign.ImportWhitelist;
import com.smeloanflow.casefile.ApplicationStatus;
import com.smeloanflow.casefile.CustomerReason;
import com.smeloanflow.creditline.CreditLineService;
import com.smeloanflow.creditline.DrawCreditLine;
import com.smeloanflow.dashboard.DashboardBranches.TestBranch;
import com.smeloanflow.dashboard.DashboardFigures.ClassificationShare;
import com.smeloanflow.dashboard.DashboardFigures.CycleTime;
import com.smeloanflow.dashboard.DashboardFigures.Decisions;
import com.smeloanflow.dashboard.DashboardFigures.GroupBacklog;
import com.smeloanflow.dashboard.DashboardFigures.LadderStep;
import com.smeloanflow.dashboard.DashboardFigures.MonthlyDisbursement;
import com.smeloanflow.dashboard.DashboardFigures.SlaCompliance;
import com.smeloanflow.dashboard.DashboardFigures.Stretch;
import com.smeloanflow.identity.BranchService;
import com.smeloanflow.identity.Groups;
import com.smeloanflow.intake.LoanApplication;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.process.CollectionProcess;
import com.smeloanflow.process.DueDiligenceReviewProcess;
import com.smeloanflow.process.WhitelistProspectProcess;
import com.smeloanflow.processing.CreditCodes;
import com.smeloanflow.servicing.BusinessDates;
import com.smeloanflow.servicing.Classification;
import com.smeloanflow.servicing.DailyCloseService;
import com.smeloanflow.servicing.LoanAccount;
import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.servicing.TestLoans;
import com.smeloanflow.servicing.WriteOffLoan;
import com.smeloanflow.support.ApiClient.Response;
import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.TestApplications;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The dashboard's figures, each from a scenario a manager would recognise, counted for a branch made for
 * the test (so only what the test did counts): origination paths for cycle times, decision rates and
 * payouts; loans of the servicing ledger for the classification mix, the NPL ratio and the collection
 * ladder; a whitelist campaign for the funnel, the open tasks by group and the SLA compliance; loans written off and
 * money core banking reported for them afterwards (核销后收回), read over HTTP as the page reads them.
 */
class DashboardFiguresTest extends AbstractIntegrationTest {

  @Autowired DashboardService dashboard;
  @Autowired BranchService branchService;
  @Autowired BeanFactory beans;
  @Autowired LoanAccountService loans;
  @Autowired DailyCloseService dailyClose;
  @Autowired CampaignService campaigns;
  @Autowired CreditLineService creditLines;
  @Autowired DueDiligenceReviewService dueDiligence;

  LoanFlow flow;
  TestBranch branch;

  @BeforeEach
  void freshBranch() {
    flow = new LoanFlow(api, this::executeDueJobs, this::completeAs, beans);
    branch = DashboardBranches.fresh(branchService, identityService);
  }

  private static void clockAt(String chinaStandardTime) {
    ClockUtil.setCurrentTime(Date.from(LocalDateTime.parse(chinaStandardTime).atZone(BusinessClock.BANK_ZONE).toInstant()));
  }

  private DashboardFigures figures(String from, String to) {
    return dashboard.figures(DashboardQuery.of(from, to, null, LocalDate.now()), Optional.of(Set.of(branch.code())));
  }

  private static CycleTime stretch(DashboardFigures figures, Stretch stretch) {
    return figures.cycleTimes().stream().filter(c -> c.stretch() == stretch).findFirst().orElseThrow();
  }

  /**
   * The last working day before today (the channel refuses a signature dated in the future or more than 90 days
   * ago, so the scenario plays on a recent day): 09:00 to 13:30 of it are 3.5 working hours.
   */
  private LocalDate lastWorkingDay() {
    LocalDate day = LocalDate.now(BusinessClock.BANK_ZONE).minusDays(1);
    while (!bankCalendar.isWorkingDay(day)) {
      day = day.minusDays(1);
    }
    return day;
  }

  @Test
  void anAutoApprovedLoanSignedTwoHoursLaterAndARejectionAfterLunchGiveTheBranchsCycleTimesRatesAndPayouts() {
    LocalDate day = lastWorkingDay();
    clockAt(day + "T09:00");
    String autoApproved = flow.submitOverApi(flow.strongOnlineCreditQuick("100000.00").branchCode(branch.code()));
    String rejected = flow.submitOverApi(flow.strongOnlineCreditQuick("500000.00").branchCode(branch.code()));
    clockAt(day + "T10:00");
    flow.verifyRemotely(rejected);
    clockAt(day + "T11:00");
    flow.signContract(autoApproved);
    clockAt(day + "T13:30");
    flow.claimAndComplete(LoanFlow.APPROVER, rejected, TASK_APPROVE_LOAN,
        TaskForms.reject("经营流水不足以覆盖还款", CustomerReason.OVERALL_ASSESSMENT.name()));
    YearMonth month = YearMonth.from(day);

    DashboardFigures march = figures(month.atDay(1).toString(), month.atEndOfMonth().toString());

    assertThat(stretch(march, Stretch.ACCEPTANCE)).as("online applications go straight to processing")
        .extracting(CycleTime::applications, CycleTime::medianWorkingHours, CycleTime::p90WorkingHours)
        .containsExactly(2L, new BigDecimal("0.0"), new BigDecimal("0.0"));
    assertThat(stretch(march, Stretch.DECISION)).as("the model decides at once; the approver at 13:30 (lunch 12-13 is not working time)")
        .extracting(CycleTime::applications, CycleTime::medianWorkingHours, CycleTime::p90WorkingHours, CycleTime::medianHours,
            CycleTime::p90Hours)
        .containsExactly(2L, new BigDecimal("0.0"), new BigDecimal("3.5"), new BigDecimal("0.0"), new BigDecimal("4.5"));
    assertThat(stretch(march, Stretch.SIGNATURE)).extracting(CycleTime::applications, CycleTime::medianWorkingHours)
        .containsExactly(1L, new BigDecimal("2.0"));
    assertThat(stretch(march, Stretch.DISBURSEMENT)).extracting(CycleTime::applications, CycleTime::medianWorkingHours)
        .containsExactly(1L, new BigDecimal("0.0"));
    assertThat(stretch(march, Stretch.TOTAL)).extracting(CycleTime::applications, CycleTime::medianWorkingHours, CycleTime::p90Hours)
        .containsExactly(1L, new BigDecimal("2.0"), new BigDecimal("2.0"));

    assertThat(march.decisions()).satisfies(decisions -> {
      assertThat(new long[] {decisions.decided(), decisions.approved(), decisions.approvedAuto(), decisions.rejected()})
          .containsExactly(2, 1, 1, 1);
      assertThat(decisions.approvalRate()).isEqualByComparingTo("50.0");
      assertThat(decisions.rejectionRate()).isEqualByComparingTo("50.0");
      assertThat(decisions.autoRate()).isEqualByComparingTo("50.0");
    });

    assertThat(figures(month.minusMonths(2).atDay(1).toString(), month.atEndOfMonth().toString()).disbursed())
        .as("every month of the period, also those without a payout")
        .extracting(MonthlyDisbursement::month, MonthlyDisbursement::loans, MonthlyDisbursement::amount, MonthlyDisbursement::drawdowns)
        .containsExactly(tuple(month.minusMonths(2).toString(), 0L, new BigDecimal("0.00"), 0L),
            tuple(month.minusMonths(1).toString(), 0L, new BigDecimal("0.00"), 0L),
            tuple(month.toString(), 1L, new BigDecimal("100000.00"), 0L));
    DashboardFigures monthBefore = figures(month.minusMonths(1).atDay(1).toString(), month.minusMonths(1).atEndOfMonth().toString());
    assertThat(monthBefore.decisions().decided()).as("nothing was decided the month before").isZero();
    assertThat(monthBefore.decisions().approvalRate()).as("no rate without a decision").isNull();
    assertThat(stretch(monthBefore, Stretch.TOTAL).medianWorkingHours()).isNull();
  }

  /**
   * An application that ends without a loan after its approval (the applicant did not sign within fifteen working
   * days) counts as approved, not as withdrawn: the withdrawals are the applications that ended without an approval.
   */
  @Test
  void anApprovedLoanNotSignedWithinFifteenDaysCountsAsApprovedNotAsWithdrawn() {
    LocalDate day = lastWorkingDay();
    clockAt(day + "T09:00");
    String unsigned = flow.submitOverApi(flow.strongOnlineCreditQuick("100000.00").branchCode(branch.code()));
    ProcessInstance instance = flow.instance(unsigned);
    moveClockByWorkingDays(15, Duration.ofMinutes(1));
    executeDueJobs(instance.getId());
    assertThat(statusOf(unsigned)).as("withdrawn by the signature's deadline").isEqualTo(ApplicationStatus.WITHDRAWN);

    DashboardFigures figures = figures(day.toString(), day.plusDays(40).toString());

    assertThat(figures.decisions()).extracting(Decisions::decided, Decisions::approved, Decisions::rejected, Decisions::withdrawn)
        .containsExactly(1L, 1L, 0L, 0L);
  }

  /**
   * A stretch counts in the period it ends in, whenever the application was submitted: the first day's cycle times
   * hold the acceptance and the decision, the second day's the signature, the payout and the whole journey.
   */
  @Test
  void aLoanAppliedForOneWorkingDayAndSignedTheNextCountsEachStretchOnTheDayItEnded() {
    LocalDate signingDay = lastWorkingDay();
    LocalDate applicationDay = bankCalendar.lastWorkingDayBefore(signingDay);
    clockAt(applicationDay + "T15:00");
    String loan = flow.submitOverApi(flow.strongOnlineCreditQuick("100000.00").branchCode(branch.code()));
    clockAt(signingDay + "T10:00");
    flow.signContract(loan);

    assertThat(figures(applicationDay.toString(), applicationDay.toString()).cycleTimes())
        .extracting(CycleTime::stretch, CycleTime::applications)
        .containsExactly(tuple(Stretch.ACCEPTANCE, 1L), tuple(Stretch.DECISION, 1L), tuple(Stretch.SIGNATURE, 0L),
            tuple(Stretch.DISBURSEMENT, 0L), tuple(Stretch.TOTAL, 0L), tuple(Stretch.LINE_OPENING, 0L), tuple(Stretch.LINE_TOTAL, 0L));
    assertThat(figures(signingDay.toString(), signingDay.toString()).cycleTimes())
        .as("15:00-17:00 of the first day and 09:00-10:00 of the second are 3 working hours")
        .extracting(CycleTime::stretch, CycleTime::applications, CycleTime::medianWorkingHours)
        .containsExactly(tuple(Stretch.ACCEPTANCE, 0L, null), tuple(Stretch.DECISION, 0L, null),
            tuple(Stretch.SIGNATURE, 1L, new BigDecimal("3.0")), tuple(Stretch.DISBURSEMENT, 1L, new BigDecimal("0.0")),
            tuple(Stretch.TOTAL, 1L, new BigDecimal("3.0")), tuple(Stretch.LINE_OPENING, 0L, null),
            tuple(Stretch.LINE_TOTAL, 0L, null));
    assertThat(figures(signingDay.plusDays(1).toString(), signingDay.plusDays(1).toString()).cycleTimes())
        .as("nothing ended the day after").extracting(CycleTime::applications).containsOnly(0L);
  }

  @Test
  void aLoanNinetyOneDaysPastDueIsSubstandardHalfTheBranchsBookIsNonPerformingAndItsCaseIsOnTheLadder() {
    LocalDate era = BusinessDates.era();
    LoanAccount overdue = TestLoans.with(intakeService, loans).branch(branch.code()).disbursedOn(era);
    LocalDate ninetyOneDaysPastDue = era.plusMonths(1).plusDays(90);
    TestLoans.with(intakeService, loans).branch(branch.code()).disbursedOn(ninetyOneDaysPastDue.minusDays(10));

    dailyClose.close(ninetyOneDaysPastDue);
    startCollectionProcesses();
    runtimeService.createProcessInstanceQuery().processDefinitionKey(CollectionProcess.KEY)
        .processInstanceBusinessKey(overdue.loanId()).list().forEach(instance -> executeDueJobs(instance.getId()));

    DashboardFigures.Portfolio book = figures(null, null).portfolio();
    assertThat(book.classifications())
        .extracting(ClassificationShare::classification, ClassificationShare::label, ClassificationShare::loans,
            ClassificationShare::balance)
        .containsExactly(tuple("NORMAL", "正常", 1L, new BigDecimal("100000.00")), tuple("SPECIAL_MENTION", "关注", 0L, new BigDecimal("0.00")),
            tuple("SUBSTANDARD", "次级", 1L, new BigDecimal("100000.00")), tuple("DOUBTFUL", "可疑", 0L, new BigDecimal("0.00")),
            tuple("LOSS", "损失", 0L, new BigDecimal("0.00")));
    assertThat(book.balance()).isEqualByComparingTo("200000.00");
    assertThat(book.nonPerformingBalance()).isEqualByComparingTo("100000.00");
    assertThat(book.nplRatio()).isEqualByComparingTo("50.00");

    assertThat(figures(null, null).collections()).as("open cases per rung: the overdue loan's case at its rung")
        .extracting(LadderStep::step, LadderStep::openCases)
        .containsExactly(tuple(1, 0L), tuple(2, 0L), tuple(3, 0L), tuple(4, 0L), tuple(5, 1L));
    dueDiligence.classificationChanged(overdue.loanId(), Classification.NORMAL, Classification.SUBSTANDARD, ninetyOneDaysPastDue);
    runtimeService.createProcessInstanceQuery().processDefinitionKey(DueDiligenceReviewProcess.KEY)
        .processInstanceBusinessKey(overdue.loanId()).list().forEach(instance -> executeDueJobs(instance.getId()));
    assertThat(figures(null, null).backlog()).as("the loan's 尽职免责认定 waits for the branch's leads")
        .extracting(GroupBacklog::group, GroupBacklog::open)
        .contains(tuple(Groups.leads(branch.code()), 1L));
  }

  @Test
  void aWhitelistOfThreeWithOneProspectFoundNotEligibleShowsTheFunnelTheManagersOpenTasksAndTheirSla() {
    String csv = "统一社会信用代码,企业名称,法定代表人,手机号码,预估额度,建议产品,来源模型,模型日期\n"
        + List.of(1, 2, 3).stream().map(n -> {
          String creditCode = branch.enterpriseCreditCode();
          return creditCode + ",看板白名单企业" + creditCode.substring(10) + "有限公司,张明,13985012345,300000.00,CREDIT_QUICK,TAX-WL-2.1,2026-01-05";
        }).reduce((a, b) -> a + "\n" + b).orElseThrow() + "\n";
    campaigns.importWhitelist(new ImportWhitelist("看板测试营销", csv, "whitelist", "campaign-manager", false));
    List<ProcessInstance> prospects = runtimeService.createProcessInstanceQuery().processDefinitionKey(WhitelistProspectProcess.KEY)
        .variableValueEquals("branchCode", branch.code()).list();
    prospects.forEach(instance -> executeDueJobs(instance.getId()));
    Task contact = taskService.createTaskQuery().processInstanceId(prospects.get(0).getId()).singleResult();
    completeAs(branch.customerManager(), contact.getId(), Map.of("contactResult", "NOT_ELIGIBLE", "contactNotes", "已停业"));

    DashboardFigures figures = figures(LocalDate.now(BusinessClock.BANK_ZONE).toString(), LocalDate.now(BusinessClock.BANK_ZONE).toString());

    assertThat(figures.campaign()).satisfies(funnel -> assertThat(new long[] {funnel.prospects(), funnel.contacted(),
        funnel.interested(), funnel.applied(), funnel.approved(), funnel.disbursed()}).containsExactly(3, 1, 0, 0, 0, 0));
    assertThat(figures.backlog()).as("the branch's groups only")
        .extracting(GroupBacklog::group, GroupBacklog::open, GroupBacklog::unassigned, GroupBacklog::overdue)
        .containsExactly(tuple(Groups.acceptance(branch.code()), 0L, 0L, 0L),
            tuple(Groups.customerManagers(branch.code()), 2L, 0L, 0L), tuple(Groups.leads(branch.code()), 0L, 0L, 0L));
    assertThat(figures.sla()).extracting(SlaCompliance::taskKey, SlaCompliance::taskName, SlaCompliance::completed,
            SlaCompliance::onTime, SlaCompliance::late, SlaCompliance::open, SlaCompliance::openOverdue)
        .containsExactly(tuple(WhitelistProspectProcess.Elements.TASK_CONTACT_PROSPECT, "联系白名单客户", 1L, 1L, 0L, 2L, 0L));
    assertThat(figures.sla().get(0).onTimeRate()).isEqualByComparingTo("100.0");
  }

  /**
   * A drawdown on a credit line is a loan paid out (its own core banking posting, its own loan account in the book), so
   * it counts in the month's payouts, shown apart as 其中额度提款; the line's opening paid nothing out and does not count.
   */
  @Test
  void aDrawdownOnACreditLineCountsAsAPayoutOfItsMonthAndTheLinesOpeningDoesNot() {
    LoanApplication lineApplication = intakeService.register(TestApplications.forProduct("REVOLVING_LINE").branchCode(branch.code())
        .creditCode(CreditCodes.fresh()).requestedAmount("1000000.00").build(), "dashboard-test");
    LocalDate today = LocalDate.now(BusinessClock.BANK_ZONE);
    String lineId = "CLDASH" + System.nanoTime() % 1_000_000_000_000L;
    jdbc.sql("""
        INSERT INTO credit_line (line_id, application_id, credit_code, borrower_name, branch_code, credit_limit, annual_rate_percent,
          repayment_method, opened_on, valid_until, status, opened_at, version)
        VALUES (:line, :application, :creditCode, :name, :branch, 1000000.00, 4.35, 'EQUAL_INSTALMENT', :today, :until, 'ACTIVE',
          CURRENT_TIMESTAMP, 0)""")
        .param("line", lineId).param("application", lineApplication.id()).param("creditCode", lineApplication.creditCode())
        .param("name", lineApplication.enterpriseName()).param("branch", branch.code()).param("today", today)
        .param("until", today.plusYears(3).minusDays(1)).update();
    YearMonth month = YearMonth.from(today);
    assertThat(figures(month.atDay(1).toString(), today.toString()).disbursed()).as("an open line has paid nothing out")
        .extracting(MonthlyDisbursement::loans).containsExactly(0L);

    creditLines.draw(new DrawCreditLine(lineId, "DASH-DD-1", new BigDecimal("300000.00"), 12, "channel-gateway"));

    assertThat(figures(month.atDay(1).toString(), today.toString()).disbursed())
        .extracting(MonthlyDisbursement::month, MonthlyDisbursement::loans, MonthlyDisbursement::amount, MonthlyDisbursement::drawdowns,
            MonthlyDisbursement::drawdownAmount)
        .containsExactly(tuple(month.toString(), 1L, new BigDecimal("300000.00"), 1L, new BigDecimal("300000.00")));
    // Another branch of its own: the demo branches hold other tests' drawdowns (the test database is never cleaned).
    TestBranch another = DashboardBranches.fresh(branchService, identityService);
    assertThat(dashboard.figures(DashboardQuery.of(month.atDay(1).toString(), today.toString(), null, LocalDate.now()),
        Optional.of(Set.of(another.code()))).disbursed()).as("another branch's figures do not hold the line's drawdown")
        .allSatisfy(m -> assertThat(m.drawdowns()).isZero());
  }

  /**
   * A revolving line has no payout: its way from application to opening is its own stretch (申请→额度开通), not left out
   * of the cycle times and not counted as 申请→放款.
   */
  @Test
  void aRevolvingLineOpenedTwoWorkingHoursAfterItsApplicationCountsAsApplicationToLineOpeningNotToPayout() {
    LocalDate day = lastWorkingDay();
    clockAt(day + "T09:00");
    LoanApplication lineApplication = intakeService.register(TestApplications.forProduct("REVOLVING_LINE").branchCode(branch.code())
        .creditCode(CreditCodes.fresh()).requestedAmount("1000000.00").build(), "dashboard-test");
    jdbc.sql("""
        INSERT INTO credit_line (line_id, application_id, credit_code, borrower_name, branch_code, credit_limit, annual_rate_percent,
          repayment_method, opened_on, valid_until, status, opened_at, version)
        VALUES (:line, :application, :creditCode, :name, :branch, 1000000.00, 4.35, 'EQUAL_INSTALMENT', :day, :until, 'ACTIVE',
          :openedAt, 0)""")
        .param("line", "CLDASH" + System.nanoTime() % 1_000_000_000_000L).param("application", lineApplication.id())
        .param("creditCode", lineApplication.creditCode()).param("name", lineApplication.enterpriseName())
        .param("branch", branch.code()).param("day", day).param("until", day.plusYears(3).minusDays(1))
        .param("openedAt", java.sql.Timestamp.from(LocalDateTime.parse(day + "T11:00").atZone(BusinessClock.BANK_ZONE).toInstant()))
        .update();

    DashboardFigures figures = figures(day.toString(), day.toString());

    assertThat(figures.cycleTimes()).extracting(CycleTime::label, CycleTime::applications, CycleTime::medianWorkingHours)
        .as("the line's opening is measured, as its own stretch")
        .contains(tuple("申请→额度开通", 1L, new BigDecimal("2.0")), tuple("申请→放款", 0L, null));
  }

  @Test
  void theWholeBanksFiguresCountEveryBranchAndEveryCentralPost() {
    LocalDate era = BusinessDates.era();
    TestLoans.with(intakeService, loans).branch(branch.code()).principal("250000.00").disbursedOn(era);
    TestLoans.with(intakeService, loans).branch("ZY001").disbursedOn(era);

    DashboardFigures branchOnly = figures(null, null);
    DashboardFigures bank = dashboard.figures(DashboardQuery.of(null, null, null, LocalDate.now()), Optional.empty());

    assertThat(branchOnly.portfolio().loans()).isEqualTo(1);
    assertThat(branchOnly.portfolio().balance()).isEqualByComparingTo("250000.00");
    assertThat(bank.branches()).as("the whole bank").isNull();
    assertThat(bank.portfolio().loans()).isGreaterThan(branchOnly.portfolio().loans());
    assertThat(bank.portfolio().balance()).isGreaterThan(branchOnly.portfolio().balance());
    assertThat(bank.backlog()).extracting(GroupBacklog::group)
        .contains(Groups.PROCESSING_CENTRE, Groups.REMOTE_BANKING, Groups.CREDIT_APPROVERS, Groups.acceptance(branch.code()),
            Groups.leads(branch.code()))
        .as("no task is offered to team-leads itself").doesNotContain(Groups.TEAM_LEADS);
    assertThat(bank.disbursed()).as("the last twelve months by default").hasSize(12);
    assertThat(bank.cycleTimes()).hasSize(7);
  }

  // --- write-offs and recoveries (核销与核销后收回), over HTTP --------------------------------------------------

  /**
   * A loan of the branch (100,000.00 unless given, 12 months) disbursed 40 days before {@code on}, its first instalment
   * fallen due unpaid with 12.34 CNY penalty interest, written off on {@code on}: its claim is the principal, that
   * instalment's interest and the penalty interest.
   */
  private LoanAccount writtenOff(LocalDate on, String principal) {
    LoanAccount loan = TestLoans.with(intakeService, loans).branch(branch.code()).principal(principal).disbursedOn(on.minusDays(40));
    jdbc.sql("UPDATE repayment_instalment SET status = 'OVERDUE', penalty_accrued = 12.34 WHERE loan_id = :id AND number = 1")
        .param("id", loan.loanId()).update();
    loans.writeOff(new WriteOffLoan(loan.loanId(), on, "collector2", "逾期90天以上, 催收无果"));
    return loan;
  }

  /** Money core banking received for the written-off loan, reported on the repayment feed: booked as a recovery. */
  private String recovery(LoanAccount loan, String amount, LocalDate valueDate) {
    String transaction = "DR" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    Response booked = api.post("/api/loans/" + loan.loanId() + "/repayments", "core-banking",
        "{\"transactionId\": \"" + transaction + "\", \"amount\": " + amount + ", \"valueDate\": \"" + valueDate + "\"}");
    assertThat(booked.status()).as(booked.body()).isEqualTo(201);
    assertThat(booked.json().path("kind").asText()).isEqualTo("RECOVERY");
    return transaction;
  }

  private static JsonNode month(JsonNode figures, YearMonth month) {
    for (JsonNode row : figures.path("writeOffs")) {
      if (row.path("month").asText().equals(month.toString())) {
        return row;
      }
    }
    throw new AssertionError("no row for " + month + " in " + figures.path("writeOffs"));
  }

  @Test
  void aLoanWrittenOffThisMonthShowsWithItsPrincipalAndClaimAndARecoveryCountsInItsValueDatesMonthUnlessReversed() {
    LocalDate today = LocalDate.now(BusinessClock.BANK_ZONE);
    YearMonth thisMonth = YearMonth.from(today);
    LocalDate aMonthAgo = today.minusMonths(1);
    LoanAccount earlier = writtenOff(aMonthAgo, "60000.00");
    LoanAccount now = writtenOff(today, "100000.00");
    recovery(earlier, "1000.00", aMonthAgo);
    recovery(earlier, "59100.00", today); // the 59,000.00 of principal left, then 100.00 of the interest
    recovery(now, "30000.00", today);
    String bounced = recovery(now, "5000.00", today);
    Response reversed = api.post("/api/loans/" + now.loanId() + "/repayments/" + bounced + "/reversal", "core-banking",
        "{\"reason\": \"退票: 付款账户余额不足\"}");
    assertThat(reversed.status()).as(reversed.body()).isIn(200, 201);
    BigDecimal claim = jdbc.sql("SELECT principal + interest + penalty FROM written_off_claim WHERE loan_id = :id")
        .param("id", now.loanId()).query(BigDecimal.class).single();

    Response answer = api.get("/api/dashboard?from=" + thisMonth.minusMonths(1).atDay(1) + "&to=" + today + "&branch="
        + branch.code(), "team-lead");

    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    assertThat(answer.json().path("writeOffs")).hasSize(2);
    JsonNode current = month(answer.json(), thisMonth);
    assertThat(current.path("writtenOff").asLong()).as("核销笔数: this month's write-off only").isEqualTo(1);
    assertThat(current.path("writtenOffPrincipal").decimalValue()).as("核销本金").isEqualByComparingTo("100000.00");
    assertThat(current.path("writtenOffClaim").decimalValue()).as("核销债权: the loan's claim, interest and penalty included")
        .isEqualByComparingTo(claim).isGreaterThan(new BigDecimal("100012.34"));
    assertThat(current.path("recoveries").asLong()).as("收回笔数: the reversed recovery does not count").isEqualTo(2);
    assertThat(current.path("recovered").decimalValue()).as("收回金额").isEqualByComparingTo("89100.00");
    assertThat(current.path("recoveredPrincipal").decimalValue()).as("其中收回本金").isEqualByComparingTo("89000.00");
    JsonNode previous = month(answer.json(), thisMonth.minusMonths(1));
    assertThat(previous.path("writtenOff").asLong()).as("last month's write-off in last month").isEqualTo(1);
    assertThat(previous.path("writtenOffPrincipal").decimalValue()).isEqualByComparingTo("60000.00");
    assertThat(previous.path("recoveries").asLong()).as("the recovery valued last month").isEqualTo(1);
    assertThat(previous.path("recovered").decimalValue()).isEqualByComparingTo("1000.00");
    assertThat(previous.path("recoveredPrincipal").decimalValue()).isEqualByComparingTo("1000.00");
  }

  @Test
  void aBranchLeadSeesTheBranchsWriteOffsAndRecoveriesAndNotAnotherBranchs() {
    TestBranch other = DashboardBranches.fresh(branchService, identityService);
    LocalDate today = LocalDate.now(BusinessClock.BANK_ZONE);
    recovery(writtenOff(today, "100000.00"), "30000.00", today);
    YearMonth thisMonth = YearMonth.from(today);

    Response own = api.get("/api/dashboard", DashboardBranches.lead(identityService, branch));
    Response others = api.get("/api/dashboard", DashboardBranches.lead(identityService, other));
    Response bank = api.get("/api/dashboard", "team-lead");

    assertThat(own.status()).as(own.body()).isEqualTo(200);
    assertThat(month(own.json(), thisMonth).path("writtenOff").asLong()).isEqualTo(1);
    assertThat(month(own.json(), thisMonth).path("recovered").decimalValue()).isEqualByComparingTo("30000.00");
    assertThat(others.status()).as(others.body()).isEqualTo(200);
    assertThat(month(others.json(), thisMonth).path("writtenOff").asLong()).as("another branch's write-off").isZero();
    assertThat(month(others.json(), thisMonth).path("writtenOffPrincipal").decimalValue()).isEqualByComparingTo("0.00");
    assertThat(month(others.json(), thisMonth).path("recoveries").asLong()).as("another branch's recovery").isZero();
    assertThat(month(others.json(), thisMonth).path("recovered").decimalValue()).isEqualByComparingTo("0.00");
    assertThat(bank.json().path("branches").isMissingNode()).as("the whole bank").isTrue();
    assertThat(month(bank.json(), thisMonth).path("writtenOffPrincipal").decimalValue()).as("the whole bank counts it")
        .isGreaterThanOrEqualTo(new BigDecimal("100000.00"));
    assertThat(month(bank.json(), thisMonth).path("recovered").decimalValue()).isGreaterThanOrEqualTo(new BigDecimal("30000.00"));
  }
}
