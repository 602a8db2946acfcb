package com.smeloanflow.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Brings the grants by which a branch's staff read each other and the central staff who hold branch tasks
 * ({@link BranchStaffReads}) up to date with the directory's memberships while the nodes run: with a read-only
 * directory (LDAP) a membership changes in the directory, outside any engine command, and a group deleted with the
 * engine's own directory takes its memberships with it without the membership hooks; the start's set-up
 * ({@link IdentitySetup}) is then the only other moment they are checked.
 *
 * <p>A re-sync reads the members of every branch's groups and of {@link BranchStaffReads#HOLDERS_OF_BRANCH_TASKS}
 * ({@link GroupMemberships}) and the branch groups' grants on single users, one statement per 100 groups
 * ({@link CamundaGrants#readingUserGrantsOf}), and writes only the differences: a grant for each member a branch's
 * groups do not read yet, a deletion for each user they read who is no longer a member. It lists no other group and
 * reads no other grant. One node per {@code smeloan.identity.directory-sync.interval} re-syncs for the cluster
 * ({@link DirectorySyncStore}: the node whose last re-sync is due claims it, as the cluster figures are read).
 */
@Component
public class DirectorySync {

  private final CamundaGrants grants;
  private final BranchGroups branchGroups;
  private final BranchRepository branches;
  private final DirectorySyncStore store;
  private final Duration interval;
  private final String claimant;

  DirectorySync(CamundaGrants grants, BranchGroups branchGroups, BranchRepository branches, DirectorySyncStore store,
      @Value("${smeloan.identity.directory-sync.interval:PT5M}") Duration interval,
      @Value("${smeloan.cluster.node-name:node}") String nodeName) {
    this.grants = grants;
    this.branchGroups = branchGroups;
    this.branches = branches;
    this.store = store;
    this.interval = interval;
    this.claimant = nodeName + "#" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** The interval of the cluster's re-syncs. */
  public Duration interval() {
    return interval;
  }

  /**
   * Re-syncs when no node has done so within nine tenths of the interval before {@code now} and no other node is
   * re-syncing, and stores that it did.
   *
   * @return whether this node re-synced
   */
  public boolean syncForCluster(Instant now) {
    if (!store.claim(claimant, now, now.minus(interval.multipliedBy(9).dividedBy(10)), interval)) {
      return false;
    }
    try {
      sync();
    } catch (RuntimeException e) {
      store.release(claimant);
      throw e;
    }
    store.synced(now, claimant);
    return true;
  }

  /** Re-syncs on this node now: writes what differs from the directory's memberships, nothing else. */
  public void sync() {
    // Every branch, active or not, as at start: a deactivated branch's staff still finish its open work.
    List<String> codes = branches.all().stream().map(BranchDetails::code).toList();
    List<String> readers = new ArrayList<>();
    codes.forEach(code -> readers.addAll(BranchStaffReads.readers(code)));
    branchGroups.staffRead(codes, grants.readingUserGrantsOf(readers));
  }
}
