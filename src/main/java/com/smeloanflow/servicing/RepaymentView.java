package com.smeloanflow.servicing;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A repayment as the API shows it: what core banking reported, where the money went, and whether
 * it was reversed. Money in CNY with 2 decimals. {@code kind} RECOVERY (核销后收回) is money received after the loan was
 * written off: it pays no instalment ({@code allocations} empty) but the write-off's claim, as {@code recovery} says
 * (principal written off first, then the interest and penalty interest unpaid at the write-off). A repayment reported
 * after daily closes of its value date or later is applied as of its value date: {@code penaltyReversed} is what it
 * reversed of the penalty interest those closes charged on the principal it paid, {@code penaltyReversals} per
 * instalment (empty, and 0.00, for a repayment reported before its value date was closed). A reversed repayment (a
 * bounce, {@code status} REVERSED) says why and when ({@code reversalReason}, {@code reversedAt}) and what its reversal
 * charged at once of the penalty interest of the days daily closes had taken it as paid: {@code penaltyChargedByReversal}
 * in all, {@code reversalPenaltyCharges} per instalment (the reversal's business date, the days charged and the amount;
 * empty, and 0.00, when no close had run since it was booked, and for a repayment not reversed).
 *
 * <p>The channel reads {@link #forChannel()}: who received the repayment ({@code receivedBy}, a system user's or a
 * member of staff's user id) and the bank's note on why it was reversed ({@code reversalReason}) are internal and left
 * out (null); a reversed repayment reads {@value #REVERSED_FOR_BORROWER}, with when and what it charged.
 */
public record RepaymentView(
    String transactionId,
    String loanId,
    BigDecimal amount,
    LocalDate valueDate,
    String status,
    String statusLabel,
    BigDecimal prepaidPrincipal,
    boolean scheduleRecomputed,
    boolean arrearsCleared,
    String receivedBy,
    Instant receivedAt,
    String reversalReason,
    Instant reversedAt,
    List<Line> allocations,
    String kind,
    String kindLabel,
    Recovery recovery,
    BigDecimal penaltyReversed,
    List<PenaltyReversal> penaltyReversals,
    BigDecimal penaltyChargedByReversal,
    List<ReversalPenaltyCharge> reversalPenaltyCharges) {

  /** What a recovery paid of the write-off's claim; null for an ordinary repayment. */
  public record Recovery(BigDecimal principal, BigDecimal interest, BigDecimal penalty) {}

  /** One part of the repayment: instalment (null for a prepayment), component, amount. */
  public record Line(Integer instalmentNumber, AllocationComponent component, String componentLabel, BigDecimal amount) {}

  /** What the borrower reads of a reversed repayment (staff: 已冲正 and the reason). */
  static final String REVERSED_FOR_BORROWER = "还款已冲正";

  /** The repayment as the borrower may be shown it: no receiver's user id, no reversal note (see above). */
  public RepaymentView forChannel() {
    return new RepaymentView(transactionId, loanId, amount, valueDate, status,
        reversedAt != null ? REVERSED_FOR_BORROWER : statusLabel, prepaidPrincipal, scheduleRecomputed, arrearsCleared, null,
        receivedAt, null, reversedAt, allocations, kind, kindLabel, recovery, penaltyReversed, penaltyReversals,
        penaltyChargedByReversal, reversalPenaltyCharges);
  }

  public static RepaymentView of(StoredRepayment r) {
    return new RepaymentView(r.transactionId(), r.loanId(), r.amount(), r.valueDate(), r.status(),
        r.reversed() ? "已冲正" : "已入账", r.prepaidPrincipal(), r.scheduleRecomputed(), r.arrearsCleared(), r.receivedBy(),
        r.receivedAt(), r.reversalReason(), r.reversedAt(),
        r.allocations().stream().map(a -> new Line(a.instalmentNumber(), a.component(), a.component().label(), a.amount()))
            .toList(),
        r.kind(), r.recovery() ? "核销后收回" : "还款",
        !r.recovery() ? null : new Recovery(r.recoverySplit().principal(), r.recoverySplit().interest(),
            r.recoverySplit().penalty()),
        r.penaltyReversed(), r.penaltyReversals(), r.penaltyChargedByReversal(), r.reversalPenaltyCharges());
  }
}
