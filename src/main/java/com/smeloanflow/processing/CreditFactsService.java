package com.smeloanflow.processing;

import com.smeloanflow.intake.LoanApplication;
import com.smeloanflow.intake.LoanApplicationRepository;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.scoring.ScoreCard;
import java.time.LocalDate;
import java.time.Period;
import org.springframework.stereotype.Service;

/**
 * Builds the {@link CreditFacts} of an application from its tables: the application, the external-data
 * snapshot (as of the day it was gathered), the score card and what processing decided so far.
 */
@Service
public class CreditFactsService {

  private final LoanApplicationRepository applications;
  private final ExternalDataService externalData;
  private final ScoreRepository scores;
  private final ProcessingOutcomes outcomes;
  private final GuarantorChecks guarantorChecks;

  public CreditFactsService(LoanApplicationRepository applications, ExternalDataService externalData, ScoreRepository scores,
      ProcessingOutcomes outcomes, GuarantorChecks guarantorChecks) {
    this.applications = applications;
    this.externalData = externalData;
    this.scores = scores;
    this.outcomes = outcomes;
    this.guarantorChecks = guarantorChecks;
  }

  /**
   * @throws IllegalStateException before the application's data is gathered and scored
   */
  public CreditFacts facts(String applicationId) {
    LoanApplication application = applications.get(applicationId);
    EnterpriseData data = externalData.snapshot(applicationId);
    ScoreCard card = scores.find(applicationId).orElseThrow(() ->
        new IllegalStateException("Application " + applicationId + " has not been scored"));
    ProcessingOutcomes.Outcome outcome = outcomes.get(applicationId);
    LocalDate asOf = asOf(data);
    LocalDate established = data.registration().establishedOn() != null ? data.registration().establishedOn() : application.establishedOn();
    String industry = data.registration().industryCode() != null ? data.registration().industryCode() : application.industryCode();
    boolean guarantorIssue = guarantorChecks.of(applicationId).stream().anyMatch(GuarantorChecks.Check::hasFindings);
    return new CreditFacts(applicationId, asOf, application.product().name(), application.channel().name(),
        application.guaranteeType().name(), application.collateralType() == null ? null : application.collateralType().name(),
        application.collateralAppraisedValue(), application.requestedAmount(), application.termMonths(),
        application.annualRevenue(), Period.between(established, asOf).getYears(),
        data.registration().status() == null ? null : data.registration().status().name(), industry, card.grade(),
        card.totalScore(), card.suggestedLimit(), card.hasHardRedFlag(), card.hasRedFlag() || guarantorIssue,
        outcome.duplicateOf() != null, outcome.borrowerExposure(), outcome.eligible(), outcome.exceptionReviewed(),
        outcome.collateralCap(), outcome.approvalRoute() == null ? null : outcome.approvalRoute().name());
  }

  /** The facts' date: the day (China Standard Time) the external data was gathered. */
  static LocalDate asOf(EnterpriseData data) {
    return LocalDate.ofInstant(data.gatheredAt(), BusinessClock.BANK_ZONE);
  }
}
