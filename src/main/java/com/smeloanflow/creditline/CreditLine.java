package com.smeloanflow.creditline;

import com.smeloanflow.approval.RepaymentMethod;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A revolving credit line (循环额度) opened for an approved REVOLVING_LINE application: the borrower draws on
 * it within the limit until {@code validUntil}; each drawdown is its own loan on the approval's terms.
 *
 * @param lineId            e.g. CL20261201000001
 * @param applicationId     the approved application (one line per application)
 * @param creditCode        the borrower's unified social credit code
 * @param borrowerName      the borrowing enterprise
 * @param branchCode        the branch that took the application (whose staff may read the line)
 * @param limit             the approved limit, CNY, 2 decimals
 * @param annualRatePercent the priced rate every drawdown carries
 * @param repaymentMethod   how every drawdown is repaid
 * @param minimumDrawdown   the smallest drawdown, CNY, 2 decimals: its product's setting when it opened
 *                          ({@link LineProductTerms}), kept for the line's life
 * @param openedOn          the business day the line opened
 * @param validUntil        the last day a drawdown may be made (3 years from opening, less a day)
 * @param status            ACTIVE, FROZEN, EXPIRED or CLOSED
 * @param statusReason      why it is not ACTIVE (null while ACTIVE)
 */
public record CreditLine(
    String lineId,
    String applicationId,
    String creditCode,
    String borrowerName,
    String branchCode,
    BigDecimal limit,
    BigDecimal annualRatePercent,
    RepaymentMethod repaymentMethod,
    BigDecimal minimumDrawdown,
    LocalDate openedOn,
    LocalDate validUntil,
    CreditLineStatus status,
    String statusReason) {

  /** How long a line is valid from the day it opens. */
  public static final int VALIDITY_YEARS = 3;

  /** The last day of a line opened on {@code openedOn}. */
  public static LocalDate validUntil(LocalDate openedOn) {
    return openedOn.plusYears(VALIDITY_YEARS).minusDays(1);
  }
}
