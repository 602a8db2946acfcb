package com.smeloanflow.processing;

import com.smeloanflow.approval.ApprovalRepository;
import com.smeloanflow.intake.ApplicationDecisionReader;
import com.smeloanflow.scoring.Reason;
import com.smeloanflow.scoring.RedFlag;
import com.smeloanflow.scoring.ScoreCard;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** The decision part of an application's status: why it was routed and priced as it was. */
@Service
public class DecisionSummaryService implements ApplicationDecisionReader {

  private final ScoringService scoring;
  private final ProcessingOutcomeRepository outcomes;
  private final DecisionRepository decisions;
  private final ApprovalRepository approvals;

  public DecisionSummaryService(ScoringService scoring, ProcessingOutcomeRepository outcomes, DecisionRepository decisions,
      ApprovalRepository approvals) {
    this.scoring = scoring;
    this.outcomes = outcomes;
    this.decisions = decisions;
    this.approvals = approvals;
  }

  /** One decision table's result: the table, the rules that fired, their outputs (JSON). */
  public record DecisionTableResult(String decisionKey, List<String> matchedRules, String outputs) {}

  public record DecisionSummary(String route, String routeReason, String grade, Integer totalScore,
      Integer operatingScore, Integer creditScore, Integer behaviourScore, Integer scenarioScore,
      BigDecimal suggestedLimit, List<Reason> reasons, List<RedFlag> redFlags, String scoringModel,
      BigDecimal approvedAmount, String repaymentMethod, String approvalConditions, BigDecimal lprPercent,
      BigDecimal spreadPercent, BigDecimal annualRatePercent, List<DecisionTableResult> decisionTables) {}

  @Override
  public Optional<Object> decision(String applicationId) {
    Optional<ScoreCard> card = scoring.find(applicationId);
    if (card.isEmpty()) {
      return Optional.empty();
    }
    ScoreCard s = card.get();
    ProcessingOutcomeRepository.Outcome o = outcomes.find(applicationId).orElse(null);
    ApprovalRepository.Approval a = approvals.find(applicationId).orElse(null);
    return Optional.of(new DecisionSummary(o == null ? null : o.approvalRoute(), o == null ? null : o.routeReason(),
        s.grade(), s.totalScore(), s.operatingScore(), s.creditScore(), s.behaviourScore(), s.scenarioScore(),
        s.suggestedLimit(), s.reasons(), s.redFlags(), s.modelVersion(),
        a == null ? null : a.approvedAmount(), a == null ? null : a.repaymentMethod(), a == null ? null : a.conditions(),
        o == null ? null : o.lprPercent(), o == null ? null : o.spreadPercent(), o == null ? null : o.annualRatePercent(),
        decisions.latest(applicationId).stream()
            .map(d -> new DecisionTableResult(d.decisionKey(), d.matchedRules(), d.outputsJson())).toList()));
  }

  @Override
  public Optional<String> loanId(String applicationId) {
    return approvals.find(applicationId).map(ApprovalRepository.Approval::loanId);
  }
}
