package com.smeloanflow.platform;

import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.stereotype.Component;

/**
 * A task is held only by someone of its post: on every user task of every process, an assignment
 * (a claim, a team lead's reassignment, the engine REST API, the Java API) to a person who is not a
 * member of one of the task's candidate groups is refused with an {@link AuthorizationException}
 * (403 over REST). A team lead therefore reassigns only to candidates of the task's group. Tasks
 * without candidate groups (assigned by the model, e.g. a committee member's vote) are guarded by
 * their own listeners.
 */
@Component
public class TaskCandidateGuard extends AbstractProcessEnginePlugin implements TaskListener {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    EveryUserTaskDefinition.change(configuration, task -> task.addTaskListener(TaskListener.EVENTNAME_ASSIGNMENT, this));
  }

  @Override
  public void notify(DelegateTask task) {
    String assignee = task.getAssignee();
    if (assignee == null) {
      return;
    }
    Set<String> candidateGroups = task.getCandidates().stream()
        .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
        .map(IdentityLink::getGroupId).collect(Collectors.toSet());
    if (candidateGroups.isEmpty()) {
      return;
    }
    long member = task.getProcessEngineServices().getIdentityService().createGroupQuery().groupMember(assignee)
        .groupIdIn(candidateGroups.toArray(String[]::new)).count();
    if (member == 0) {
      throw new AuthorizationException(StaffText.of("任务“" + task.getName() + "”只能由 " + String.join("、", candidateGroups)
          + " 的成员办理, 不能分配给 " + assignee, "task " + task.getId() + " may be held only by a member of "
          + String.join(", ", candidateGroups) + ", not by " + assignee));
    }
  }
}
