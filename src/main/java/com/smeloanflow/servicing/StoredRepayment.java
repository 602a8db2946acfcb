package com.smeloanflow.servicing;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A repayment core banking reported, as the ledger applied it.
 *
 * @param transactionId       core banking's transaction id (unique)
 * @param sequenceNo          the order repayments were applied in
 * @param loanId              the loan it repaid
 * @param amount              CNY
 * @param valueDate           the day the money was debited
 * @param prepaidPrincipal    principal paid ahead of the schedule
 * @param scheduleRecomputed  a prepayment recomputed the later instalments
 * @param arrearsCleared      it cleared everything overdue
 * @param status              {@link #POSTED} or {@link #REVERSED}
 * @param receivedBy          the system user that reported it
 * @param receivedAt          when it was reported
 * @param reversalReason      why core banking reversed it (a bounced payment), else null
 * @param reversedBy          who reported the reversal, else null
 * @param reversedAt          when, else null
 * @param allocations         where the money went (an ordinary repayment's instalments; none for a recovery)
 * @param kind                {@link #REPAYMENT}, or {@link #RECOVERY}: money received after the loan was written off
 *     (核销后收回), which pays the write-off's claim, not instalments
 * @param recoverySplit       where a recovery went (principal, interest, penalty interest of the claim); null for a
 *     repayment
 * @param penaltyReversals    what it reversed of the penalty interest daily closes of its value date or later had
 *     charged on the principal it paid (a back-valued repayment, {@link BackValuation}); empty otherwise
 * @param reversalPenaltyCharges what its reversal charged at once of the penalty interest of the days daily closes had
 *     taken it as paid ({@link ReversalPenaltyCharge}, per instalment); empty unless reversed after such closes
 */
public record StoredRepayment(
    String transactionId,
    long sequenceNo,
    String loanId,
    BigDecimal amount,
    LocalDate valueDate,
    BigDecimal prepaidPrincipal,
    boolean scheduleRecomputed,
    boolean arrearsCleared,
    String status,
    String receivedBy,
    Instant receivedAt,
    String reversalReason,
    String reversedBy,
    Instant reversedAt,
    List<AllocationLine> allocations,
    String kind,
    WrittenOffClaim.Split recoverySplit,
    List<PenaltyReversal> penaltyReversals,
    List<ReversalPenaltyCharge> reversalPenaltyCharges) {

  public static final String POSTED = "POSTED";
  public static final String REVERSED = "REVERSED";
  public static final String REPAYMENT = "REPAYMENT";
  public static final String RECOVERY = "RECOVERY";

  public StoredRepayment {
    allocations = List.copyOf(allocations);
    penaltyReversals = List.copyOf(penaltyReversals);
    reversalPenaltyCharges = List.copyOf(reversalPenaltyCharges);
  }

  /** What it reversed of the penalty interest, in all (0.00 unless back-valued). */
  public BigDecimal penaltyReversed() {
    return penaltyReversals.stream().map(PenaltyReversal::amount).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
  }

  /** What its reversal charged of the penalty interest, in all (0.00 unless reversed after daily closes took it as paid). */
  public BigDecimal penaltyChargedByReversal() {
    return reversalPenaltyCharges.stream().map(ReversalPenaltyCharge::amount)
        .reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
  }

  /**
   * It cleared arrears a daily close saw, yet nothing was overdue on its value date: paid on an instalment's due date
   * and reported after that date's close ({@link BackValuation}), it paid the current instalment only (no overdue
   * component). The borrower paid on time; a cure notice would tell them otherwise.
   */
  public boolean paidOnTime() {
    return arrearsCleared && allocations.stream().noneMatch(line -> line.component().overdue());
  }

  /** Money received after the loan was written off (核销后收回). */
  public boolean recovery() {
    return RECOVERY.equals(kind);
  }

  public boolean reversed() {
    return REVERSED.equals(status);
  }
}
