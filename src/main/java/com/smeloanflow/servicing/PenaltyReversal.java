package com.smeloanflow.servicing;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * What a back-valued repayment (value-dated on or before a daily close that charged penalty interest,
 * {@link BackValuation}) reversed of one instalment's penalty interest: what the closes of {@code accruedFrom} to
 * {@code accruedThrough} ({@code days} of them) charged on the principal the repayment paid. A ledger entry of its own,
 * kept with the repayment ({@code penalty_reversal}); the closes' accrual stays as they charged it.
 *
 * @param instalmentNumber the instalment
 * @param accruedFrom      the first business date whose close charged it: the value date, or the due date if later
 * @param accruedThrough   the last business date whose close charged it
 * @param days             the closes from {@code accruedFrom} to {@code accruedThrough}
 * @param amount           CNY reversed, more than 0, 2 decimals
 */
public record PenaltyReversal(int instalmentNumber, LocalDate accruedFrom, LocalDate accruedThrough, int days,
    BigDecimal amount) {}
