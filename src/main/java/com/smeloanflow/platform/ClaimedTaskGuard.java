package com.smeloanflow.platform;

import com.smeloanflow.identity.Groups;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.stereotype.Component;

/**
 * A claimed task is completed by the person who holds it: on every user task of every process, a completion by an
 * authenticated user other than the task's assignee is refused with an {@link AuthorizationException} (403 over
 * REST), before the model's own listeners run. Camunda's task permission (TASK_WORK, which every member of the
 * candidate group has) does not look at the assignee, so without this a member of the group could complete, over the
 * engine REST API, a task a colleague has claimed and is working on, and the record would name the wrong person. A
 * task nobody holds may be completed only by a member of one of its candidate groups, as {@link TaskCandidateGuard}
 * lets only them hold it: Camunda's permissions on the process definition also let a process owner (who reads every
 * task for Cockpit, and may move a due date) complete any task, which accepted a branch's application or passed a
 * disbursement check for a head-office role that works no task. The system administrator ({@code camunda-admin}) and
 * the application's own calls (no authenticated user) are not refused. To take over a colleague's task, a team lead
 * hands it on (团队任务, {@code POST /api/tasks/reassignments}).
 */
@Component
public class ClaimedTaskGuard extends AbstractProcessEnginePlugin implements TaskListener {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    // built-in: runs before the model's own complete listeners (and even when custom listeners are skipped)
    EveryUserTaskDefinition.change(configuration, task -> task.addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, this));
  }

  @Override
  public void notify(DelegateTask task) {
    String assignee = task.getAssignee();
    IdentityService identity = task.getProcessEngineServices().getIdentityService();
    Authentication authentication = identity.getCurrentAuthentication();
    if (authentication == null || authentication.getUserId() == null || authentication.getUserId().equals(assignee)
        || (authentication.getGroupIds() != null && authentication.getGroupIds().contains(Groups.CAMUNDA_ADMIN))) {
      return;
    }
    String user = authentication.getUserId();
    if (assignee != null) {
      throw new AuthorizationException(StaffText.of(
          "待办“" + task.getName() + "”已由 " + assignee + " 领取, 只能由其本人办理; 如需接手, 请组长改派给您",
          "task " + task.getId() + " is claimed by " + assignee + "; " + user + " may not complete it"));
    }
    Set<IdentityLink> candidates = task.getCandidates();
    Set<String> candidateGroups = candidates.stream()
        .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
        .map(IdentityLink::getGroupId).collect(Collectors.toCollection(TreeSet::new));
    boolean candidateUser = candidates.stream()
        .anyMatch(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && user.equals(link.getUserId()));
    if (candidateGroups.isEmpty() || candidateUser || isMember(identity, authentication, candidateGroups)) {
      return;
    }
    throw new AuthorizationException(StaffText.of(
        "待办“" + task.getName() + "”只能由 " + String.join("、", candidateGroups) + " 的成员办理, " + user + " 不能办理",
        "task " + task.getId() + " may be completed only by a member of " + String.join(", ", candidateGroups) + "; " + user
            + " is not one"));
  }

  private static boolean isMember(IdentityService identity, Authentication authentication, Set<String> groups) {
    if (authentication.getGroupIds() != null) {
      return authentication.getGroupIds().stream().anyMatch(groups::contains);
    }
    return identity.createGroupQuery().groupMember(authentication.getUserId()).groupIdIn(groups.toArray(String[]::new))
        .count() > 0;
  }
}
