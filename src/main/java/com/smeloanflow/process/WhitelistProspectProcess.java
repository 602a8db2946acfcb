package com.smeloanflow.process;

import java.util.Date;

/**
 * Declaration of {@code bpmn/whitelist-prospect.bpmn} (白名单客户营销): one instance per prospect of a
 * whitelist, business key = the prospect id. The customer manager it is assigned to contacts it; an
 * interested prospect becomes a loan application, "not now" and "not reachable" come back on the
 * follow-up date, "not eligible" ends it.
 */
public final class WhitelistProspectProcess {

  public static final String KEY = "whitelist-prospect";

  private WhitelistProspectProcess() {}

  public static final class Elements {
    /** 白名单客户已分配 */
    public static final String START_PROSPECT_ASSIGNED = "StartEvent_ProspectAssigned";
    public static final String GATEWAY_CONTACT_ATTEMPT = "Gateway_ContactAttempt";
    /** 联系白名单客户 */
    public static final String TASK_CONTACT_PROSPECT = "UserTask_ContactProspect";
    /** 联系结果? */
    public static final String GATEWAY_CONTACT_OUTCOME = "Gateway_ContactOutcome";
    /** 已转为贷款申请 */
    public static final String END_APPLICATION_SUBMITTED = "EndEvent_ApplicationSubmitted";
    /** 回访日期已到 */
    public static final String TIMER_FOLLOW_UP_DUE = "TimerEvent_FollowUpDue";
    /** 不符合条件 */
    public static final String END_NOT_ELIGIBLE = "EndEvent_NotEligible";

    private Elements() {}
  }

  public static final class Flows {
    public static final String PROSPECT_ASSIGNED = "SequenceFlow_ProspectAssigned";
    public static final String TO_CONTACT = "SequenceFlow_ToContact";
    public static final String CONTACTED = "SequenceFlow_Contacted";
    /** 有意向 */
    public static final String INTERESTED = "SequenceFlow_Interested";
    /** 暂不需要 / 无法联系 */
    public static final String FOLLOW_UP_LATER = "SequenceFlow_FollowUpLater";
    /** 不符合条件 */
    public static final String NOT_ELIGIBLE = "SequenceFlow_NotEligible";
    public static final String FOLLOW_UP_DUE = "SequenceFlow_FollowUpDue";

    private Flows() {}
  }

  /** The prospect id is the business key. */
  public static final class Variables {
    /** The branch whose customer managers may work the prospect (candidate group). */
    public static final ProcessVariable<String> BRANCH_CODE = ProcessVariable.of("branchCode", String.class);
    /** The customer manager the prospect is assigned to (the contact task's assignee). */
    public static final ProcessVariable<String> CUSTOMER_MANAGER = ProcessVariable.of("customerManager", String.class);
    /** INTERESTED, NOT_NOW, NOT_REACHABLE or NOT_ELIGIBLE, from the last contact. */
    public static final ProcessVariable<String> CONTACT_OUTCOME = ProcessVariable.of("contactOutcome", String.class);
    /** When the contact task comes back (the follow-up date, 09:00, on a working day). */
    public static final ProcessVariable<Date> FOLLOW_UP_AT = ProcessVariable.of("followUpAt", Date.class);

    private Variables() {}
  }
}
