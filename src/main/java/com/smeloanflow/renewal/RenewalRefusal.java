package com.smeloanflow.renewal;

import com.smeloanflow.platform.StateConflictException;

/** Why an application for renewal is refused (409): the code for the channel, the text for the borrower. */
public enum RenewalRefusal {
  NOT_IN_WINDOW("该笔贷款不在续贷办理期内 (到期前30至60天的流动资金贷款)"),
  NOT_OFFERED("该笔贷款未获无还本续贷邀请"),
  OFFER_EXPIRED("续贷邀请已过期, 最迟申请日为到期前30天"),
  PRINCIPAL_CHANGED("提前还款后到期应还本金已与续贷邀请金额不同, 续贷邀请失效; 如仍需续贷请联系客户经理"),
  ALREADY_APPLIED("该笔贷款已提交过续贷申请"),
  CALLED_IN("该笔贷款已提前收回, 不能办理无还本续贷, 请按提前收回贷款通知还款"),
  REQUEST_ID_REUSED("请求编号已用于其他贷款的续贷申请");

  private final String text;

  RenewalRefusal(String text) {
    this.text = text;
  }

  public String text() {
    return text;
  }

  /** The 409: "[CODE] text (借据 …)". */
  StateConflictException refuse(String loanId, String detail) {
    return new StateConflictException("[" + name() + "] " + text + " (借据 " + loanId + (detail == null ? "" : ", " + detail) + ")");
  }
}
