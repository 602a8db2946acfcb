package com.smeloanflow.notification;

/**
 * The mails the bank sends applicants. Each has a readable Chinese template in
 * {@code src/main/resources/mail/<file>.txt}: the first line is the subject, the rest the body, with
 * {@code ${placeholder}} values from the {@link MailValueProvider}s, filled by {@link MailOutbox}.
 */
public enum MailTemplate {
  DOCUMENTS_MISSING("documents-missing"),
  APPLICATION_WITHDRAWN("application-withdrawn"),
  APPLICATION_REJECTED("application-rejected"),
  CONTRACT_READY("contract-ready"),
  DISBURSEMENT_HELD("disbursement-held"),
  DISBURSEMENT_DOCUMENTS_REQUIRED("disbursement-documents-required"),
  LOAN_DISBURSED("loan-disbursed"),
  /** To the borrower of an overdue loan (collections, D+1). */
  OVERDUE_REMINDER("overdue-reminder"),
  /** To the borrower whose repayment cleared the arrears (collections, cure). */
  ARREARS_CLEARED("arrears-cleared");

  private final String file;

  MailTemplate(String file) {
    this.file = file;
  }

  public String resource() {
    return "mail/" + file + ".txt";
  }
}
