package com.smeloanflow.servicing;

import com.smeloanflow.processing.InternalDefaultRepository;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The set-based SQL of the daily close, one chunk of loans at a time (loan ids from {@code first} to
 * {@code last}). The close covers every active loan of the chunk disbursed by the day, but works only on
 * those with something to do that day, found through indexes (V105): an instalment falling due, an overdue
 * instalment (penalty interest, days past due, default), past due until now (cured since, or a
 * classification floor to move back), or nothing left to pay (settlement). The chunk's first statement
 * marks those as closed for the day ({@code last_closed_on}), which also locks them until the chunk
 * commits (a repayment of one of them waits); every later statement works on the loans so marked. A loan
 * with nothing to do is read, not written: the completed run of the day ({@code daily_close_run}) says the
 * close covered it ({@link LedgerRepository#standing}). The chunk commits with the close's cursor, so a
 * chunk is never run twice for the same day; penalty interest also carries its own guard
 * ({@code penalty_accrued_through}).
 *
 * <p>One bean, stateless once built (its SQL is fixed for the database at start): the daily close runs it chunk by
 * chunk ({@link DailyCloseService}), and a reversal restates one loan with it ({@link #restate}, from
 * {@link RepaymentService#reverse}), so both read days past due and the floor by the same statements.
 */
@Component
final class LedgerCloseStatements {

  /** The chunk's loans the close covers: active, disbursed by the day, not yet closed for it. */
  private static final String TO_CLOSE = """
      loan_id BETWEEN :first AND :last AND status = 'ACTIVE' AND disbursed_on <= :day
      AND (last_closed_on IS NULL OR last_closed_on < :day)""";
  /** The chunk's loans marked by its first statement (and still active). */
  private static final String CHUNK = "loan_id BETWEEN :first AND :last AND status = 'ACTIVE' AND last_closed_on = :day";
  /** Instalments of the chunk's marked loans with the given status: a range of index (status, loan_id, due_date). */
  private static final String IN_CHUNK = "status = :status AND loan_id BETWEEN :first AND :last AND loan_id IN"
      + " (SELECT a.loan_id FROM loan_account a WHERE a.loan_id BETWEEN :first AND :last AND a.status = 'ACTIVE'"
      + " AND a.last_closed_on = :day)";
  /** The chunk's loans with an instalment falling due by the day (status DUE). */
  private static final String FALLING_DUE = "loan_id IN (SELECT i.loan_id FROM repayment_instalment i"
      + " WHERE i.status = 'DUE' AND i.loan_id BETWEEN :first AND :last AND i.due_date <= :day)";
  /** The chunk's loans with an overdue instalment. */
  private static final String HAS_OVERDUE = "loan_id IN (SELECT i.loan_id FROM repayment_instalment i"
      + " WHERE i.status = 'OVERDUE' AND i.loan_id BETWEEN :first AND :last)";
  /**
   * The chunk's loans with nothing left to pay: no instalment due or overdue. On its own (not inside an OR), so
   * that the database runs it as an anti-join.
   */
  private static final String PAID_UP = "SELECT loan_id FROM loan_account a WHERE " + TO_CLOSE.replace("loan_id", "a.loan_id")
      + " AND NOT EXISTS (SELECT 1 FROM repayment_instalment i WHERE i.loan_id = a.loan_id"
      + " AND i.status IN ('DUE', 'OVERDUE')) ORDER BY a.loan_id";

  private final JdbcClient jdbc;
  private final InternalDefaultRepository defaults;
  private final BigDecimal penaltyFactor;
  private final String daysPastDue;
  /**
   * The days of penalty interest an overdue instalment owes at the close of the day: from the day after the last one
   * charged ({@code penalty_accrued_through}), or from its due date when none was, through the day. One when the
   * date before was closed; more when no close charged the days before (the first close of a book after a due date, a
   * close after a reversal reopened an instalment a repayment had paid).
   */
  private final String penaltyDays;
  /** The 91st day past due: the oldest unpaid due date (day 1) plus 90 days. */
  private final String defaultDate;
  /**
   * The principal the loan owed at the end of its default date: what it owes now plus the principal that repayments
   * value-dated after that date paid (posted since, before this close; a reversed one paid nothing).
   */
  private final String principalOwedOnDefaultDate;
  private final String floor;
  private final String floorReason;
  /** The loan's classification after a floor change: the strictest of the floor and the risk review's level. */
  private final String mergedClassification;

  LedgerCloseStatements(JdbcClient jdbc, DataSource dataSource, PenaltyInterest penalty,
      InternalDefaultRepository defaults) {
    SqlDialect dialect = SqlDialect.of(dataSource);
    this.jdbc = jdbc;
    this.defaults = defaults;
    this.penaltyFactor = penalty.dailyFactor();
    this.daysPastDue = dialect.daysBetween("overdue_since", "CAST(:day AS DATE)") + " + 1";
    this.defaultDate = dialect.plusDays("overdue_since", Classification.SUBSTANDARD_AFTER_DAYS);
    this.principalOwedOnDefaultDate = "(SELECT SUM(i.principal - i.principal_paid) FROM repayment_instalment i"
        + " WHERE i.loan_id = loan_account.loan_id) + (SELECT COALESCE(SUM(a.amount), 0) FROM loan_repayment r"
        + " JOIN repayment_allocation a ON a.transaction_id = r.transaction_id WHERE r.loan_id = loan_account.loan_id"
        + " AND r.status = '" + StoredRepayment.POSTED + "' AND r.value_date > "
        + dialect.plusDays("loan_account.overdue_since", Classification.SUBSTANDARD_AFTER_DAYS)
        + " AND a.component IN ('" + AllocationComponent.OVERDUE_PRINCIPAL + "', '" + AllocationComponent.CURRENT_PRINCIPAL
        + "', '" + AllocationComponent.PREPAID_PRINCIPAL + "'))";
    this.penaltyDays = "CASE WHEN penalty_accrued_through IS NULL OR penalty_accrued_through < due_date THEN "
        + dialect.daysBetween("due_date", "CAST(:day AS DATE)") + " + 1 ELSE "
        + dialect.daysBetween("penalty_accrued_through", "CAST(:day AS DATE)") + " END";
    StringBuilder floorSql = new StringBuilder("CASE");
    StringBuilder reasonSql = new StringBuilder("CASE");
    for (Classification classification : List.of(Classification.LOSS, Classification.DOUBTFUL, Classification.SUBSTANDARD,
        Classification.SPECIAL_MENTION)) {
      int above = switch (classification) {
        case LOSS -> Classification.LOSS_AFTER_DAYS;
        case DOUBTFUL -> Classification.DOUBTFUL_AFTER_DAYS;
        case SUBSTANDARD -> Classification.SUBSTANDARD_AFTER_DAYS;
        default -> 0;
      };
      String[] reason = classification.floorReasonTemplate().split("#", 2);
      floorSql.append(" WHEN days_past_due > ").append(above).append(" THEN '").append(classification.name()).append('\'');
      reasonSql.append(" WHEN days_past_due > ").append(above).append(" THEN '").append(reason[0])
          .append("' || CAST(days_past_due AS VARCHAR(10)) || '").append(reason[1]).append('\'');
    }
    this.floor = floorSql.append(" ELSE '").append(Classification.NORMAL.name()).append("' END").toString();
    this.floorReason = reasonSql.append(" ELSE '").append(Classification.NORMAL.floorReasonTemplate()).append("' END")
        .toString();
    this.mergedClassification = "CASE WHEN " + rank("COALESCE(review_classification, 'NORMAL')") + " > " + rank(floor)
        + " THEN review_classification ELSE " + floor + " END";
  }

  /** The position of a classification (SQL value) in increasing order of risk, 0 for NORMAL. */
  private static String rank(String classification) {
    StringBuilder rank = new StringBuilder("CASE ").append(classification);
    for (Classification c : Classification.values()) {
      rank.append(" WHEN '").append(c.name()).append("' THEN ").append(c.ordinal());
    }
    return rank.append(" END").toString();
  }

  /** The history's reason when settlement ends a loan's classification. */
  static final String SETTLED_REASON = "贷款已结清, 不再承担信用风险, 风险分类终止为正常";

  /** What one chunk did; {@code settled} are the loans it settled, {@code floorChanges} the loans whose floor moved. */
  record ChunkResult(int loans, int overdue, BigDecimal penalty, int classifications, List<String> settled,
      List<LoanLifecycleListener.FloorChange> floorChanges) {}

  /** A chunk of the book: loan ids from {@code first} to {@code last}, both included. */
  record Range(String first, String last) {}

  /**
   * The range of the next {@code size} loan ids after {@code cursor} in primary-key order (whatever their
   * status: an index range, not a scan); empty when the book is done. Locks nothing: the chunk's first
   * statement locks the loans it closes.
   */
  Optional<Range> nextChunk(String cursor, int size) {
    return jdbc.sql("SELECT MIN(loan_id), MAX(loan_id) FROM (SELECT loan_id FROM loan_account WHERE loan_id > :cursor"
            + " ORDER BY loan_id LIMIT :size) c")
        .param("cursor", cursor == null ? "" : cursor).param("size", size)
        .query((rs, row) -> rs.getString(1) == null ? null : new Range(rs.getString(1), rs.getString(2)))
        .optional();
  }

  /**
   * The next {@code size} overdue loans after {@code cursor} that the ledger step closed for the day, in
   * loan-id order (index on days past due), locked until the chunk commits. Only those still overdue now: a repayment
   * booked since the ledger step (one of the day reported after it, or any while a crashed close waited to resume)
   * that cleared the arrears leaves the day's days past due on the loan until the next close, but nothing overdue, and
   * the borrower is not handed to collections for it (no case, no overdue reminder; a case it cured stays closed).
   */
  List<ArrearsListener.OverdueLoan> nextOverdue(LocalDate day, String cursor, int size) {
    return jdbc.sql("""
        SELECT loan_id, branch_code, days_past_due FROM loan_account a
        WHERE days_past_due > 0 AND loan_id > :cursor AND status = 'ACTIVE' AND last_closed_on = :day
          AND EXISTS (SELECT 1 FROM repayment_instalment i WHERE i.status = 'OVERDUE' AND i.loan_id = a.loan_id)
        ORDER BY loan_id LIMIT :size FOR UPDATE
        """)
        .param("day", day).param("cursor", cursor == null ? "" : cursor).param("size", size)
        .query((rs, row) -> new ArrearsListener.OverdueLoan(rs.getString("loan_id"), rs.getString("branch_code"),
            rs.getInt("days_past_due")))
        .list();
  }

  /**
   * Closes the day for the chunk: marks its loans with something to do closed for the day (and locks them), marks
   * instalments due by the day and unpaid overdue, accrues penalty interest on overdue principal for the day (and any
   * day before it since the due date that no close charged), computes days
   * past due and the default date, applies the regulatory minimum classification (with its history), and
   * settles loans with nothing left to pay.
   */
  ChunkResult close(LocalDate day, String first, String last, Instant now) {
    int loans = count("SELECT COUNT(*) FROM loan_account WHERE " + TO_CLOSE, day, first, last);
    if (loans == 0) {
      return new ChunkResult(0, 0, BigDecimal.ZERO.setScale(2), 0, List.of(), List.of());
    }
    // The loans to settle, then marks (and locks) them and the others with something to do; nothing of the
    // others changes today.
    List<String> paidUp = jdbc.sql(PAID_UP).param("day", day).param("first", first).param("last", last)
        .query(String.class).list();
    jdbc.sql("UPDATE loan_account SET last_closed_on = :day WHERE " + TO_CLOSE + " AND (overdue_since IS NOT NULL"
            + " OR days_past_due <> 0 OR dpd_classification <> 'NORMAL' OR " + HAS_OVERDUE + " OR " + FALLING_DUE
            + (paidUp.isEmpty() ? "" : " OR loan_id IN (:paidUp)") + ")")
        .param("day", day).param("first", first).param("last", last).param("paidUp", paidUp.isEmpty() ? List.of("") : paidUp)
        .update();
    // Read again now that they are locked: a reversal may have reopened an instalment in between.
    List<String> settled = paidUp.isEmpty() ? List.of() : jdbc.sql("SELECT loan_id FROM loan_account a WHERE a.loan_id IN"
            + " (:paidUp) AND a.last_closed_on = :day AND NOT EXISTS (SELECT 1 FROM repayment_instalment i"
            + " WHERE i.loan_id = a.loan_id AND i.status IN ('DUE', 'OVERDUE')) ORDER BY a.loan_id")
        .param("paidUp", paidUp).param("day", day).query(String.class).list();
    jdbc.sql("UPDATE repayment_instalment SET status = 'OVERDUE' WHERE " + IN_CHUNK + " AND due_date <= :day")
        .param("status", "DUE").param("day", day).param("first", first).param("last", last).update();

    // Each day not yet charged since the due date, one day on the principal owed now (rounded to the fen) times the
    // days: what one close a day would have charged (a repayment's principal in between aside), and what a back-valued
    // repayment takes the closes' charge to be (BackValuation).
    String penaltyDue = IN_CHUNK + """
         AND due_date <= :day AND principal > principal_paid
         AND (penalty_accrued_through IS NULL OR penalty_accrued_through < :day)""";
    String oneDay = "ROUND((principal - principal_paid) * (SELECT a.annual_rate_percent FROM loan_account a"
        + " WHERE a.loan_id = repayment_instalment.loan_id) * :factor, 2)";
    String owed = oneDay + " * (" + penaltyDays + ")";
    BigDecimal penalty = jdbc.sql("SELECT COALESCE(SUM(" + owed + "), 0) FROM repayment_instalment WHERE " + penaltyDue)
        .param("status", "OVERDUE").param("day", day).param("first", first).param("last", last)
        .param("factor", penaltyFactor)
        .query(BigDecimal.class).single();
    jdbc.sql("UPDATE repayment_instalment SET penalty_accrued = penalty_accrued + " + owed
            + ", penalty_accrued_through = :day WHERE " + penaltyDue)
        .param("status", "OVERDUE").param("day", day).param("first", first).param("last", last)
        .param("factor", penaltyFactor)
        .update();

    List<LoanLifecycleListener.FloorChange> floorChanges = restateDaysPastDue(day, first, last);
    int overdue = count("SELECT COUNT(*) FROM loan_account WHERE " + CHUNK + " AND days_past_due > 0", day, first, last);
    int classifications = 0;
    if (!floorChanges.isEmpty()) {
      classifications = jdbc.sql("""
          INSERT INTO loan_classification (loan_id, business_date, source, classification, previous_classification,
            days_past_due, reason, recorded_at)
          SELECT loan_id, :day, :source, """ + " " + floor + ", dpd_classification, days_past_due, " + floorReason
              + ", :now FROM loan_account WHERE " + floorMoves())
          .param("day", day).param("first", first).param("last", last).param("source", ClassificationChange.DPD_FLOOR)
          .param("now", Timestamp.from(now))
          .update();
      moveFloor(day, first, last);
    }

    // Nothing left to pay (found first): no statement above changes that.
    if (!settled.isEmpty()) {
      jdbc.sql(LedgerRepository.DEFAULTED).param("loanIds", settled).query(LedgerRepository::defaulted).list()
          .forEach(d -> defaults.record(d.creditCode(), d.settled(), now));
      // A settled loan carries no credit risk any more: its five-tier classification ends at 正常, the risk review's
      // level with it (monitoring ends too), and the change is kept in its history.
      jdbc.sql("""
          INSERT INTO loan_classification (loan_id, business_date, source, classification, previous_classification,
            days_past_due, reason, recorded_at)
          SELECT loan_id, :day, :source, 'NORMAL', classification, days_past_due, :reason, :now FROM loan_account
          WHERE loan_id IN (:settled) AND classification <> 'NORMAL'""")
          .param("day", day).param("settled", settled).param("source", ClassificationChange.SETTLEMENT)
          .param("reason", SETTLED_REASON).param("now", Timestamp.from(now)).update();
      jdbc.sql("UPDATE loan_account SET status = 'SETTLED', closed_on = :day, classification = 'NORMAL',"
              + " review_classification = CASE WHEN review_classification IS NULL THEN NULL ELSE 'NORMAL' END"
              + " WHERE loan_id IN (:settled)")
          .param("day", day).param("settled", settled).update();
    }
    return new ChunkResult(loans, overdue, penalty.setScale(2), classifications, settled, floorChanges);
  }

  /**
   * Days past due, the default date and the regulatory floor of one loan after a reversal made it past due again
   * between closes (or changed what is past due), as of {@code day}, the last business date a close covered it: the
   * close's own statements ({@link #restateDaysPastDue}, {@link #moveFloor}) run on that loan alone, marked closed for
   * the day as the close marks a loan it works on. The caller holds the loan's row lock and records the floor's change
   * in the history (returned; empty when the floor did not move).
   */
  Optional<LoanLifecycleListener.FloorChange> restate(String loanId, LocalDate day) {
    jdbc.sql("UPDATE loan_account SET last_closed_on = :day WHERE loan_id = :loanId AND status = 'ACTIVE'"
            + " AND (last_closed_on IS NULL OR last_closed_on < :day)")
        .param("day", day).param("loanId", loanId).update();
    List<LoanLifecycleListener.FloorChange> changes = restateDaysPastDue(day, loanId, loanId);
    if (!changes.isEmpty()) {
      moveFloor(day, loanId, loanId);
    }
    return changes.stream().findFirst();
  }

  /**
   * Days past due and the default date of the chunk's marked loans as of the day, from their oldest overdue instalment;
   * returns the loans whose floor by days past due now differs from the recorded one (not yet moved: {@link #moveFloor}).
   */
  private List<LoanLifecycleListener.FloorChange> restateDaysPastDue(LocalDate day, String first, String last) {
    // Days past due move only on loans with an overdue instalment or overdue until now (cured since). Counted from the
    // oldest instalment overdue by the day: one a reversal made overdue after it (closes lagging behind the calendar, a
    // reversal's restatement as of the last close) counts from the close of its own due date, never below day 1.
    String oldestOverdue = "(SELECT MIN(i.due_date) FROM repayment_instalment i WHERE i.loan_id = loan_account.loan_id"
        + " AND i.status = 'OVERDUE' AND i.due_date <= :day)";
    update("UPDATE loan_account SET overdue_since = " + oldestOverdue + ", days_past_due = CASE WHEN " + oldestOverdue
        + " IS NULL THEN 0 ELSE " + daysPastDue.replace("overdue_since", oldestOverdue) + " END WHERE " + CHUNK
        + " AND (overdue_since IS NOT NULL OR days_past_due <> 0 OR " + HAS_OVERDUE + ")", day, first, last);
    // The default date is the 91st day past due, also when this close is the first to see the loan more than 90 days
    // past due (a first close of the book, or the close after a reversal reopened an old instalment, days later), and
    // the defaulted principal what the loan owed on that date, not what a later close finds left of it.
    update("UPDATE loan_account SET defaulted_on = " + defaultDate + ", defaulted_principal = " + principalOwedOnDefaultDate
        + " WHERE " + CHUNK
        + " AND defaulted_on IS NULL AND days_past_due > " + Classification.SUBSTANDARD_AFTER_DAYS, day, first, last);
    return jdbc.sql("SELECT loan_id, " + floor + " AS floor,"
            + " dpd_classification, days_past_due FROM loan_account WHERE " + floorMoves() + " ORDER BY loan_id")
        .param("day", day).param("first", first).param("last", last)
        .query((rs, row) -> new LoanLifecycleListener.FloorChange(rs.getString("loan_id"),
            Classification.valueOf(rs.getString("floor")), Classification.valueOf(rs.getString("dpd_classification")),
            rs.getInt("days_past_due")))
        .list();
  }

  /** The marked loans whose floor differs from the recorded one: only a loan past due now or before (floor not NORMAL). */
  private String floorMoves() {
    return CHUNK + " AND (days_past_due > 0 OR dpd_classification <> 'NORMAL') AND " + floor + " <> dpd_classification";
  }

  /** Moves the floor of those loans, and their classification: the strictest of the floor and the risk review's level. */
  private void moveFloor(LocalDate day, String first, String last) {
    update("UPDATE loan_account SET classification = " + mergedClassification + ", dpd_classification = " + floor
        + " WHERE " + floorMoves(), day, first, last);
  }

  private int update(String sql, LocalDate day, String first, String last) {
    return jdbc.sql(sql).param("day", day).param("first", first).param("last", last).update();
  }

  private int count(String sql, LocalDate day, String first, String last) {
    return jdbc.sql(sql).param("day", day).param("first", first).param("last", last).query(Integer.class).single();
  }
}
