package com.smeloanflow.chaos;

import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.servicing.AllocationComponent;
import com.smeloanflow.servicing.StoredRepayment;
import com.smeloanflow.support.ApiClient.Response;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Core banking's repayment feed ({@code POST /api/loans/{loanId}/repayments} as {@code core-banking})
 * on the loans the AUTO scenario disbursed: a repayment of 100 to 3,000 CNY, value date today, with a
 * transaction id of its own ({@code CHAOS-RP-000001}, …), on a loan chosen at random among the active
 * AUTO loans of the repaid half (by loan id; the other half and the SINGLE loans are never repaid, so
 * the daily close's penalty interest on them can be checked to the fen). Every 5th repayment is reported
 * twice at the same moment to both nodes, every 3rd reported again once it is stored, through whichever
 * node; a report that dies with its node goes to the other one. At the end each transaction id must be
 * stored exactly once for its loan and amount, its allocation lines summing to the amount, answered
 * {@code 201 Created} at most once and {@code 200} for every replay; and the instalments of every
 * repaid loan must hold exactly what its repayments allocated to them.
 */
final class RepaymentScenario implements ChaosScenario {

  static final String TRANSACTION_PREFIX = "CHAOS-RP-";
  private static final String REPLAY_DUE = "REPLAY_DUE";
  private static final String REFUSED = "REFUSED";
  private static final String NOT_STORED = "NOT_STORED";

  /** A repayment core banking debited, as the feed reports it (the same body at every report). */
  record Plan(String transactionId, String loanId, BigDecimal amount, LocalDate valueDate, boolean twiceAtOnce,
      boolean replayLater) {

    String path() {
      return "/api/loans/" + loanId + "/repayments";
    }

    String json() {
      return "{\"transactionId\":\"" + transactionId + "\",\"amount\":" + amount.toPlainString() + ",\"valueDate\":\""
          + valueDate + "\"}";
    }
  }

  private final ChaosDatabase database;
  private final Duration interval;
  private final Random random;
  private final Map<String, Plan> plans = new ConcurrentHashMap<>();
  private final Set<String> replayDue = ConcurrentHashMap.newKeySet();
  private final Set<String> refused = ConcurrentHashMap.newKeySet();
  private final Map<String, AtomicInteger> created = new ConcurrentHashMap<>();
  private final Map<String, List<String>> wrongAnswers = new ConcurrentHashMap<>();
  private final AtomicInteger reports = new AtomicInteger();
  private final AtomicInteger answeredAsReplay = new AtomicInteger();
  private final AtomicInteger replaysSent = new AtomicInteger();

  RepaymentScenario(ChaosDatabase database, Duration interval, Random random) {
    this.database = database;
    this.interval = interval;
    this.random = random;
  }

  /** Whether the scenario repays this loan: half of the AUTO loans, by loan id. */
  static boolean repaid(String loanId) {
    return Math.floorMod(loanId.hashCode(), 2) == 0;
  }

  @Override
  public String name() {
    return "repayments";
  }

  @Override
  public Duration interval() {
    return interval;
  }

  @Override
  public String describeLoad() {
    return "a repayment (100 to 3,000 CNY) every " + ChaosReport.seconds(interval)
        + " on an active AUTO loan of the repaid half, as core-banking with its secret; every 5th reported twice at"
        + " the same moment to both nodes, every 3rd reported again once stored";
  }

  @Override
  public String figure() {
    return "repayments (core-banking feed)";
  }

  @Override
  public String tally(int cases, long asExpected) {
    return cases + " reported, " + asExpected + " stored once as reported, allocated in full";
  }

  @Override
  public String start(ClusterClient cluster, int sequence) {
    String transactionId = TRANSACTION_PREFIX + String.format(Locale.ROOT, "%06d", sequence);
    Plan plan = plans.computeIfAbsent(transactionId, id -> plan(id, sequence));
    List<Response> answers = plan.twiceAtOnce()
        ? cluster.sendTwiceAtOnce("POST", plan.path(), ClusterNode.CORE_BANKING, plan.json())
        : List.of(cluster.post(plan.path(), ClusterNode.CORE_BANKING, plan.json()));
    answers.forEach(answer -> judge(plan, answer));
    if (plan.replayLater()) {
      replayDue.add(transactionId);
    }
    return transactionId;
  }

  private Plan plan(String transactionId, int sequence) {
    List<String> loans = database.query("""
            SELECT l.loan_id FROM loan_account l JOIN processing_outcome p ON p.application_id = l.application_id
            WHERE p.approval_route = 'AUTO' AND l.status = 'ACTIVE' ORDER BY l.loan_id""").stream()
        .map(row -> (String) row.get("loan_id"))
        .filter(RepaymentScenario::repaid)
        .toList();
    if (loans.isEmpty()) {
      throw new NothingToStartYet("no AUTO loan of the repaid half disbursed yet");
    }
    synchronized (random) {
      return new Plan(transactionId, loans.get(random.nextInt(loans.size())), BigDecimal.valueOf(10_000 + random.nextInt(290_001), 2),
          LocalDate.now(BusinessClock.BANK_ZONE), sequence % 5 == 0, sequence % 3 == 0);
    }
  }

  /** A report's answer: 201 (applied now) or 200 (applied before: the replay), with the repayment as reported. */
  private void judge(Plan plan, Response answer) {
    reports.incrementAndGet();
    if (answer.status() == 201) {
      created.computeIfAbsent(plan.transactionId(), id -> new AtomicInteger()).incrementAndGet();
    } else if (answer.status() == 200) {
      answeredAsReplay.incrementAndGet();
    } else {
      refused.add(plan.transactionId());
      wrong(plan, "a report was answered " + answer);
      return;
    }
    String transactionId = answer.json().path("transactionId").asText();
    BigDecimal amount = new BigDecimal(answer.json().path("amount").asText("0"));
    if (!plan.transactionId().equals(transactionId) || amount.compareTo(plan.amount()) != 0
        || !plan.loanId().equals(answer.json().path("loanId").asText())) {
      wrong(plan, "a report was answered with another repayment: " + answer.body());
    }
  }

  private void wrong(Plan plan, String what) {
    wrongAnswers.computeIfAbsent(plan.transactionId(), id -> new CopyOnWriteArrayList<>()).add(what);
  }

  @Override
  public Map<String, String> states(ChaosDatabase database, Collection<String> caseIds) {
    Map<String, String> stored = storedRepayments(database).stream()
        .collect(Collectors.toMap(row -> (String) row.get("transaction_id"), row -> (String) row.get("status")));
    return caseIds.stream().collect(Collectors.toMap(Function.identity(), id -> refused.contains(id) ? REFUSED
        : !stored.containsKey(id) ? NOT_STORED
        : replayDue.contains(id) ? REPLAY_DUE
        : stored.get(id)));
  }

  /** The report is answered synchronously: a repayment is finished unless its replay is still to be sent. */
  @Override
  public boolean finished(String state) {
    return !REPLAY_DUE.equals(state);
  }

  /** Core banking reports a stored repayment again (its answer got lost, it thinks): the same body, to any node. */
  @Override
  public void advance(ClusterClient cluster, String caseId, String state) {
    if (!REPLAY_DUE.equals(state)) {
      return;
    }
    Plan plan = plans.get(caseId);
    Response answer = cluster.post(plan.path(), ClusterNode.CORE_BANKING, plan.json());
    replaysSent.incrementAndGet();
    judge(plan, answer);
    if (answer.status() != 200) {
      wrong(plan, "the replay of a stored repayment was answered " + answer.status() + ", expected 200");
    }
    replayDue.remove(caseId);
  }

  @Override
  public List<String> check(ChaosDatabase database, String caseId) {
    Plan plan = plans.get(caseId);
    List<String> wrong = new ArrayList<>(wrongAnswers.getOrDefault(caseId, List.of()));
    List<Map<String, Object>> stored = database.query(
        "SELECT loan_id, amount, value_date, status, received_by FROM loan_repayment WHERE transaction_id = ?", caseId);
    if (stored.size() != 1) {
      wrong.add(stored.size() + " stored repayments, expected 1 (" + plan.json() + " on " + plan.loanId() + ")");
      return wrong;
    }
    Map<String, Object> repayment = stored.get(0);
    BigDecimal amount = (BigDecimal) repayment.get("amount");
    if (!plan.loanId().equals(repayment.get("loan_id")) || amount.compareTo(plan.amount()) != 0
        || !plan.valueDate().toString().equals(String.valueOf(repayment.get("value_date")))) {
      wrong.add("stored as " + repayment + ", reported " + plan.json() + " for " + plan.loanId());
    }
    if (!StoredRepayment.POSTED.equals(repayment.get("status")) || !ClusterNode.CORE_BANKING.equals(repayment.get("received_by"))) {
      wrong.add("stored " + repayment.get("status") + " from " + repayment.get("received_by") + ", expected "
          + StoredRepayment.POSTED + " from " + ClusterNode.CORE_BANKING);
    }
    BigDecimal allocated = (BigDecimal) database.query(
        "SELECT COALESCE(SUM(amount), 0) AS allocated FROM repayment_allocation WHERE transaction_id = ?", caseId).get(0).get("allocated");
    if (allocated.compareTo(amount) != 0) {
      wrong.add("allocation lines sum to " + allocated + " CNY, the repayment is " + amount + " CNY");
    }
    int createdAnswers = created.getOrDefault(caseId, new AtomicInteger()).get();
    if (createdAnswers > 1) {
      wrong.add("answered 201 Created " + createdAnswers + " times");
    }
    return wrong;
  }

  /**
   * No repayment stored that core banking has no answer for, and each repaid loan's instalments hold
   * what its repayments allocated to them (every line but the prepaid principal, which lowers the later
   * instalments instead).
   */
  @Override
  public void checkTogether(ChaosDatabase database, List<String> caseIds, ChaosReport report) {
    Set<String> reported = new HashSet<>(caseIds);
    List<Map<String, Object>> stored = storedRepayments(database);
    stored.stream().map(row -> (String) row.get("transaction_id")).filter(id -> !reported.contains(id))
        .forEach(id -> report.problems.add("repayment " + id + " was stored, but core banking never got an answer for it"));
    List<Map<String, Object>> ledgers = database.query("""
        SELECT l.loan_id,
          (SELECT COALESCE(SUM(a.amount), 0) FROM repayment_allocation a JOIN loan_repayment r ON r.transaction_id = a.transaction_id
            WHERE r.loan_id = l.loan_id AND r.status = ? AND a.component <> ?) AS allocated,
          (SELECT COALESCE(SUM(i.principal_paid + i.interest_paid + i.penalty_paid), 0) FROM repayment_instalment i
            WHERE i.loan_id = l.loan_id) AS paid
        FROM loan_account l WHERE EXISTS (SELECT 1 FROM loan_repayment r WHERE r.loan_id = l.loan_id)
        """, StoredRepayment.POSTED, AllocationComponent.PREPAID_PRINCIPAL.name());
    int disagreeing = 0;
    for (Map<String, Object> ledger : ledgers) {
      if (((BigDecimal) ledger.get("allocated")).compareTo((BigDecimal) ledger.get("paid")) != 0) {
        disagreeing++;
        report.problems.add("loan " + ledger.get("loan_id") + ": its instalments hold " + ledger.get("paid")
            + " CNY paid, its repayments allocated " + ledger.get("allocated") + " CNY to them");
      }
    }
    BigDecimal reportedAmount = caseIds.stream().map(plans::get).map(Plan::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    BigDecimal storedAmount = stored.stream().map(row -> (BigDecimal) row.get("amount")).reduce(BigDecimal.ZERO, BigDecimal::add);
    long twiceAtOnce = caseIds.stream().map(plans::get).filter(Plan::twiceAtOnce).count();
    report.outcome.put("repayments: stored / amount reported / amount stored", stored.size() + " / " + reportedAmount.toPlainString()
        + " CNY / " + storedAmount.toPlainString() + " CNY, on " + ledgers.size() + " loans");
    report.outcome.put("repayment reports sent / answered 201 Created / answered 200 (already applied)", reports.get() + " / "
        + created.values().stream().mapToInt(AtomicInteger::get).sum() + " / " + answeredAsReplay.get() + " (" + twiceAtOnce
        + " reported twice at once, " + replaysSent.get() + " replayed later)");
    report.outcome.put("repaid loans whose instalments disagree with their allocations", String.valueOf(disagreeing));
    report.outcome.put("repayments that prepaid principal / cleared arrears", database.count(
        "SELECT COUNT(*) FROM loan_repayment WHERE transaction_id LIKE ? AND schedule_recomputed", TRANSACTION_PREFIX + "%")
        + " / " + database.count("SELECT COUNT(*) FROM loan_repayment WHERE transaction_id LIKE ? AND arrears_cleared",
        TRANSACTION_PREFIX + "%"));
  }

  private static List<Map<String, Object>> storedRepayments(ChaosDatabase database) {
    return database.query("SELECT transaction_id, status, amount FROM loan_repayment WHERE transaction_id LIKE ?",
        TRANSACTION_PREFIX + "%");
  }
}
