package com.smeloanflow.notification;

/**
 * The mails the bank sends applicants and borrowers, and its staff about their work. Each has a readable Chinese template in
 * {@code src/main/resources/mail/<file>.txt}: the first line is the subject, the rest the body, with
 * {@code ${placeholder}} values from the {@link MailValueProvider}s of its {@link MailCaseType},
 * filled by {@link MailOutbox}.
 */
public enum MailTemplate {
  DOCUMENTS_MISSING("documents-missing", MailCaseType.APPLICATION),
  APPLICATION_WITHDRAWN("application-withdrawn", MailCaseType.APPLICATION),
  APPLICATION_REJECTED("application-rejected", MailCaseType.APPLICATION),
  /** To the applicant of an approved term loan: sign the loan contract (借款合同). */
  CONTRACT_READY("contract-ready", MailCaseType.APPLICATION),
  /** To the applicant of an approved REVOLVING_LINE: sign the credit-line contract (循环额度借款合同); nothing is paid out. */
  CREDIT_LINE_CONTRACT_READY("credit-line-contract-ready", MailCaseType.APPLICATION),
  DISBURSEMENT_HELD("disbursement-held", MailCaseType.APPLICATION),
  /** A REVOLVING_LINE's {@link #DISBURSEMENT_HELD}: the line opens later (nothing is paid out). */
  CREDIT_LINE_OPENING_HELD("credit-line-opening-held", MailCaseType.APPLICATION),
  DISBURSEMENT_DOCUMENTS_REQUIRED("disbursement-documents-required", MailCaseType.APPLICATION),
  /** A REVOLVING_LINE's {@link #DISBURSEMENT_DOCUMENTS_REQUIRED}: documents before the line opens. */
  CREDIT_LINE_DOCUMENTS_REQUIRED("credit-line-documents-required", MailCaseType.APPLICATION),
  LOAN_DISBURSED("loan-disbursed", MailCaseType.APPLICATION),
  /** To the borrower whose approved REVOLVING_LINE opened a credit line (creditline): limit, validity, how to draw. */
  CREDIT_LINE_OPENED("credit-line-opened", MailCaseType.APPLICATION),
  /**
   * To the borrower of a drawdown on a credit line, once it is booked (creditline; case id = the drawdown's loan id):
   * amount, rate, term, maturity, the repayment schedule, what is left to draw, how to repay.
   */
  DRAWDOWN_BOOKED("drawdown-booked", MailCaseType.LOAN),
  /** To the borrower: the annual review keeps the credit line as it is (creditline). */
  CREDIT_LINE_CONTINUED("credit-line-continued", MailCaseType.APPLICATION),
  /** To the borrower: the annual review reduced the credit line's limit. */
  CREDIT_LINE_REDUCED("credit-line-reduced", MailCaseType.APPLICATION),
  /** To the borrower: the annual review froze the credit line (no further drawdowns). */
  CREDIT_LINE_FROZEN("credit-line-frozen", MailCaseType.APPLICATION),
  /** To the borrower: the annual review closed the credit line. */
  CREDIT_LINE_CLOSED("credit-line-closed", MailCaseType.APPLICATION),
  /** To the borrower: the credit line's validity has ended. */
  CREDIT_LINE_EXPIRED("credit-line-expired", MailCaseType.APPLICATION),
  /** To the borrower of an overdue loan (collections, D+1). */
  OVERDUE_REMINDER("overdue-reminder", MailCaseType.LOAN),
  /** To the borrower whose repayment cleared the arrears (collections, cure). */
  ARREARS_CLEARED("arrears-cleared", MailCaseType.LOAN),
  /**
   * To the borrower whose collection case a repayment paid on time ended (collections: paid on the due date, reported
   * after that date's close opened the case) and who was sent {@link #OVERDUE_REMINDER}: the repayment was on time,
   * the reminder may be ignored. Instead of {@link #ARREARS_CLEARED}; without a reminder nothing is sent.
   */
  REPAYMENT_ON_TIME("repayment-on-time", MailCaseType.LOAN),
  /** To the borrower whose loan a post-loan check called in (monitoring): repay by the date given. */
  LOAN_CALLED_IN("loan-called-in", MailCaseType.LOAN),
  /** To the borrower of a loan the daily close settled (servicing, 结清). */
  LOAN_SETTLED("loan-settled", MailCaseType.LOAN),
  /**
   * To the borrower whose repayment core banking reversed (servicing, 还款冲正, e.g. a bounced payment): what was
   * reversed, what is owed now and by when.
   */
  REPAYMENT_REVERSED("repayment-reversed", MailCaseType.LOAN),
  /**
   * To the borrower of a settled loan a reversed repayment reopened (servicing): as {@link #REPAYMENT_REVERSED}, and the
   * settlement notice no longer holds.
   */
  LOAN_REOPENED("loan-reopened", MailCaseType.LOAN),
  /**
   * To the borrower of a written-off loan whose payment repaid all that was still owed (servicing, a recovery 核销后收回
   * that leaves nothing of the claim): the payment was received and nothing is owed any more. It does not speak of the
   * write-off, an internal accounting act.
   */
  RECOVERY_REPAID("recovery-repaid", MailCaseType.LOAN),
  /**
   * To the borrower of a written-off loan whose payment core banking reversed (servicing, a bounced recovery): the
   * payment counts as unpaid, and what is owed now. It does not speak of the write-off.
   */
  RECOVERY_REVERSED("recovery-reversed", MailCaseType.LOAN),
  /** To a borrower whose loan qualifies for renewal without repaying principal (renewal): apply by the date given. */
  RENEWAL_OFFERED("renewal-offered", MailCaseType.LOAN),
  /** To a borrower whose renewal application was declined (renewal): the old loan runs to maturity. */
  RENEWAL_DECLINED("renewal-declined", MailCaseType.LOAN),
  /** To a borrower whose renewal was approved (renewal): sign the renewal contract before maturity. */
  RENEWAL_CONTRACT_READY("renewal-contract-ready", MailCaseType.LOAN),
  /** To a borrower whose loan was renewed at maturity (renewal): the new loan account. */
  RENEWAL_COMPLETED("renewal-completed", MailCaseType.LOAN),
  /**
   * To a borrower whose renewal lapsed at maturity (renewal): the contract not signed, or the application not yet decided;
   * repay as agreed.
   */
  RENEWAL_LAPSED("renewal-lapsed", MailCaseType.LOAN),
  /**
   * To a borrower who prepaid principal after signing the renewal contract and whose renewal the bank then did
   * not carry out (renewal, 复核续贷金额): repay as agreed.
   */
  RENEWAL_WITHDRAWN("renewal-withdrawn", MailCaseType.LOAN),
  /** To a borrower who prepaid all principal due at maturity after signing (renewal): nothing to renew. */
  RENEWAL_NOT_NEEDED("renewal-not-needed", MailCaseType.LOAN),
  /**
   * To a borrower whose signed renewal was not carried out because the maturity principal was already overdue when
   * the renewal was to be made (renewal): repay as agreed.
   */
  RENEWAL_MATURITY_OVERDUE("renewal-maturity-overdue", MailCaseType.LOAN),
  /**
   * To a borrower whose renewal under way ended because the bank called the loan in (renewal, 贷款已提前收回): no new
   * loan; repay as the call-in notice says.
   */
  RENEWAL_CALLED_IN("renewal-called-in", MailCaseType.LOAN),
  /** To staff ({@link MailCaseType#STAFF}): a task reached its SLA goal. */
  SLA_REMINDER("sla-reminder", MailCaseType.STAFF),
  /** To a team's leads ({@link MailCaseType#STAFF}): a task passed its SLA deadline. */
  SLA_ESCALATION("sla-escalation", MailCaseType.STAFF);

  private final String file;
  private final MailCaseType caseType;

  MailTemplate(String file, MailCaseType caseType) {
    this.file = file;
    this.caseType = caseType;
  }

  /**
   * What the case id of this mail is: an application id, a loan id, or for a mail to staff the business key of the
   * task's process ({@link MailCaseType#STAFF}).
   */
  public MailCaseType caseType() {
    return caseType;
  }

  public String resource() {
    return "mail/" + file + ".txt";
  }
}
