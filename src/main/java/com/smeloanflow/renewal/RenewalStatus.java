package com.smeloanflow.renewal;

/** Where a loan's renewal without repaying principal (无还本续贷) stands, with the label staff and the channel see. */
public enum RenewalStatus {
  /** The eligibility table found a condition not met: nothing offered, the reason kept for staff. */
  NOT_ELIGIBLE("不符合续贷条件"),
  /** Offered to the borrower, who may apply until the offer expires. */
  OFFERED("已邀约, 待借款人申请"),
  /** The borrower applied; approval follows the authority rules. */
  APPLIED("已申请, 审批中"),
  /** Approved; the renewal contract awaits the borrower's signature before the old loan matures. */
  APPROVED("已批准, 待签署续贷合同"),
  /** Signed; the old loan is repaid with the new one at maturity. */
  SIGNED("已签约, 到期日办理续贷"),
  /**
   * Declined (by the model, an approver or the committee; or, signed, by the maturity posting when the loan no longer
   * met the eligibility table): the old loan runs to maturity as agreed.
   */
  DECLINED("未获批准"),
  /** Renewed at maturity: the old loan's principal repaid with the new loan's. */
  RENEWED("已续贷"),
  /**
   * Not carried out by maturity: still awaiting a decision (审批续贷申请, the committee or the chair) or, approved, the
   * contract not signed when the old loan matured. The old loan falls due as agreed.
   */
  LAPSED("到期前未完成审批或签约, 续贷失效"),
  /**
   * Signed, but a prepayment since changed the principal due at maturity: nothing posted; the approver group
   * decides in 复核续贷金额 (renew the principal now due, or not renew).
   */
  AMOUNT_REVIEW("到期应还本金已变更, 待复核续贷金额"),
  /** Not renewed after a prepayment since signing (复核续贷金额): the old loan falls due as agreed. */
  WITHDRAWN("签约后提前还款, 不再续贷, 原贷款按约到期"),
  /** All principal due at maturity was prepaid after signing: nothing to renew, no new loan. */
  PRINCIPAL_PREPAID("到期本金已提前还清, 无需续贷"),
  /**
   * Signed, but when the maturity posting ran the daily close had already counted the maturity principal overdue:
   * nothing posted (a loan overdue at maturity is not renewed); the old loan falls due as agreed.
   */
  MATURITY_OVERDUE("到期本金已逾期, 续贷未办理, 原贷款按约到期"),
  /**
   * Its process ended before the renewal reached any of the ends above: an operator cancelled the instance (in Cockpit
   * or over the engine API). Nothing more is decided, signed or posted; the old loan falls due as agreed.
   */
  CANCELLED("已撤销: 续贷流程已由运维人员终止, 原贷款按约到期"),
  /**
   * Under way (applied, approved, signed or in 复核续贷金额) when a post-loan check called the loan in (提前收回贷款): a
   * called-in loan is never renewed. Open tasks are cancelled, a contract sent and not signed is cancelled in the
   * e-signature service, nothing is posted; the borrower repays by the call-in's date ({@link RenewalCallIns}).
   */
  CALLED_IN("贷款已提前收回, 续贷终止");

  /**
   * Applied for and not yet at an end: a process instance of the renewal is under way (from APPLIED until it ends);
   * should it end in one of these, nothing recorded its end.
   */
  public boolean underWay() {
    return this == APPLIED || this == APPROVED || this == SIGNED || this == AMOUNT_REVIEW;
  }

  private final String label;

  RenewalStatus(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** What the channel shows the borrower when the renewal was cancelled: no word of the bank's operators. */
  static final String CANCELLED_FOR_BORROWER = "续贷已终止, 原贷款按约到期";

  /**
   * The label the channel shows the borrower: {@link #label()}, except for {@link #CANCELLED}, whose label tells staff
   * an operator ended the process (an internal matter): the borrower reads {@value #CANCELLED_FOR_BORROWER}.
   */
  public String customerLabel() {
    return this == CANCELLED ? CANCELLED_FOR_BORROWER : label;
  }
}
