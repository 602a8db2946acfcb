package com.smeloanflow.processing;

import com.smeloanflow.casefile.CustomerReason;
import com.smeloanflow.casefile.DeclineService;
import com.smeloanflow.casefile.Stage;
import com.smeloanflow.scoring.RedFlag;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Service task "记录模型拒绝": approval-authority routed REJECT. The internal record names the rule's
 * reason and the hard red flags; the applicant is told the table's customer reason.
 */
@Component("declineByModel")
public class DeclineByModelDelegate implements JavaDelegate {

  private final ProcessingOutcomes outcomes;
  private final ScoringService scoring;
  private final DeclineService declines;

  public DeclineByModelDelegate(ProcessingOutcomes outcomes, ScoringService scoring, DeclineService declines) {
    this.outcomes = outcomes;
    this.scoring = scoring;
    this.declines = declines;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String applicationId = execution.getProcessBusinessKey();
    ProcessingOutcomes.Outcome outcome = outcomes.get(applicationId);
    String hardFlags = scoring.find(applicationId).map(card -> card.redFlags().stream().filter(RedFlag::hard)
        .map(RedFlag::explanation).collect(Collectors.joining("; "))).orElse("");
    String internal = outcome.routeReason() + (hardFlags.isEmpty() ? "" : ": " + hardFlags);
    CustomerReason customer = outcome.routeCustomerReason() == null ? CustomerReason.OVERALL_ASSESSMENT
        : CustomerReason.valueOf(outcome.routeCustomerReason());
    declines.decline(DeclineService.Decline.rejection(applicationId, Stage.PROCESSING, "model", internal, customer));
  }
}
