package com.smeloanflow.dashboard;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Read-only queries over the earlier stages' own tables (the dashboard owns none and writes none): intake's
 * applications, the case file's history, approval's decisions, disbursement's contracts and postings,
 * credit lines' drawdowns, renewal's renewed loans, servicing's loan accounts and schedules, its write-offs' claims
 * and recoveries, collections' cases. Each takes the branches to count (empty:
 * every branch).
 */
@Repository
class DashboardRepository {

  private final JdbcClient jdbc;

  DashboardRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * When an application passed each milestone (null: not yet, or never): {@code disbursed} is a term loan's payout
   * (its core banking posting), {@code lineOpened} a revolving line's opening (creditline's {@code credit_line}; a
   * line pays nothing out and has no posting).
   */
  record Milestones(String applicationId, Instant submitted, Instant accepted, Instant decided, Instant signed, Instant disbursed,
      Instant lineOpened) {}

  /**
   * The milestones of the applications submitted in [since, end) that passed one of them (acceptance, decision,
   * signature, payout, a line's opening) in [start, end): those whose stretch may end in the period.
   *
   * <p>Each milestone is read by a range of its date from an index that also holds the application's id (V115),
   * from a day before {@code since}: an application passes its milestones after its submission, and a day is far
   * more than the clocks of two nodes differ. Before, the acceptance was looked up in each application's history
   * and every application of the year was read: 1,000,000 applications, the whole bank's month 10.2-10.8 s per
   * request, now 1.5-1.7 s (docs/performance.md, "The manager dashboard's cycle times").
   */
  List<Milestones> milestones(Instant since, Instant start, Instant end, Optional<Set<String>> branches) {
    return withBranches(jdbc.sql("""
        SELECT a.id, a.submitted_at, f.accepted_at, COALESCE(d.decided_at, r.decided_at) AS decided_at, c.signed_at, p.posted_at,
               l.opened_at
        FROM loan_application a
        LEFT JOIN case_file f ON f.application_id = a.id AND f.accepted_at >= :from
        LEFT JOIN approval_decision d ON d.application_id = a.id AND d.decided_at >= :from
        LEFT JOIN application_decline r ON r.application_id = a.id AND r.outcome = 'REJECTED' AND r.decided_at >= :from
        LEFT JOIN loan_contract c ON c.application_id = a.id AND c.signed_at >= :from
        LEFT JOIN disbursement_posting p ON p.application_id = a.id AND p.posted_at >= :from
        LEFT JOIN credit_line l ON l.application_id = a.id AND l.opened_at >= :from
        WHERE a.submitted_at >= :since AND a.submitted_at < :end
          AND (f.accepted_at >= :start AND f.accepted_at < :end
            OR COALESCE(d.decided_at, r.decided_at) >= :start AND COALESCE(d.decided_at, r.decided_at) < :end
            OR c.signed_at >= :start AND c.signed_at < :end
            OR p.posted_at >= :start AND p.posted_at < :end
            OR l.opened_at >= :start AND l.opened_at < :end)""" + branchCondition("a", branches)), branches)
        .param("from", Timestamp.from(since.minus(Duration.ofDays(1)))).param("since", Timestamp.from(since))
        .param("start", Timestamp.from(start)).param("end", Timestamp.from(end))
        .query((rs, row) -> new Milestones(rs.getString("id"), instant(rs, "submitted_at"), instant(rs, "accepted_at"),
            instant(rs, "decided_at"), instant(rs, "signed_at"), instant(rs, "posted_at"), instant(rs, "opened_at")))
        .list();
  }

  /** Approvals decided in [start, end), by authority (MODEL, APPROVER, COMMITTEE). */
  Map<String, Long> approvalsByAuthority(Instant start, Instant end, Optional<Set<String>> branches) {
    return counts(withBranches(jdbc.sql("""
        SELECT d.authority AS k, COUNT(*) AS n FROM approval_decision d""" + applications("d", branches) + """
        WHERE d.decided_at >= :start AND d.decided_at < :end"""
        + branchCondition("a", branches) + " GROUP BY d.authority"), branches), start, end);
  }

  /**
   * Applications that ended without an approval in [start, end), by outcome (REJECTED, WITHDRAWN; an outcome whose
   * every decline followed an approval counts 0).
   *
   * <p>The approval is looked up per decline (a sub-query in the count), not as {@code NOT EXISTS}: PostgreSQL
   * expects every decline to have an approval (there are more approvals) and hashed all 800,077 approvals to
   * anti-join a year's 51,879 declines, 0.49 s; one look-up each takes 0.20 s (a month: 29 -> 9 ms).
   */
  Map<String, Long> declinesByOutcome(Instant start, Instant end, Optional<Set<String>> branches) {
    return counts(withBranches(jdbc.sql("""
        SELECT r.outcome AS k,
               SUM(CASE WHEN EXISTS (SELECT 1 FROM approval_decision d WHERE d.application_id = r.application_id) THEN 0 ELSE 1 END) AS n
        FROM application_decline r""" + applications("r", branches) + """
        WHERE r.decided_at >= :start AND r.decided_at < :end"""
        + branchCondition("a", branches) + " GROUP BY r.outcome"), branches), start, end);
  }

  /** Payouts (term loans, drawdowns, or renewals): how many, and how much together. */
  record Payouts(long loans, BigDecimal amount) {}

  /**
   * The term loans paid out in [start, end) (disbursement's postings), counted and summed by the database: the
   * dashboard asks once per month of its period. Reading every payout of a year to count them by month in the
   * application (241,576 at 1,000,000 applications) was 4-8 % of the twelve-month request's CPU (docs/performance.md,
   * "The manager dashboard's cycle times").
   */
  Payouts payouts(Instant start, Instant end, Optional<Set<String>> branches) {
    return withBranches(jdbc.sql("""
        SELECT COUNT(*) AS n, SUM(p.amount) AS amount FROM disbursement_posting p""" + applications("p", branches) + """
        WHERE p.posted_at >= :start AND p.posted_at < :end""" + branchCondition("a", branches)), branches)
        .param("start", Timestamp.from(start)).param("end", Timestamp.from(end))
        .query((rs, row) -> new Payouts(rs.getLong("n"), rs.getBigDecimal("amount") == null ? BigDecimal.ZERO : rs.getBigDecimal("amount")))
        .single();
  }

  /**
   * The drawdowns on credit lines of [start, end), counted and summed like {@link #payouts}: each drawdown is a loan
   * of its own, paid out by its own core banking posting (creditline's {@code credit_line_drawdown}, stored once core
   * banking booked it; a pending request is not a payout). A branch's are those of its lines; read by a range of the
   * index on {@code drawn_at} (V117).
   */
  Payouts drawdowns(Instant start, Instant end, Optional<Set<String>> branches) {
    return withBranches(jdbc.sql("""
        SELECT COUNT(*) AS n, SUM(d.amount) AS amount FROM credit_line_drawdown d"""
        + (branches.isPresent() ? " JOIN credit_line l ON l.line_id = d.line_id " : " ") + """
        WHERE d.drawn_at >= :start AND d.drawn_at < :end""" + branchCondition("l", branches)), branches)
        .param("start", Timestamp.from(start)).param("end", Timestamp.from(end))
        .query((rs, row) -> new Payouts(rs.getLong("n"), rs.getBigDecimal("amount") == null ? BigDecimal.ZERO : rs.getBigDecimal("amount")))
        .single();
  }

  /**
   * The renewals without repaying principal (无还本续贷) renewed at a maturity in [from, before), counted and summed like
   * {@link #payouts}: renewal's {@code loan_renewal} rows that are {@code RENEWED}, each a new loan lent by one core
   * banking posting straight into the repayment of the old loan's principal due at maturity, dated by that maturity
   * ({@code closed_on}, the business date the new loan runs from) and counted at what it lent ({@code renewed_amount}).
   * A branch's are those of its loans. Read by a range of the index on {@code closed_on} (V123).
   */
  Payouts renewals(LocalDate from, LocalDate before, Optional<Set<String>> branches) {
    return withBranches(jdbc.sql("""
        SELECT COUNT(*) AS n, SUM(r.renewed_amount) AS amount FROM loan_renewal r
        WHERE r.closed_on >= :from AND r.closed_on < :before AND r.status = 'RENEWED'""" + branchCondition("r", branches)), branches)
        .param("from", from).param("before", before)
        .query((rs, row) -> new Payouts(rs.getLong("n"), rs.getBigDecimal("amount") == null ? BigDecimal.ZERO : rs.getBigDecimal("amount")))
        .single();
  }

  /** One business date's write-offs or recoveries: how many, how much, and of it principal. */
  record DayTotals(LocalDate day, long count, BigDecimal amount, BigDecimal principal) {}

  /**
   * The write-offs (核销) of business dates in [from, before), per date: how many loans, the whole claim kept
   * ({@code amount}: principal, interest and penalty interest then unpaid) and the principal written off, from
   * servicing's {@code written_off_claim}, which the write-off opens for every written-off loan (V121 opened it for
   * those written off before). A branch's are those of its loans. One statement for the whole period, grouped by date
   * (the caller folds the months): write-offs are few next to the book.
   *
   * <p>Read by a range of the index on {@code written_off_on} (V124), a branch's by looking up each claim's loan: as a
   * join, H2 read every loan account of the branch to find its claims (10,000 of them for 485 claims,
   * docs/performance.md, "Write-offs and recoveries in the dashboard").
   */
  List<DayTotals> writeOffs(LocalDate from, LocalDate before, Optional<Set<String>> branches) {
    return withBranches(jdbc.sql(writeOffsStatement(branches)), branches)
        .param("from", from).param("before", before)
        .query((rs, row) -> dayTotals(rs))
        .list();
  }

  /** {@link #writeOffs}'s statement (parameters {@code from}, {@code before} and, for some branches, {@code branches}). */
  static String writeOffsStatement(Optional<Set<String>> branches) {
    return """
        SELECT c.written_off_on AS on_day, COUNT(*) AS n, SUM(c.principal + c.interest + c.penalty) AS amount,
               SUM(c.principal) AS principal
        FROM written_off_claim c
        WHERE c.written_off_on >= :from AND c.written_off_on < :before"""
        + (branches.isPresent()
            ? " AND EXISTS (SELECT 1 FROM loan_account la WHERE la.loan_id = c.loan_id" + branchCondition("la", branches) + ")"
            : "")
        + " GROUP BY c.written_off_on";
  }

  /**
   * The recoveries after a write-off (核销后收回) with a value date in [from, before), per date: how many, what they paid
   * and of it principal. Servicing's {@code loan_recovery} (only recoveries: where each went) joined by its key to the
   * repayment row it was reported as ({@code loan_repayment}, kind RECOVERY: the value date and the status); a recovery
   * reversed since ({@code REVERSED}) is left out. A branch's are those of its loans. Read by a range of the index on
   * the repayments' kind and value date (V124): PostgreSQL read every repayment the bank received to find them.
   */
  List<DayTotals> recoveries(LocalDate from, LocalDate before, Optional<Set<String>> branches) {
    return withBranches(jdbc.sql(recoveriesStatement(branches)), branches)
        .param("from", from).param("before", before)
        .query((rs, row) -> dayTotals(rs))
        .list();
  }

  /** {@link #recoveries}'s statement (parameters {@code from}, {@code before} and, for some branches, {@code branches}). */
  static String recoveriesStatement(Optional<Set<String>> branches) {
    return """
        SELECT r.value_date AS on_day, COUNT(*) AS n, SUM(r.amount) AS amount, SUM(rc.principal) AS principal
        FROM loan_recovery rc JOIN loan_repayment r ON r.transaction_id = rc.transaction_id"""
        + (branches.isPresent() ? " JOIN loan_account la ON la.loan_id = rc.loan_id " : " ") + """
        WHERE r.value_date >= :from AND r.value_date < :before AND r.kind = 'RECOVERY' AND r.status = 'POSTED'"""
        + branchCondition("la", branches) + " GROUP BY r.value_date";
  }

  private static DayTotals dayTotals(ResultSet rs) throws SQLException {
    return new DayTotals(rs.getObject("on_day", LocalDate.class), rs.getLong("n"),
        rs.getBigDecimal("amount") == null ? BigDecimal.ZERO : rs.getBigDecimal("amount"),
        rs.getBigDecimal("principal") == null ? BigDecimal.ZERO : rs.getBigDecimal("principal"));
  }

  /** Active loans now by classification: how many and the principal they still owe. */
  record ClassificationRow(String classification, long loans, BigDecimal balance) {}

  /**
   * Each active loan's balance is the principal its account says it still owes ({@code outstanding_principal}, which
   * servicing writes with the instalments), so the book is one pass over the loan accounts. It used to sum the
   * instalments of every active loan at each request: 1,000,000 loans, the whole bank 7.6-8.3 s (now 0.3 s) and a
   * branch of 25,000 active loans 1.1 s (now 0.17 s; docs/performance.md, "The manager dashboard's book").
   */
  List<ClassificationRow> activeBookByClassification(Optional<Set<String>> branches) {
    return withBranches(jdbc.sql("""
        SELECT la.classification, COUNT(*) AS loans, SUM(la.outstanding_principal) AS balance
        FROM loan_account la
        WHERE la.status = 'ACTIVE'"""
        + branchCondition("la", branches) + " GROUP BY la.classification"), branches)
        .query((rs, row) -> new ClassificationRow(rs.getString("classification"), rs.getLong("loans"),
            rs.getBigDecimal("balance") == null ? BigDecimal.ZERO : rs.getBigDecimal("balance")))
        .list();
  }

  /** Open collection cases now, by ladder step. */
  Map<Integer, Long> openCasesByLadderStep(Optional<Set<String>> branches) {
    Map<Integer, Long> steps = new TreeMap<>();
    withBranches(jdbc.sql("""
        SELECT c.ladder_step, COUNT(*) AS n FROM collection_case c
        WHERE c.open_loan_id IS NOT NULL"""
        + branchCondition("c", branches) + " GROUP BY c.ladder_step"), branches)
        .query((rs, row) -> steps.put(rs.getInt("ladder_step"), rs.getLong("n")))
        .list();
    return steps;
  }

  private Map<String, Long> counts(JdbcClient.StatementSpec statement, Instant start, Instant end) {
    Map<String, Long> counts = new TreeMap<>();
    statement.param("start", Timestamp.from(start)).param("end", Timestamp.from(end))
        .query((rs, row) -> counts.put(rs.getString("k"), rs.getLong("n"))).list();
    return counts;
  }

  /**
   * The join to the applications (alias {@code a}) that a branch filter needs; none for the whole bank, so that a
   * period's approvals, declines and payouts are a range of their own index (V115) instead of a join to every
   * application (1,000,000 applications, approvals 0.69-0.73 s per call with the join, 0.07-0.12 s
   * without; docs/performance.md, "The manager dashboard's cycle times").
   */
  private static String applications(String alias, Optional<Set<String>> branches) {
    return branches.isPresent() ? " JOIN loan_application a ON a.id = " + alias + ".application_id " : " ";
  }

  private static String branchCondition(String alias, Optional<Set<String>> branches) {
    return branches.isPresent() ? " AND " + alias + ".branch_code IN (:branches)" : "";
  }

  /** An empty set of branches matches no row (a code no branch has). */
  private static JdbcClient.StatementSpec withBranches(JdbcClient.StatementSpec statement, Optional<Set<String>> branches) {
    return branches.map(set -> statement.param("branches", set.isEmpty() ? List.of("-") : List.copyOf(set))).orElse(statement);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
