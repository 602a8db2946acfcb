package com.smeloanflow.approval;

import static com.smeloanflow.process.LoanOriginationProcess.Variables.*;

import com.smeloanflow.casefile.ApplicationHistory;
import com.smeloanflow.intake.ApplicationStatus;
import com.smeloanflow.intake.ApplicationStatusUpdater;
import com.smeloanflow.processing.DecisionMailValues;
import com.smeloanflow.processing.ProcessingOutcomeRepository;
import com.smeloanflow.processing.ScoringService;
import com.smeloanflow.scoring.RedFlag;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task "拒绝贷款申请": the application is declined with the reason of whoever declined it. */
@Component("rejectApplication")
public class RejectApplicationDelegate implements JavaDelegate {

  private final ProcessingOutcomeRepository outcomes;
  private final ApplicationStatusUpdater status;
  private final ApplicationHistory history;
  private final ScoringService scoring;

  public RejectApplicationDelegate(ProcessingOutcomeRepository outcomes, ApplicationStatusUpdater status,
      ApplicationHistory history, ScoringService scoring) {
    this.outcomes = outcomes;
    this.status = status;
    this.history = history;
    this.scoring = scoring;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String applicationId = APPLICATION_ID.from(execution);
    String reason = ROUTE_REASON.fromOrNull(execution);
    if (Boolean.TRUE.equals(HARD_RED_FLAG.fromOrNull(execution))) {
      // Name the hard red flags themselves, so the applicant learns which finding it was.
      String flags = scoring.find(applicationId).map(card -> card.redFlags().stream().filter(RedFlag::hard)
          .map(RedFlag::explanation).collect(Collectors.joining("; "))).orElse("");
      reason = flags.isEmpty() ? reason : reason + ": " + flags;
    }
    outcomes.saveRoute(applicationId, "REJECT", reason == null ? DecisionMailValues.DEFAULT_REASON : reason);
    history.record(applicationId, "system", "REJECTED", reason);
    status.set(applicationId, ApplicationStatus.REJECTED);
  }
}
