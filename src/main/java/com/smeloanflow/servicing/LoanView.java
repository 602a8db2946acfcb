package com.smeloanflow.servicing;

import com.smeloanflow.approval.RepaymentMethod;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * What {@code GET /api/loans/{id}} answers: the loan account as a channel or a member of staff
 * sees it, with its repayment schedule. Money in CNY with 2 decimals, dates ISO (yyyy-MM-dd).
 */
public record LoanView(
    String loanId,
    String applicationId,
    String creditCode,
    String borrowerName,
    BigDecimal principal,
    BigDecimal annualRatePercent,
    int termMonths,
    RepaymentMethod repaymentMethod,
    String repaymentMethodLabel,
    LocalDate disbursedOn,
    LocalDate maturityDate,
    String corePostingReference,
    String status,
    BigDecimal totalInterest,
    BigDecimal totalRepayment,
    List<Instalment> schedule) {

  public static LoanView of(LoanAccount account) {
    return new LoanView(account.loanId(), account.applicationId(), account.creditCode(), account.borrowerName(),
        account.principal(), account.annualRatePercent(), account.termMonths(), account.repaymentMethod(),
        account.repaymentMethod().label(), account.disbursedOn(), account.maturityDate(),
        account.corePostingReference(), account.status(), account.totalInterest(), account.totalRepayment(),
        account.schedule());
  }
}
