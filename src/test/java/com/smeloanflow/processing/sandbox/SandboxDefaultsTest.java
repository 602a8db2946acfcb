package com.smeloanflow.processing.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.intake.UnifiedSocialCreditCode;
import com.smeloanflow.processing.CreditCodes;
import com.smeloanflow.scoring.FourDimensionScorer;
import com.smeloanflow.scoring.ScoreCard;
import com.smeloanflow.scoring.ScoringInput;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The data the sandbox answers for an enterprise nobody registered. */
class SandboxDefaultsTest {

  static final LocalDate TODAY = LocalDate.of(2025, 6, 30);
  static final List<String> CODES = IntStream.range(0, 400).mapToObj(CreditCodes::fromSeed).toList();

  @Test
  void sameCreditCodeAlwaysGetsTheSameData() {
    String code = "91520303MA6DKQ8X4A".substring(0, 17);
    code = code + UnifiedSocialCreditCode.checkCharacter(code);

    assertThat(SandboxDefaults.derive(code)).isEqualTo(SandboxDefaults.derive(code));
    for (String other : CODES.subList(0, 50)) {
      assertThat(SandboxDefaults.derive(other)).isEqualTo(SandboxDefaults.derive(other));
    }
  }

  @Test
  void derivationIsPinnedSoEveryMachineAndDayAnswersAlike() {
    SandboxProfile profile = SandboxDefaults.derive(CreditCodes.fromSeed(7));

    assertThat(profile.registration().name()).isEqualTo("永兴餐饮管理有限公司");
    assertThat(profile.tax().annualSales()).isEqualTo(new BigDecimal("9748000.00"));
    assertThat(profile.flows().monthlyInflows().get(0)).isEqualTo(new BigDecimal("717014.14"));
  }

  @Test
  void differentCreditCodesGetDifferentEnterprises() {
    Set<BigDecimal> sales = new HashSet<>();
    Set<LocalDate> established = new HashSet<>();
    for (String code : CODES) {
      SandboxProfile profile = SandboxDefaults.derive(code);
      sales.add(profile.tax().annualSales());
      established.add(profile.registration().establishedOn());
    }
    assertThat(sales).hasSizeGreaterThan(350);
    assertThat(established).hasSizeGreaterThan(350);
  }

  @Test
  void derivedProfilesPassTheSandboxApiValidation() {
    for (String code : CODES) {
      assertThat(SandboxProfileValidator.validate(code, SandboxDefaults.derive(code), TODAY)).as(code).isEmpty();
    }
  }

  @Test
  void derivedProfilesArePlausibleSmallEnterprises() {
    for (String code : CODES) {
      SandboxProfile p = SandboxDefaults.derive(code);
      assertThat(p.registration().status()).isEqualTo("ACTIVE");
      assertThat(p.registration().establishedOn()).isBetween(LocalDate.of(2008, 1, 1), LocalDate.of(2022, 12, 31));
      assertThat(p.tax().annualSales()).isBetween(new BigDecimal("1200000"), new BigDecimal("18000000"));
      assertThat(p.flows().monthlyInflows()).hasSize(12).allSatisfy(m -> assertThat(m).isPositive());
      assertThat(p.flows().monthlyOutflows()).hasSize(12);
      BigDecimal yearOfInflows = p.flows().monthlyInflows().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
      // Account inflows within 70%-130% of the sales reported to the tax authority.
      assertThat(yearOfInflows).isBetween(p.tax().annualSales().multiply(new BigDecimal("0.7")),
          p.tax().annualSales().multiply(new BigDecimal("1.3")));
      for (int i = 0; i < 12; i++) {
        assertThat(p.flows().monthlyOutflows().get(i)).isLessThan(p.flows().monthlyInflows().get(i));
      }
    }
  }

  @Test
  void derivedProfilesAreMostlyDecentAndNeverCarryAHardRedFlag() {
    FourDimensionScorer scorer = new FourDimensionScorer();
    Map<String, Long> grades = new TreeMap<>(CODES.stream()
        .map(code -> scorer.score(input(SandboxDefaults.derive(code))))
        .peek(card -> assertThat(card.hasHardRedFlag()).isFalse())
        .collect(Collectors.groupingBy(ScoreCard::grade, Collectors.counting())));

    long decent = grades.getOrDefault("A", 0L) + grades.getOrDefault("B", 0L) + grades.getOrDefault("C", 0L);
    assertThat(decent).as("grades %s", grades).isGreaterThanOrEqualTo(CODES.size() * 9 / 10);
    assertThat(grades).as("some variety").containsKeys("A", "B");
  }

  @Test
  void taxRatingsAreMostlyAOrB() {
    Map<String, Long> ratings = CODES.stream()
        .collect(Collectors.groupingBy(code -> SandboxDefaults.derive(code).tax().rating(), Collectors.counting()));
    assertThat(ratings.getOrDefault("A", 0L) + ratings.getOrDefault("B", 0L)).isGreaterThan(CODES.size() * 6 / 10);
    assertThat(ratings).doesNotContainKey("D");
  }

  /** 300,000 CNY on CREDIT, scored on the derived data. */
  private static ScoringInput input(SandboxProfile p) {
    return ScoringInput.builder()
        .requestedAmount(new BigDecimal("300000")).termMonths(12).guaranteeType("CREDIT")
        .establishedOn(p.registration().establishedOn()).asOf(TODAY)
        .declaredAnnualRevenue(p.tax().annualSales())
        .registrationStatus(p.registration().status()).industryCode(p.registration().industryCode())
        .taxRating(p.tax().rating()).taxAnnualSales(p.tax().annualSales()).taxOverdueFilings(p.tax().overdueFilings())
        .bureauCurrentOverdueAmount(p.bureau().currentOverdueAmount()).bureauMaxDpd24m(p.bureau().maxDpd24m())
        .bureauOutstandingLoans(p.bureau().outstandingLoans()).bureauEnquiriesLast3m(p.bureau().enquiriesLast3m())
        .courtOpenEnforcementCases(p.court().openEnforcementCases()).courtDishonestDebtor(p.court().dishonestDebtor())
        .monthlyInflows(p.flows().monthlyInflows()).monthlyOutflows(p.flows().monthlyOutflows())
        .utilityMonthsOfHistory(p.utilities().monthsOfHistory()).utilityLatePaymentsLast24m(p.utilities().latePaymentsLast24m())
        .internalDefaultCount(0).internalOpenDefaultCount(0)
        .industryOutlook(p.scenario().industryOutlook()).supplyChainRole(p.scenario().supplyChainRole())
        .build();
  }
}
