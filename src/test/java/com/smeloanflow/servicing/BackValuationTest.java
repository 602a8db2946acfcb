package com.smeloanflow.servicing;

import static com.smeloanflow.servicing.AllocationComponent.CURRENT_INTEREST;
import static com.smeloanflow.servicing.AllocationComponent.CURRENT_PRINCIPAL;
import static com.smeloanflow.servicing.AllocationComponent.OVERDUE_INTEREST;
import static com.smeloanflow.servicing.AllocationComponent.OVERDUE_PENALTY;
import static com.smeloanflow.servicing.AllocationComponent.OVERDUE_PRINCIPAL;
import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.approval.RepaymentMethod;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A repayment applied as of its value date after closes of that date or later charged penalty interest: 100,000.00 at
 * 4.35 % for 12 months, the first instalment (principal 8,168.49, interest 362.50) due 15 April 2025 and charged by the
 * closes of 15, 16 and 17 April (1.48 a day at 50 % uplift).
 */
class BackValuationTest {

  private static final BigDecimal RATE = new BigDecimal("4.35");
  private static final LocalDate DUE = LocalDate.of(2025, 4, 15);
  private static final PenaltyInterest PENALTY = new PenaltyInterest(new BigDecimal("50"));

  private final RepaymentAllocator allocator = new RepaymentAllocator();

  /** The first instalment overdue since the close of 15 April, three closes charged (4.44). */
  private static List<LedgerLine> chargedThreeDays() {
    List<LedgerLine> lines = new ArrayList<>(new RepaymentScheduleCalculator().schedule(new BigDecimal("100000.00"), RATE,
        12, RepaymentMethod.EQUAL_INSTALMENT, LocalDate.of(2025, 3, 15)).stream().map(LedgerLine::scheduled).toList());
    lines.set(0, lines.get(0).withPenaltyAccrued(new BigDecimal("4.44")).withStatus(InstalmentStatus.OVERDUE, null));
    return lines;
  }

  private BackValuation asOf(LocalDate valueDate) {
    return BackValuation.of(chargedThreeDays(), Map.of(1, DUE.plusDays(2)), valueDate,
        principal -> PENALTY.forOneDay(principal, RATE));
  }

  private Allocation apply(BackValuation asOf, LocalDate valueDate, String amount) {
    Allocation onValueDate = allocator.allocate(asOf.asOfValueDate(), new RepaymentAllocator.Terms(RATE,
        RepaymentMethod.EQUAL_INSTALMENT), valueDate, new BigDecimal(amount), AllocationRule.standard());
    return asOf.settle(onValueDate);
  }

  @Test
  void paidOnTheDueDateTheInstalmentIsTheCurrentOneAndEveryDayOfPenaltyInterestIsReversed() {
    BackValuation asOf = asOf(DUE);
    // settled on its due date: the principal and the first period's interest, no penalty interest, no second period
    assertThat(RepaymentAllocator.payoffAmount(asOf.asOfValueDate(), DUE)).isEqualByComparingTo("100362.50");

    Allocation allocation = apply(asOf, DUE, "8530.99");

    assertThat(allocation.lines()).extracting(AllocationLine::component).containsExactly(CURRENT_INTEREST, CURRENT_PRINCIPAL);
    LedgerLine first = allocation.after().get(0);
    assertThat(first.status()).isEqualTo(InstalmentStatus.PAID);
    assertThat(first.paidOn()).isEqualTo(DUE);
    assertThat(first.penaltyAccrued()).isEqualByComparingTo("0");
    assertThat(allocation.arrearsCleared()).isTrue();
    assertThat(asOf.reversals(allocation.after())).containsExactly(
        new PenaltyReversal(1, DUE, DUE.plusDays(2), 3, new BigDecimal("4.44")));
  }

  @Test
  void paidInPartOnTheDueDateWhatIsLeftIsChargedForThoseDaysAndStaysOverdue() {
    BackValuation asOf = asOf(DUE);

    Allocation allocation = apply(asOf, DUE, "5000.00");

    LedgerLine first = allocation.after().get(0);
    assertThat(first.principalDue()).isEqualByComparingTo("3530.99");
    // three days on the 3,530.99 left: 0.64 a day
    assertThat(PENALTY.forOneDay(new BigDecimal("3530.99"), RATE)).isEqualByComparingTo("0.64");
    assertThat(first.penaltyAccrued()).isEqualByComparingTo("1.92");
    assertThat(first.status()).isEqualTo(InstalmentStatus.OVERDUE);
    assertThat(allocation.arrearsCleared()).isFalse();
    assertThat(asOf.reversals(allocation.after())).containsExactly(
        new PenaltyReversal(1, DUE, DUE.plusDays(2), 3, new BigDecimal("2.52")));
  }

  @Test
  void paidTheDayAfterTheDueDateTheFirstDayStaysAndTheLaterClosesAreReversed() {
    LocalDate nextDay = DUE.plusDays(1);
    BackValuation asOf = asOf(nextDay);

    Allocation allocation = apply(asOf, nextDay, "8532.47");

    assertThat(allocation.lines()).extracting(AllocationLine::component, AllocationLine::amount).containsExactly(
        org.assertj.core.groups.Tuple.tuple(OVERDUE_PENALTY, new BigDecimal("1.48")),
        org.assertj.core.groups.Tuple.tuple(OVERDUE_INTEREST, new BigDecimal("362.50")),
        org.assertj.core.groups.Tuple.tuple(OVERDUE_PRINCIPAL, new BigDecimal("8168.49")));
    assertThat(allocation.after().get(0).penaltyAccrued()).isEqualByComparingTo("1.48");
    assertThat(allocation.after().get(0).settled()).isTrue();
    assertThat(allocation.arrearsCleared()).isTrue();
    assertThat(asOf.reversals(allocation.after())).containsExactly(
        new PenaltyReversal(1, nextDay, DUE.plusDays(2), 2, new BigDecimal("2.96")));
  }

  @Test
  void aValueDateAfterTheLastChargedCloseIsNotBackValued() {
    BackValuation asOf = asOf(DUE.plusDays(3));

    assertThat(asOf.backValued()).isFalse();
    assertThat(asOf.asOfValueDate()).isEqualTo(chargedThreeDays());
  }
}
