package com.smeloanflow.identity;

import com.smeloanflow.process.LoanOriginationProcess;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
  private final GroupMemberships memberships;

  BranchGroups(CamundaGrants grants, TasklistFilters filters, GroupMemberships memberships) {
    this.grants = grants;
    this.filters = filters;
    this.memberships = memberships;
  }

  public static List<String> of(String branchCode) {
    return List.of(Groups.acceptance(branchCode), Groups.customerManagers(branchCode));
  }

  /** The branch's staff groups ({@link #of}) and its lead group. */
  static List<String> withLeads(String branchCode) {
    return List.of(Groups.acceptance(branchCode), Groups.customerManagers(branchCode), Groups.leads(branchCode));
  }

  /**
   * Creates (or renames) the branch's groups and grants what they need, and lets them read the staff who hold the
   * branch's tasks ({@link #staffRead}): a new branch has no staff of its own yet, but the central staff are there.
   */
  public void ensure(String branchCode, String branchName) {
    ensure(branchCode, branchName, filters.ensure(), grants);
    staffRead(List.of(branchCode), grants);
  }

  /**
   * Each branch's groups read the branch's staff (the members of its groups) and the central staff who hold branches'
   * tasks ({@link BranchStaffReads#HOLDERS_OF_BRANCH_TASKS}), and no other user one by one ({@link BranchStaffReads}):
   * at every start, for users from before and for a read-only directory. The members of all these groups are read at
   * once ({@link GroupMemberships}).
   */
  void staffRead(Collection<String> branchCodes, CamundaGrants grants) {
    List<String> groups = new ArrayList<>(BranchStaffReads.HOLDERS_OF_BRANCH_TASKS);
    branchCodes.forEach(code -> groups.addAll(BranchStaffReads.readers(code)));
    Map<String, Set<String>> members = memberships.of(groups);
    Set<String> holders = new TreeSet<>();
    BranchStaffReads.HOLDERS_OF_BRANCH_TASKS.forEach(group -> holders.addAll(members.get(group)));
    for (String code : branchCodes) {
      List<String> readers = BranchStaffReads.readers(code);
      Set<String> readable = new TreeSet<>(holders);
      readers.forEach(group -> readable.addAll(members.get(group)));
      grants.onlyTheseUsersReadBy(readers, readable);
    }
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
