package com.smeloanflow.approval;

import com.smeloanflow.casefile.DecisionRepository;
import com.smeloanflow.intake.ApplicationDecisionReader;
import com.smeloanflow.processing.ProcessingOutcomes;
import com.smeloanflow.processing.ScoringService;
import com.smeloanflow.scoring.Reason;
import com.smeloanflow.scoring.RedFlag;
import com.smeloanflow.scoring.ScoreCard;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The decision part of {@code GET /api/applications/{id}}: why it was routed and priced as it was,
 * with the score card and the decision tables that fired, and what was approved. Reads processing's
 * outcome and approval's own record.
 */
@Component
public class DecisionView implements ApplicationDecisionReader {

  private final ScoringService scoring;
  private final ProcessingOutcomes outcomes;
  private final DecisionRepository decisions;
  private final ApprovalDecisions approvals;

  public DecisionView(ScoringService scoring, ProcessingOutcomes outcomes, DecisionRepository decisions,
      ApprovalDecisions approvals) {
    this.scoring = scoring;
    this.outcomes = outcomes;
    this.decisions = decisions;
    this.approvals = approvals;
  }

  /** One decision table's result: the table, the rules that fired, their outputs (JSON). */
  public record DecisionTableResult(String decisionKey, List<String> matchedRules, String outputs) {}

  public record Summary(String route, String routeReason, String grade, Integer totalScore, Integer operatingScore,
      Integer creditScore, Integer behaviourScore, Integer scenarioScore, BigDecimal suggestedLimit, List<Reason> reasons,
      List<RedFlag> redFlags, String scoringModel, BigDecimal borrowerExposure, BigDecimal collateralCap,
      String approvalAuthority, BigDecimal approvedAmount, String approvedGuaranteeType, String repaymentMethod,
      String approvalConditions, String lprTenor, BigDecimal lprPercent, BigDecimal spreadPercent, BigDecimal annualRatePercent,
      List<DecisionTableResult> decisionTables) {}

  /**
   * The decision as the channel shows the applicant (DESIGN.md §6: route, grade, score, reasons, approved amount, rate),
   * with the terms the contract states: the approved guarantee type, repayment method and conditions (批准条件), and
   * the rate's LPR and spread. Only these fields: what the bank keeps to itself is left out, not blanked, so a field
   * added to {@link Summary} does not reach the applicant unnoticed: routeReason (approval-authority's reason, of which
   * a model rejection's internal reason is made; the applicant is told the reviewed customer reason in
   * {@code outcome}), the red flags, the decision tables' rules and outputs, the borrower's exposure (which adds up the
   * borrower's other applications and loans and those of other enterprises with the same legal representative), the
   * collateral cap and the model's suggested limit (the bank's own figures), the scoring model's version and the
   * authority that approved. Null fields are not written.
   */
  public record ApplicantDecision(String route, String grade, Integer totalScore, Integer operatingScore,
      Integer creditScore, Integer behaviourScore, Integer scenarioScore, List<Reason> reasons, BigDecimal approvedAmount,
      String approvedGuaranteeType, String repaymentMethod, String approvalConditions, String lprTenor,
      BigDecimal lprPercent, BigDecimal spreadPercent, BigDecimal annualRatePercent) {

    static ApplicantDecision of(Summary s) {
      return new ApplicantDecision(s.route(), s.grade(), s.totalScore(), s.operatingScore(), s.creditScore(),
          s.behaviourScore(), s.scenarioScore(), s.reasons(), s.approvedAmount(), s.approvedGuaranteeType(),
          s.repaymentMethod(), s.approvalConditions(), s.lprTenor(), s.lprPercent(), s.spreadPercent(),
          s.annualRatePercent());
    }
  }

  @Override
  public Optional<Object> decisionForApplicant(String applicationId) {
    return summary(applicationId).map(ApplicantDecision::of);
  }

  @Override
  public Optional<Object> decision(String applicationId) {
    return summary(applicationId).map(summary -> summary);
  }

  private Optional<Summary> summary(String applicationId) {
    Optional<ScoreCard> card = scoring.find(applicationId);
    if (card.isEmpty()) {
      return Optional.empty();
    }
    ScoreCard s = card.get();
    ProcessingOutcomes.Outcome o = outcomes.find(applicationId).orElse(null);
    ApprovalDecisions.Approval a = approvals.find(applicationId).filter(ApprovalDecisions.Approval::confirmed).orElse(null);
    return Optional.of(new Summary(o == null || o.approvalRoute() == null ? null : o.approvalRoute().name(),
        o == null ? null : o.routeReason(), s.grade(), s.totalScore(), s.operatingScore(), s.creditScore(), s.behaviourScore(),
        s.scenarioScore(), s.suggestedLimit(), s.reasons(), s.redFlags(), s.modelVersion(),
        o == null ? null : o.borrowerExposure(), o == null ? null : o.collateralCap(),
        a == null ? null : a.authority().name(), a == null ? null : a.approvedAmount(),
        a == null ? null : a.guaranteeType().name(), a == null ? null : a.repaymentMethod().name(), a == null ? null : a.conditions(),
        o == null || o.lprTenor() == null ? null : o.lprTenor().name(),
        a != null ? a.lprPercent() : o == null ? null : o.lprPercent(),
        a != null ? a.spreadPercent() : o == null ? null : o.spreadPercent(),
        a != null ? a.annualRatePercent() : o == null ? null : o.annualRatePercent(),
        decisions.latest(applicationId).stream()
            .map(d -> new DecisionTableResult(d.decisionKey(), d.matchedRules(), d.outputsJson())).toList()));
  }
}
