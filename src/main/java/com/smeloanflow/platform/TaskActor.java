package com.smeloanflow.platform;

import java.util.LinkedHashSet;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;

/** Who is working a task: the authenticated user completing it, else its assignee. */
public final class TaskActor {

  private TaskActor() {}

  public static String of(DelegateTask task) {
    Authentication authentication = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    if (authentication != null && authentication.getUserId() != null) {
      return authentication.getUserId();
    }
    return task.getAssignee() != null ? task.getAssignee() : "unknown";
  }

  /**
   * Who a guard on the task's assignment and completion must check: the assignee (claimed or assigned) and, on
   * completion, whoever completes it.
   */
  public static Set<String> involved(DelegateTask task) {
    Set<String> people = new LinkedHashSet<>();
    if (task.getAssignee() != null) {
      people.add(task.getAssignee());
    }
    if (TaskListener.EVENTNAME_COMPLETE.equals(task.getEventName())) {
      people.add(of(task));
    }
    return people;
  }
}
