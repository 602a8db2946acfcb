package com.smeloanflow.processing;

import static com.smeloanflow.process.LoanOriginationProcess.Variables.APPLICATION_ID;
import static com.smeloanflow.process.LoanOriginationProcess.Variables.DUPLICATE_FOUND;

import com.smeloanflow.casefile.ApplicationHistory;
import com.smeloanflow.intake.LoanApplicationRepository;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Service task "检查重复申请": another open application of the same enterprise (same unified social
 * credit code) is flagged to the processing centre instead of being processed twice.
 */
@Component("checkDuplicates")
public class CheckDuplicatesDelegate implements JavaDelegate {

  private final LoanApplicationRepository applications;
  private final ProcessingOutcomeRepository outcomes;
  private final ApplicationHistory history;

  public CheckDuplicatesDelegate(LoanApplicationRepository applications, ProcessingOutcomeRepository outcomes,
      ApplicationHistory history) {
    this.applications = applications;
    this.outcomes = outcomes;
    this.history = history;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String applicationId = APPLICATION_ID.from(execution);
    List<String> others = applications.findOpenApplicationIds(applications.get(applicationId).creditCode(), applicationId);
    if (!others.isEmpty()) {
      outcomes.saveDuplicates(applicationId, String.join(",", others));
      history.record(applicationId, "system", "DUPLICATE_FLAGGED", "同一企业的其他在途申请: " + String.join(", ", others));
    }
    DUPLICATE_FOUND.set(execution, !others.isEmpty());
  }
}
