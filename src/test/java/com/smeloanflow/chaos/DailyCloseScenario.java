package com.smeloanflow.chaos;

import com.smeloanflow.servicing.ClassificationChange;
import com.smeloanflow.servicing.DailyCloseRun;
import com.smeloanflow.servicing.PenaltyInterest;
import com.smeloanflow.support.ApiClient.Response;
import java.math.BigDecimal;
import java.sql.Date;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daily close of successive business dates, one date a case, from {@code firstDate} on (the kill
 * test: two days before the loans disbursed today fall due): an operator asks a node to close the next
 * date ({@code POST /api/sandbox/daily-close?businessDate=…} as {@code admin}) once the previous one has
 * completed, through whichever node is ready. The dates run ahead of the calendar, so the loans fall
 * due, become overdue, accrue penalty interest and are handed to collections within minutes. A close
 * refused because another run holds the lock (409; e.g. for the lease of a node killed half-way) or lost
 * with its node is asked for again every second until its date has completed.
 *
 * <p>At the end: every date has one {@code daily_close_run}, completed; the loans the run counted are
 * the loans it marked closed for the date ({@code last_closed_on}, read right after it completed) and the
 * active loans it covered unchanged: at least those committed before the date's close was asked for, at
 * most those opened by its end (a loan opened while the close runs is covered only if its transaction
 * committed before the close's chunk reached it; else the next date covers it). The bounds differ only
 * by the loans opened while the close ran that it did not mark; a chunk done twice would count its loans
 * twice. Every instalment of a loan never repaid carries exactly one day of penalty
 * interest for each closed date from its due date (or the loan's first close) on, to the fen, and the
 * loan's days past due are the calendar's; the closes' penalty totals are the ledger's.
 */
final class DailyCloseScenario implements ChaosScenario {

  private static final Logger log = LoggerFactory.getLogger(DailyCloseScenario.class);
  private static final String ADMIN = "admin";
  private static final String NOT_STARTED = "NOT_STARTED";

  private final ChaosDatabase database;
  private final Duration interval;
  private final LocalDate firstDate;
  private final PenaltyInterest penalty;
  /**
   * The active loans disbursed by the date and not closed for it, read before its close was first asked for: committed
   * before any chunk of it ran, so the close covered each of them.
   */
  private final Map<LocalDate, Set<String>> coveredForSure = new ConcurrentHashMap<>();
  /** What the close of the date did to the loans, read right after it completed and before the next began. */
  private final Map<LocalDate, Covered> covered = new ConcurrentHashMap<>();
  /** The loans each completed date's run counted ({@code loans_closed}), as the checks read them. */
  private final Map<LocalDate, Long> counted = new ConcurrentHashMap<>();
  private final Set<LocalDate> inFlight = ConcurrentHashMap.newKeySet();
  private final List<String> wrongAnswers = new CopyOnWriteArrayList<>();
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger busy = new AtomicInteger();
  private final ExecutorService asker = Executors.newSingleThreadExecutor(runnable -> {
    Thread thread = new Thread(runnable, "chaos-daily-close-operator");
    thread.setDaemon(true);
    return thread;
  });

  DailyCloseScenario(ChaosDatabase database, Duration interval, LocalDate firstDate, PenaltyInterest penalty) {
    this.database = database;
    this.interval = interval;
    this.firstDate = firstDate;
    this.penalty = penalty;
  }

  @Override
  public String name() {
    return "daily close";
  }

  @Override
  public Duration interval() {
    return interval;
  }

  @Override
  public String describeLoad() {
    return "the next business date, from " + firstDate + " on, " + ChaosReport.seconds(interval)
        + " after the previous one completed; nodes close in chunks of " + ClusterNode.DAILY_CLOSE_CHUNK_SIZE + " loans";
  }

  @Override
  public String figure() {
    return "daily closes (business dates)";
  }

  @Override
  public String tally(int cases, long asExpected) {
    return cases + " asked for, " + asExpected + " completed once as expected"
        + (cases == 0 ? "" : " (" + firstDate + " to " + firstDate.plusDays(cases - 1L) + ")");
  }

  @Override
  public String start(ClusterClient cluster, int sequence) {
    LocalDate date = firstDate.plusDays(sequence - 1L);
    if (sequence > 1) {
      LocalDate previous = date.minusDays(1);
      if (!DailyCloseRun.COMPLETED.equals(status(previous))) {
        throw new NothingToStartYet("the close of " + previous + " has not completed");
      }
      covered.computeIfAbsent(previous, this::covered);
    }
    coveredForSure.put(date, loansToClose(date, false));
    request(cluster, date);
    return date.toString();
  }

  /** Asks a node to close through the date (unless a request for it is on its way): 200, or 409 while another run holds the lock. */
  private void request(ClusterClient cluster, LocalDate date) {
    if (!inFlight.add(date)) {
      return;
    }
    try {
      Response answer = cluster.post("/api/sandbox/daily-close?businessDate=" + date, ADMIN, null);
      requests.incrementAndGet();
      if (answer.status() == 409) {
        busy.incrementAndGet();
      } else if (answer.status() != 200) {
        wrongAnswers.add("the close of " + date + " was answered " + answer);
      }
    } catch (RuntimeException everyNodeFailed) {
      // every node failed for ClusterClient.PATIENCE (e.g. PostgreSQL down): asked again by advance
      log.warn("Daily close of {} not answered, asking again: {}", date, everyNodeFailed.toString());
    } finally {
      inFlight.remove(date);
    }
  }

  @Override
  public Map<String, String> states(ChaosDatabase database, Collection<String> caseIds) {
    Map<String, String> runs = database.query("SELECT business_date, status FROM daily_close_run").stream()
        .collect(Collectors.toMap(row -> localDate(row.get("business_date")).toString(), row -> (String) row.get("status")));
    return caseIds.stream().collect(Collectors.toMap(Function.identity(), date -> runs.getOrDefault(date, NOT_STARTED),
        (a, b) -> a, LinkedHashMap::new));
  }

  @Override
  public boolean finished(String state) {
    return DailyCloseRun.COMPLETED.equals(state);
  }

  /** A date not completed (refused as busy, or its node died under it) is asked for again, apart from the other scenarios' steps. */
  @Override
  public void advance(ClusterClient cluster, String caseId, String state) {
    LocalDate date = LocalDate.parse(caseId);
    if (!inFlight.contains(date)) {
      asker.execute(() -> request(cluster, date));
    }
  }

  @Override
  public List<String> check(ChaosDatabase database, String caseId) {
    LocalDate date = LocalDate.parse(caseId);
    List<Map<String, Object>> runs = database.query(
        "SELECT status, step, loans_closed, attempts, node FROM daily_close_run WHERE business_date = ?", date);
    if (runs.size() != 1) {
      return List.of(runs.size() + " daily_close_run rows, expected 1");
    }
    Map<String, Object> run = runs.get(0);
    List<String> wrong = new ArrayList<>();
    if (!DailyCloseRun.COMPLETED.equals(run.get("status")) || !DailyCloseRun.STEP_DONE.equals(run.get("step"))) {
      wrong.add("close " + run.get("status") + " in step " + run.get("step") + ", expected " + DailyCloseRun.COMPLETED);
      return wrong;
    }
    long counted = ((Number) run.get("loans_closed")).longValue();
    this.counted.put(date, counted);
    Covered closed = covered.computeIfAbsent(date, this::covered);
    if (counted < closed.least() || counted > closed.most()) {
      wrong.add("the run counted " + counted + " loans closed, " + closed.marked() + " were marked closed for the date and "
          + (closed.unchangedLeast() == closed.unchangedMost() ? String.valueOf(closed.unchangedLeast())
              : closed.unchangedLeast() + " to " + closed.unchangedMost())
          + " active loans covered unchanged (a loan closed twice, or one missed?)");
    }
    return wrong;
  }

  /**
   * Every date's run completed (also one the 00:30 timer closed), none beyond the last date asked for;
   * penalty interest and days past due of the loans never repaid as the calendar says; the closes'
   * penalty total is the ledger's.
   */
  @Override
  public void checkTogether(ChaosDatabase database, List<String> caseIds, ChaosReport report) {
    wrongAnswers.forEach(report.problems::add);
    Set<String> asked = new HashSet<>(caseIds);
    LocalDate last = firstDate.plusDays(caseIds.size() - 1L);
    for (Map<String, Object> run : database.query("SELECT business_date, status FROM daily_close_run ORDER BY business_date")) {
      LocalDate date = localDate(run.get("business_date"));
      if (asked.contains(date.toString())) {
        continue;
      }
      if (date.isAfter(last) || !DailyCloseRun.COMPLETED.equals(run.get("status"))) {
        report.problems.add("daily close of " + date + " (not asked for) is " + run.get("status"));
      } else {
        report.events.add("the daily-close timer closed " + date + " (yesterday when it fired)");
      }
    }
    Map<String, Object> runs = database.query("""
        SELECT COUNT(*) AS dates, COALESCE(SUM(loans_closed), 0) AS loans, COALESCE(SUM(overdue_loans), 0) AS overdue,
          COALESCE(SUM(penalty_accrued), 0) AS penalty, COALESCE(SUM(classifications), 0) AS classifications,
          COALESCE(SUM(loans_settled), 0) AS settled, COALESCE(SUM(collection_loans), 0) AS collection_loans,
          COALESCE(SUM(CASE WHEN attempts > 1 THEN 1 ELSE 0 END), 0) AS resumed, COALESCE(SUM(chunks), 0) AS chunks
        FROM daily_close_run""").get(0);
    BigDecimal ledgerPenalty = (BigDecimal) database.query(
        "SELECT COALESCE(SUM(penalty_accrued), 0) AS penalty FROM repayment_instalment").get(0).get("penalty");
    if (ledgerPenalty.compareTo((BigDecimal) runs.get("penalty")) != 0) {
      report.problems.add("the daily closes accrued " + runs.get("penalty") + " CNY penalty interest, the instalments hold "
          + ledgerPenalty + " CNY");
    }
    PenaltyCheck check = checkPenaltyOfLoansNeverRepaid(database, report);
    report.outcome.put("daily close runs / resumed after a crash (attempts > 1) / chunks committed", runs.get("dates") + " / "
        + runs.get("resumed") + " / " + runs.get("chunks"));
    report.outcome.put("loan closes (loans × dates) / of them overdue / classification changes / settled / handed to collections",
        runs.get("loans") + " / " + runs.get("overdue") + " / " + runs.get("classifications") + " / " + runs.get("settled") + " / "
            + runs.get("collection_loans") + "; " + database.count("SELECT COUNT(*) FROM collection_case") + " collection cases");
    long twiceStarted = database.count("""
        SELECT COUNT(*) FROM collection_case c
        WHERE (SELECT COUNT(*) FROM ACT_HI_PROCINST p WHERE p.PROC_DEF_KEY_ = 'collection' AND p.BUSINESS_KEY_ = c.loan_id)
          > (SELECT COUNT(*) FROM collection_case o WHERE o.loan_id = c.loan_id)""");
    if (twiceStarted > 0) {
      report.problems.add(twiceStarted + " collection cases whose loan has more collection processes than cases (a start twice?)");
    }
    report.outcome.put("collection cases whose process was not started yet (started by the nodes' poller after the close)",
        String.valueOf(database.count("SELECT COUNT(*) FROM collection_case WHERE process_instance_id IS NULL")));
    report.outcome.put("penalty interest accrued (closes / instalments)", runs.get("penalty") + " / " + ledgerPenalty + " CNY");
    report.outcome.put("instalments of never-repaid loans checked to the fen (one day of penalty for every date from its due date through the last close)",
        check.instalments + " on " + check.loans + " loans (" + check.overdueInstalments + " overdue), " + check.wrong + " wrong");
    report.outcome.put("daily-close requests / answered 409 (another run holds the lock)", requests.get() + " / " + busy.get());
    report.outcome.put("loans each close counted, checked against the loans it marked and those it covered unchanged",
        loanCountsChecked());
  }

  /**
   * On how many dates the check of the close's count was exact, and on how many loans opened while the close ran made
   * it a range (with the loans such closes had not seen yet: their opening committed after the chunk passed them).
   */
  private String loanCountsChecked() {
    int exact = 0;
    int ranges = 0;
    long unseen = 0;
    for (Map.Entry<LocalDate, Long> date : counted.entrySet()) {
      Covered closed = covered.get(date.getKey());
      if (closed.least() == closed.most()) {
        exact++;
      } else {
        ranges++;
        unseen += Math.max(0, closed.most() - date.getValue());
      }
    }
    return "exact on " + exact + " dates; a range on " + ranges + " (loans opened while the close ran that it did not"
        + " mark), " + unseen + " loans of them not seen by their close (committed after its chunk had passed them)";
  }

  private record PenaltyCheck(int loans, int instalments, int overdueInstalments, int wrong) {}

  /**
   * A loan never repaid stays overdue from its first overdue close on: each of its instalments accrues
   * one day of penalty interest for every date from its due date through its last close, also when the
   * loan was disbursed after that due date had been closed (its first overdue close charges those days).
   */
  private PenaltyCheck checkPenaltyOfLoansNeverRepaid(ChaosDatabase database, ChaosReport report) {
    List<Map<String, Object>> instalments = database.query("""
        SELECT i.loan_id, i.number, i.due_date, i.principal, i.principal_paid, i.penalty_accrued, a.annual_rate_percent,
          a.last_closed_on, a.days_past_due,
          (SELECT MIN(c.business_date) FROM loan_classification c WHERE c.loan_id = a.loan_id AND c.source = ?) AS first_overdue
        FROM repayment_instalment i JOIN loan_account a ON a.loan_id = i.loan_id
        WHERE a.status = 'ACTIVE' AND a.last_closed_on IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM loan_repayment r WHERE r.loan_id = a.loan_id)
        ORDER BY i.loan_id, i.number
        """, ClassificationChange.DPD_FLOOR);
    Set<String> loans = new HashSet<>();
    int overdue = 0;
    int wrong = 0;
    for (Map<String, Object> row : instalments) {
      String loanId = (String) row.get("loan_id");
      LocalDate lastClosed = localDate(row.get("last_closed_on"));
      LocalDate dueDate = localDate(row.get("due_date"));
      long days = 0;
      if (row.get("first_overdue") != null) {
        days = dueDate.isAfter(lastClosed) ? 0 : ChronoUnit.DAYS.between(dueDate, lastClosed) + 1;
      }
      BigDecimal principal = ((BigDecimal) row.get("principal")).subtract((BigDecimal) row.get("principal_paid"));
      BigDecimal expected = penalty.forOneDay(principal, (BigDecimal) row.get("annual_rate_percent")).multiply(BigDecimal.valueOf(days));
      BigDecimal accrued = (BigDecimal) row.get("penalty_accrued");
      if (accrued.compareTo(expected) != 0) {
        wrong++;
        report.problems.add("loan " + loanId + " instalment " + row.get("number") + " (due " + dueDate + "): " + accrued
            + " CNY penalty interest, expected " + expected + " CNY (" + days + " days through " + lastClosed + ")");
      }
      if (days > 0) {
        overdue++;
      }
      if (loans.add(loanId)) {
        long daysPastDue = dueDate.isAfter(lastClosed) ? 0 : ChronoUnit.DAYS.between(dueDate, lastClosed) + 1;
        long recorded = ((Number) row.get("days_past_due")).longValue();
        if (row.get("first_overdue") != null && recorded != daysPastDue) {
          wrong++;
          report.problems.add("loan " + loanId + ": " + recorded + " days past due on " + lastClosed + ", its first instalment"
              + " fell due on " + dueDate + " (" + daysPastDue + " days)");
        }
      }
    }
    return new PenaltyCheck(loans.size(), instalments.size(), overdue, wrong);
  }

  /**
   * What the date's close covered: {@code marked} loans it worked on ({@code last_closed_on} is the date), and active
   * loans it had nothing to do for, covered unchanged: at least those committed before it was asked for, at most those
   * opened by its end ({@code opened_at} is taken inside the opening transaction, before its commit, so it cannot tell
   * whether the close saw the loan: the close sees a loan once its transaction has committed).
   */
  private record Covered(long marked, long unchangedLeast, long unchangedMost) {
    long least() {
      return marked + unchangedLeast;
    }

    long most() {
      return marked + unchangedMost;
    }
  }

  private Covered covered(LocalDate date) {
    long marked = database.count("SELECT COUNT(*) FROM loan_account WHERE last_closed_on = ?", date);
    Set<String> unchanged = loansToClose(date, true);
    Set<String> forSure = new HashSet<>(coveredForSure.getOrDefault(date, Set.of()));
    forSure.retainAll(unchanged);
    return new Covered(marked, forSure.size(), unchanged.size());
  }

  /**
   * The active loans disbursed by the date and not closed for it (nor for a later date); only those opened by the end
   * of the date's close when {@code openedByItsEnd}.
   */
  private Set<String> loansToClose(LocalDate date, boolean openedByItsEnd) {
    String sql = "SELECT loan_id FROM loan_account WHERE status = 'ACTIVE' AND disbursed_on <= ?"
        + " AND (last_closed_on IS NULL OR last_closed_on < ?)";
    List<Map<String, Object>> rows = openedByItsEnd
        ? database.query(sql + " AND opened_at <= (SELECT r.finished_at FROM daily_close_run r WHERE r.business_date = ?)",
            date, date, date)
        : database.query(sql, date, date);
    return rows.stream().map(row -> (String) row.get("loan_id")).collect(Collectors.toSet());
  }

  private String status(LocalDate date) {
    return database.query("SELECT status FROM daily_close_run WHERE business_date = ?", date).stream()
        .map(row -> (String) row.get("status")).findFirst().orElse(NOT_STARTED);
  }

  private static LocalDate localDate(Object value) {
    return value instanceof Date date ? date.toLocalDate() : LocalDate.parse(String.valueOf(value));
  }
}
