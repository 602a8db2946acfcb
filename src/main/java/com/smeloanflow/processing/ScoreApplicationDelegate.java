package com.smeloanflow.processing;

import static com.smeloanflow.process.LoanOriginationProcess.Variables.*;

import com.smeloanflow.intake.LoanApplication;
import com.smeloanflow.intake.LoanApplicationRepository;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.scoring.ScoreCard;
import java.time.LocalDate;
import java.time.Period;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * Service task "四维评分": scores the application and sets the few values the decision tables and
 * gateways read (grade, score, red flags, and the application facts the tables route on). The
 * score card itself, with its reasons, is stored with the application.
 */
@Component("scoreApplication")
public class ScoreApplicationDelegate implements JavaDelegate {

  private final ScoringService scoring;
  private final ExternalDataService externalData;
  private final LoanApplicationRepository applications;
  private final BusinessClock clock;

  public ScoreApplicationDelegate(ScoringService scoring, ExternalDataService externalData,
      LoanApplicationRepository applications, BusinessClock clock) {
    this.scoring = scoring;
    this.externalData = externalData;
    this.applications = applications;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String applicationId = APPLICATION_ID.from(execution);
    LoanApplication application = applications.get(applicationId);
    EnterpriseData data = externalData.snapshot(applicationId);
    ScoreCard card = scoring.scoreApplication(applicationId);
    GRADE.set(execution, card.grade());
    TOTAL_SCORE.set(execution, card.totalScore());
    HARD_RED_FLAG.set(execution, card.hasHardRedFlag());
    RED_FLAG.set(execution, card.hasRedFlag());
    GUARANTEE_TYPE.set(execution, application.guaranteeType().name());
    CHANNEL.set(execution, application.channel().name());
    INDUSTRY_CODE.set(execution, application.industryCode());
    execution.setVariable(REQUESTED_AMOUNT.name(), Variables.objectValue(application.requestedAmount())
        .serializationDataFormat(Variables.SerializationDataFormats.JSON).create());
    execution.setVariable(ANNUAL_REVENUE.name(), Variables.objectValue(application.annualRevenue())
        .serializationDataFormat(Variables.SerializationDataFormats.JSON).create());
    LocalDate established = data.registration().establishedOn() != null
        ? data.registration().establishedOn() : application.establishedOn();
    YEARS_IN_BUSINESS.set(execution, Period.between(established, clock.today()).getYears());
    REGISTRATION_STATUS.set(execution, data.registration().status() == null ? null : data.registration().status().name());
  }
}
