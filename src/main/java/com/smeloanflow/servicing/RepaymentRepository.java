package com.smeloanflow.servicing;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Repayments, where each went, and the schedule a prepayment replaced ({@code loan_repayment} and its lines). */
@Repository
public class RepaymentRepository {

  private final JdbcClient jdbc;
  private final JdbcTemplate batch;

  public RepaymentRepository(JdbcClient jdbc, JdbcTemplate batch) {
    this.jdbc = jdbc;
    this.batch = batch;
  }

  /** Stores a repayment and its allocation (and the instalments a prepayment replaced). */
  public void insert(String transactionId, String loanId, BigDecimal amount, LocalDate valueDate, String requestHash,
      Allocation allocation, String receivedBy, Instant receivedAt) {
    jdbc.sql("""
        INSERT INTO loan_repayment (transaction_id, transaction_key, loan_id, amount, value_date, request_hash,
          prepaid_principal, schedule_recomputed, arrears_cleared, status, received_by, received_at, kind)
        VALUES (:transactionId, :key, :loanId, :amount, :valueDate, :hash, :prepaid, :recomputed, :cleared, :status, :by,
          :at, 'REPAYMENT')
        """)
        .param("transactionId", transactionId).param("key", key(transactionId)).param("loanId", loanId).param("amount", amount)
        .param("valueDate", valueDate).param("hash", requestHash).param("prepaid", allocation.prepaidPrincipal())
        .param("recomputed", allocation.scheduleRecomputed()).param("cleared", allocation.arrearsCleared())
        .param("status", StoredRepayment.POSTED).param("by", receivedBy).param("at", Timestamp.from(receivedAt))
        .update();
    List<Object[]> lines = new ArrayList<>();
    for (int k = 0; k < allocation.lines().size(); k++) {
      AllocationLine line = allocation.lines().get(k);
      lines.add(new Object[] {transactionId, k + 1, line.instalmentNumber(), line.component().name(), line.amount()});
    }
    batch.batchUpdate("""
        INSERT INTO repayment_allocation (transaction_id, line_no, instalment_number, component, amount)
        VALUES (?, ?, ?, ?, ?)
        """, lines);
    batch.batchUpdate("""
        INSERT INTO repayment_schedule_before (transaction_id, number, principal, interest, total, remaining_principal)
        VALUES (?, ?, ?, ?, ?, ?)
        """, allocation.scheduleBefore().stream().map(i -> new Object[] {transactionId, i.number(), i.principal(),
        i.interest(), i.total(), i.remainingPrincipal()}).toList());
  }

  /**
   * Stores a recovery of a written-off loan (核销后收回): a row beside the repayments (kind RECOVERY, so the transaction
   * id is one key with theirs) that pays no instalment, and where it went of the claim ({@link RecoveryRepository}).
   */
  public void insertRecovery(String transactionId, String loanId, BigDecimal amount, LocalDate valueDate,
      String requestHash, String receivedBy, Instant receivedAt) {
    jdbc.sql("""
        INSERT INTO loan_repayment (transaction_id, transaction_key, loan_id, amount, value_date, request_hash,
          prepaid_principal, schedule_recomputed, arrears_cleared, status, received_by, received_at, kind)
        VALUES (:transactionId, :key, :loanId, :amount, :valueDate, :hash, 0, FALSE, FALSE, :status, :by, :at,
          'RECOVERY')
        """)
        .param("transactionId", transactionId).param("key", key(transactionId)).param("loanId", loanId).param("amount", amount)
        .param("valueDate", valueDate).param("hash", requestHash).param("status", StoredRepayment.POSTED)
        .param("by", receivedBy).param("at", Timestamp.from(receivedAt))
        .update();
  }

  public Optional<StoredRepayment> find(String transactionId) {
    return jdbc.sql(SELECT + " WHERE r.transaction_id = :id").param("id", transactionId)
        .query((rs, row) -> repayment(rs)).optional().map(this::withAllocations);
  }

  /** The loan's repayment whose transaction id is {@code transactionId} in any case. Reads only the loan's rows. */
  public Optional<StoredRepayment> findInAnyCase(String loanId, String transactionId) {
    return jdbc.sql(SELECT + " WHERE r.loan_id = :loanId AND UPPER(r.transaction_id) = :id")
        .param("loanId", loanId).param("id", key(transactionId))
        .query((rs, row) -> repayment(rs)).list().stream().findFirst().map(this::withAllocations);
  }

  /**
   * The repayment (or recovery) of any loan whose transaction id is {@code transactionId} in any case: its key
   * ({@code transaction_key}, unique over all loans, V156). A row V156 found reusing an earlier row's id in another case
   * has a key of its own and is found by its exact id or on its loan ({@link #findInAnyCase}).
   */
  public Optional<StoredRepayment> findByKey(String transactionId) {
    return jdbc.sql(SELECT + " WHERE r.transaction_key = :key").param("key", key(transactionId))
        .query((rs, row) -> repayment(rs)).optional().map(this::withAllocations);
  }

  /** Core banking's transaction id as one key over all loans: its case carries no meaning (ids are ASCII). */
  private static String key(String transactionId) {
    return transactionId.toUpperCase(Locale.ROOT);
  }

  /** The request hash a transaction id was first reported with. */
  public Optional<String> requestHash(String transactionId) {
    return jdbc.sql("SELECT request_hash FROM loan_repayment WHERE transaction_id = :id").param("id", transactionId)
        .query(String.class).optional();
  }

  /** The loan's repayments of {@code kind} ({@link StoredRepayment#REPAYMENT} or {@link StoredRepayment#RECOVERY}) in the order they were applied. */
  public List<StoredRepayment> ofLoan(String loanId, String kind) {
    return jdbc.sql(SELECT + " WHERE r.loan_id = :loanId AND r.kind = :kind ORDER BY r.sequence_no")
        .param("loanId", loanId).param("kind", kind).query((rs, row) -> repayment(rs)).list().stream()
        .map(this::withAllocations).toList();
  }

  /** A repayment with where a recovery went (the split columns are null for an ordinary repayment). */
  private static final String SELECT = """
      SELECT r.*, c.principal AS recovered_principal, c.interest AS recovered_interest, c.penalty AS recovered_penalty
      FROM loan_repayment r LEFT JOIN loan_recovery c ON c.transaction_id = r.transaction_id""";

  /** A reversed repayment as the borrower's mail names it. */
  public record Reversed(String transactionId, BigDecimal amount, LocalDate valueDate) {}

  /** The loan's ordinary repayment (not a recovery) reversed last, if any (one indexed read: every mail of a loan asks). */
  public Optional<Reversed> lastReversed(String loanId) {
    return jdbc.sql("""
        SELECT transaction_id, amount, value_date FROM loan_repayment WHERE loan_id = :loanId AND status = :reversed
          AND kind = 'REPAYMENT'
        ORDER BY reversed_at DESC, sequence_no DESC LIMIT 1
        """)
        .param("loanId", loanId).param("reversed", StoredRepayment.REVERSED)
        .query((rs, row) -> new Reversed(rs.getString("transaction_id"), rs.getBigDecimal("amount"),
            rs.getObject("value_date", LocalDate.class)))
        .optional();
  }

  /** Whether a repayment applied after this one is still posted. */
  public boolean postedAfter(String loanId, long sequenceNo) {
    return jdbc.sql("""
        SELECT COUNT(*) FROM loan_repayment WHERE loan_id = :loanId AND sequence_no > :seq AND status = :posted
        """)
        .param("loanId", loanId).param("seq", sequenceNo).param("posted", StoredRepayment.POSTED)
        .query(Long.class).single() > 0;
  }

  /** The instalments a prepayment recomputed, as they were before it. */
  public List<Instalment> scheduleBefore(String transactionId) {
    return jdbc.sql("""
        SELECT b.number, i.due_date, b.principal, b.interest, b.total, b.remaining_principal
        FROM repayment_schedule_before b
        JOIN loan_repayment r ON r.transaction_id = b.transaction_id
        JOIN repayment_instalment i ON i.loan_id = r.loan_id AND i.number = b.number
        WHERE b.transaction_id = :id ORDER BY b.number
        """)
        .param("id", transactionId)
        .query((rs, row) -> new Instalment(rs.getInt("number"), rs.getObject("due_date", LocalDate.class),
            rs.getBigDecimal("principal"), rs.getBigDecimal("interest"), rs.getBigDecimal("total"),
            rs.getBigDecimal("remaining_principal")))
        .list();
  }

  public void markReversed(String transactionId, String reason, String by, Instant at) {
    jdbc.sql("""
        UPDATE loan_repayment SET status = :reversed, reversal_reason = :reason, reversed_by = :by, reversed_at = :at
        WHERE transaction_id = :id AND status = :posted
        """)
        .param("reversed", StoredRepayment.REVERSED).param("reason", reason).param("by", by)
        .param("at", Timestamp.from(at)).param("id", transactionId).param("posted", StoredRepayment.POSTED)
        .update();
  }

  /** What the loan received (and core banking did not reverse) in repayments (not recoveries) reported after {@code since}. */
  public BigDecimal receivedSince(String loanId, Instant since) {
    return jdbc.sql("""
        SELECT COALESCE(SUM(amount), 0) FROM loan_repayment
        WHERE loan_id = :loanId AND status = :posted AND received_at > :since AND kind = 'REPAYMENT'
        """)
        .param("loanId", loanId).param("posted", StoredRepayment.POSTED).param("since", Timestamp.from(since))
        .query(BigDecimal.class).single().setScale(2);
  }

  private StoredRepayment withAllocations(StoredRepayment repayment) {
    List<AllocationLine> lines = jdbc.sql("""
        SELECT instalment_number, component, amount FROM repayment_allocation WHERE transaction_id = :id ORDER BY line_no
        """)
        .param("id", repayment.transactionId())
        .query((rs, row) -> new AllocationLine((Integer) rs.getObject("instalment_number", Integer.class),
            AllocationComponent.valueOf(rs.getString("component")), rs.getBigDecimal("amount")))
        .list();
    List<PenaltyReversal> penaltyReversals = jdbc.sql("""
        SELECT instalment_number, accrued_from, accrued_through, days, amount FROM penalty_reversal
        WHERE transaction_id = :id ORDER BY instalment_number
        """)
        .param("id", repayment.transactionId())
        .query((rs, row) -> new PenaltyReversal(rs.getInt("instalment_number"), rs.getObject("accrued_from", LocalDate.class),
            rs.getObject("accrued_through", LocalDate.class), rs.getInt("days"), rs.getBigDecimal("amount")))
        .list();
    List<ReversalPenaltyCharge> reversalCharges = jdbc.sql("""
        SELECT instalment_number, business_date, charged_from, charged_through, amount FROM reversal_penalty_charge
        WHERE transaction_id = :id ORDER BY instalment_number
        """)
        .param("id", repayment.transactionId())
        .query((rs, row) -> ReversalPenaltyCharge.of(rs.getInt("instalment_number"),
            rs.getObject("business_date", LocalDate.class), rs.getObject("charged_from", LocalDate.class),
            rs.getObject("charged_through", LocalDate.class), rs.getBigDecimal("amount")))
        .list();
    return new StoredRepayment(repayment.transactionId(), repayment.sequenceNo(), repayment.loanId(), repayment.amount(),
        repayment.valueDate(), repayment.prepaidPrincipal(), repayment.scheduleRecomputed(), repayment.arrearsCleared(),
        repayment.status(), repayment.receivedBy(), repayment.receivedAt(), repayment.reversalReason(),
        repayment.reversedBy(), repayment.reversedAt(), lines, repayment.kind(), repayment.recoverySplit(),
        penaltyReversals, reversalCharges);
  }

  private static StoredRepayment repayment(ResultSet rs) throws SQLException {
    Timestamp reversedAt = rs.getTimestamp("reversed_at");
    return new StoredRepayment(rs.getString("transaction_id"), rs.getLong("sequence_no"), rs.getString("loan_id"),
        rs.getBigDecimal("amount"), rs.getObject("value_date", LocalDate.class), rs.getBigDecimal("prepaid_principal"),
        rs.getBoolean("schedule_recomputed"), rs.getBoolean("arrears_cleared"), rs.getString("status"),
        rs.getString("received_by"), rs.getTimestamp("received_at").toInstant(), rs.getString("reversal_reason"),
        rs.getString("reversed_by"), reversedAt == null ? null : reversedAt.toInstant(), List.of(), rs.getString("kind"),
        StoredRepayment.RECOVERY.equals(rs.getString("kind"))
            ? new WrittenOffClaim.Split(rs.getBigDecimal("recovered_principal"), rs.getBigDecimal("recovered_interest"),
                rs.getBigDecimal("recovered_penalty"))
            : null, List.of(), List.of());
  }
}
