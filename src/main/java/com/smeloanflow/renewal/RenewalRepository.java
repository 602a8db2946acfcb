package com.smeloanflow.renewal;

import com.smeloanflow.platform.StateConflictException;
import com.smeloanflow.servicing.LoanNotFoundException;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Renewal's own table {@code loan_renewal}: one row per loan the offer scan evaluated. */
@Repository
public class RenewalRepository {

  private final JdbcClient jdbc;

  public RenewalRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Stores the scan's evaluation; a second evaluation of the loan fails on the primary key. */
  public void insertEvaluation(LoanRenewal renewal, Instant at) {
    LoanRenewal.Eligibility e = renewal.eligibility();
    jdbc.sql("""
        INSERT INTO loan_renewal (loan_id, branch_code, credit_code, product, maturity_date, status, evaluated_on,
            classification, months_since_overdue, licence_status, score, grade, suggested_limit, red_flag, hard_red_flag,
            eligibility_code, eligibility_reason, offer_expires_on, renewal_amount, evaluated_at)
        VALUES (:loanId, :branch, :creditCode, :product, :maturity, :status, :evaluatedOn, :classification, :months, :licence,
            :score, :grade, :limit, :redFlag, :hardRedFlag, :code, :reason, :expires, :amount, :at)
        """)
        .param("loanId", renewal.loanId()).param("branch", renewal.branchCode()).param("creditCode", renewal.creditCode())
        .param("product", renewal.product()).param("maturity", renewal.maturityDate()).param("status", renewal.status().name())
        .param("evaluatedOn", e.evaluatedOn()).param("classification", e.classification())
        .param("months", e.monthsSinceLastOverdue()).param("licence", e.licenceStatus()).param("score", e.score())
        .param("grade", e.grade()).param("limit", e.suggestedLimit()).param("redFlag", e.redFlag())
        .param("hardRedFlag", e.hardRedFlag()).param("code", e.code()).param("reason", e.reason())
        .param("expires", renewal.offerExpiresOn()).param("amount", renewal.renewalAmount())
        .param("at", Timestamp.from(at))
        .update();
  }

  public Optional<LoanRenewal> find(String loanId) {
    return jdbc.sql("SELECT * FROM loan_renewal WHERE loan_id = :loanId").param("loanId", loanId)
        .query((rs, row) -> map(rs)).optional();
  }

  /** The renewal, its row locked until the transaction ends (one application, one decision at a time). */
  public Optional<LoanRenewal> lock(String loanId) {
    return jdbc.sql("SELECT * FROM loan_renewal WHERE loan_id = :loanId FOR UPDATE").param("loanId", loanId)
        .query((rs, row) -> map(rs)).optional();
  }

  /**
   * The renewal awaiting a decision ({@link LoanRenewal#awaitsDecision}), its row locked until the transaction ends: what
   * every decision on it takes first (审批续贷申请, 签发续贷贷审会决议, a committee member's vote and the committee's
   * conclusion), before it writes anything. A call-in, a cancellation or the lapse at maturity, locking the row first too,
   * either waits for the decision or is waited for and then refuses it.
   *
   * @throws LoanNotFoundException no renewal of the loan
   * @throws StateConflictException the renewal no longer awaits a decision (decided, lapsed, called in, cancelled),
   *     in Chinese with the English beside ({@code 400} over the engine REST API)
   */
  public LoanRenewal lockAwaitingDecision(String loanId) {
    LoanRenewal renewal = lock(loanId).orElseThrow(() -> LoanRenewal.notFound(loanId));
    if (!renewal.awaitsDecision()) {
      throw new StateConflictException(renewal.notAwaitingDecision());
    }
    return renewal;
  }

  /** Served by {@code loan_renewal_new_loan_idx} (V141): one key, not a read of every renewal the bank evaluated. */
  static final String RENEWAL_OF_NEW_LOAN = "SELECT * FROM loan_renewal WHERE new_loan_id = :newLoanId";

  /** The renewal whose maturity posting opened {@code newLoanId} (无还本续贷), if that loan was opened by a renewal. */
  public Optional<LoanRenewal> findByNewLoan(String newLoanId) {
    return jdbc.sql(RENEWAL_OF_NEW_LOAN).param("newLoanId", newLoanId)
        .query((rs, row) -> map(rs)).optional();
  }

  public Optional<LoanRenewal> findByRequest(String requestId) {
    return jdbc.sql("SELECT * FROM loan_renewal WHERE request_id = :r").param("r", requestId)
        .query((rs, row) -> map(rs)).optional();
  }

  /** The borrower applied: only an OFFERED renewal moves (the caller holds the row's lock). */
  public void applied(String loanId, String requestId, String appliedBy, Instant at) {
    jdbc.sql("""
        UPDATE loan_renewal SET status = 'APPLIED', request_id = :r, applied_by = :by, applied_at = :at
        WHERE loan_id = :loanId AND status = 'OFFERED'
        """)
        .param("r", requestId).param("by", appliedBy).param("at", Timestamp.from(at)).param("loanId", loanId).update();
  }

  public void routed(String loanId, String route) {
    jdbc.sql("UPDATE loan_renewal SET approval_route = :route WHERE loan_id = :loanId")
        .param("route", route).param("loanId", loanId).update();
  }

  public void decided(String loanId, RenewalStatus status, String decidedBy, String note, String customerReason, Instant at,
      LocalDate closedOn) {
    jdbc.sql("""
        UPDATE loan_renewal SET status = :status, decided_by = :by, decision_note = :note, customer_reason = :reason,
            decided_at = :at, closed_on = :closedOn
        WHERE loan_id = :loanId
        """)
        .param("status", status.name()).param("by", decidedBy).param("note", note).param("reason", customerReason)
        .param("at", Timestamp.from(at)).param("closedOn", closedOn).param("loanId", loanId).update();
  }

  public void contractSent(String loanId, String contractNumber, String envelopeId) {
    jdbc.sql("UPDATE loan_renewal SET contract_number = :c, envelope_id = :e WHERE loan_id = :loanId")
        .param("c", contractNumber).param("e", envelopeId).param("loanId", loanId).update();
  }

  public void signed(String loanId, String signatureId, Instant signedAt) {
    jdbc.sql("UPDATE loan_renewal SET status = 'SIGNED', signature_id = :s, signed_at = :at WHERE loan_id = :loanId")
        .param("s", signatureId).param("at", Timestamp.from(signedAt)).param("loanId", loanId).update();
  }

  /** Renewed at maturity: {@code amount} is the principal the posting lent (the signed amount, or less after a review). */
  public void renewed(String loanId, String postingReference, String newLoanId, BigDecimal amount, LocalDate on) {
    jdbc.sql("""
        UPDATE loan_renewal SET status = 'RENEWED', posting_reference = :p, new_loan_id = :n, renewed_amount = :amount,
            closed_on = :on
        WHERE loan_id = :loanId
        """)
        .param("p", postingReference).param("n", newLoanId).param("amount", amount).param("on", on).param("loanId", loanId)
        .update();
  }

  /**
   * The maturity posting found {@code due} principal due at maturity, not the amount it was to lend: the
   * renewal waits for 复核续贷金额 (a decision taken before is void: the figures changed since).
   */
  public void amountChanged(String loanId, BigDecimal due) {
    jdbc.sql("""
        UPDATE loan_renewal SET status = 'AMOUNT_REVIEW', principal_due_at_maturity = :due, amount_review_decision = NULL,
            amount_reviewed_by = NULL, amount_reviewed_at = NULL, amount_review_note = NULL
        WHERE loan_id = :loanId
        """)
        .param("due", due).param("loanId", loanId).update();
  }

  /** The reviewer's decision in 复核续贷金额; {@code status} AMOUNT_REVIEW (renew, the posting follows) or WITHDRAWN. */
  public void amountReviewed(String loanId, RenewalStatus status, String decision, String reviewedBy, String note, Instant at,
      LocalDate closedOn) {
    jdbc.sql("""
        UPDATE loan_renewal SET status = :status, amount_review_decision = :decision, amount_reviewed_by = :by,
            amount_review_note = :note, amount_reviewed_at = :at, closed_on = :closedOn
        WHERE loan_id = :loanId
        """)
        .param("status", status.name()).param("decision", decision).param("by", reviewedBy).param("note", note)
        .param("at", Timestamp.from(at)).param("closedOn", closedOn).param("loanId", loanId).update();
  }

  /** All principal due at maturity was prepaid after signing: nothing to renew. */
  public void principalPrepaid(String loanId, LocalDate on) {
    jdbc.sql("""
        UPDATE loan_renewal SET status = 'PRINCIPAL_PREPAID', principal_due_at_maturity = 0, closed_on = :on
        WHERE loan_id = :loanId
        """)
        .param("on", on).param("loanId", loanId).update();
  }

  /**
   * The renewal ended at maturity without a posting and with nothing else to record: {@code LAPSED} (not decided
   * or not signed in time) or {@code MATURITY_OVERDUE} (the daily close had counted the maturity principal overdue first).
   */
  public void closed(String loanId, RenewalStatus status, LocalDate on) {
    jdbc.sql("UPDATE loan_renewal SET status = :status, closed_on = :on WHERE loan_id = :loanId")
        .param("status", status.name()).param("on", on).param("loanId", loanId).update();
  }

  /**
   * A signed renewal the maturity posting (or 核对到期应还本金, the last working day before a maturity date nobody works)
   * declined: the eligibility table, asked again with the loan as it stood then, no longer offered renewal. {@code reason} is for staff ({@code maturity_decline_reason}, V151), {@code customerReason}
   * the catalogue reason the borrower is told; the approval's decider and note stay as they were.
   */
  public void declinedAtMaturity(String loanId, String reason, String customerReason, LocalDate on) {
    jdbc.sql("""
        UPDATE loan_renewal SET status = 'DECLINED', maturity_decline_reason = :reason, customer_reason = :customerReason,
            closed_on = :on
        WHERE loan_id = :loanId
        """)
        .param("reason", reason).param("customerReason", customerReason).param("on", on).param("loanId", loanId).update();
  }

  /** An envelope of a cancelled or called-in renewal that is still to be cancelled in the e-signature service. */
  public record EnvelopeToCancel(String loanId, String envelopeId) {}

  /**
   * Served by {@code loan_renewal_envelope_to_cancel_idx} (V136). Least recently tried first (V137), never tried before
   * all: an envelope the service keeps refusing goes to the back of the queue at each attempt.
   */
  static final String ENVELOPES_TO_CANCEL = """
      SELECT loan_id, envelope_id FROM loan_renewal
      WHERE status IN ('CANCELLED', 'CALLED_IN') AND envelope_cancelled_at IS NULL AND envelope_id IS NOT NULL
        AND signature_id IS NULL
      ORDER BY envelope_cancel_tried_at NULLS FIRST, closed_on, loan_id LIMIT :limit""";

  /**
   * The CANCELLED and CALLED_IN renewals whose contract was sent and not signed, and whose envelope the e-signature
   * service has not cancelled yet (at most {@code limit}): those never tried first, the longest ended first among them,
   * then those the service refused, the least recently tried first.
   */
  public List<EnvelopeToCancel> envelopesToCancel(int limit) {
    return jdbc.sql(ENVELOPES_TO_CANCEL).param("limit", limit)
        .query((rs, row) -> new EnvelopeToCancel(rs.getString("loan_id"), rs.getString("envelope_id"))).list();
  }

  /**
   * The e-signature service refused to cancel the renewal's envelope at {@code at} ({@code error}, cut to the column's
   * 1,000 characters): one more attempt counted, tried at {@code at}.
   *
   * @return the attempts counted so far, this one included (0 when the envelope is no longer to be cancelled)
   */
  public int envelopeCancelRefused(String loanId, Instant at, String error) {
    jdbc.sql("""
        UPDATE loan_renewal SET envelope_cancel_tried_at = :at, envelope_cancel_attempts = envelope_cancel_attempts + 1,
                                envelope_cancel_error = :error
        WHERE loan_id = :loanId AND envelope_cancelled_at IS NULL""")
        .param("at", Timestamp.from(at)).param("error", error.length() > 1000 ? error.substring(0, 1000) : error)
        .param("loanId", loanId).update();
    return jdbc.sql("SELECT envelope_cancel_attempts FROM loan_renewal WHERE loan_id = :loanId AND envelope_cancelled_at IS NULL")
        .param("loanId", loanId).query(Integer.class).optional().orElse(0);
  }

  /**
   * Where the cancellation of a cancelled renewal's unsigned envelope stands (V136, V137): cancelled when
   * {@code cancelledAt} is set, else still to be cancelled, refused {@code attempts} times so far.
   */
  public record EnvelopeCancellationState(Instant cancelledAt, int attempts, String lastError, Instant lastTriedAt) {}

  /**
   * The state of the envelope's cancellation, for a CANCELLED or CALLED_IN renewal whose contract was sent and not
   * signed (the envelopes {@link #envelopesToCancel} takes until the service cancels them); empty for any other renewal.
   */
  public Optional<EnvelopeCancellationState> envelopeCancellation(String loanId) {
    return jdbc.sql("""
        SELECT envelope_cancelled_at, envelope_cancel_attempts, envelope_cancel_error, envelope_cancel_tried_at
        FROM loan_renewal
        WHERE loan_id = :loanId AND status IN ('CANCELLED', 'CALLED_IN') AND envelope_id IS NOT NULL
          AND signature_id IS NULL""")
        .param("loanId", loanId)
        .query((rs, row) -> new EnvelopeCancellationState(instant(rs, "envelope_cancelled_at"),
            rs.getInt("envelope_cancel_attempts"), rs.getString("envelope_cancel_error"),
            instant(rs, "envelope_cancel_tried_at")))
        .optional();
  }

  /** The e-signature service cancelled the renewal's envelope; the first time is kept. */
  public void envelopeCancelled(String loanId, Instant at) {
    jdbc.sql("UPDATE loan_renewal SET envelope_cancelled_at = :at WHERE loan_id = :loanId AND envelope_cancelled_at IS NULL")
        .param("at", Timestamp.from(at)).param("loanId", loanId).update();
  }

  private static LoanRenewal map(ResultSet rs) throws SQLException {
    return new LoanRenewal(rs.getString("loan_id"), rs.getString("branch_code"), rs.getString("credit_code"),
        rs.getString("product"), rs.getObject("maturity_date", LocalDate.class), RenewalStatus.valueOf(rs.getString("status")),
        new LoanRenewal.Eligibility(rs.getObject("evaluated_on", LocalDate.class), rs.getString("classification"),
            rs.getInt("months_since_overdue"), rs.getString("licence_status"), rs.getInt("score"), rs.getString("grade"),
            rs.getBigDecimal("suggested_limit"), rs.getBoolean("red_flag"), rs.getBoolean("hard_red_flag"),
            !RenewalStatus.NOT_ELIGIBLE.name().equals(rs.getString("status")), rs.getString("eligibility_code"),
            rs.getString("eligibility_reason")),
        rs.getObject("offer_expires_on", LocalDate.class), amount(rs.getBigDecimal("renewal_amount")),
        rs.getString("request_id"), rs.getString("applied_by"), instant(rs, "applied_at"), rs.getString("approval_route"),
        rs.getString("decided_by"), instant(rs, "decided_at"), rs.getString("decision_note"), rs.getString("customer_reason"),
        rs.getString("contract_number"), rs.getString("envelope_id"), rs.getString("signature_id"), instant(rs, "signed_at"),
        rs.getString("posting_reference"), rs.getString("new_loan_id"), rs.getObject("closed_on", LocalDate.class),
        amount(rs.getBigDecimal("principal_due_at_maturity")), rs.getString("amount_review_decision"),
        rs.getString("amount_reviewed_by"), instant(rs, "amount_reviewed_at"), rs.getString("amount_review_note"),
        amount(rs.getBigDecimal("renewed_amount")), rs.getString("maturity_decline_reason"));
  }

  private static BigDecimal amount(BigDecimal value) {
    return value == null ? null : value.setScale(2);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
