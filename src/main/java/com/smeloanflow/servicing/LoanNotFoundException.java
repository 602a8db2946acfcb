package com.smeloanflow.servicing;

import com.smeloanflow.platform.NotFoundException;

/** No loan account has this loan id, or the loan has no such repayment (HTTP 404). */
public class LoanNotFoundException extends NotFoundException {

  public LoanNotFoundException(String loanId) {
    super("贷款不存在", "Loan " + loanId + " does not exist");
  }

  public LoanNotFoundException(String loanId, String what) {
    super("贷款记录不存在", "Loan " + loanId + " has no " + what);
  }
}
