package com.smeloanflow.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the re-query calls new: a change since the last query, never a condition that held already. */
class SignalDetectorTest {

  private final SignalDetector detector = new SignalDetector(50);

  private static final ExternalBaseline CLEAN = new ExternalBaseline("ACTIVE", "A", 0, false, BigDecimal.ZERO, 0);

  private List<SignalType> found(ExternalBaseline before, ExternalBaseline now) {
    return detector.detect(before, now).stream().map(SignalDetector.Detected::type).toList();
  }

  @Test
  void theSameDataAgainIsNoSignal() {
    assertThat(found(CLEAN, CLEAN)).isEmpty();
  }

  @Test
  void eachChangeIsItsOwnSignal() {
    ExternalBaseline worse = new ExternalBaseline("DEREGISTERED", "D", 2, true, new BigDecimal("5000.00"), 80);
    assertThat(found(CLEAN, worse)).containsExactly(SignalType.TAX_RATING_DROP, SignalType.COURT_ENFORCEMENT,
        SignalType.DISHONEST_DEBTOR, SignalType.OVERDUE_ELSEWHERE, SignalType.INFLOW_COLLAPSE, SignalType.LICENCE_STATUS_CHANGE);
    assertThat(found(worse, worse)).as("nothing new the month after").isEmpty();
  }

  @Test
  void aBetterTaxRatingOrFewerCasesIsNoSignal() {
    ExternalBaseline before = new ExternalBaseline("ACTIVE", "C", 3, false, BigDecimal.ZERO, 0);
    assertThat(found(before, new ExternalBaseline("ACTIVE", "B", 1, false, BigDecimal.ZERO, 0))).isEmpty();
  }

  @Test
  void aRatingDropNeedsARatingBefore() {
    assertThat(found(ExternalBaseline.unknown(), new ExternalBaseline("ACTIVE", "C", 0, false, BigDecimal.ZERO, 0))).isEmpty();
  }

  @Test
  void inflowsCollapseFromHalfTheTwelveMonthAverage() {
    assertThat(found(CLEAN, new ExternalBaseline("ACTIVE", "A", 0, false, BigDecimal.ZERO, 49))).isEmpty();
    assertThat(found(CLEAN, new ExternalBaseline("ACTIVE", "A", 0, false, BigDecimal.ZERO, 50)))
        .containsExactly(SignalType.INFLOW_COLLAPSE);
  }

  @Test
  void theInflowDropComparesTheLastThreeMonthsWithTheTwelveMonthAverage() {
    List<BigDecimal> steady = new ArrayList<>(Collections.nCopies(12, new BigDecimal("100000")));
    assertThat(ExternalBaseline.inflowDropPercent(steady)).isZero();
    List<BigDecimal> collapsed = new ArrayList<>(Collections.nCopies(9, new BigDecimal("100000")));
    collapsed.addAll(Collections.nCopies(3, new BigDecimal("25000")));
    // average of 12 months 81,250; last three 25,000: 69 % below
    assertThat(ExternalBaseline.inflowDropPercent(collapsed)).isEqualTo(69);
    assertThat(ExternalBaseline.inflowDropPercent(collapsed.subList(0, 11))).as("fewer than 12 months").isNull();
  }
}
