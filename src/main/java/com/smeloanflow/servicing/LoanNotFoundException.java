package com.smeloanflow.servicing;

import com.smeloanflow.platform.NotFoundException;

/** No loan account has this loan id (HTTP 404). */
public class LoanNotFoundException extends NotFoundException {

  public LoanNotFoundException(String loanId) {
    super("贷款不存在", "Loan " + loanId + " does not exist");
  }
}
