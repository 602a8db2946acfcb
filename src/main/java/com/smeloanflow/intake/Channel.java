package com.smeloanflow.intake;

/** Where an application comes from (多渠道获客). */
public enum Channel {
  MOBILE_APP("手机银行", true),
  MINI_PROGRAM("小程序", true),
  BRANCH_COUNTER("网点柜面", false),
  CUSTOMER_MANAGER_PAD("客户经理移动终端", false),
  WHITELIST("白名单营销", false);

  private final String label;
  private final boolean online;

  Channel(String label, boolean online) {
    this.label = label;
    this.online = online;
  }

  public String label() {
    return label;
  }

  /** Online channels submit documents electronically and identify the applicant themselves. */
  public boolean isOnline() {
    return online;
  }
}
