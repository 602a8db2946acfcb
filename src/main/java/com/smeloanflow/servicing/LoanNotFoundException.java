package com.smeloanflow.servicing;

/** No loan account has this loan id, or the loan has no such repayment (HTTP 404). */
public class LoanNotFoundException extends RuntimeException {

  public LoanNotFoundException(String loanId) {
    super("Loan " + loanId + " does not exist (loanId)");
  }

  public LoanNotFoundException(String loanId, String what) {
    super("Loan " + loanId + " has no " + what);
  }
}
