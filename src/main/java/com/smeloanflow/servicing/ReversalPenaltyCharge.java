package com.smeloanflow.servicing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * What the reversal of a bounced repayment (冲正) charged at once of one instalment's penalty interest: the days daily
 * closes had taken the repayment as paid and charged nothing (or only on the principal a part payment left), from
 * {@code chargedFrom} through {@code chargedThrough}, the last business date a close covered the loan
 * ({@link RepaymentService#reverse}). A ledger entry of its own ({@code reversal_penalty_charge}), kept with the reversed
 * repayment; the daily close of {@code chargedOn} reports it ({@link DailyCloseRun#penaltyChargedByReversals}).
 *
 * @param instalmentNumber the instalment
 * @param chargedOn        the business date of the reversal, the day the charge was booked
 * @param chargedFrom      the first business date charged; null for a charge booked before it was recorded (V148)
 * @param chargedThrough   the last business date charged
 * @param days             the days from {@code chargedFrom} through {@code chargedThrough}; null when
 *     {@code chargedFrom} is
 * @param amount           CNY charged, more than 0, 2 decimals
 */
public record ReversalPenaltyCharge(int instalmentNumber, LocalDate chargedOn, LocalDate chargedFrom,
    LocalDate chargedThrough, Integer days, BigDecimal amount) {

  static ReversalPenaltyCharge of(int instalmentNumber, LocalDate chargedOn, LocalDate chargedFrom,
      LocalDate chargedThrough, BigDecimal amount) {
    return new ReversalPenaltyCharge(instalmentNumber, chargedOn, chargedFrom, chargedThrough,
        chargedFrom == null ? null : (int) ChronoUnit.DAYS.between(chargedFrom, chargedThrough) + 1, amount);
  }
}
