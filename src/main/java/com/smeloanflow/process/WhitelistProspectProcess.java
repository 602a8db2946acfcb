package com.smeloanflow.process;

import java.util.Date;

/**
 * Declaration of {@code bpmn/whitelist-prospect.bpmn} (白名单客户营销): one instance per prospect of a
 * whitelist, business key = the prospect id. The customer manager it is assigned to contacts it; an
 * interested prospect becomes a loan application, "not now" and "not reachable" come back on the
 * follow-up date, "not eligible" ends it. Before every contact task the enterprise is checked: one that
 * has applied (any channel) or become a customer meanwhile ends as converted, no task offered; and an
 * application it submits while the prospect is worked ends the prospect at once, its task withdrawn; when that
 * message is lost, the contact recorded next finds the application, submits none and the prospect ends as converted.
 */
public final class WhitelistProspectProcess {

  public static final String KEY = "whitelist-prospect";

  private WhitelistProspectProcess() {}

  public static final class Elements {
    /** 白名单客户已分配 */
    public static final String START_PROSPECT_ASSIGNED = "StartEvent_ProspectAssigned";
    public static final String GATEWAY_CONTACT_ATTEMPT = "Gateway_ContactAttempt";
    /** 核查企业在我行的申请与贷款 */
    public static final String TASK_CHECK_ENTERPRISE_RELATION = "ServiceTask_CheckEnterpriseRelation";
    /** 企业已申请或已是我行客户? */
    public static final String GATEWAY_ENTERPRISE_CONVERTED = "Gateway_EnterpriseConverted";
    /** 结束已转化的白名单客户 (found by the check) */
    public static final String TASK_CLOSE_CONVERTED_PROSPECT = "ServiceTask_CloseConvertedProspect";
    /** 已转化 (已申请或已是我行客户) */
    public static final String END_PROSPECT_CONVERTED = "EndEvent_ProspectConverted";
    /** 企业自行申请 (event subprocess) */
    public static final String SUBPROCESS_ENTERPRISE_APPLIED = "SubProcess_EnterpriseApplied";
    /** 企业已提交贷款申请 */
    public static final String START_ENTERPRISE_APPLIED = "StartEvent_EnterpriseApplied";
    /** 结束已转化的白名单客户 (the enterprise applied while the prospect was worked) */
    public static final String TASK_CLOSE_APPLIED_PROSPECT = "ServiceTask_CloseAppliedProspect";
    /** 已转化 (企业已自行申请) */
    public static final String END_PROSPECT_APPLIED = "EndEvent_ProspectApplied";
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
    public static final String TO_RELATION_CHECK = "SequenceFlow_ToRelationCheck";
    public static final String RELATION_CHECKED = "SequenceFlow_RelationChecked";
    /** 否: neither applied nor a customer, the contact task is offered */
    public static final String NOT_CONVERTED = "SequenceFlow_NotConverted";
    /** 是: applied or a customer meanwhile */
    public static final String ENTERPRISE_CONVERTED = "SequenceFlow_EnterpriseConverted";
    public static final String CONVERTED_CLOSED = "SequenceFlow_ConvertedClosed";
    public static final String TO_CLOSE_APPLIED_PROSPECT = "SequenceFlow_ToCloseAppliedProspect";
    public static final String APPLIED_PROSPECT_CLOSED = "SequenceFlow_AppliedProspectClosed";
    public static final String CONTACTED = "SequenceFlow_Contacted";
    /** 有意向 */
    public static final String INTERESTED = "SequenceFlow_Interested";
    /** 暂不需要 / 无法联系 */
    public static final String FOLLOW_UP_LATER = "SequenceFlow_FollowUpLater";
    /** 不符合条件 */
    public static final String NOT_ELIGIBLE = "SequenceFlow_NotEligible";
    public static final String FOLLOW_UP_DUE = "SequenceFlow_FollowUpDue";
    /** 企业已申请或已是我行客户: the contact found the enterprise applied or a customer unheard; checked again, closed */
    public static final String CONTACT_FOUND_ENTERPRISE_KNOWN = "SequenceFlow_ContactFoundEnterpriseKnown";

    private Flows() {}
  }

  public static final class Messages {
    /**
     * The enterprise submitted a loan application other than the one this prospect's contact submits (intake tells
     * the campaign): the prospect ends as converted wherever it is.
     */
    public static final String ENTERPRISE_APPLIED = "ProspectEnterpriseApplied";

    private Messages() {}
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
    /**
     * Whether the enterprise has applied (any channel) or become a customer, as the check before a contact found it, or
     * the contact itself when the prospect never heard of it (then routed back to the check, which closes it).
     */
    public static final ProcessVariable<Boolean> ENTERPRISE_CONVERTED = ProcessVariable.of("enterpriseConverted", Boolean.class);
    /** The application the enterprise submitted through another channel (set by {@link Messages#ENTERPRISE_APPLIED}). */
    public static final ProcessVariable<String> APPLIED_APPLICATION_ID = ProcessVariable.of("appliedApplicationId", String.class);

    private Variables() {}
  }
}
