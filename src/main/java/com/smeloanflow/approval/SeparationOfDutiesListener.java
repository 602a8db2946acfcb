package com.smeloanflow.approval;

import static com.smeloanflow.process.LoanOriginationProcess.Variables.APPLICATION_ID;

import com.smeloanflow.platform.TaskActor;
import com.smeloanflow.process.LoanOriginationProcess.Elements;
import java.util.LinkedHashSet;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Task listener (assignment, complete) on the approval tasks and the disbursement check: refuses a
 * claim, an assignment or a completion by a person the {@link SeparationOfDuties} excludes.
 */
@Component("separationOfDutiesGuard")
public class SeparationOfDutiesListener implements TaskListener {

  private final SeparationOfDuties separation;

  public SeparationOfDutiesListener(SeparationOfDuties separation) {
    this.separation = separation;
  }

  @Override
  public void notify(DelegateTask task) {
    Set<String> people = new LinkedHashSet<>();
    if (task.getAssignee() != null) {
      people.add(task.getAssignee());
    }
    if (EVENTNAME_COMPLETE.equals(task.getEventName())) {
      people.add(TaskActor.of(task));
    }
    String applicationId = APPLICATION_ID.from(task);
    boolean disbursementCheck = Elements.TASK_CHECK_DISBURSEMENT_CONDITIONS.equals(task.getTaskDefinitionKey());
    for (String person : people) {
      if (disbursementCheck) {
        separation.requireMayCheckDisbursement(applicationId, person);
      } else {
        separation.requireMayApprove(applicationId, person);
      }
    }
  }
}
