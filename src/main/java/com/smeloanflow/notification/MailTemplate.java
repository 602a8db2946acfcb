package com.smeloanflow.notification;

/**
 * The mails the bank sends applicants, and its staff about their work. Each has a readable Chinese template in
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
  /** To staff ({@link MailCaseType#STAFF}): a task reached its SLA goal. */
  SLA_REMINDER("sla-reminder"),
  /** To a team's leads ({@link MailCaseType#STAFF}): a task passed its SLA deadline. */
  SLA_ESCALATION("sla-escalation");

  private final String file;

  MailTemplate(String file) {
    this.file = file;
  }

  public String resource() {
    return "mail/" + file + ".txt";
  }
}
