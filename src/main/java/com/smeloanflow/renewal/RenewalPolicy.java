package com.smeloanflow.renewal;

import java.time.LocalDate;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The renewal window and which loans it applies to (金规〔2024〕13号: working-capital loans, offered 30 to
 * 60 days before maturity). All four term-loan products finance the enterprise's operations and count as
 * working-capital loans (流动资金贷款): CREDIT_QUICK, MORTGAGE_QUICK, JOINT_GUARANTEE and GROWTH.
 * REVOLVING_LINE is not renewed here: a line is kept by its annual review.
 */
@Component
public class RenewalPolicy {

  /** The products whose loans are working-capital loans. */
  public static final Set<String> WORKING_CAPITAL_PRODUCTS = Set.of("CREDIT_QUICK", "MORTGAGE_QUICK", "JOINT_GUARANTEE",
      "GROWTH");

  private final int windowOpensDays;
  private final int windowClosesDays;

  public RenewalPolicy(@Value("${smeloan.renewal.window-opens-days-before-maturity:60}") int windowOpensDays,
      @Value("${smeloan.renewal.window-closes-days-before-maturity:30}") int windowClosesDays) {
    if (windowClosesDays < 1 || windowOpensDays < windowClosesDays) {
      throw new IllegalArgumentException("The renewal window must open before it closes and close before maturity: "
          + windowOpensDays + " / " + windowClosesDays + " days");
    }
    this.windowOpensDays = windowOpensDays;
    this.windowClosesDays = windowClosesDays;
  }

  /** The earliest maturity a loan offered on {@code today} may have (today + 30 days). */
  public LocalDate nearestMaturity(LocalDate today) {
    return today.plusDays(windowClosesDays);
  }

  /** The latest maturity a loan offered on {@code today} may have (today + 60 days). */
  public LocalDate furthestMaturity(LocalDate today) {
    return today.plusDays(windowOpensDays);
  }

  /** Whether a loan maturing on {@code maturity} is in the window on {@code today}. */
  public boolean inWindow(LocalDate maturity, LocalDate today) {
    return !maturity.isBefore(nearestMaturity(today)) && !maturity.isAfter(furthestMaturity(today));
  }

  /** The last day the borrower may apply: when the window closes, 30 days before maturity. */
  public LocalDate offerExpiresOn(LocalDate maturity) {
    return maturity.minusDays(windowClosesDays);
  }

  public boolean workingCapital(String product) {
    return WORKING_CAPITAL_PRODUCTS.contains(product);
  }
}
