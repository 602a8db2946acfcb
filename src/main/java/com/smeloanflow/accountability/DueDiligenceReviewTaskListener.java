package com.smeloanflow.accountability;

import com.smeloanflow.platform.TaskActor;
import com.smeloanflow.platform.TaskForm;
import java.util.EnumMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** Task listener (complete) of "尽职免责认定": the reviewer's finding and reason per role, to the service. */
@Component("dueDiligenceReviewTask")
public class DueDiligenceReviewTaskListener implements TaskListener {

  private final DueDiligenceReviewService reviews;

  public DueDiligenceReviewTaskListener(DueDiligenceReviewService reviews) {
    this.reviews = reviews;
  }

  @Override
  public void notify(DelegateTask task) {
    TaskForm form = TaskForm.of(task);
    Map<OfficerRole, ConcludeReview.RoleFinding> findings = new EnumMap<>(OfficerRole.class);
    for (OfficerRole role : OfficerRole.values()) {
      DueDiligenceOutcome outcome = form.optionalChoice(role.outcomeField(), role.label() + "认定结论", DueDiligenceOutcome.class);
      String reason = form.text(role.reasonField());
      if (outcome != null || reason != null) {
        findings.put(role, new ConcludeReview.RoleFinding(outcome, reason));
      }
    }
    reviews.conclude(new ConcludeReview(task.getExecution().getProcessBusinessKey(), findings, TaskActor.of(task)));
    for (OfficerRole role : OfficerRole.values()) {
      form.discard(role.outcomeField(), role.reasonField());
    }
  }
}
