package com.smeloanflow.servicing;

import com.smeloanflow.approval.RepaymentMethod;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The repayment schedule of a loan, as the bank agrees it with the borrower at disbursement.
 *
 * <p>Conventions: the monthly rate is the annual rate / 12; instalments fall due monthly on the
 * disbursement's day of month (the 31st becomes the last day of shorter months); each month's
 * interest is the monthly rate on the principal still owed; amounts are rounded half-up to the fen
 * (cent). The principal parts add up exactly to the principal: the last instalment takes up the
 * rounding. Pure Java: no Spring, no database.
 */
public class RepaymentScheduleCalculator {

  private static final MathContext PRECISION = MathContext.DECIMAL128;
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
  private static final BigDecimal MONTHS_PER_YEAR = BigDecimal.valueOf(12);

  /**
   * @param principal         CNY, more than 0, at most 2 decimals
   * @param annualRatePercent e.g. 4.35 for 4.35% a year; 0 or more
   * @param termMonths        1 or more
   * @param method            how the loan is repaid
   * @param disbursedOn       the day the money was paid out; the first instalment falls a month later
   * @return the instalments in order, numbered from 1
   * @throws IllegalArgumentException when an input is missing or out of range
   */
  public List<Instalment> schedule(BigDecimal principal, BigDecimal annualRatePercent, int termMonths,
      RepaymentMethod method, LocalDate disbursedOn) {
    requireValid(principal, annualRatePercent, termMonths, method, disbursedOn);
    BigDecimal monthlyRate = monthlyRate(annualRatePercent);
    BigDecimal amount = principal.setScale(2, RoundingMode.UNNECESSARY);
    BigDecimal levelPayment = method == RepaymentMethod.EQUAL_INSTALMENT ? levelPayment(amount, monthlyRate, termMonths) : null;
    BigDecimal levelPrincipal = method == RepaymentMethod.EQUAL_PRINCIPAL
        ? amount.divide(BigDecimal.valueOf(termMonths), 2, RoundingMode.HALF_UP) : null;

    List<Instalment> instalments = new ArrayList<>(termMonths);
    BigDecimal remaining = amount;
    for (int number = 1; number <= termMonths; number++) {
      BigDecimal interest = interestOn(remaining, monthlyRate);
      BigDecimal principalPart;
      if (number == termMonths) {
        principalPart = remaining;
      } else {
        principalPart = switch (method) {
          case EQUAL_INSTALMENT -> levelPayment.subtract(interest).max(BigDecimal.ZERO.setScale(2));
          case EQUAL_PRINCIPAL -> levelPrincipal;
          case INTEREST_FIRST -> BigDecimal.ZERO.setScale(2);
        };
        principalPart = principalPart.min(remaining);
      }
      remaining = remaining.subtract(principalPart);
      instalments.add(new Instalment(number, dueDate(disbursedOn, number), principalPart, interest,
          principalPart.add(interest), remaining));
    }
    return List.copyOf(instalments);
  }

  /** The day instalment {@code number} falls due as agreed at disbursement: a month per instalment after it. */
  public static LocalDate dueDate(LocalDate disbursedOn, int number) {
    return disbursedOn.plusMonths(number);
  }

  /** A month's interest on {@code owed}, the principal owed as the month begins: the monthly rate on it, to the fen. */
  public static BigDecimal monthInterest(BigDecimal owed, BigDecimal annualRatePercent) {
    return interestOn(owed, monthlyRate(annualRatePercent));
  }

  /** The schedule's month of interest and {@link #monthInterest}'s: the monthly rate on what is owed, to the fen. */
  private static BigDecimal interestOn(BigDecimal owed, BigDecimal monthlyRate) {
    return cents(owed.multiply(monthlyRate, PRECISION));
  }

  private static BigDecimal monthlyRate(BigDecimal annualRatePercent) {
    return annualRatePercent.divide(HUNDRED, PRECISION).divide(MONTHS_PER_YEAR, PRECISION);
  }

  /** The maturity date: the due date of the last instalment. */
  public static LocalDate maturityDate(LocalDate disbursedOn, int termMonths) {
    return disbursedOn.plusMonths(termMonths);
  }

  /** Annuity: P·r·(1+r)^n / ((1+r)^n − 1), or P / n without interest; rounded to the fen. */
  private static BigDecimal levelPayment(BigDecimal principal, BigDecimal monthlyRate, int termMonths) {
    if (monthlyRate.signum() == 0) {
      return principal.divide(BigDecimal.valueOf(termMonths), 2, RoundingMode.HALF_UP);
    }
    BigDecimal growth = BigDecimal.ONE.add(monthlyRate).pow(termMonths, PRECISION);
    return cents(principal.multiply(monthlyRate, PRECISION).multiply(growth, PRECISION)
        .divide(growth.subtract(BigDecimal.ONE), PRECISION));
  }

  private static BigDecimal cents(BigDecimal amount) {
    return amount.setScale(2, RoundingMode.HALF_UP);
  }

  private static void requireValid(BigDecimal principal, BigDecimal annualRatePercent, int termMonths,
      RepaymentMethod method, LocalDate disbursedOn) {
    if (principal == null || principal.signum() <= 0) {
      throw new IllegalArgumentException("Principal must be more than 0 CNY, was " + principal);
    }
    if (principal.stripTrailingZeros().scale() > 2) {
      throw new IllegalArgumentException("Principal must have at most 2 decimals, was " + principal.toPlainString());
    }
    if (annualRatePercent == null || annualRatePercent.signum() < 0 || annualRatePercent.compareTo(HUNDRED) >= 0) {
      throw new IllegalArgumentException("Annual rate must be from 0% to under 100%, was " + annualRatePercent);
    }
    if (termMonths < 1) {
      throw new IllegalArgumentException("Term must be at least 1 month, was " + termMonths);
    }
    if (method == null) {
      throw new IllegalArgumentException("Repayment method is required");
    }
    if (disbursedOn == null) {
      throw new IllegalArgumentException("Disbursement date is required");
    }
  }
}
