package com.smeloanflow.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The four-dimension model: one test per reason code and boundary, grades, red flags, limit. */
class FourDimensionScorerTest {

  static final LocalDate AS_OF = LocalDate.of(2025, 6, 30);
  final FourDimensionScorer scorer = new FourDimensionScorer();

  /**
   * Eight years trading, stable flows of about 52万 a month, tax rating A, nothing at the bureau or
   * the courts, utilities never late, asking 100,000 CNY on CREDIT.
   */
  static ScoringInput strongProfile() {
    return ScoringInput.builder()
        .requestedAmount(new BigDecimal("100000.00")).termMonths(12).guaranteeType("CREDIT")
        .establishedOn(LocalDate.of(2017, 3, 1)).asOf(AS_OF)
        .declaredAnnualRevenue(new BigDecimal("6000000.00"))
        .registrationStatus("ACTIVE").industryCode("C34")
        .taxRating("A").taxAnnualSales(new BigDecimal("6200000.00")).taxOverdueFilings(0)
        .bureauCurrentOverdueAmount(new BigDecimal("0.00")).bureauMaxDpd24m(0).bureauOutstandingLoans(1).bureauEnquiriesLast3m(1)
        .courtOpenEnforcementCases(0).courtDishonestDebtor(false)
        .monthlyInflows(amounts("510000", "525000", "515000", "530000", "520000", "518000",
            "522000", "527000", "519000", "524000", "521000", "523000"))
        .monthlyOutflows(amounts("470000", "480000", "466000", "490000", "475000", "472000",
            "479000", "481000", "470000", "476000", "474000", "478000"))
        .utilityMonthsOfHistory(60).utilityLatePaymentsLast24m(0)
        .internalDefaultCount(0).internalOpenDefaultCount(0)
        .industryOutlook("STABLE").supplyChainRole("NONE")
        .build();
  }

  static List<BigDecimal> amounts(String... values) {
    return java.util.Arrays.stream(values).map(BigDecimal::new).toList();
  }

  /** {@code first} for the first 6 months, {@code last} for the last 6. */
  static List<BigDecimal> halves(String first, String last) {
    List<BigDecimal> months = new ArrayList<>(Collections.nCopies(6, new BigDecimal(first)));
    months.addAll(Collections.nCopies(6, new BigDecimal(last)));
    return months;
  }

  /** {@code a} and {@code b} alternating over 12 months: mean (a+b)/2, deviation |a−b|/2. */
  static List<BigDecimal> alternating(String a, String b) {
    List<BigDecimal> months = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      months.add(new BigDecimal(a));
      months.add(new BigDecimal(b));
    }
    return months;
  }

  static List<BigDecimal> constant(String value) {
    return Collections.nCopies(12, new BigDecimal(value));
  }

  ScoreCard score(ScoringInput.Builder input) {
    return scorer.score(input.build());
  }

  static Optional<Reason> findReason(ScoreCard card, ReasonCode code) {
    return card.reasons().stream().filter(r -> r.code().equals(code.name())).findFirst();
  }

  static Reason reason(ScoreCard card, ReasonCode code) {
    return findReason(card, code).orElseThrow(() -> new AssertionError(code + " not among " + card.reasonCodes()));
  }

  static void assertReason(ScoreCard card, ReasonCode code, int points, String explanationFragment) {
    Reason reason = reason(card, code);
    assertThat(reason.points()).isEqualTo(points).isEqualTo(code.points());
    assertThat(reason.dimension()).isEqualTo(code.dimension().name());
    assertThat(reason.explanation()).contains(explanationFragment);
  }

  static Optional<RedFlag> flag(ScoreCard card, RedFlagCode code) {
    return card.redFlags().stream().filter(f -> f.code().equals(code.name())).findFirst();
  }

  // ------------------------------------------------------------ the cases the issue names

  @Test
  void strongProfileAskingHundredThousandOnCreditReachesGradeAWithoutRedFlags() {
    ScoreCard card = scorer.score(strongProfile());

    assertThat(card.grade()).isIn("A", "B");
    assertThat(card.grade()).isEqualTo("A");
    assertThat(card.totalScore()).isEqualTo(910);
    assertThat(card.operatingScore()).isEqualTo(285);
    assertThat(card.creditScore()).isEqualTo(350);
    assertThat(card.behaviourScore()).isEqualTo(200);
    assertThat(card.scenarioScore()).isEqualTo(75);
    assertThat(card.hasRedFlag()).isFalse();
    assertThat(card.hasHardRedFlag()).isFalse();
    assertThat(card.redFlagCodes()).isEmpty();
    assertThat(card.reasonCodes()).contains("FLOW_STABLE_12M", "TAX_RATING_A", "BUREAU_CLEAN", "COURT_CLEAN",
        "UTILITY_NO_LATE_24M", "YEARS_IN_BUSINESS_8_PLUS", "SALES_COVER_AMOUNT_HIGH", "SETTLEMENT_NET_POSITIVE");
    assertThat(card.suggestedLimit()).isEqualByComparingTo("1000000");
    assertThat(card.modelVersion()).isEqualTo(FourDimensionScorer.MODEL_VERSION);
  }

  @Test
  void dishonestDebtorGetsHardRedFlagWithThatReasonAndGradeE() {
    ScoreCard card = score(strongProfile().toBuilder().courtDishonestDebtor(true));

    assertThat(card.hasHardRedFlag()).isTrue();
    RedFlag flag = flag(card, RedFlagCode.DISHONEST_DEBTOR).orElseThrow();
    assertThat(flag.hard()).isTrue();
    assertThat(flag.explanation()).contains("失信被执行人");
    assertReason(card, ReasonCode.DISHONEST_DEBTOR, 0, "失信被执行人名单");
    assertThat(card.reasonCodes()).doesNotContain("COURT_CLEAN");
    assertThat(card.grade()).isEqualTo("E");
    assertThat(card.suggestedLimit()).isEqualByComparingTo("0");
    assertThat(card.redFlagCodes()).isEqualTo("DISHONEST_DEBTOR");
  }

  @Test
  void sameInputGivesAnEqualScoreCard() {
    ScoreCard first = scorer.score(strongProfile());
    ScoreCard again = new FourDimensionScorer().score(strongProfile());

    assertThat(again).isEqualTo(first);
    ScoringInput weak = strongProfile().toBuilder().taxRating("C").bureauMaxDpd24m(45).courtOpenEnforcementCases(2)
        .monthlyInflows(alternating("100000", "900000")).utilityLatePaymentsLast24m(5).build();
    assertThat(scorer.score(weak)).isEqualTo(scorer.score(weak.toBuilder().build()));
  }

  @Test
  void subScoresAreTheSumsOfTheirReasonsAndStayWithinTheirMaxima() {
    List<ScoringInput> inputs = List.of(strongProfile(),
        strongProfile().toBuilder().taxRating("D").bureauMaxDpd24m(120).industryOutlook("DECLINING").build(),
        ScoringInput.builder().requestedAmount(new BigDecimal("50000")).guaranteeType("CREDIT")
            .establishedOn(AS_OF.minusYears(1)).asOf(AS_OF).declaredAnnualRevenue(new BigDecimal("300000")).build());
    for (ScoringInput input : inputs) {
      ScoreCard card = scorer.score(input);
      for (Dimension dimension : Dimension.values()) {
        int sum = card.reasons().stream().filter(r -> r.dimension().equals(dimension.name())).mapToInt(Reason::points).sum();
        int subScore = switch (dimension) {
          case OPERATING -> card.operatingScore();
          case CREDIT -> card.creditScore();
          case BEHAVIOUR -> card.behaviourScore();
          case SCENARIO -> card.scenarioScore();
        };
        assertThat(subScore).isEqualTo(sum).isBetween(0, dimension.maxPoints());
      }
      assertThat(card.totalScore()).isEqualTo(card.operatingScore() + card.creditScore() + card.behaviourScore() + card.scenarioScore());
      assertThat(card.reasons()).allSatisfy(r -> assertThat(r.explanation()).isNotBlank());
    }
  }

  @Test
  void dimensionMaximaAddUpToOneThousand() {
    assertThat(java.util.Arrays.stream(Dimension.values()).mapToInt(Dimension::maxPoints).sum()).isEqualTo(Dimension.TOTAL_MAX);
  }

  @Test
  void refusesAnUnknownTaxRatingRatherThanScoringItZero() {
    assertThatThrownBy(() -> strongProfile().toBuilder().taxRating("E").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("taxRating");
  }

  // ------------------------------------------------------------ grades

  @Nested
  class Grades {

    @ParameterizedTest(name = "total {0} is grade {1}")
    @CsvSource({"1000,A", "800,A", "799,B", "700,B", "699,C", "600,C", "599,D", "500,D", "499,E", "0,E"})
    void gradeBandsAreAFrom800BFrom700CFrom600DFrom500(int total, String grade) {
      assertThat(Grade.forScore(total).name()).isEqualTo(grade);
    }

    @Test
    void aTotalOutsideZeroToThousandIsRefused() {
      assertThatThrownBy(() -> Grade.forScore(1001)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> Grade.forScore(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void averageProfileLandsInGradeBOrC() {
      ScoreCard card = score(strongProfile().toBuilder()
          .establishedOn(AS_OF.minusYears(5)).taxRating("B").bureauMaxDpd24m(12).bureauEnquiriesLast3m(3)
          .monthlyInflows(alternating("350000", "650000")).utilityLatePaymentsLast24m(1).supplyChainRole("TIER2"));

      assertThat(card.grade()).isEqualTo(Grade.forScore(card.totalScore()).name()).isIn("B", "C");
    }

    @Test
    void weakProfileLandsInGradeE() {
      ScoreCard card = score(strongProfile().toBuilder()
          .establishedOn(AS_OF.minusYears(1)).taxRating("D").taxOverdueFilings(3).taxAnnualSales(new BigDecimal("90000"))
          .bureauMaxDpd24m(120).bureauEnquiriesLast3m(9).bureauOutstandingLoans(7)
          .monthlyInflows(alternating("10000", "150000")).monthlyOutflows(constant("100000"))
          .utilityMonthsOfHistory(6).utilityLatePaymentsLast24m(4)
          .industryOutlook("DECLINING"));

      assertThat(card.totalScore()).isLessThan(500);
      assertThat(card.grade()).isEqualTo("E");
      assertThat(card.hasHardRedFlag()).isFalse();
      assertThat(card.suggestedLimit()).isEqualByComparingTo("0");
    }
  }

  // ------------------------------------------------------------ red flags

  @Nested
  class RedFlags {

    @Test
    void currentOverdueAtTheBureauIsAHardRedFlag() {
      ScoreCard card = score(strongProfile().toBuilder().bureauCurrentOverdueAmount(new BigDecimal("0.01")));

      assertThat(flag(card, RedFlagCode.BUREAU_CURRENT_OVERDUE)).get().extracting(RedFlag::hard).isEqualTo(true);
      assertReason(card, ReasonCode.BUREAU_CURRENT_OVERDUE, 0, "当前逾期 0.01 元");
      assertThat(card.grade()).isEqualTo("E");
    }

    @Test
    void revokedLicenceIsAHardRedFlag() {
      ScoreCard card = score(strongProfile().toBuilder().registrationStatus("REVOKED"));

      assertThat(flag(card, RedFlagCode.LICENCE_REVOKED)).get().extracting(RedFlag::hard).isEqualTo(true);
      assertReason(card, ReasonCode.LICENCE_REVOKED, 0, "吊销");
      assertThat(card.grade()).isEqualTo("E");
      assertThat(card.suggestedLimit()).isEqualByComparingTo("0");
    }

    @Test
    void deregisteredEnterpriseIsAHardRedFlag() {
      ScoreCard card = score(strongProfile().toBuilder().registrationStatus("DEREGISTERED"));

      assertThat(flag(card, RedFlagCode.LICENCE_DEREGISTERED)).get().extracting(RedFlag::hard).isEqualTo(true);
      assertReason(card, ReasonCode.LICENCE_DEREGISTERED, 0, "注销");
      assertThat(card.grade()).isEqualTo("E");
    }

    @Test
    void openEnforcementCaseIsASoftRedFlagThatKeepsTheGrade() {
      ScoreCard card = score(strongProfile().toBuilder().courtOpenEnforcementCases(2));

      assertThat(flag(card, RedFlagCode.COURT_ENFORCEMENT_OPEN)).get().extracting(RedFlag::hard).isEqualTo(false);
      assertReason(card, ReasonCode.COURT_ENFORCEMENT_OPEN, 0, "2 件未结执行案件");
      assertThat(card.hasRedFlag()).isTrue();
      assertThat(card.hasHardRedFlag()).isFalse();
      assertThat(card.grade()).isEqualTo(Grade.forScore(card.totalScore()).name()).isEqualTo("A");
      assertThat(card.suggestedLimit()).isPositive();
    }

    @Test
    void overdueTaxFilingsAreASoftRedFlag() {
      ScoreCard card = score(strongProfile().toBuilder().taxOverdueFilings(1));

      assertThat(flag(card, RedFlagCode.TAX_OVERDUE_FILINGS)).get().extracting(RedFlag::hard).isEqualTo(false);
      assertReason(card, ReasonCode.TAX_OVERDUE_FILINGS, 0, "逾期未申报纳税 1 期");
    }

    @Test
    void defaultWithThisBankIsASoftRedFlag() {
      ScoreCard card = score(strongProfile().toBuilder().internalDefaultCount(1).internalOpenDefaultCount(0));

      assertThat(flag(card, RedFlagCode.INTERNAL_DEFAULT_HISTORY)).get().extracting(RedFlag::hard).isEqualTo(false);
    }

    @Test
    void flowsCollapseWhenLastThreeMonthsFallBelowHalfOfTheNineBefore() {
      List<BigDecimal> collapsed = new ArrayList<>(Collections.nCopies(9, new BigDecimal("500000")));
      collapsed.addAll(Collections.nCopies(3, new BigDecimal("249999.99")));
      ScoreCard card = score(strongProfile().toBuilder().monthlyInflows(collapsed).monthlyOutflows(constant("100000")));

      RedFlag flag = flag(card, RedFlagCode.FLOWS_COLLAPSED).orElseThrow();
      assertThat(flag.hard()).isFalse();
      assertThat(flag.explanation()).contains("近3个月月均流入 25.0 万元", "50.0 万元");
    }

    @Test
    void flowsAtExactlyHalfHaveNotCollapsed() {
      List<BigDecimal> halved = new ArrayList<>(Collections.nCopies(9, new BigDecimal("500000")));
      halved.addAll(Collections.nCopies(3, new BigDecimal("250000")));
      ScoreCard card = score(strongProfile().toBuilder().monthlyInflows(halved).monthlyOutflows(constant("100000")));

      assertThat(flag(card, RedFlagCode.FLOWS_COLLAPSED)).isEmpty();
    }

    @Test
    void missingSourcesRaiseOneDataGapFlagNamingThem() {
      ScoreCard card = score(strongProfile().toBuilder().taxRating(null).taxAnnualSales(null).taxOverdueFilings(null)
          .monthlyInflows(null).monthlyOutflows(null));

      RedFlag gap = flag(card, RedFlagCode.DATA_GAP).orElseThrow();
      assertThat(gap.hard()).isFalse();
      assertThat(gap.explanation()).contains("税务数据", "近12个月流水");
      assertThat(card.redFlags()).hasSize(1);
    }

    @Test
    void elevenMonthsOfFlowsIsADataGap() {
      ScoreCard card = score(strongProfile().toBuilder()
          .monthlyInflows(constant("500000").subList(0, 11)).monthlyOutflows(constant("400000").subList(0, 11)));

      assertThat(flag(card, RedFlagCode.DATA_GAP)).isPresent();
      assertReason(card, ReasonCode.FLOW_DATA_MISSING, 0, "取得 11 个月");
    }

    @Test
    void hardFlagsComeBeforeSoftFlags() {
      ScoreCard card = score(strongProfile().toBuilder().courtOpenEnforcementCases(1).courtDishonestDebtor(true)
          .bureauCurrentOverdueAmount(new BigDecimal("5000")).taxOverdueFilings(2));

      assertThat(card.redFlagCodes()).isEqualTo("DISHONEST_DEBTOR,BUREAU_CURRENT_OVERDUE,COURT_ENFORCEMENT_OPEN,TAX_OVERDUE_FILINGS");
    }
  }

  // ------------------------------------------------------------ operating

  @Nested
  class Operating {

    @Test
    void flowsWithCoefficientOfVariationUpTo025AreStable() {
      ScoreCard card = score(strongProfile().toBuilder().monthlyInflows(alternating("375000", "625000")));
      assertReason(card, ReasonCode.FLOW_STABLE_12M, 80, "近12个月经营流水稳定, 月均流入 50.0 万元, 波动系数 0.25");
    }

    @Test
    void stableFlowsExplainTheMonthlyAverage() {
      assertReason(scorer.score(strongProfile()), ReasonCode.FLOW_STABLE_12M, 80, "月均流入 52.1 万元");
    }

    @Test
    void flowsJustAbove025AreFluctuating() {
      ScoreCard card = score(strongProfile().toBuilder().monthlyInflows(alternating("374999", "625001")));
      assertReason(card, ReasonCode.FLOW_FLUCTUATING, 50, "有一定波动");
    }

    @Test
    void flowsWithCoefficientOfVariation050AreStillFluctuating() {
      ScoreCard card = score(strongProfile().toBuilder().monthlyInflows(alternating("250000", "750000")));
      assertReason(card, ReasonCode.FLOW_FLUCTUATING, 50, "波动系数 0.50");
    }

    @Test
    void flowsAbove050AreVolatile() {
      ScoreCard card = score(strongProfile().toBuilder().monthlyInflows(alternating("249999", "750001")));
      assertReason(card, ReasonCode.FLOW_VOLATILE, 15, "波动大");
    }

    @Test
    void noInflowsAtAllScoreNothingForFlows() {
      ScoreCard card = score(strongProfile().toBuilder().monthlyInflows(constant("0")));
      assertReason(card, ReasonCode.FLOW_NO_INFLOWS, 0, "无经营流入");
      assertThat(card.reasonCodes()).doesNotContain("FLOW_GROWING", "FLOW_FLAT", "FLOW_DECLINING");
    }

    @Test
    void missingFlowsScoreNothingForFlows() {
      ScoreCard card = score(strongProfile().toBuilder().monthlyInflows(null).monthlyOutflows(null));
      assertReason(card, ReasonCode.FLOW_DATA_MISSING, 0, "取得 0 个月");
    }

    @Test
    void lastSixMonthsFifteenPercentAboveTheSixBeforeAreGrowing() {
      ScoreCard card = score(strongProfile().toBuilder().monthlyInflows(halves("400000", "460000")));
      assertReason(card, ReasonCode.FLOW_GROWING, 40, "近6个月月均流入 46.0 万元, 较前6个月增长 15%");
    }

    @Test
    void justBelowFifteenPercentGrowthIsFlat() {
      ScoreCard card = score(strongProfile().toBuilder().monthlyInflows(halves("400000", "459999.99")));
      assertReason(card, ReasonCode.FLOW_FLAT, 25, "基本持平(+15%)");
    }

    @Test
    void flowsStartingFromNothingAreGrowing() {
      ScoreCard card = score(strongProfile().toBuilder().monthlyInflows(halves("0", "300000")));
      assertReason(card, ReasonCode.FLOW_GROWING, 40, "前6个月无流入");
    }

    @Test
    void lastSixMonthsFifteenPercentBelowTheSixBeforeAreDeclining() {
      ScoreCard card = score(strongProfile().toBuilder().monthlyInflows(halves("500000", "425000")));
      assertReason(card, ReasonCode.FLOW_DECLINING, 0, "较前6个月下降 15%");
    }

    @Test
    void justAboveFifteenPercentDeclineIsFlat() {
      ScoreCard card = score(strongProfile().toBuilder().monthlyInflows(halves("500000", "425000.01")));
      assertReason(card, ReasonCode.FLOW_FLAT, 25, "(-15%)");
    }

    @ParameterizedTest(name = "sales {0} against 100,000 requested: {1}")
    @CsvSource({
        "500000.00, SALES_COVER_AMOUNT_HIGH, 100",
        "499999.99, SALES_COVER_AMOUNT_MEDIUM, 65",
        "200000.00, SALES_COVER_AMOUNT_MEDIUM, 65",
        "199999.99, SALES_COVER_AMOUNT_LOW, 30",
        "100000.00, SALES_COVER_AMOUNT_LOW, 30",
        "99999.99, SALES_BELOW_AMOUNT, 0"})
    void salesCoverOfTheRequestedAmountHasFourBands(String sales, ReasonCode code, int points) {
      ScoreCard card = score(strongProfile().toBuilder().taxAnnualSales(new BigDecimal(sales)));
      assertReason(card, code, points, "为申请金额 10.0 万元的");
    }

    @Test
    void salesCoverExplainsSalesAndMultiple() {
      assertReason(scorer.score(strongProfile()), ReasonCode.SALES_COVER_AMOUNT_HIGH, 100,
          "年销售收入 620.0 万元(纳税申报), 为申请金额 10.0 万元的 62.0 倍");
    }

    @Test
    void withoutTaxDataSalesCoverUsesTheDeclaredRevenue() {
      ScoreCard card = score(strongProfile().toBuilder().taxRating(null).taxAnnualSales(null).taxOverdueFilings(null));
      assertReason(card, ReasonCode.SALES_COVER_AMOUNT_HIGH, 100, "年销售收入 600.0 万元(申请人自报, 未取得税务数据)");
    }

    /** Staff read the reason on the score card (审批, 尽职免责认定): the founding date in Chinese, touching the text. */
    @Test
    void yearsInBusinessNameTheFoundingDateInChinese() {
      ScoreCard card = score(strongProfile().toBuilder().establishedOn(LocalDate.of(2019, 3, 5)));
      assertThat(reason(card, ReasonCode.YEARS_IN_BUSINESS_3_TO_8).explanation()).startsWith("成立于2019年3月5日, 已经营 ")
          .doesNotContain("2019-03-05");
    }

    @Test
    void eightFullYearsInBusinessScoreTheMost() {
      ScoreCard card = score(strongProfile().toBuilder().establishedOn(AS_OF.minusYears(8)));
      assertReason(card, ReasonCode.YEARS_IN_BUSINESS_8_PLUS, 80, "已经营 8 年");
    }

    @Test
    void oneDayShortOfEightYearsIsThreeToEight() {
      ScoreCard card = score(strongProfile().toBuilder().establishedOn(AS_OF.minusYears(8).plusDays(1)));
      assertReason(card, ReasonCode.YEARS_IN_BUSINESS_3_TO_8, 55, "已经营 7 年");
    }

    @Test
    void threeFullYearsInBusinessAreThreeToEight() {
      ScoreCard card = score(strongProfile().toBuilder().establishedOn(AS_OF.minusYears(3)));
      assertReason(card, ReasonCode.YEARS_IN_BUSINESS_3_TO_8, 55, "已经营 3 年");
    }

    @Test
    void oneDayShortOfThreeYearsIsUnderThree() {
      ScoreCard card = score(strongProfile().toBuilder().establishedOn(AS_OF.minusYears(3).plusDays(1)));
      assertReason(card, ReasonCode.YEARS_IN_BUSINESS_UNDER_3, 20, "已经营 2 年");
    }
  }

  // ------------------------------------------------------------ credit

  @Nested
  class Credit {

    @Test
    void noOverdueAndNoDaysPastDueIsACleanBureauRecord() {
      assertReason(scorer.score(strongProfile()), ReasonCode.BUREAU_CLEAN, 110, "近24个月无逾期记录");
    }

    @ParameterizedTest(name = "worst {0} days past due: {1}")
    @CsvSource({
        "1, BUREAU_MAX_DPD_1_TO_29, 70",
        "29, BUREAU_MAX_DPD_1_TO_29, 70",
        "30, BUREAU_MAX_DPD_30_PLUS, 25",
        "89, BUREAU_MAX_DPD_30_PLUS, 25",
        "90, BUREAU_MAX_DPD_90_PLUS, 0",
        "400, BUREAU_MAX_DPD_90_PLUS, 0"})
    void worstDaysPastDueInTwentyFourMonthsHaveThreeBands(int dpd, ReasonCode code, int points) {
      ScoreCard card = score(strongProfile().toBuilder().bureauMaxDpd24m(dpd));
      assertReason(card, code, points, "近24个月最长逾期 " + dpd + " 天");
      assertThat(card.hasRedFlag()).isFalse();
    }

    @Test
    void currentOverdueCostsTheBureauHistoryPoints() {
      ScoreCard card = score(strongProfile().toBuilder().bureauCurrentOverdueAmount(new BigDecimal("12000.50")));
      assertReason(card, ReasonCode.BUREAU_CURRENT_OVERDUE, 0, "征信显示当前逾期 12000.50 元");
      assertThat(card.reasonCodes()).doesNotContain("BUREAU_CLEAN");
    }

    @ParameterizedTest(name = "{0} enquiries in 3 months: {1}")
    @CsvSource({
        "0, BUREAU_ENQUIRIES_NORMAL, 25",
        "2, BUREAU_ENQUIRIES_NORMAL, 25",
        "3, BUREAU_ENQUIRIES_ELEVATED, 10",
        "5, BUREAU_ENQUIRIES_ELEVATED, 10",
        "6, BUREAU_ENQUIRIES_HIGH, 0"})
    void bureauEnquiriesInThreeMonthsHaveThreeBands(int enquiries, ReasonCode code, int points) {
      assertReason(score(strongProfile().toBuilder().bureauEnquiriesLast3m(enquiries)), code, points,
          "近3个月征信查询 " + enquiries + " 次");
    }

    @Test
    void upToThreeOutstandingLoansAreFewLenders() {
      assertReason(score(strongProfile().toBuilder().bureauOutstandingLoans(3)), ReasonCode.BUREAU_FEW_LENDERS, 15, "未结清贷款 3 笔");
    }

    @Test
    void fourOutstandingLoansAreMultipleLenders() {
      assertReason(score(strongProfile().toBuilder().bureauOutstandingLoans(4)), ReasonCode.BUREAU_MULTIPLE_LENDERS, 0, "多头借贷");
    }

    @Test
    void missingBureauReportScoresNothingForTheBureau() {
      ScoreCard card = score(strongProfile().toBuilder().bureauCurrentOverdueAmount(null).bureauMaxDpd24m(null)
          .bureauOutstandingLoans(null).bureauEnquiriesLast3m(null));
      assertReason(card, ReasonCode.BUREAU_DATA_MISSING, 0, "未取得完整的征信数据");
      assertThat(card.reasonCodes()).noneMatch(code -> code.startsWith("BUREAU_ENQUIRIES") || code.endsWith("LENDERS"));
      assertThat(flag(card, RedFlagCode.DATA_GAP).orElseThrow().explanation()).contains("征信数据");
    }

    @ParameterizedTest(name = "tax rating {0}")
    @CsvSource({"A, TAX_RATING_A, 80", "B, TAX_RATING_B, 65", "M, TAX_RATING_M, 50", "C, TAX_RATING_C, 20", "D, TAX_RATING_D, 0"})
    void eachTaxRatingHasItsPoints(String rating, ReasonCode code, int points) {
      assertReason(score(strongProfile().toBuilder().taxRating(rating)), code, points, "纳税信用等级 " + rating + " 级");
    }

    @Test
    void missingTaxDataScoresNothingForTax() {
      ScoreCard card = score(strongProfile().toBuilder().taxRating(null).taxAnnualSales(null).taxOverdueFilings(null));
      assertReason(card, ReasonCode.TAX_DATA_MISSING, 0, "未取得纳税信用等级");
      assertThat(card.reasonCodes()).doesNotContain("TAX_FILINGS_ON_TIME", "TAX_OVERDUE_FILINGS");
    }

    @Test
    void noOverdueTaxFilingsScoreTheFilingPoints() {
      assertReason(scorer.score(strongProfile()), ReasonCode.TAX_FILINGS_ON_TIME, 20, "无逾期未申报");
    }

    @Test
    void noCourtRecordsScoreTheCourtPoints() {
      assertReason(scorer.score(strongProfile()), ReasonCode.COURT_CLEAN, 60, "未列入失信被执行人名单");
    }

    @Test
    void dishonestDebtorWithOpenCasesListsBothFindings() {
      ScoreCard card = score(strongProfile().toBuilder().courtDishonestDebtor(true).courtOpenEnforcementCases(3));
      assertThat(card.reasonCodes()).contains("DISHONEST_DEBTOR", "COURT_ENFORCEMENT_OPEN").doesNotContain("COURT_CLEAN");
      assertThat(card.creditScore()).isEqualTo(350 - 60);
    }

    @Test
    void missingCourtDataScoresNothingForCourts() {
      ScoreCard card = score(strongProfile().toBuilder().courtOpenEnforcementCases(null).courtDishonestDebtor(null));
      assertReason(card, ReasonCode.COURT_DATA_MISSING, 0, "未取得完整的司法数据");
      assertThat(flag(card, RedFlagCode.DATA_GAP)).isPresent();
    }

    @Test
    void noDefaultWithThisBankScoresTheInternalPoints() {
      assertReason(scorer.score(strongProfile()), ReasonCode.INTERNAL_NO_DEFAULT, 40, "无该企业违约记录");
    }

    @Test
    void settledDefaultsWithThisBankKeepSomePoints() {
      assertReason(score(strongProfile().toBuilder().internalDefaultCount(2).internalOpenDefaultCount(0)),
          ReasonCode.INTERNAL_DEFAULT_HISTORY, 10, "本行有 2 笔违约记录, 均已结清");
    }

    @Test
    void outstandingDefaultWithThisBankScoresNothing() {
      ScoreCard card = score(strongProfile().toBuilder().internalDefaultCount(2).internalOpenDefaultCount(1));
      assertReason(card, ReasonCode.INTERNAL_DEFAULT_OUTSTANDING, 0, "其中 1 笔未结清");
      assertThat(flag(card, RedFlagCode.INTERNAL_DEFAULT_HISTORY).orElseThrow().explanation()).contains("1 笔未结清");
    }

    @Test
    void missingInternalDefaultDataScoresNothing() {
      ScoreCard card = score(strongProfile().toBuilder().internalDefaultCount(null).internalOpenDefaultCount(null));
      assertReason(card, ReasonCode.INTERNAL_DATA_MISSING, 0, "未取得本行违约数据");
      assertThat(flag(card, RedFlagCode.DATA_GAP)).isPresent();
    }
  }

  // ------------------------------------------------------------ behaviour

  @Nested
  class Behaviour {

    @Test
    void moreInThanOutOverTwelveMonthsIsNetPositive() {
      assertReason(scorer.score(strongProfile()), ReasonCode.SETTLEMENT_NET_POSITIVE, 50, "近12个月流入 625.4 万元, 流出 571.1 万元, 净流入 54.3 万元");
    }

    @Test
    void asMuchOutAsInIsNotNetPositive() {
      ScoreCard card = score(strongProfile().toBuilder().monthlyInflows(constant("500000")).monthlyOutflows(constant("500000")));
      assertReason(card, ReasonCode.SETTLEMENT_NET_NEGATIVE, 0, "净流出 0.0 万元");
    }

    @Test
    void missingFlowsScoreNothingForSettlement() {
      ScoreCard card = score(strongProfile().toBuilder().monthlyInflows(null).monthlyOutflows(null));
      assertReason(card, ReasonCode.SETTLEMENT_DATA_MISSING, 0, "未取得完整的近12个月结算流水");
      assertThat(card.reasonCodes()).noneMatch(code -> code.startsWith("SETTLEMENT_") && !code.equals("SETTLEMENT_DATA_MISSING"));
    }

    @Test
    void inflowsInEveryMonthAreActiveTwelveMonths() {
      assertReason(scorer.score(strongProfile()), ReasonCode.SETTLEMENT_ACTIVE_12M, 40, "每月均有经营流入");
    }

    @ParameterizedTest(name = "{0} months without inflows: {1}")
    @CsvSource({"1, SETTLEMENT_ACTIVE_PARTIAL, 20", "3, SETTLEMENT_ACTIVE_PARTIAL, 20", "4, SETTLEMENT_INACTIVE_MONTHS, 0"})
    void monthsWithoutInflowsCostActivityPoints(int idleMonths, ReasonCode code, int points) {
      List<BigDecimal> inflows = new ArrayList<>(constant("500000"));
      for (int i = 0; i < idleMonths; i++) {
        inflows.set(i, BigDecimal.ZERO);
      }
      ScoreCard card = score(strongProfile().toBuilder().monthlyInflows(inflows).monthlyOutflows(constant("0")));
      assertReason(card, code, points, (12 - idleMonths) + " 个月有经营流入");
    }

    @ParameterizedTest(name = "{0} months with more out than in: {1}")
    @CsvSource({
        "0, SETTLEMENT_FEW_DEFICIT_MONTHS, 30",
        "2, SETTLEMENT_FEW_DEFICIT_MONTHS, 30",
        "3, SETTLEMENT_SOME_DEFICIT_MONTHS, 15",
        "5, SETTLEMENT_SOME_DEFICIT_MONTHS, 15",
        "6, SETTLEMENT_FREQUENT_DEFICIT_MONTHS, 0"})
    void monthsWithMoreOutThanInHaveThreeBands(int deficitMonths, ReasonCode code, int points) {
      List<BigDecimal> outflows = new ArrayList<>(constant("400000"));
      for (int i = 0; i < deficitMonths; i++) {
        outflows.set(i, new BigDecimal("500000.01"));
      }
      ScoreCard card = score(strongProfile().toBuilder().monthlyInflows(constant("500000")).monthlyOutflows(outflows));
      assertReason(card, code, points, "近12个月有 " + deficitMonths + " 个月流出大于流入");
    }

    @Test
    void utilitiesNeverLateInTwentyFourMonthsScoreTheMost() {
      assertReason(scorer.score(strongProfile()), ReasonCode.UTILITY_NO_LATE_24M, 60, "均按时缴纳");
    }

    @ParameterizedTest(name = "{0} late utility payments: {1}")
    @CsvSource({"1, UTILITY_LATE_PAYMENTS, 30", "2, UTILITY_LATE_PAYMENTS, 30", "3, UTILITY_LATE_PAYMENTS_FREQUENT, 0"})
    void lateUtilityPaymentsCostPoints(int late, ReasonCode code, int points) {
      assertReason(score(strongProfile().toBuilder().utilityLatePaymentsLast24m(late)), code, points, "逾期缴纳 " + late + " 次");
    }

    @ParameterizedTest(name = "{0} months of utility history: {1}")
    @CsvSource({
        "24, UTILITY_HISTORY_LONG, 20",
        "23, UTILITY_HISTORY_MEDIUM, 10",
        "12, UTILITY_HISTORY_MEDIUM, 10",
        "11, UTILITY_HISTORY_SHORT, 0",
        "1, UTILITY_HISTORY_SHORT, 0"})
    void utilityHistoryLengthHasThreeBands(int months, ReasonCode code, int points) {
      assertReason(score(strongProfile().toBuilder().utilityMonthsOfHistory(months)), code, points, "缴费记录 " + months + " 个月");
    }

    @Test
    void noUtilityHistoryScoresNoUtilityPoints() {
      ScoreCard card = score(strongProfile().toBuilder().utilityMonthsOfHistory(0));
      assertReason(card, ReasonCode.UTILITY_NO_HISTORY, 0, "无水电气缴费记录");
      assertThat(card.reasonCodes()).doesNotContain("UTILITY_NO_LATE_24M");
      assertThat(card.hasRedFlag()).isFalse();
    }

    @Test
    void missingUtilityDataScoresNothing() {
      ScoreCard card = score(strongProfile().toBuilder().utilityMonthsOfHistory(null).utilityLatePaymentsLast24m(null));
      assertReason(card, ReasonCode.UTILITY_DATA_MISSING, 0, "未取得水电气缴费数据");
      assertThat(flag(card, RedFlagCode.DATA_GAP)).isPresent();
    }
  }

  // ------------------------------------------------------------ scenario

  @Nested
  class Scenario {

    @ParameterizedTest(name = "industry {0}")
    @CsvSource({
        "GROWING, INDUSTRY_GROWING, 80, 所属行业 C34 通用设备制造业 景气度上升",
        "STABLE, INDUSTRY_STABLE, 55, 所属行业 C34 通用设备制造业 景气度平稳",
        "DECLINING, INDUSTRY_DECLINING, 15, 所属行业 C34 通用设备制造业 景气度下行"})
    void industryOutlookHasItsPoints(String outlook, ReasonCode code, int points, String explanation) {
      assertReason(score(strongProfile().toBuilder().industryOutlook(outlook)), code, points, explanation);
    }

    /** The industry as staff read it on the forms: the code with the standard's name, or the code alone. */
    @ParameterizedTest(name = "industry code {0}")
    @CsvSource(delimiter = '|', value = {
        "C34   | 所属行业 C34 通用设备制造业 景气度平稳",
        "I65   | 所属行业 I65 软件和信息技术服务业 景气度平稳",
        "C3411 | 所属行业 C3411 景气度平稳",
        "A34   | 所属行业 A34 景气度平稳"})
    void industryOutlookNamesTheIndustry(String industryCode, String explanation) {
      ScoreCard card = score(strongProfile().toBuilder().industryCode(industryCode).industryOutlook("STABLE"));
      assertThat(reason(card, ReasonCode.INDUSTRY_STABLE).explanation()).isEqualTo(explanation);
    }

    @Test
    void industryOutlookWithoutAnIndustryCodeSaysTheIndustry() {
      ScoreCard card = score(strongProfile().toBuilder().industryCode(null).industryOutlook("GROWING"));
      assertThat(reason(card, ReasonCode.INDUSTRY_GROWING).explanation()).isEqualTo("所属行业景气度上升, 属本行鼓励类行业");
    }

    @Test
    void missingIndustryOutlookScoresNothing() {
      ScoreCard card = score(strongProfile().toBuilder().industryOutlook(null));
      assertReason(card, ReasonCode.INDUSTRY_DATA_MISSING, 0, "未取得所属行业 C34 通用设备制造业 景气度, 该项不得分");
      assertThat(flag(card, RedFlagCode.DATA_GAP)).isPresent();
    }

    @ParameterizedTest(name = "supply chain role {0}")
    @CsvSource({
        "CORE, SUPPLY_CHAIN_CORE, 70, 核心企业",
        "TIER1, SUPPLY_CHAIN_TIER1, 55, 一级供应商",
        "TIER2, SUPPLY_CHAIN_TIER2, 40, 二级供应商",
        "NONE, SUPPLY_CHAIN_NONE, 20, 未纳入"})
    void supplyChainRoleHasItsPoints(String role, ReasonCode code, int points, String explanation) {
      assertReason(score(strongProfile().toBuilder().supplyChainRole(role)), code, points, explanation);
    }

    @Test
    void missingSupplyChainDataScoresNothing() {
      ScoreCard card = score(strongProfile().toBuilder().supplyChainRole(null));
      assertReason(card, ReasonCode.SUPPLY_CHAIN_DATA_MISSING, 0, "未取得供应链数据");
    }
  }

  // ------------------------------------------------------------ suggested limit

  @Nested
  class SuggestedLimit {

    @Test
    void creditLimitIsCappedAtOneMillion() {
      assertThat(scorer.score(strongProfile()).suggestedLimit()).isEqualTo(new BigDecimal("1000000.00"));
    }

    @Test
    void gradeAMortgageLendsThirtyPercentOfTheLowerOfSalesAndInflows() {
      // Sales 6,200,000; inflows 6,254,000: 30% of 6,200,000 = 1,860,000.
      ScoreCard card = score(strongProfile().toBuilder().guaranteeType("MORTGAGE"));
      assertThat(card.grade()).isEqualTo("A");
      assertThat(card.suggestedLimit()).isEqualTo(new BigDecimal("1860000.00"));
    }

    @Test
    void inflowsBelowTheTaxSalesBoundTheLimit() {
      ScoreCard card = score(strongProfile().toBuilder().guaranteeType("GUARANTEE").taxAnnualSales(new BigDecimal("9000000")));
      // inflows 6,254,000 below sales 9,000,000; 30% = 1,876,200 → rounded down to 1,876,000.
      assertThat(card.suggestedLimit()).isEqualTo(new BigDecimal("1876000.00"));
    }

    @Test
    void gradeBLendsTwentyFivePercentRoundedDownToThousands() {
      ScoreCard card = score(strongProfile().toBuilder().guaranteeType("JOINT_GUARANTEE").taxAnnualSales(new BigDecimal("3333333.33"))
          .taxRating("C").bureauMaxDpd24m(45).industryOutlook("DECLINING"));
      assertThat(card.grade()).isEqualTo("B");
      // 25% of 3,333,333.33 = 833,333.33 → 833,000.
      assertThat(card.suggestedLimit()).isEqualTo(new BigDecimal("833000.00"));
    }

    @Test
    void jointGuaranteeLimitIsCappedAtThreeMillion() {
      List<BigDecimal> big = constant("5000000");
      ScoreCard card = score(strongProfile().toBuilder().guaranteeType("JOINT_GUARANTEE")
          .taxAnnualSales(new BigDecimal("60000000")).monthlyInflows(big).monthlyOutflows(constant("4000000")));
      assertThat(card.suggestedLimit()).isEqualTo(new BigDecimal("3000000.00"));
    }

    @Test
    void hardRedFlagMeansNoLimit() {
      ScoreCard card = score(strongProfile().toBuilder().bureauCurrentOverdueAmount(new BigDecimal("100")));
      assertThat(card.suggestedLimit()).isEqualTo(new BigDecimal("0.00"));
    }
  }
}
