package com.smeloanflow.processing;

import com.smeloanflow.casefile.ApplicationHistory;
import com.smeloanflow.intake.LoanApplication;
import com.smeloanflow.intake.LoanApplicationRepository;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.processing.source.InternalDefault;
import com.smeloanflow.processing.source.RegistrationRecord;
import com.smeloanflow.scoring.FourDimensionScorer;
import com.smeloanflow.scoring.ScoreCard;
import com.smeloanflow.scoring.ScoringInput;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Scores an application with the four-dimension model (DESIGN.md §5) from its external-data snapshot
 * and stores the {@link ScoreCard} with it ({@code application_score}), replacing an earlier score.
 * Rescoring the same snapshot gives the same card: the score refers to the day the data was gathered,
 * not to the day it is computed.
 */
@Service
public class ScoringService {

  private final FourDimensionScorer scorer = new FourDimensionScorer();
  private final LoanApplicationRepository applications;
  private final ExternalDataService externalData;
  private final ScoreRepository scores;
  private final ApplicationHistory history;
  private final BusinessClock clock;

  public ScoringService(LoanApplicationRepository applications, ExternalDataService externalData,
      ScoreRepository scores, ApplicationHistory history, BusinessClock clock) {
    this.applications = applications;
    this.externalData = externalData;
    this.scores = scores;
    this.history = history;
    this.clock = clock;
  }

  /**
   * Scores the application from its snapshot and stores the score.
   *
   * @throws com.smeloanflow.intake.ApplicationNotFoundException when there is no such application
   * @throws IllegalStateException when its external data has not been gathered yet
   */
  @Transactional
  public ScoreCard scoreApplication(String applicationId) {
    LoanApplication application = applications.get(applicationId);
    ScoringInput input = inputFor(application, externalData.snapshot(applicationId));
    ScoreCard card = scorer.score(input);
    scores.save(applicationId, card, input, clock.now());
    history.record(applicationId, "system", "SCORED", String.format("总分 %d, 等级 %s, 建议额度 %s 元%s",
        card.totalScore(), card.grade(), card.suggestedLimit().toPlainString(),
        card.hasRedFlag() ? ", 风险信号 " + card.redFlagCodes() : ""));
    return card;
  }

  /** The stored score of the application, if it has been scored. */
  public Optional<ScoreCard> find(String applicationId) {
    return scores.find(applicationId);
  }

  /** The input the stored score was computed from, to explain it. */
  public Optional<ScoringInput> findInput(String applicationId) {
    return scores.findInput(applicationId);
  }

  /**
   * What the model needs, from the application and the snapshot. The registry's date of
   * establishment and industry win over the declared ones; the score refers to the day the data was
   * gathered (China Standard Time).
   */
  public static ScoringInput inputFor(LoanApplication application, EnterpriseData data) {
    RegistrationRecord registration = data.registration();
    List<InternalDefault> defaults = data.internalDefaults().defaults();
    var flows = data.flows();
    return ScoringInput.builder()
        .requestedAmount(application.requestedAmount())
        .termMonths(application.termMonths())
        .guaranteeType(application.guaranteeType().name())
        .establishedOn(registration.establishedOn() != null ? registration.establishedOn() : application.establishedOn())
        .asOf(LocalDate.ofInstant(data.gatheredAt(), BusinessClock.BANK_ZONE))
        .declaredAnnualRevenue(application.annualRevenue())
        .registrationStatus(registration.status() == null ? null : registration.status().name())
        .industryCode(registration.industryCode() != null ? registration.industryCode() : application.industryCode())
        .taxRating(data.tax().rating() == null ? null : data.tax().rating().name())
        .taxAnnualSales(data.tax().annualSales())
        .taxOverdueFilings(data.tax().overdueFilings())
        .bureauCurrentOverdueAmount(data.bureau().currentOverdueAmount())
        .bureauMaxDpd24m(data.bureau().maxDpd24m())
        .bureauOutstandingLoans(data.bureau().outstandingLoans())
        .bureauEnquiriesLast3m(data.bureau().enquiriesLast3m())
        .courtOpenEnforcementCases(data.court().openEnforcementCases())
        .courtDishonestDebtor(data.court().dishonestDebtor())
        .monthlyInflows(flows.monthlyInflows().isEmpty() ? null : flows.monthlyInflows())
        .monthlyOutflows(flows.monthlyOutflows().isEmpty() ? null : flows.monthlyOutflows())
        .utilityMonthsOfHistory(data.utilities().monthsOfHistory())
        .utilityLatePaymentsLast24m(data.utilities().latePaymentsLast24m())
        .internalDefaultCount(defaults == null ? null : defaults.size())
        .internalOpenDefaultCount(defaults == null ? null : (int) defaults.stream().filter(InternalDefault::open).count())
        .industryOutlook(data.scenario().industryOutlook() == null ? null : data.scenario().industryOutlook().name())
        .supplyChainRole(data.scenario().supplyChainRole() == null ? null : data.scenario().supplyChainRole().name())
        .build();
  }
}
