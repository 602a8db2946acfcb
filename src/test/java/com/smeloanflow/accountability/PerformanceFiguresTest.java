package com.smeloanflow.accountability;

import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.accountability.PerformanceFigures.LoanBalance;
import com.smeloanflow.accountability.PerformanceFigures.NplStanding;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The arithmetic of 专项考核: the manager's share of interest and the 1 % non-performing tolerance. */
class PerformanceFiguresTest {

  private static final BigDecimal ONE_PERCENT = new BigDecimal("0.01");

  private static LoanBalance performing(String id, String balance) {
    return new LoanBalance(id, new BigDecimal(balance), false, false);
  }

  private static LoanBalance nonPerforming(String id, String balance) {
    return new LoanBalance(id, new BigDecimal(balance), true, false);
  }

  private static LoanBalance exemptNonPerforming(String id, String balance) {
    return new LoanBalance(id, new BigDecimal(balance), true, true);
  }

  @Test
  void theManagerEarnsFivePercentOfTheInterestRoundedHalfUpToTheFen() {
    assertThat(PerformanceFigures.income(new BigDecimal("2371.88"), new BigDecimal("0.05"))).isEqualByComparingTo("118.59");
    assertThat(PerformanceFigures.income(new BigDecimal("0.10"), new BigDecimal("0.05"))).isEqualByComparingTo("0.01");
    assertThat(PerformanceFigures.income(new BigDecimal("0.09"), new BigDecimal("0.05"))).isEqualByComparingTo("0.00");
    assertThat(PerformanceFigures.income(new BigDecimal("0.00"), new BigDecimal("0.05")).scale()).isEqualTo(2);
  }

  @Test
  void aNonPerformingRatioOf0point99PercentIsWithinTheTolerance() {
    NplStanding standing = PerformanceFigures.npl(List.of(performing("L1", "990100.00"), nonPerforming("L2", "9900.00")),
        ONE_PERCENT);

    assertThat(standing.nplRatio()).isEqualByComparingTo("0.0099");
    assertThat(standing.withinTolerance()).isTrue();
    assertThat(standing.overTolerance()).isEmpty();
  }

  @Test
  void aNonPerformingRatioOfExactlyOnePercentIsStillWithinTheTolerance() {
    NplStanding standing = PerformanceFigures.npl(List.of(performing("L1", "990000.00"), nonPerforming("L2", "10000.00")),
        ONE_PERCENT);

    assertThat(standing.nplRatio()).isEqualByComparingTo("0.0100");
    assertThat(standing.withinTolerance()).isTrue();
  }

  @Test
  void aNonPerformingRatioOf1point01PercentIsAboveTheToleranceAndNamesTheLoan() {
    NplStanding standing = PerformanceFigures.npl(List.of(performing("L1", "989900.00"), nonPerforming("L2", "10100.00")),
        ONE_PERCENT);

    assertThat(standing.nplRatio()).isEqualByComparingTo("0.0101");
    assertThat(standing.withinTolerance()).isFalse();
    assertThat(standing.overTolerance()).extracting(LoanBalance::loanId).containsExactly("L2");
  }

  @Test
  void justAFenAboveTheToleranceIsAboveItWhateverTheRatioRoundsTo() {
    NplStanding standing = PerformanceFigures.npl(List.of(performing("L1", "989999.99"), nonPerforming("L2", "10000.01")),
        ONE_PERCENT);

    assertThat(standing.nplRatio()).isEqualByComparingTo("0.0100");
    assertThat(standing.withinTolerance()).isFalse();
  }

  @Test
  void aboveTheToleranceTheFewestLargestNonPerformingLoansThatPushedItOverAreListed() {
    // 1,000,000 in all, 40,000 non-performing (4 %): without the 20,000 and the 12,000 loans 8,000 remain (0.8 %)
    NplStanding standing = PerformanceFigures.npl(List.of(performing("L1", "960000.00"), nonPerforming("L2", "5000.00"),
        nonPerforming("L3", "20000.00"), nonPerforming("L4", "3000.00"), nonPerforming("L5", "12000.00")), ONE_PERCENT);

    assertThat(standing.nplBalance()).isEqualByComparingTo("40000.00");
    assertThat(standing.nplRatio()).isEqualByComparingTo("0.0400");
    assertThat(standing.overTolerance()).extracting(LoanBalance::loanId).containsExactly("L3", "L5");
  }

  @Test
  void aLoanExemptAfterTheDueDiligenceReviewDoesNotCountAgainstTheTolerance() {
    NplStanding standing = PerformanceFigures.npl(List.of(performing("L1", "980000.00"), exemptNonPerforming("L2", "15000.00"),
        nonPerforming("L3", "5000.00")), ONE_PERCENT);

    assertThat(standing.balance()).isEqualByComparingTo("1000000.00");
    assertThat(standing.nplBalance()).isEqualByComparingTo("5000.00");
    assertThat(standing.exemptNplBalance()).isEqualByComparingTo("15000.00");
    assertThat(standing.nplRatio()).isEqualByComparingTo("0.0050");
    assertThat(standing.withinTolerance()).isTrue();
  }

  @Test
  void aManagerWithoutBalancesIsWithinTheTolerance() {
    NplStanding standing = PerformanceFigures.npl(List.of(), ONE_PERCENT);

    assertThat(standing.balance()).isEqualByComparingTo("0.00");
    assertThat(standing.nplRatio()).isEqualByComparingTo("0");
    assertThat(standing.withinTolerance()).isTrue();
  }
}
