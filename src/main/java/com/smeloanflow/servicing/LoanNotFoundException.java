package com.smeloanflow.servicing;

import com.smeloanflow.platform.NotFoundException;

/** No loan account has this loan id, or the loan has no such record (HTTP 404). */
public class LoanNotFoundException extends NotFoundException {

  public LoanNotFoundException(String loanId) {
    super("贷款不存在", "借据 " + loanId + " 不存在", "loan " + loanId + " does not exist");
  }

  /** The loan is there, the record asked for is not: {@code chinese} and {@code english} name that record. */
  public LoanNotFoundException(String loanId, String chinese, String english) {
    super("贷款记录不存在", "借据 " + loanId + " 没有" + chinese, "loan " + loanId + " has no " + english);
  }

  /** The loan has no repayment reported with this transaction id. */
  public static LoanNotFoundException noRepayment(String loanId, String transactionId) {
    return new LoanNotFoundException(loanId, "交易流水为 " + transactionId + " 的还款", "repayment " + transactionId);
  }
}
