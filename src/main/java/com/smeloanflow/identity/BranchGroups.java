package com.smeloanflow.identity;

import com.smeloanflow.process.LoanOriginationProcess;
import java.util.List;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.springframework.stereotype.Component;

/**
 * The Camunda side of a branch, in one place for the branch's creation ({@link BranchService}) and
 * every start ({@link IdentitySetup}): its groups {@code <code>-acceptance} (受理岗) and
 * {@code <code>-customer-managers} (客户经理), with Tasklist, the personal filters, and the right to
 * start loan-origination from the counter start form; and its lead group {@code <code>-leads} (团队主管)
 * with the lead filters. Task visibility comes from candidate groups (and, for the leads, from
 * {@link TeamTaskAuthorizations}), so each group sees its own branch's tasks only. Idempotent.
 */
@Component
public class BranchGroups {

  private final CamundaGrants grants;
  private final TasklistFilters filters;

  BranchGroups(CamundaGrants grants, TasklistFilters filters) {
    this.grants = grants;
    this.filters = filters;
  }

  public static List<String> of(String branchCode) {
    return List.of(Groups.acceptance(branchCode), Groups.customerManagers(branchCode));
  }

  /** The branch's staff groups ({@link #of}) and its lead group. */
  static List<String> withLeads(String branchCode) {
    return List.of(Groups.acceptance(branchCode), Groups.customerManagers(branchCode), Groups.leads(branchCode));
  }

  /** Creates (or renames) the branch's groups and grants what they need. */
  public void ensure(String branchCode, String branchName) {
    ensure(branchCode, branchName, filters.ensure(), grants);
  }

  /**
   * The branch's groups read the branch's staff (the members of its groups) and no other user one by one
   * ({@link BranchStaffReads}): at every start, for users from before and for a read-only directory.
   */
  void staffReadEachOther(String branchCode, CamundaGrants grants) {
    List<String> readers = BranchStaffReads.readers(branchCode);
    grants.onlyTheseUsersReadBy(readers, grants.membersOf(readers));
  }

  /** The same with the filters' ids known and the writes of a whole set-up ({@link CamundaGrants#readingAtOnce}). */
  void ensure(String branchCode, String branchName, TasklistFilters.Ids filterIds, CamundaGrants grants) {
    grants.ensureGroup(Groups.acceptance(branchCode), branchName + " 受理岗");
    grants.ensureGroup(Groups.customerManagers(branchCode), branchName + " 客户经理");
    grants.ensureGroup(Groups.leads(branchCode), branchName + " 团队主管");
    grants.teamLead(Groups.leads(branchCode), filterIds);
    // Branch isolation of the directory (BranchStaffReads): the branch's lead group no longer reads every user and
    // group, as an earlier version granted; the branch's groups read the branch's groups and the central groups its
    // tasks name.
    grants.revoke(Groups.leads(branchCode), Resources.USER, "*", Permissions.READ);
    grants.revoke(Groups.leads(branchCode), Resources.GROUP, "*", Permissions.READ);
    for (String reader : BranchStaffReads.readers(branchCode)) {
      for (String group : BranchStaffReads.readableGroups(branchCode)) {
        grants.grant(reader, Resources.GROUP, group, Permissions.READ);
      }
    }
    for (String group : of(branchCode)) {
      grants.taskWorker(group, filterIds);
      // Counter intake: branch staff start loan-origination from Tasklist's start form.
      grants.grant(group, Resources.PROCESS_DEFINITION, LoanOriginationProcess.KEY,
          ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.CREATE_INSTANCE);
      grants.grant(group, Resources.PROCESS_INSTANCE, "*", Permissions.CREATE);
    }
  }
}
