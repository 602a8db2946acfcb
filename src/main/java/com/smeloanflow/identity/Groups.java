package com.smeloanflow.identity;

import java.util.List;

/** The Camunda groups of DESIGN.md §2. Branch groups are per branch: {@code ZY001-acceptance}. */
public final class Groups {

  public static final String CAMUNDA_ADMIN = "camunda-admin";
  public static final String CHANNEL_GATEWAY = "channel-gateway";
  /** The core banking system's technical user: reports repayments and their reversals. */
  public static final String CORE_BANKING = "core-banking";
  public static final String PROCESSING_CENTRE = "processing-centre";
  public static final String REMOTE_BANKING = "remote-banking";
  public static final String CREDIT_APPROVERS = "credit-approvers";
  public static final String CREDIT_COMMITTEE = "credit-committee";
  /** The committee's chair (贷审会主任委员): signs the resolution, casts the deciding vote on a tie. */
  public static final String CREDIT_COMMITTEE_CHAIR = "credit-committee-chair";
  public static final String DISBURSEMENT_OPS = "disbursement-ops";
  public static final String COLLECTIONS = "collections";
  public static final String TEAM_LEADS = "team-leads";
  public static final String PROCESS_OWNERS = "process-owners";
  /** Head office marketing (营销管理岗): imports whitelists and follows the campaigns. */
  public static final String CAMPAIGN_MANAGERS = "campaign-managers";

  /** Central groups with their Chinese names. */
  public static final List<String[]> CENTRAL = List.of(
      new String[] {CAMUNDA_ADMIN, "系统管理员"},
      new String[] {CHANNEL_GATEWAY, "渠道网关(系统)"},
      new String[] {CORE_BANKING, "核心系统(系统)"},
      new String[] {PROCESSING_CENTRE, "集中作业中心"},
      new String[] {REMOTE_BANKING, "远程银行中心"},
      new String[] {CREDIT_APPROVERS, "审批人"},
      new String[] {CREDIT_COMMITTEE, "贷审会委员"},
      new String[] {CREDIT_COMMITTEE_CHAIR, "贷审会主任委员"},
      new String[] {DISBURSEMENT_OPS, "放款审核"},
      new String[] {COLLECTIONS, "资产保全"},
      new String[] {TEAM_LEADS, "团队主管"},
      new String[] {PROCESS_OWNERS, "流程管理员"},
      new String[] {CAMPAIGN_MANAGERS, "营销管理岗"});

  /** Central groups whose staff work tasks in Tasklist. */
  public static final List<String> TASK_WORKERS = List.of(PROCESSING_CENTRE, REMOTE_BANKING, CREDIT_APPROVERS,
      CREDIT_COMMITTEE, CREDIT_COMMITTEE_CHAIR, DISBURSEMENT_OPS, COLLECTIONS, TEAM_LEADS, CAMPAIGN_MANAGERS);

  private Groups() {}

  public static final String ACCEPTANCE_SUFFIX = "-acceptance";
  public static final String CUSTOMER_MANAGERS_SUFFIX = "-customer-managers";

  public static String acceptance(String branchCode) {
    return branchCode + ACCEPTANCE_SUFFIX;
  }

  public static String customerManagers(String branchCode) {
    return branchCode + CUSTOMER_MANAGERS_SUFFIX;
  }

  /** The branch's team leads (团队主管): see and reassign the branch's tasks, receive its escalations. */
  public static String leads(String branchCode) {
    return Teams.leadGroupOf(branchCode);
  }
}
