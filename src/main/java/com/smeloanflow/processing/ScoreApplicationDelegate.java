package com.smeloanflow.processing;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Service task "四维评分": scores the application from its snapshot ({@link ScoringService}); the score
 * card is stored with the application and reaches the decision tables through the facts.
 */
@Component("scoreApplication")
public class ScoreApplicationDelegate implements JavaDelegate {

  private final ScoringService scoring;

  public ScoreApplicationDelegate(ScoringService scoring) {
    this.scoring = scoring;
  }

  @Override
  public void execute(DelegateExecution execution) {
    scoring.scoreApplication(execution.getProcessBusinessKey());
  }
}
