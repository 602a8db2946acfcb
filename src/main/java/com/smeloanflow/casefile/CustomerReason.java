package com.smeloanflow.casefile;

/**
 * The reviewed catalogue of what an applicant is told when an application ends without a loan
 * (拒绝/撤销原因, customer-facing wording). Staff choose a code; the mail carries its text, never a
 * reviewer's note, an investigator's findings or vote counts, which stay in the internal record.
 * Changing a text here is a change to what customers read: it goes through compliance review like
 * any other customer communication.
 */
public enum CustomerReason {
  /** The product's admission rules (years in business, revenue, licence) are not met. */
  PRODUCT_CRITERIA_NOT_MET("您的企业暂不符合该贷款产品的准入条件（如经营年限、经营规模或证照状态）。"),
  /** Credit records at the bureau, courts or the bank stand against the loan. */
  CREDIT_RECORD("根据征信、司法等信用信息，暂不符合我行授信要求。"),
  /** The overall assessment (score, flows, sector) does not support the loan. */
  OVERALL_ASSESSMENT("经我行综合评估，暂不符合我行授信条件。"),
  /** What the application says could not be verified (identity, business, purpose). */
  INFORMATION_NOT_VERIFIED("申请信息未能通过我行核实。"),
  /** The guarantee offered (guarantor, collateral) is not sufficient. */
  GUARANTEE_INSUFFICIENT("所提供的担保条件未能满足我行要求。"),
  /** Another application of the enterprise is already being processed. */
  DUPLICATE_APPLICATION("您的企业已有正在办理中的贷款申请，请待其办结后再申请。"),
  /** The conditions for paying out the approved loan were not met. */
  DISBURSEMENT_CONDITIONS_NOT_MET("放款前提条件未能落实，本次贷款不予发放，已签署的合同相应解除。"),
  /** The missing documents did not arrive in time (withdrawal). */
  DOCUMENTS_NOT_SUPPLIED("在规定期限内未补充所需资料。"),
  /** The loan contract was not signed in time (withdrawal). */
  CONTRACT_NOT_SIGNED("借款合同未在规定期限内签署，本次批准已失效。"),
  /** The guarantors did not sign their guarantee contracts in time (withdrawal). */
  GUARANTEES_NOT_SIGNED("保证人未在规定期限内签署保证合同，本次批准已失效，已签署的借款合同相应解除。"),
  /** The mortgage was not registered in time (withdrawal). */
  MORTGAGE_NOT_REGISTERED("抵押登记未在规定期限内办理完成，本次批准已失效，已签署的借款合同相应解除。"),
  /** Documents requested before disbursement did not arrive in time. */
  DISBURSEMENT_DOCUMENTS_NOT_SUPPLIED("放款前需补充的资料未在规定期限内提供，本次贷款不予发放，已签署的合同相应解除。"),
  /**
   * A REVOLVING_LINE's {@link #DISBURSEMENT_CONDITIONS_NOT_MET}: nothing would have been paid out, the line is not
   * opened (disbursement chooses it for a line).
   */
  CREDIT_LINE_CONDITIONS_NOT_MET("开通额度的前提条件未能落实，本次循环额度不予开通，已签署的合同相应解除。"),
  /** A REVOLVING_LINE's {@link #DISBURSEMENT_DOCUMENTS_NOT_SUPPLIED}: the line is not opened. */
  CREDIT_LINE_DOCUMENTS_NOT_SUPPLIED("开通额度前需补充的资料未在规定期限内提供，本次循环额度不予开通，已签署的合同相应解除。"),
  /** A REVOLVING_LINE's {@link #CONTRACT_NOT_SIGNED}: its contract is a 循环额度借款合同. */
  CREDIT_LINE_CONTRACT_NOT_SIGNED("循环额度借款合同未在规定期限内签署，本次批准已失效。"),
  /** A REVOLVING_LINE's {@link #GUARANTEES_NOT_SIGNED}: its guarantors sign a 最高额保证合同. */
  CREDIT_LINE_GUARANTEES_NOT_SIGNED("保证人未在规定期限内签署最高额保证合同，本次批准已失效，已签署的循环额度借款合同相应解除。"),
  /** A REVOLVING_LINE's {@link #MORTGAGE_NOT_REGISTERED}: a line is secured by a 最高额抵押. */
  CREDIT_LINE_MORTGAGE_NOT_REGISTERED("最高额抵押登记未在规定期限内办理完成，本次批准已失效，已签署的循环额度借款合同相应解除。");

  private final String text;

  CustomerReason(String text) {
    this.text = text;
  }

  /** What the applicant reads. */
  public String text() {
    return text;
  }

  /**
   * What the applicant of a credit line (REVOLVING_LINE) reads instead: the line's own words (循环额度借款合同, 最高额保证合同,
   * 本次循环额度不予开通) where this reason speaks of a loan contract or a payout; this reason where it holds for both.
   */
  public CustomerReason forCreditLine() {
    return switch (this) {
      case DISBURSEMENT_CONDITIONS_NOT_MET -> CREDIT_LINE_CONDITIONS_NOT_MET;
      case DISBURSEMENT_DOCUMENTS_NOT_SUPPLIED -> CREDIT_LINE_DOCUMENTS_NOT_SUPPLIED;
      case CONTRACT_NOT_SIGNED -> CREDIT_LINE_CONTRACT_NOT_SIGNED;
      case GUARANTEES_NOT_SIGNED -> CREDIT_LINE_GUARANTEES_NOT_SIGNED;
      case MORTGAGE_NOT_REGISTERED -> CREDIT_LINE_MORTGAGE_NOT_REGISTERED;
      default -> this;
    };
  }

  /** The reasons staff may choose when they decline an application in a task form. */
  public static final java.util.Set<CustomerReason> FOR_DECLINE_BY_STAFF = java.util.EnumSet.of(PRODUCT_CRITERIA_NOT_MET,
      CREDIT_RECORD, OVERALL_ASSESSMENT, INFORMATION_NOT_VERIFIED, GUARANTEE_INSUFFICIENT, DUPLICATE_APPLICATION,
      DISBURSEMENT_CONDITIONS_NOT_MET);
}
