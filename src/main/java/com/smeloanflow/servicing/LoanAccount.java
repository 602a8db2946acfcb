package com.smeloanflow.servicing;

import com.smeloanflow.approval.RepaymentMethod;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A loan on the bank's books: opened when the money was paid out, with the terms it was granted on
 * and the repayment schedule the borrower follows. Amounts in CNY with 2 decimals.
 *
 * @param loanId               the bank's loan number, e.g. LN20261123000042
 * @param applicationId        the application it came from (one term loan per application; each drawdown on a credit
 *                             line, and a renewal's new loan, is a loan of the line's or renewed loan's application too)
 * @param creditCode           the borrower's unified social credit code
 * @param borrowerName         the borrowing enterprise
 * @param branchCode           the branch that took the application (whose staff may read the loan)
 * @param product              the product code, e.g. CREDIT_QUICK (with the application's guarantee type, it decides the
 *                             allocation order: {@link AllocationRules})
 * @param principal            the amount disbursed
 * @param annualRatePercent    the annual interest rate in percent (4 decimals)
 * @param termMonths           the term in months
 * @param repaymentMethod      how the borrower repays
 * @param disbursedOn          the day the money was paid out
 * @param maturityDate         the due date of the last instalment
 * @param corePostingReference the core banking posting that paid the money out
 * @param status               {@link #ACTIVE} while being repaid, then {@link #SETTLED} or {@link #WRITTEN_OFF}
 * @param schedule             the instalments, numbered from 1
 */
public record LoanAccount(
    String loanId,
    String applicationId,
    String creditCode,
    String borrowerName,
    String branchCode,
    String product,
    BigDecimal principal,
    BigDecimal annualRatePercent,
    int termMonths,
    RepaymentMethod repaymentMethod,
    LocalDate disbursedOn,
    LocalDate maturityDate,
    String corePostingReference,
    String status,
    List<Instalment> schedule) {

  /** The loan is being repaid. */
  public static final String ACTIVE = "ACTIVE";
  /** Repaid in full (结清), set by the daily close. */
  public static final String SETTLED = "SETTLED";
  /** Written off (核销) after an approved proposal; the claim is kept (账销案存). */
  public static final String WRITTEN_OFF = "WRITTEN_OFF";

  public LoanAccount {
    schedule = List.copyOf(schedule);
  }

  /** All the interest the schedule charges over the term. */
  public BigDecimal totalInterest() {
    return schedule.stream().map(Instalment::interest).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
  }

  /** Everything the borrower pays back: principal plus interest. */
  public BigDecimal totalRepayment() {
    return schedule.stream().map(Instalment::total).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
  }
}
