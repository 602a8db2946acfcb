package com.smeloanflow.dashboard;

import com.smeloanflow.campaign.CampaignFigures;
import com.smeloanflow.collections.CollectionAction;
import com.smeloanflow.dashboard.DashboardFigures.ClassificationShare;
import com.smeloanflow.dashboard.DashboardFigures.CycleTime;
import com.smeloanflow.dashboard.DashboardFigures.Decisions;
import com.smeloanflow.dashboard.DashboardFigures.GroupBacklog;
import com.smeloanflow.dashboard.DashboardFigures.LadderStep;
import com.smeloanflow.dashboard.DashboardFigures.MonthlyDisbursement;
import com.smeloanflow.dashboard.DashboardFigures.MonthlyWriteOff;
import com.smeloanflow.dashboard.DashboardFigures.Portfolio;
import com.smeloanflow.dashboard.DashboardFigures.SlaCompliance;
import com.smeloanflow.dashboard.DashboardFigures.Stretch;
import com.smeloanflow.identity.BranchDetails;
import com.smeloanflow.identity.BranchService;
import com.smeloanflow.identity.Groups;
import com.smeloanflow.operations.OpenTasksByGroup;
import com.smeloanflow.platform.BackgroundThreads;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.platform.calendar.BankCalendar;
import com.smeloanflow.platform.calendar.WorkingTimeCounter;
import com.smeloanflow.platform.sla.SlaFigures;
import com.smeloanflow.servicing.Classification;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;

/**
 * Computes the manager dashboard's figures from what the stages and the engine already keep; it stores
 * nothing. Period figures (cycle times, SLA compliance, decisions, payouts, write-offs and recoveries) count what
 * happened in the query's period; the book, the collection ladder, the open tasks and the campaign funnel are as of now.
 */
@Service
public class DashboardService implements DisposableBean {

  /** Applications submitted this long before the period still count when a later stretch ends in it. */
  static final Duration CYCLE_LOOKBACK = Duration.ofDays(366);

  /** How many dashboard sections are counted beside the requests' threads at a time, for all requests together. */
  static final int SECTION_WORKERS = 2;

  private final DashboardRepository repository;
  private final SlaFigures slaFigures;
  private final CampaignFigures campaignFigures;
  private final BankCalendar calendar;
  private final BusinessClock clock;
  private final BranchService branches;
  private final OpenTasksByGroup openTasks;
  private final IdentityService identityService;
  /**
   * Workers for the sections counted beside the request's thread: at most {@link #SECTION_WORKERS} at a time; a request
   * that finds them all busy counts its sections itself, one after the other, as before.
   */
  private final ExecutorService sections;

  public DashboardService(DashboardRepository repository, SlaFigures slaFigures, CampaignFigures campaignFigures,
      BankCalendar calendar, BusinessClock clock, BranchService branches, OpenTasksByGroup openTasks,
      IdentityService identityService) {
    this.repository = repository;
    this.slaFigures = slaFigures;
    this.campaignFigures = campaignFigures;
    this.calendar = calendar;
    this.clock = clock;
    this.branches = branches;
    this.openTasks = openTasks;
    this.identityService = identityService;
    this.sections = new ThreadPoolExecutor(0, SECTION_WORKERS, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
        BackgroundThreads.numbered("dashboard-section"), new ThreadPoolExecutor.CallerRunsPolicy());
  }

  /**
   * The figures of a period for some branches.
   *
   * @param scope the branches to count, or empty for the whole bank
   */
  public DashboardFigures figures(DashboardQuery query, Optional<Set<String>> scope) {
    Instant start = query.start();
    Instant end = query.end();
    Instant now = clock.now();
    // The cycle times are the largest part of a request (a year's milestones: 2-3 s of the database for the whole
    // bank's twelve months at 1,000,000 applications): counted on a worker beside the other figures, none of which
    // needs them (docs/performance.md, "The manager dashboard's sections side by side").
    CompletableFuture<List<CycleTime>> cycleTimes = CompletableFuture.supplyAsync(() -> cycleTimes(start, end, scope), sections);
    List<SlaCompliance> sla = sla(start, end, scope);
    List<GroupBacklog> backlog = backlog(scope);
    Decisions decisions = decisions(start, end, scope);
    List<MonthlyDisbursement> disbursed = disbursed(query, scope);
    Portfolio portfolio = portfolio(scope);
    List<MonthlyWriteOff> writeOffs = writeOffs(query, scope);
    List<LadderStep> collections = collections(scope);
    CampaignFigures.Funnel funnel = campaignFigures.of(null, scope).total();
    return new DashboardFigures(query.from(), query.to(), scope.map(set -> List.copyOf(new java.util.TreeSet<>(set))).orElse(null),
        now, BackgroundThreads.resultOf(cycleTimes, "the dashboard's cycle times"), sla, backlog, decisions, disbursed,
        portfolio, writeOffs, collections, funnel);
  }

  /** Stops the section workers when the application stops. */
  @Override
  public void destroy() {
    sections.shutdownNow();
  }

  // --- cycle times --------------------------------------------------------------------------------

  List<CycleTime> cycleTimes(Instant start, Instant end, Optional<Set<String>> scope) {
    Instant since = start.minus(CYCLE_LOOKBACK);
    List<DashboardRepository.Milestones> applications = repository.milestones(since, start, end, scope);
    // The days of every stretch read once: counting each stretch of the twelve months' 302,231 applications through the calendar
    // was 29-30 % of that request's CPU (docs/performance.md, "The manager dashboard's cycle times").
    WorkingTimeCounter workingTime = calendar.workingTimeCounter(since.atZone(BusinessClock.BANK_ZONE).toLocalDate().minusDays(2),
        end.atZone(BusinessClock.BANK_ZONE).toLocalDate());
    Map<Stretch, Function<DashboardRepository.Milestones, Instant[]>> stretches = new LinkedHashMap<>();
    stretches.put(Stretch.ACCEPTANCE, m -> new Instant[] {m.submitted(), m.accepted()});
    stretches.put(Stretch.DECISION, m -> new Instant[] {m.accepted(), m.decided()});
    stretches.put(Stretch.SIGNATURE, m -> new Instant[] {m.decided(), m.signed()});
    stretches.put(Stretch.DISBURSEMENT, m -> new Instant[] {m.signed(), m.disbursed()});
    stretches.put(Stretch.TOTAL, m -> new Instant[] {m.submitted(), m.disbursed()});
    stretches.put(Stretch.LINE_OPENING, m -> new Instant[] {m.signed(), m.lineOpened()});
    stretches.put(Stretch.LINE_TOTAL, m -> new Instant[] {m.submitted(), m.lineOpened()});
    List<CycleTime> cycleTimes = new ArrayList<>();
    stretches.forEach((stretch, ends) -> {
      long[] working = new long[applications.size()];
      long[] elapsed = new long[applications.size()];
      int count = 0;
      for (DashboardRepository.Milestones application : applications) {
        Instant[] pair = ends.apply(application);
        if (pair[0] != null && pair[1] != null && !pair[1].isBefore(start) && pair[1].isBefore(end)) {
          working[count] = workingTime.between(pair[0], pair[1]).getSeconds();
          elapsed[count] = pair[0].isBefore(pair[1]) ? Duration.between(pair[0], pair[1]).getSeconds() : 0;
          count++;
        }
      }
      // Sorted once for both percentiles: sorting the twelve months' 300,000 applications as durations, four times per
      // stretch, was 510 of 818 CPU samples of that request (docs/performance.md, "The manager dashboard's cycle times").
      Arrays.sort(working, 0, count);
      Arrays.sort(elapsed, 0, count);
      cycleTimes.add(new CycleTime(stretch, stretch.label(), count, percentileHours(working, count, 50),
          percentileHours(working, count, 90), percentileHours(elapsed, count, 50), percentileHours(elapsed, count, 90)));
    });
    return cycleTimes;
  }

  /** The nearest-rank percentile in hours, one decimal, of the first {@code count} seconds (sorted); null of none. */
  static BigDecimal percentileHours(long[] sortedSeconds, int count, int percent) {
    if (count == 0) {
      return null;
    }
    int rank = (int) Math.ceil(percent / 100.0 * count);
    return BigDecimal.valueOf(sortedSeconds[Math.max(0, rank - 1)]).divide(BigDecimal.valueOf(3600), 1, RoundingMode.HALF_UP);
  }

  // --- SLA and backlog ----------------------------------------------------------------------------

  List<SlaCompliance> sla(Instant start, Instant end, Optional<Set<String>> scope) {
    Map<String, SlaFigures.Compliance> completed = new TreeMap<>();
    slaFigures.compliance(start, end, scope).forEach(c -> completed.put(c.processKey() + "/" + c.taskKey(), c));
    Map<String, SlaFigures.Backlog> open = new TreeMap<>();
    slaFigures.backlog(scope).forEach(b -> open.put(b.processKey() + "/" + b.taskKey(), b));
    Set<String> taskTypes = new java.util.TreeSet<>(completed.keySet());
    taskTypes.addAll(open.keySet());
    List<SlaCompliance> rows = new ArrayList<>();
    for (String taskType : taskTypes) {
      Optional<SlaFigures.Compliance> done = Optional.ofNullable(completed.get(taskType));
      Optional<SlaFigures.Backlog> waiting = Optional.ofNullable(open.get(taskType));
      long finished = done.map(SlaFigures.Compliance::completed).orElse(0L);
      long onTime = done.map(SlaFigures.Compliance::withinDeadline).orElse(0L);
      rows.add(new SlaCompliance(taskType.substring(0, taskType.indexOf('/')), taskType.substring(taskType.indexOf('/') + 1),
          done.map(SlaFigures.Compliance::taskName).orElseGet(() -> waiting.map(SlaFigures.Backlog::taskName).orElse(null)),
          finished, onTime, finished - onTime, done.map(SlaFigures.Compliance::withinGoal).orElse(0L),
          waiting.map(SlaFigures.Backlog::open).orElse(0L), waiting.map(SlaFigures.Backlog::overdue).orElse(0L),
          waiting.map(SlaFigures.Backlog::escalated).orElse(0L), percent(onTime, finished, 1)));
    }
    return rows;
  }

  /**
   * Open tasks by candidate group: the central groups that work tasks and every branch's acceptance, customer
   * managers and leads (督办逾期贷款, 尽职免责认定 and reclassifications wait for the branch's leads; with a scope:
   * only those branches' groups). {@code team-leads} is no task's candidate (a lead sees the team's tasks through
   * the team's lead group), so it has no row. One statement for all of them ({@link OpenTasksByGroup}), counted as
   * the engine's task query counts them.
   */
  List<GroupBacklog> backlog(Optional<Set<String>> scope) {
    List<String> groups = new ArrayList<>();
    if (scope.isEmpty()) {
      Groups.TASK_WORKERS.stream().filter(group -> !group.equals(Groups.TEAM_LEADS)).forEach(groups::add);
    }
    for (BranchDetails branch : branches.all()) {
      if (scope.map(set -> set.contains(branch.code())).orElse(true)) {
        groups.add(Groups.acceptance(branch.code()));
        groups.add(Groups.customerManagers(branch.code()));
        groups.add(Groups.leads(branch.code()));
      }
    }
    if (groups.isEmpty()) {
      return List.of();
    }
    Map<String, String> names = identityService.createGroupQuery().groupIdIn(groups.toArray(String[]::new))
        .listPage(0, groups.size()).stream().collect(Collectors.toMap(Group::getId, g -> g.getName() == null ? g.getId() : g.getName()));
    Map<String, OpenTasksByGroup.Counts> counts = openTasks.of(groups, clock.now());
    return groups.stream().map(group -> {
      OpenTasksByGroup.Counts tasks = counts.getOrDefault(group, OpenTasksByGroup.Counts.NONE);
      return new GroupBacklog(group, names.getOrDefault(group, group), tasks.open(), tasks.unclaimed(), tasks.overdue());
    }).toList();
  }

  // --- decisions and payouts ----------------------------------------------------------------------

  Decisions decisions(Instant start, Instant end, Optional<Set<String>> scope) {
    Map<String, Long> approvals = repository.approvalsByAuthority(start, end, scope);
    Map<String, Long> declines = repository.declinesByOutcome(start, end, scope);
    long auto = approvals.getOrDefault("MODEL", 0L);
    long approver = approvals.getOrDefault("APPROVER", 0L);
    long committee = approvals.getOrDefault("COMMITTEE", 0L);
    long approved = approvals.values().stream().mapToLong(Long::longValue).sum();
    long rejected = declines.getOrDefault("REJECTED", 0L);
    long decided = approved + rejected;
    return new Decisions(decided, approved, auto, approver, committee, rejected, declines.getOrDefault("WITHDRAWN", 0L),
        percent(approved, decided, 1), percent(rejected, decided, 1), percent(auto, decided, 1));
  }

  /**
   * Every month of the period, also the months without a payout (China Standard Time): the term loans paid out, the
   * drawdowns on credit lines and the renewals without repaying principal, each a loan lent (a line's opening pays
   * nothing out). A renewal counts in the month of the maturity it renewed at, the business date its new loan runs from.
   */
  List<MonthlyDisbursement> disbursed(DashboardQuery query, Optional<Set<String>> scope) {
    List<MonthlyDisbursement> months = new ArrayList<>();
    for (YearMonth month = YearMonth.from(query.from()); !month.isAfter(YearMonth.from(query.to())); month = month.plusMonths(1)) {
      Instant monthStart = month.atDay(1).atStartOfDay(BusinessClock.BANK_ZONE).toInstant();
      Instant monthEnd = month.plusMonths(1).atDay(1).atStartOfDay(BusinessClock.BANK_ZONE).toInstant();
      Instant start = later(monthStart, query.start());
      Instant end = earlier(monthEnd, query.end());
      DashboardRepository.Payouts termLoans = repository.payouts(start, end, scope);
      DashboardRepository.Payouts drawdowns = repository.drawdowns(start, end, scope);
      LocalDate firstDay = month.atDay(1).isBefore(query.from()) ? query.from() : month.atDay(1);
      LocalDate dayAfter = month.atEndOfMonth().isAfter(query.to()) ? query.to().plusDays(1) : month.plusMonths(1).atDay(1);
      DashboardRepository.Payouts renewals = repository.renewals(firstDay, dayAfter, scope);
      months.add(new MonthlyDisbursement(month.toString(), termLoans.loans() + drawdowns.loans() + renewals.loans(),
          termLoans.amount().add(drawdowns.amount()).add(renewals.amount()).setScale(2, RoundingMode.HALF_UP), drawdowns.loans(),
          drawdowns.amount().setScale(2, RoundingMode.HALF_UP), renewals.loans(), renewals.amount().setScale(2, RoundingMode.HALF_UP)));
    }
    return months;
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Instant earlier(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  // --- the book -----------------------------------------------------------------------------------

  Portfolio portfolio(Optional<Set<String>> scope) {
    Map<String, DashboardRepository.ClassificationRow> rows = repository.activeBookByClassification(scope).stream()
        .collect(Collectors.toMap(DashboardRepository.ClassificationRow::classification, Function.identity()));
    List<ClassificationShare> shares = new ArrayList<>();
    long loans = 0;
    BigDecimal balance = BigDecimal.ZERO.setScale(2);
    BigDecimal nonPerforming = BigDecimal.ZERO.setScale(2);
    for (Classification classification : Classification.values()) {
      DashboardRepository.ClassificationRow row = rows.get(classification.name());
      long count = row == null ? 0 : row.loans();
      BigDecimal owed = row == null ? BigDecimal.ZERO.setScale(2) : row.balance().setScale(2, RoundingMode.HALF_UP);
      shares.add(new ClassificationShare(classification.name(), classification.label(), count, owed));
      loans += count;
      balance = balance.add(owed);
      if (classification.nonPerforming()) {
        nonPerforming = nonPerforming.add(owed);
      }
    }
    BigDecimal ratio = balance.signum() == 0 ? null
        : nonPerforming.multiply(BigDecimal.valueOf(100)).divide(balance, 2, RoundingMode.HALF_UP);
    return new Portfolio(shares, loans, balance, nonPerforming, ratio);
  }

  // --- write-offs and recoveries -------------------------------------------------------------------

  /**
   * Every month of the period, also the months without either (business dates): the loans written off in it (count,
   * principal, claim) and the recoveries after a write-off with a value date in it, not reversed (count, amount, of it
   * principal). A recovery counts in the month of its value date whenever the loan was written off.
   */
  List<MonthlyWriteOff> writeOffs(DashboardQuery query, Optional<Set<String>> scope) {
    LocalDate dayAfter = query.to().plusDays(1);
    Map<YearMonth, DashboardRepository.DayTotals> writtenOff = byMonth(repository.writeOffs(query.from(), dayAfter, scope));
    Map<YearMonth, DashboardRepository.DayTotals> recovered = byMonth(repository.recoveries(query.from(), dayAfter, scope));
    DashboardRepository.DayTotals none = new DashboardRepository.DayTotals(null, 0, BigDecimal.ZERO, BigDecimal.ZERO);
    List<MonthlyWriteOff> months = new ArrayList<>();
    for (YearMonth month = YearMonth.from(query.from()); !month.isAfter(YearMonth.from(query.to())); month = month.plusMonths(1)) {
      DashboardRepository.DayTotals off = writtenOff.getOrDefault(month, none);
      DashboardRepository.DayTotals back = recovered.getOrDefault(month, none);
      months.add(new MonthlyWriteOff(month.toString(), off.count(), off.principal().setScale(2, RoundingMode.HALF_UP),
          off.amount().setScale(2, RoundingMode.HALF_UP), back.count(), back.amount().setScale(2, RoundingMode.HALF_UP),
          back.principal().setScale(2, RoundingMode.HALF_UP)));
    }
    return months;
  }

  private static Map<YearMonth, DashboardRepository.DayTotals> byMonth(List<DashboardRepository.DayTotals> days) {
    Map<YearMonth, DashboardRepository.DayTotals> months = new TreeMap<>();
    for (DashboardRepository.DayTotals day : days) {
      months.merge(YearMonth.from(day.day()), day, (a, b) -> new DashboardRepository.DayTotals(null, a.count() + b.count(),
          a.amount().add(b.amount()), a.principal().add(b.principal())));
    }
    return months;
  }

  /** Every rung of the ladder (1 to 5, and 0 for cases not yet acted on when there are any). */
  List<LadderStep> collections(Optional<Set<String>> scope) {
    Map<Integer, Long> open = repository.openCasesByLadderStep(scope);
    List<LadderStep> steps = new ArrayList<>();
    if (open.getOrDefault(0, 0L) > 0) {
      steps.add(new LadderStep(0, CollectionAction.rungLabel(0), open.get(0)));
    }
    Arrays.stream(CollectionAction.values()).filter(action -> action.step() > 0)
        .forEach(action -> steps.add(new LadderStep(action.step(), action.label(), open.getOrDefault(action.step(), 0L))));
    return steps;
  }

  static BigDecimal percent(long part, long whole, int decimals) {
    return whole == 0 ? null
        : BigDecimal.valueOf(part).multiply(BigDecimal.valueOf(100)).divide(BigDecimal.valueOf(whole), decimals, RoundingMode.HALF_UP);
  }
}
