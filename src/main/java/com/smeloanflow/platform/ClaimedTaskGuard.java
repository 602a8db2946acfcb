package com.smeloanflow.platform;

import com.smeloanflow.identity.Groups;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * A claimed task is completed by the person who holds it: on every user task of every process, a completion by an
 * authenticated user other than the task's assignee is refused with an {@link AuthorizationException} (403 over
 * REST), before the model's own listeners run. Camunda's task permission (TASK_WORK, which every member of the
 * candidate group has) does not look at the assignee, so without this a member of the group could complete, over the
 * engine REST API, a task a colleague has claimed and is working on, and the record would name the wrong person. A
 * task nobody holds may be completed by whoever may work it (as in Camunda); the system administrator
 * ({@code camunda-admin}) and the application's own calls (no authenticated user) are not refused. To take over a
 * colleague's task, a team lead hands it on (团队任务, {@code POST /api/tasks/reassignments}).
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
    Authentication authentication = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    if (assignee == null || authentication == null || authentication.getUserId() == null
        || assignee.equals(authentication.getUserId())
        || (authentication.getGroupIds() != null && authentication.getGroupIds().contains(Groups.CAMUNDA_ADMIN))) {
      return;
    }
    String user = authentication.getUserId();
    throw new AuthorizationException(StaffText.of(
        "待办“" + task.getName() + "”已由 " + assignee + " 领取, 只能由其本人办理; 如需接手, 请组长改派给您",
        "task " + task.getId() + " is claimed by " + assignee + "; " + user + " may not complete it"));
  }
}
