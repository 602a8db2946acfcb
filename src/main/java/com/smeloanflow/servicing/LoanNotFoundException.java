package com.smeloanflow.servicing;

/** No loan account has this loan id (HTTP 404). */
public class LoanNotFoundException extends RuntimeException {

  public LoanNotFoundException(String loanId) {
    super("Loan " + loanId + " does not exist");
  }
}
