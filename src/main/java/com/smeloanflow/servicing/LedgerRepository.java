package com.smeloanflow.servicing;

import com.smeloanflow.approval.RepaymentMethod;
import com.smeloanflow.platform.SqlInLists;
import com.smeloanflow.processing.source.InternalDefault;
import com.smeloanflow.processing.source.InternalDefaultStatus;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The ledger side of loan accounts: each instalment's payments and penalty interest
 * ({@code repayment_instalment}) and the loan's standing after the daily close ({@code loan_account}).
 */
@Repository
public class LedgerRepository {

  private final JdbcClient jdbc;
  private final JdbcTemplate batch;

  public LedgerRepository(JdbcClient jdbc, JdbcTemplate batch) {
    this.jdbc = jdbc;
    this.batch = batch;
  }

  /**
   * The loan as locked for a change of its ledger ({@link #lock}): changes of one loan's ledger apply one at a time.
   *
   * @param renewalPosting the principal due at maturity a renewal posting under way is repaying (core banking is being
   *     asked to lend it), null when none is
   * @param acceleratedOn  the day a call-in made everything owed fall due ({@link Acceleration}), null when not called in
   */
  public record LockedLoan(String loanId, String applicationId, String status, String product,
      java.math.BigDecimal annualRatePercent, RepaymentMethod method, LocalDate disbursedOn, LocalDate maturityDate,
      java.math.BigDecimal renewalPosting, LocalDate acceleratedOn) {}

  /** The day a call-in made everything the loan owes fall due; empty when it was not called in (or there is no loan). */
  public Optional<LocalDate> acceleratedOn(String loanId) {
    return jdbc.sql("SELECT accelerated_on FROM loan_account WHERE loan_id = :loanId").param("loanId", loanId)
        .query((rs, row) -> Optional.ofNullable(rs.getObject("accelerated_on", LocalDate.class))).optional()
        .flatMap(on -> on);
  }

  /** Locks the loan's row until the transaction ends; empty when there is no such loan. */
  public Optional<LockedLoan> lock(String loanId) {
    return jdbc.sql("""
        SELECT loan_id, application_id, status, product, annual_rate_percent, repayment_method, disbursed_on,
          maturity_date, renewal_posting_principal, accelerated_on
        FROM loan_account WHERE loan_id = :loanId FOR UPDATE
        """)
        .param("loanId", loanId)
        .query((rs, row) -> new LockedLoan(rs.getString("loan_id"), rs.getString("application_id"), rs.getString("status"),
            rs.getString("product"), rs.getBigDecimal("annual_rate_percent"),
            RepaymentMethod.valueOf(rs.getString("repayment_method")), rs.getObject("disbursed_on", LocalDate.class),
            rs.getObject("maturity_date", LocalDate.class), rs.getBigDecimal("renewal_posting_principal"),
            rs.getObject("accelerated_on", LocalDate.class)))
        .optional();
  }

  /**
   * Writes a called-in loan's accelerated schedule ({@link Acceleration}: {@code lines}, all of the loan's, with their
   * new due dates and amounts) and the acceleration date (row locked).
   */
  void accelerate(String loanId, LocalDate on, List<LedgerLine> lines) {
    saveWithDueDates(loanId, lines);
    jdbc.sql("UPDATE loan_account SET accelerated_on = :on WHERE loan_id = :loanId").param("on", on)
        .param("loanId", loanId).update();
  }

  /**
   * {@link #save Writes back} the instalments ({@code lines}: all of the loan's) with their due dates, which a
   * call-in's acceleration changes ({@link Acceleration}).
   */
  void saveWithDueDates(String loanId, List<LedgerLine> lines) {
    batch.batchUpdate("UPDATE repayment_instalment SET due_date = ? WHERE loan_id = ? AND number = ?",
        lines.stream().map(l -> new Object[] {l.dueDate(), loanId, l.number()}).toList());
    save(loanId, lines);
  }

  /** Records a renewal posting under way for {@code principal} of the loan's principal due at maturity (row locked). */
  void renewalPostingStarted(String loanId, java.math.BigDecimal principal, java.time.Instant at) {
    jdbc.sql("UPDATE loan_account SET renewal_posting_principal = :principal, renewal_posting_since = :at WHERE loan_id = :loanId")
        .param("principal", principal).param("at", java.sql.Timestamp.from(at)).param("loanId", loanId).update();
  }

  /** No renewal posting is under way for the loan any more (booked, or not posted). */
  void renewalPostingEnded(String loanId) {
    jdbc.sql("UPDATE loan_account SET renewal_posting_principal = NULL, renewal_posting_since = NULL WHERE loan_id = :loanId")
        .param("loanId", loanId).update();
  }

  /**
   * The renewal posting recorded at {@code since} is not under way any more; a record written since (another run of the
   * same posting) stays. @return whether that record was there and is gone
   */
  boolean renewalPostingEnded(String loanId, java.time.Instant since) {
    return jdbc.sql("""
        UPDATE loan_account SET renewal_posting_principal = NULL, renewal_posting_since = NULL
        WHERE loan_id = :loanId AND renewal_posting_since = :since
        """)
        .param("loanId", loanId).param("since", java.sql.Timestamp.from(since)).update() == 1;
  }

  /**
   * The renewal posting recorded as under way on the loan: empty when there is no such loan, an empty inner optional when
   * none is recorded.
   */
  Optional<Optional<LoanAccountService.RenewalPostingUnderWay>> renewalPosting(String loanId) {
    return jdbc.sql("SELECT renewal_posting_principal, renewal_posting_since FROM loan_account WHERE loan_id = :loanId")
        .param("loanId", loanId)
        .query((rs, row) -> {
          java.time.OffsetDateTime since = rs.getObject("renewal_posting_since", java.time.OffsetDateTime.class);
          return since == null ? Optional.<LoanAccountService.RenewalPostingUnderWay>empty()
              : Optional.of(new LoanAccountService.RenewalPostingUnderWay(rs.getBigDecimal("renewal_posting_principal"),
                  since.toInstant()));
        })
        .optional();
  }

  public List<LedgerLine> lines(String loanId) {
    return jdbc.sql("SELECT * FROM repayment_instalment WHERE loan_id = :loanId ORDER BY number")
        .param("loanId", loanId)
        .query((rs, row) -> line(rs))
        .list();
  }

  /** The ledger lines of each of these loans, one statement per {@link SqlInLists#CHUNK} ids; a loan not found is left out. */
  public Map<String, List<LedgerLine>> lines(Collection<String> loanIds) {
    Map<String, List<LedgerLine>> lines = new HashMap<>();
    for (List<String> chunk : SqlInLists.chunks(loanIds)) {
      jdbc.sql("SELECT * FROM repayment_instalment WHERE loan_id IN (:ids)")
          .param("ids", chunk)
          .query(rs -> {
            lines.computeIfAbsent(rs.getString("loan_id"), id -> new ArrayList<>()).add(line(rs));
          });
    }
    // Sorted here: with ORDER BY, H2 walks the whole primary key in order instead of looking the ids up.
    lines.values().forEach(loanLines -> loanLines.sort(Comparator.comparingInt(LedgerLine::number)));
    return lines;
  }

  /**
   * Writes back every instalment's amounts, payments and status ({@code lines}: all of the loan's), and the principal
   * the loan still owes as those lines give it ({@link LoanBalances#outstandingPrincipal}) to
   * {@code loan_account.outstanding_principal}, which the dashboard's book reads.
   */
  public void save(String loanId, List<LedgerLine> lines) {
    batch.batchUpdate("""
        UPDATE repayment_instalment SET principal = ?, interest = ?, total = ?, remaining_principal = ?,
          principal_paid = ?, interest_paid = ?, penalty_paid = ?, status = ?, paid_on = ?
        WHERE loan_id = ? AND number = ?
        """,
        lines.stream().map(l -> new Object[] {l.principal(), l.interest(), l.total(), l.remainingPrincipal(),
            l.principalPaid(), l.interestPaid(), l.penaltyPaid(), l.status().name(), l.paidOn(), loanId, l.number()})
            .toList());
    jdbc.sql("UPDATE loan_account SET outstanding_principal = :outstanding WHERE loan_id = :loanId")
        .param("outstanding", LoanBalances.of(lines).outstandingPrincipal()).param("loanId", loanId).update();
  }

  /**
   * The loan's ledger lines, with the last business date whose daily close charged penalty interest on each instalment
   * ({@code penalty_accrued_through}) by instalment number (instalments never charged any left out), read together.
   */
  public record LinesAndPenaltyAccrual(List<LedgerLine> lines, Map<Integer, LocalDate> penaltyAccruedThrough) {}

  /** {@link #lines(String)} and the penalty accrual dates of the same rows, in one statement. */
  public LinesAndPenaltyAccrual linesAndPenaltyAccrual(String loanId) {
    List<LedgerLine> lines = new ArrayList<>();
    Map<Integer, LocalDate> through = new HashMap<>();
    jdbc.sql("SELECT * FROM repayment_instalment WHERE loan_id = :loanId ORDER BY number")
        .param("loanId", loanId)
        .query(rs -> {
          LedgerLine line = line(rs);
          lines.add(line);
          LocalDate accruedThrough = rs.getObject("penalty_accrued_through", LocalDate.class);
          if (accruedThrough != null) {
            through.put(line.number(), accruedThrough);
          }
        });
    return new LinesAndPenaltyAccrual(List.copyOf(lines), through);
  }

  /**
   * Books what a back-valued repayment reversed of the penalty interest the closes charged: one entry per instalment
   * ({@code penalty_reversal}, with the repayment), and the instalment's {@code penalty_reversed} raised by it; the
   * closes' own accrual ({@code penalty_accrued}) is left as they charged it.
   */
  public void reversePenalty(String loanId, String transactionId, List<PenaltyReversal> reversals) {
    for (PenaltyReversal reversal : reversals) {
      jdbc.sql("""
          INSERT INTO penalty_reversal (transaction_id, instalment_number, loan_id, accrued_from, accrued_through, days,
            amount)
          VALUES (:transactionId, :number, :loanId, :from, :through, :days, :amount)
          """)
          .param("transactionId", transactionId).param("number", reversal.instalmentNumber()).param("loanId", loanId)
          .param("from", reversal.accruedFrom()).param("through", reversal.accruedThrough()).param("days", reversal.days())
          .param("amount", reversal.amount()).update();
      jdbc.sql("UPDATE repayment_instalment SET penalty_reversed = penalty_reversed + :amount"
              + " WHERE loan_id = :loanId AND number = :number")
          .param("amount", reversal.amount()).param("loanId", loanId).param("number", reversal.instalmentNumber()).update();
    }
  }

  /**
   * The last business date whose daily close has covered the loan in its ledger step, also while that close is still
   * running: completed, past its ledger step (handing overdue loans to collections, minutes on a big book), or in it with
   * the loan's chunk committed (the close's cursor at or after the loan's id). The ledger step charges a loan's day and
   * counts it past due once, and does not come back to it; {@link #standing} counts only completed closes. Of closes
   * started after the loan's account was opened, of dates from its disbursement, as {@link #standing} counts them.
   * Empty when none has.
   */
  public Optional<LocalDate> lastLedgerStepCovering(String loanId) {
    return jdbc.sql("SELECT MAX(r.business_date) FROM daily_close_run r JOIN loan_account a ON a.loan_id = :loanId"
            + " WHERE r.business_date >= a.disbursed_on AND r.started_at >= a.opened_at AND (r.status = :completed"
            + " OR r.step <> :ledger OR r.cursor_loan_id >= a.loan_id)")
        .param("loanId", loanId).param("completed", DailyCloseRun.COMPLETED).param("ledger", DailyCloseRun.STEP_LEDGER)
        .query((rs, row) -> Optional.ofNullable(rs.getObject(1, LocalDate.class))).optional().flatMap(day -> day);
  }

  /**
   * The latest business date whose daily close of the loan had started by {@code at} (completed or not; a close started
   * after the loan's account was opened, of a date from its disbursement, as {@link #standing} counts them): a close of
   * a later date started after {@code at}. Empty when none had.
   */
  public Optional<LocalDate> lastCloseStartedBy(String loanId, java.time.Instant at) {
    return jdbc.sql("SELECT MAX(r.business_date) FROM daily_close_run r JOIN loan_account a ON a.loan_id = :loanId"
            + " WHERE r.started_at <= :at AND r.business_date >= a.disbursed_on AND r.started_at >= a.opened_at")
        .param("loanId", loanId).param("at", java.sql.Timestamp.from(at))
        .query((rs, row) -> Optional.ofNullable(rs.getObject(1, LocalDate.class))).optional().flatMap(day -> day);
  }

  /**
   * Charges {@code amount} more penalty interest on the instalment, for the days {@code from} through {@code through}
   * ({@code penalty_accrued_through}, the guard the daily close keeps: a close of that date or earlier charges it no more),
   * because the reversal of repayment {@code transactionId} on business date {@code businessDate} made it owed: an entry
   * of its own ({@code reversal_penalty_charge}), which the daily close of that date reports next to what it accrued
   * ({@link DailyCloseRun#penaltyChargedByReversals}), so the closes' figures add up to what the ledger charged.
   */
  public void chargePenaltyOnReversal(String loanId, String transactionId, int number, BigDecimal amount,
      LocalDate from, LocalDate through, LocalDate businessDate) {
    jdbc.sql("UPDATE repayment_instalment SET penalty_accrued = penalty_accrued + :amount, penalty_accrued_through = :through"
            + " WHERE loan_id = :loanId AND number = :number")
        .param("amount", amount).param("through", through).param("loanId", loanId).param("number", number).update();
    jdbc.sql("""
        INSERT INTO reversal_penalty_charge (transaction_id, instalment_number, loan_id, business_date, charged_from,
          charged_through, amount)
        VALUES (:transactionId, :number, :loanId, :businessDate, :from, :through, :amount)
        """)
        .param("transactionId", transactionId).param("number", number).param("loanId", loanId)
        .param("businessDate", businessDate).param("from", from).param("through", through).param("amount", amount)
        .update();
  }

  /**
   * Takes back what a repayment's back-valuation reversed of the penalty interest (the repayment bounced): it is charged
   * again. The entries stay with the reversed repayment, which says they no longer apply.
   */
  public void takeBackPenaltyReversal(String loanId, String transactionId) {
    jdbc.sql("""
        UPDATE repayment_instalment SET penalty_reversed = penalty_reversed - (SELECT r.amount FROM penalty_reversal r
          WHERE r.transaction_id = :transactionId AND r.instalment_number = repayment_instalment.number)
        WHERE loan_id = :loanId AND number IN (SELECT r.instalment_number FROM penalty_reversal r
          WHERE r.transaction_id = :transactionId)
        """)
        .param("transactionId", transactionId).param("loanId", loanId).update();
  }

  /** A loan's default (90 days past due): the enterprise, the day it defaulted, the principal then owed. */
  public record Defaulted(String creditCode, LocalDate on, BigDecimal principal) {

    /** What the bank's default database records of it once the loan is repaid in full (结清). */
    public InternalDefault settled() {
      return new InternalDefault(on, principal, InternalDefaultStatus.SETTLED);
    }
  }

  /** The defaults of those of {@code :loanIds} that ever defaulted (also read so by the daily close for its settled loans). */
  static final String DEFAULTED = "SELECT credit_code, defaulted_on, defaulted_principal FROM loan_account"
      + " WHERE loan_id IN (:loanIds) AND defaulted_on IS NOT NULL";

  static Defaulted defaulted(ResultSet rs, int row) throws SQLException {
    return new Defaulted(rs.getString("credit_code"), rs.getObject("defaulted_on", LocalDate.class),
        rs.getBigDecimal("defaulted_principal"));
  }

  /** The loan's default, if it ever defaulted. */
  public Optional<Defaulted> defaulted(String loanId) {
    return jdbc.sql(DEFAULTED).param("loanIds", List.of(loanId)).query(LedgerRepository::defaulted).optional();
  }

  /** The loan's contract rate a year in percent; empty when there is no such loan. */
  public Optional<BigDecimal> annualRatePercent(String loanId) {
    return jdbc.sql("SELECT annual_rate_percent FROM loan_account WHERE loan_id = :loanId").param("loanId", loanId)
        .query(BigDecimal.class).optional();
  }

  /** The borrower's unified social credit code; empty when there is no such loan. */
  public Optional<String> creditCode(String loanId) {
    return jdbc.sql("SELECT credit_code FROM loan_account WHERE loan_id = :loanId").param("loanId", loanId)
        .query(String.class).optional();
  }

  /** A settled loan a reversal re-opened is active again: true when it was settled. */
  public boolean reopen(String loanId) {
    return jdbc.sql("UPDATE loan_account SET status = :active, closed_on = NULL WHERE loan_id = :loanId AND status = :settled")
        .param("active", LoanAccount.ACTIVE).param("settled", LoanAccount.SETTLED).param("loanId", loanId)
        .update() == 1;
  }

  /**
   * The last business date a completed daily close covered an active loan: the close writes
   * {@code last_closed_on} only on loans with something to do that day (LedgerCloseStatements); every
   * other active loan disbursed by the date, whose account was opened before the close started, was covered
   * by it unchanged. {@code opened_at} is taken inside the opening transaction: a loan whose opening committed
   * only after the close's chunk had passed it counts as covered though the close did not see it. The close
   * of yesterday (00:30) meets such an opening only for a loan disbursed yesterday, which has nothing to do
   * that day (its first instalment falls due a period later), so nothing is missed; a sandbox close of a date
   * ahead of the calendar can meet a loan already due, which the next date's close then works on.
   */
  private static final String LAST_COMPLETED_CLOSE = """
      (SELECT MAX(r.business_date) FROM daily_close_run r WHERE r.status = 'COMPLETED'
        AND r.business_date >= loan_account.disbursed_on AND r.started_at >= loan_account.opened_at)""";

  private static final String STANDING = """
      SELECT loan_id, status, days_past_due, overdue_since, defaulted_on, classification, dpd_classification,
        last_closed_on, closed_on, written_off_principal, accelerated_on,""" + " " + LAST_COMPLETED_CLOSE + """
       AS last_completed_close
      FROM loan_account""";

  /** The loan's standing after the last daily close that covered it. */
  public Optional<LoanStanding> standing(String loanId) {
    return jdbc.sql(STANDING + " WHERE loan_id = :loanId")
        .param("loanId", loanId)
        .query((rs, row) -> standing(rs))
        .optional();
  }

  /** The standing of each of these loans, one statement per {@link SqlInLists#CHUNK} ids; a loan not found is left out. */
  public Map<String, LoanStanding> standings(Collection<String> loanIds) {
    Map<String, LoanStanding> standings = new HashMap<>();
    for (List<String> chunk : SqlInLists.chunks(loanIds)) {
      jdbc.sql(STANDING + " WHERE loan_id IN (:ids)")
          .param("ids", chunk)
          .query((rs, row) -> standing(rs))
          .list().forEach(standing -> standings.put(standing.loanId(), standing));
    }
    return standings;
  }

  private static LoanStanding standing(ResultSet rs) throws SQLException {
    String status = rs.getString("status");
    LocalDate written = rs.getObject("last_closed_on", LocalDate.class);
    LocalDate covered = rs.getObject("last_completed_close", LocalDate.class);
    LocalDate lastClosedOn = !LoanAccount.ACTIVE.equals(status) || covered == null || (written != null && !written.isBefore(covered))
        ? written : covered;
    return new LoanStanding(rs.getString("loan_id"), status, rs.getInt("days_past_due"),
        rs.getObject("overdue_since", LocalDate.class), rs.getObject("defaulted_on", LocalDate.class),
        Classification.valueOf(rs.getString("classification")), Classification.valueOf(rs.getString("dpd_classification")),
        lastClosedOn, rs.getObject("closed_on", LocalDate.class), rs.getBigDecimal("written_off_principal"),
        rs.getObject("accelerated_on", LocalDate.class));
  }

  /** The loan's classification changes, newest first. */
  public List<ClassificationChange> classificationHistory(String loanId) {
    return jdbc.sql("""
        SELECT business_date, source, classification, previous_classification, days_past_due, reason
        FROM loan_classification WHERE loan_id = :loanId ORDER BY business_date DESC, id DESC
        """)
        .param("loanId", loanId)
        .query((rs, row) -> new ClassificationChange(rs.getObject("business_date", LocalDate.class), rs.getString("source"),
            Classification.valueOf(rs.getString("classification")),
            Classification.valueOf(rs.getString("previous_classification")), rs.getInt("days_past_due"),
            rs.getString("reason")))
        .list();
  }

  /** The classification the post-loan risk review last gave the loan; empty when it never reviewed it. */
  public Optional<Classification> reviewClassification(String loanId) {
    return jdbc.sql("SELECT review_classification FROM loan_account WHERE loan_id = :loanId AND review_classification IS NOT NULL")
        .param("loanId", loanId).query(String.class).optional().map(Classification::valueOf);
  }

  /** Sets the risk review's classification and the loan's (the strictest of its sources). */
  public void review(String loanId, Classification review, Classification classification) {
    jdbc.sql("UPDATE loan_account SET review_classification = :review, classification = :classification WHERE loan_id = :loanId")
        .param("review", review.name()).param("classification", classification.name()).param("loanId", loanId).update();
  }

  /**
   * Records a change of one source's classification. One row per loan, source and business date: a
   * second change the same day updates that day's row (its previous classification stays the day's first).
   */
  public void recordClassificationChange(String loanId, LocalDate businessDate, String source, Classification classification,
      Classification previous, int daysPastDue, String reason, java.time.Instant at) {
    int updated = jdbc.sql("""
        UPDATE loan_classification SET classification = :classification, days_past_due = :dpd, reason = :reason,
          recorded_at = :at
        WHERE loan_id = :loanId AND source = :source AND business_date = :day
        """)
        .param("classification", classification.name()).param("dpd", daysPastDue).param("reason", reason)
        .param("at", java.sql.Timestamp.from(at)).param("loanId", loanId).param("source", source).param("day", businessDate)
        .update();
    if (updated == 0) {
      jdbc.sql("""
          INSERT INTO loan_classification (loan_id, business_date, source, classification, previous_classification,
            days_past_due, reason, recorded_at)
          VALUES (:loanId, :day, :source, :classification, :previous, :dpd, :reason, :at)
          """)
          .param("loanId", loanId).param("day", businessDate).param("source", source)
          .param("classification", classification.name()).param("previous", previous.name()).param("dpd", daysPastDue)
          .param("reason", reason).param("at", java.sql.Timestamp.from(at)).update();
    }
  }

  /** Writes the loan off: it leaves the books with this much principal outstanding. */
  public boolean writeOff(String loanId, LocalDate on, java.math.BigDecimal principal) {
    return jdbc.sql("""
        UPDATE loan_account SET status = :writtenOff, closed_on = :on, written_off_principal = :principal
        WHERE loan_id = :loanId AND status = :active
        """)
        .param("writtenOff", LoanAccount.WRITTEN_OFF).param("on", on).param("principal", principal)
        .param("loanId", loanId).param("active", LoanAccount.ACTIVE)
        .update() == 1;
  }

  static LedgerLine line(ResultSet rs) throws SQLException {
    return new LedgerLine(
        rs.getInt("number"),
        rs.getObject("due_date", LocalDate.class),
        rs.getBigDecimal("principal"),
        rs.getBigDecimal("interest"),
        rs.getBigDecimal("remaining_principal"),
        rs.getBigDecimal("principal_paid"),
        rs.getBigDecimal("interest_paid"),
        // what is charged: the closes' accrual less what back-valued repayments reversed of it (penalty_reversal)
        rs.getBigDecimal("penalty_accrued").subtract(rs.getBigDecimal("penalty_reversed")),
        rs.getBigDecimal("penalty_paid"),
        InstalmentStatus.valueOf(rs.getString("status")),
        rs.getObject("paid_on", LocalDate.class));
  }
}
