package com.smeloanflow.platform;

import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.persistence.entity.PropertyChange;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.stereotype.Component;

/**
 * A task is held only by someone of its post: on every user task of every process, an assignment
 * (a claim, a team lead's reassignment, the engine REST API, the Java API) to a person who is not a
 * member of one of the task's candidate groups is refused with an {@link AuthorizationException}
 * (403 over REST). A team lead therefore reassigns only to candidates of the task's group. So is
 * naming such a person the task's owner ({@code PUT /engine-rest/task/{id}} with {@code owner},
 * {@code TaskService#setOwner}): Camunda grants a task's owner reading and working it, so a lead who
 * may hand a task on (TASK_ASSIGN) could otherwise let another branch's staff read the task, its form
 * and its instance's variables. Tasks without candidate groups (assigned by the model, e.g. a
 * committee member's vote) are guarded by their own listeners.
 */
@Component
public class TaskCandidateGuard extends AbstractProcessEnginePlugin implements TaskListener {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    EveryUserTaskDefinition.change(configuration, task -> {
      task.addTaskListener(TaskListener.EVENTNAME_ASSIGNMENT, this);
      task.addTaskListener(TaskListener.EVENTNAME_UPDATE, this);
    });
  }

  @Override
  public void notify(DelegateTask task) {
    if (TaskListener.EVENTNAME_UPDATE.equals(task.getEventName())) {
      String owner = newOwner(task);
      if (owner != null) {
        requireCandidate(task, owner, "不能把 " + owner + " 设为任务所有者", "may be owned only by a member of ", "not by " + owner);
      }
      return;
    }
    String assignee = task.getAssignee();
    if (assignee == null) {
      return;
    }
    requireCandidate(task, assignee, "不能分配给 " + assignee, "may be held only by a member of ", "not by " + assignee);
  }

  /** The owner an update names, when it changes the owner to a person (an update of other fields: null). */
  private static String newOwner(DelegateTask task) {
    if (!(task instanceof TaskEntity entity)) {
      return null;
    }
    PropertyChange change = entity.getPropertyChanges().get(TaskEntity.OWNER);
    return change == null ? null : (String) change.getNewValue();
  }

  private static void requireCandidate(DelegateTask task, String userId, String refused, String mayEnglish, String notEnglish) {
    Set<String> candidateGroups = task.getCandidates().stream()
        .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
        .map(IdentityLink::getGroupId).collect(Collectors.toSet());
    if (candidateGroups.isEmpty()) {
      return;
    }
    long member = task.getProcessEngineServices().getIdentityService().createGroupQuery().groupMember(userId)
        .groupIdIn(candidateGroups.toArray(String[]::new)).count();
    if (member == 0) {
      throw new AuthorizationException(StaffText.of("任务“" + task.getName() + "”只能由 " + String.join("、", candidateGroups)
          + " 的成员办理, " + refused, "task " + task.getId() + " " + mayEnglish + String.join(", ", candidateGroups) + ", "
          + notEnglish));
    }
  }
}
