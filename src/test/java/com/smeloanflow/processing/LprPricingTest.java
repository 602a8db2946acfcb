package com.smeloanflow.processing;

import static com.smeloanflow.process.LoanOriginationProcess.Elements.RULE_PRICE_LOAN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.smeloanflow.approval.LoanFlow;
import com.smeloanflow.platform.ChineseDates;
import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.ApiClient.Response;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Loans are priced on the Loan Prime Rate in force on their pricing day: the 1-year LPR up to 60
 * months, the over-5-year LPR beyond; both are dated rows of {@code lpr_rate} that administrators and
 * process owners record over {@code /api/lpr-rates}. Seeded: 2024-10-21 3.10 / 3.60 and 2025-05-20
 * 3.00 / 3.50.
 */
class LprPricingTest extends AbstractIntegrationTest {

  /** A publication day no other test prices on; its rows are removed after each test. */
  private static final LocalDate FUTURE_PUBLICATION = LocalDate.of(2031, 1, 20);

  @Autowired PricingService pricing;
  @Autowired ProcessingOutcomes outcomes;
  @Autowired BeanFactory beans;

  LoanFlow flow;

  @BeforeEach
  void drivers() {
    flow = new LoanFlow(api, this::executeDueJobs, this::completeAs, beans);
  }

  @AfterEach
  void removeFuturePublications() {
    jdbc.sql("DELETE FROM lpr_rate WHERE effective_from >= :day").param("day", FUTURE_PUBLICATION).update();
  }

  @Test
  void loanOverSixtyMonthsIsPricedOnTheFiveYearLprAndSixtyMonthsOnTheOneYear() {
    Price sixtyOne = pricing.price(61, 0.45, LocalDate.of(2025, 6, 1));
    Price sixty = pricing.price(60, 0.45, LocalDate.of(2025, 6, 1));

    assertThat(sixtyOne.lprTenor()).isEqualTo(LprTenor.FIVE_YEAR);
    assertThat(sixtyOne.annualRatePercent()).isEqualByComparingTo("3.95");
    assertThat(sixty.lprTenor()).isEqualTo(LprTenor.ONE_YEAR);
    assertThat(sixty.annualRatePercent()).isEqualByComparingTo("3.45");
  }

  @Test
  void theRateInForceOnThePricingDayAppliesNotTheNewestOne() {
    Price dayBeforeTheCut = pricing.price(120, 0.45, LocalDate.of(2025, 5, 19));
    Price dayOfTheCut = pricing.price(120, 0.45, LocalDate.of(2025, 5, 20));

    assertThat(dayBeforeTheCut.lprPercent()).isEqualByComparingTo("3.60");
    assertThat(dayBeforeTheCut.lprEffectiveFrom()).isEqualTo(LocalDate.of(2024, 10, 21));
    assertThat(dayOfTheCut.lprPercent()).isEqualByComparingTo("3.50");
    assertThat(dayOfTheCut.lprEffectiveFrom()).isEqualTo(LocalDate.of(2025, 5, 20));
  }

  @Test
  void tenYearMortgageIsPricedOnTheFiveYearLprInForceOnTheDayItsDataWasGathered() {
    String applicationId = flow.submitOverApi(flow.strongAtBranch("MORTGAGE_QUICK", "800000.00").termMonths(120));
    flow.acceptAtBranch(applicationId);

    assertThat(flow.instance(applicationId)).hasPassed(RULE_PRICE_LOAN);
    ProcessingOutcomes.Outcome outcome = outcomes.find(applicationId).orElseThrow();
    assertThat(outcome.lprTenor()).isEqualTo(LprTenor.FIVE_YEAR);
    assertThat(outcome.lprPercent()).isEqualByComparingTo("3.50");
    assertThat(outcome.annualRatePercent()).isEqualByComparingTo(outcome.lprPercent().add(outcome.spreadPercent()));
    JsonNode decision = api.get("/api/applications/" + applicationId, LoanFlow.CENTRE_PROCESSOR).json().path("decision");
    assertThat(decision.path("lprTenor").asText()).isEqualTo("FIVE_YEAR");
  }

  @Test
  void processOwnerRecordsANewLprAndLoansPricedFromThatDayUseIt() {
    Response recorded = api.post("/api/lpr-rates", "process-owner",
        "{\"tenor\": \"FIVE_YEAR\", \"effectiveFrom\": \"" + FUTURE_PUBLICATION + "\", \"ratePercent\": 3.2500}");

    assertThat(recorded.status()).as(recorded.body()).isEqualTo(201);
    JsonNode newest = api.get("/api/lpr-rates", LoanFlow.CENTRE_PROCESSOR).json().get(0);
    assertThat(newest.path("tenor").asText()).isEqualTo("FIVE_YEAR");
    assertThat(newest.path("effectiveFrom").asText()).isEqualTo(FUTURE_PUBLICATION.toString());
    assertThat(pricing.price(84, 0.45, FUTURE_PUBLICATION).annualRatePercent()).isEqualByComparingTo("3.70");
    assertThat(pricing.price(84, 0.45, FUTURE_PUBLICATION.minusDays(1)).annualRatePercent())
        .as("the day before it is in force").isEqualByComparingTo("3.95");
    assertThat(pricing.price(36, 0.45, FUTURE_PUBLICATION).annualRatePercent())
        .as("the 1-year LPR is unchanged").isEqualByComparingTo("3.45");

    Response again = api.post("/api/lpr-rates", "process-owner",
        "{\"tenor\": \"FIVE_YEAR\", \"effectiveFrom\": \"" + FUTURE_PUBLICATION + "\", \"ratePercent\": 3.2000}");
    assertThat(again.status()).as("a second rate for the same day: %s", again.body()).isEqualTo(409);
    assertThat(again.json().path("detail").asText()).as("in Chinese, the English beside")
        .isEqualTo("5年期以上LPR自" + ChineseDates.day(FUTURE_PUBLICATION) + "起执行的报价已登记, 不能再次登记 (FIVE_YEAR LPR effective from "
            + FUTURE_PUBLICATION + " is already recorded)");
    assertThat(pricing.price(84, 0.45, FUTURE_PUBLICATION).annualRatePercent()).isEqualByComparingTo("3.70");
  }

  @Test
  void badLprPublicationIsRefusedNamingEachFieldAndNothingIsRecorded() {
    long before = lprRows();

    Response answer = api.post("/api/lpr-rates", "process-owner",
        "{\"tenor\": \"TEN_YEAR\", \"effectiveFrom\": \"2018-01-01\", \"ratePercent\": 3.12345}");

    assertThat(answer.status()).as(answer.body()).isEqualTo(400);
    assertThat(answer.json().path("errors").findValuesAsText("field"))
        .containsExactlyInAnyOrder("tenor", "effectiveFrom", "ratePercent");
    assertThat(lprRows()).isEqualTo(before);
  }

  @Test
  void onlyAdministratorsAndProcessOwnersRecordAnLpr() {
    Response branchStaff = api.post("/api/lpr-rates", LoanFlow.ACCEPTOR,
        "{\"tenor\": \"ONE_YEAR\", \"effectiveFrom\": \"" + FUTURE_PUBLICATION + "\", \"ratePercent\": 2.9000}");
    Response approver = api.post("/api/lpr-rates", LoanFlow.APPROVER,
        "{\"tenor\": \"ONE_YEAR\", \"effectiveFrom\": \"" + FUTURE_PUBLICATION + "\", \"ratePercent\": 2.9000}");

    assertThat(branchStaff.status()).isEqualTo(403);
    assertThat(approver.status()).isEqualTo(403);
    assertThat(pricing.price(12, BigDecimal.ZERO, FUTURE_PUBLICATION).lprPercent()).isEqualByComparingTo("3.00");
  }

  private long lprRows() {
    return jdbc.sql("SELECT COUNT(*) FROM lpr_rate").query(Long.class).single();
  }
}
