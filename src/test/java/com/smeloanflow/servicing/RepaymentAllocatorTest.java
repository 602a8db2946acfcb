package com.smeloanflow.servicing;

import com.smeloanflow.approval.RepaymentMethod;
import static com.smeloanflow.servicing.AllocationComponent.CURRENT_INTEREST;
import static com.smeloanflow.servicing.AllocationComponent.CURRENT_PRINCIPAL;
import static com.smeloanflow.servicing.AllocationComponent.OVERDUE_INTEREST;
import static com.smeloanflow.servicing.AllocationComponent.OVERDUE_PENALTY;
import static com.smeloanflow.servicing.AllocationComponent.OVERDUE_PRINCIPAL;
import static com.smeloanflow.servicing.AllocationComponent.PREPAID_PRINCIPAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Allocation of repayments, prepayment and reversal on the schedule of 100,000.00 CNY at 4.35 % for
 * 12 months, equal instalments (8,530.99 a month), disbursed 15 March 2025.
 */
class RepaymentAllocatorTest {

  private static final RepaymentAllocator.Terms TERMS =
      new RepaymentAllocator.Terms(new BigDecimal("4.35"), RepaymentMethod.EQUAL_INSTALMENT);
  private static final LocalDate BEFORE_FIRST_DUE = LocalDate.of(2025, 4, 10);
  private static final LocalDate AFTER_SECOND_DUE = LocalDate.of(2025, 5, 20);

  private final RepaymentAllocator allocator = new RepaymentAllocator();

  /** The fresh schedule: nothing paid. */
  private static List<LedgerLine> schedule() {
    return new RepaymentScheduleCalculator().schedule(new BigDecimal("100000.00"), new BigDecimal("4.35"), 12,
        RepaymentMethod.EQUAL_INSTALMENT, LocalDate.of(2025, 3, 15)).stream().map(LedgerLine::scheduled).toList();
  }

  /** Instalments 1 (due 15 April) and 2 (due 15 May) overdue with 10.00 and 5.00 penalty interest accrued. */
  private static List<LedgerLine> twoOverdue() {
    List<LedgerLine> lines = new ArrayList<>(schedule());
    lines.set(0, withPenalty(lines.get(0), "10.00"));
    lines.set(1, withPenalty(lines.get(1), "5.00"));
    return lines;
  }

  private static LedgerLine withPenalty(LedgerLine line, String penalty) {
    return new LedgerLine(line.number(), line.dueDate(), line.principal(), line.interest(), line.remainingPrincipal(),
        line.principalPaid(), line.interestPaid(), new BigDecimal(penalty), line.penaltyPaid(), InstalmentStatus.OVERDUE, null);
  }

  private static AllocationLine line(Integer instalment, AllocationComponent component, String amount) {
    return new AllocationLine(instalment, component, new BigDecimal(amount));
  }

  private static BigDecimal money(String amount) {
    return new BigDecimal(amount);
  }

  @Test
  void standardOrderPaysAllPenaltiesThenInterestThenPrincipalAcrossOverdueInstalments() {
    Allocation allocation = allocator.allocate(twoOverdue(), TERMS, AFTER_SECOND_DUE, money("400.00"),
        AllocationRule.standard());

    assertThat(allocation.lines()).containsExactly(line(1, OVERDUE_PENALTY, "10.00"), line(2, OVERDUE_PENALTY, "5.00"),
        line(1, OVERDUE_INTEREST, "362.50"), line(2, OVERDUE_INTEREST, "22.50"));
    assertThat(allocation.after().get(1).interestPaid()).isEqualTo(money("22.50"));
    assertThat(allocation.after().get(0).status()).isEqualTo(InstalmentStatus.OVERDUE);
    assertThat(allocation.arrearsCleared()).isFalse();
    assertThat(allocation.scheduleRecomputed()).isFalse();
  }

  @Test
  void oldestInstalmentFirstClearsTheOldestOverdueInstalmentBeforeTheNext() {
    AllocationRule oldestFirst = new AllocationRule(AllocationRule.standard().order(), AllocationScope.OLDEST_INSTALMENT_FIRST,
        "test");

    Allocation allocation = allocator.allocate(twoOverdue(), TERMS, AFTER_SECOND_DUE, money("8550.99"), oldestFirst);

    assertThat(allocation.lines()).containsExactly(line(1, OVERDUE_PENALTY, "10.00"), line(1, OVERDUE_INTEREST, "362.50"),
        line(1, OVERDUE_PRINCIPAL, "8168.49"), line(2, OVERDUE_PENALTY, "5.00"), line(2, OVERDUE_INTEREST, "5.00"));
    assertThat(allocation.after().get(0).status()).isEqualTo(InstalmentStatus.PAID);
    assertThat(allocation.after().get(0).paidOn()).isEqualTo(AFTER_SECOND_DUE);
    assertThat(allocation.after().get(1).status()).isEqualTo(InstalmentStatus.OVERDUE);
  }

  @Test
  void aProcessOwnersOrderPutsPrincipalBeforeInterest() {
    AllocationRule principalFirst = AllocationRule.parse(
        "OVERDUE_PRINCIPAL, OVERDUE_INTEREST, OVERDUE_PENALTY, CURRENT_PRINCIPAL, CURRENT_INTEREST", "ACROSS_INSTALMENTS", "test");

    Allocation allocation = allocator.allocate(twoOverdue(), TERMS, AFTER_SECOND_DUE, money("9000.00"), principalFirst);

    assertThat(allocation.lines()).containsExactly(line(1, OVERDUE_PRINCIPAL, "8168.49"), line(2, OVERDUE_PRINCIPAL, "831.51"));
  }

  @Test
  void repaymentClearingEveryOverdueInstalmentClearsTheArrearsAndLeavesTheCurrentOneDue() {
    // 8,530.99 + 10.00 + 8,530.99 + 5.00
    Allocation allocation = allocator.allocate(twoOverdue(), TERMS, AFTER_SECOND_DUE, money("17076.98"),
        AllocationRule.standard());

    assertThat(allocation.arrearsCleared()).isTrue();
    assertThat(allocation.after().subList(0, 2)).allSatisfy(l -> {
      assertThat(l.status()).isEqualTo(InstalmentStatus.PAID);
      assertThat(l.outstanding()).isEqualByComparingTo("0");
    });
    assertThat(allocation.after().get(2).status()).isEqualTo(InstalmentStatus.DUE);
    assertThat(allocation.after().get(2).interestPaid()).isEqualTo(money("0.00"));
    assertThat(RepaymentAllocator.arrears(allocation.after(), AFTER_SECOND_DUE)).isEqualByComparingTo("0");
  }

  @Test
  void partialRepaymentOfTheArrearsDoesNotClearThem() {
    Allocation allocation = allocator.allocate(twoOverdue(), TERMS, AFTER_SECOND_DUE, money("17076.97"),
        AllocationRule.standard());

    assertThat(allocation.arrearsCleared()).isFalse();
    assertThat(RepaymentAllocator.arrears(allocation.after(), AFTER_SECOND_DUE)).isEqualByComparingTo("0.01");
  }

  @Test
  void paymentBeforeTheDueDatePaysTheCurrentInstalmentInterestFirst() {
    Allocation allocation = allocator.allocate(schedule(), TERMS, BEFORE_FIRST_DUE, money("5000.00"), AllocationRule.standard());

    assertThat(allocation.lines()).containsExactly(line(1, CURRENT_INTEREST, "362.50"), line(1, CURRENT_PRINCIPAL, "4637.50"));
    assertThat(allocation.after().get(0).status()).isEqualTo(InstalmentStatus.DUE);
    assertThat(allocation.after().get(0).outstanding()).isEqualTo(money("3530.99"));
    assertThat(allocation.arrearsCleared()).isFalse();
  }

  @Test
  void partialPrepaymentRecomputesTheLaterInstalmentsOnTheLowerPrincipal() {
    List<LedgerLine> before = schedule();

    Allocation allocation = allocator.allocate(before, TERMS, BEFORE_FIRST_DUE, money("18530.99"), AllocationRule.standard());

    assertThat(allocation.lines()).containsExactly(line(1, CURRENT_INTEREST, "362.50"), line(1, CURRENT_PRINCIPAL, "8168.49"),
        line(null, PREPAID_PRINCIPAL, "10000.00"));
    assertThat(allocation.prepaidPrincipal()).isEqualTo(money("10000.00"));
    assertThat(allocation.scheduleBefore()).hasSize(11).extracting(Instalment::number).startsWith(2).endsWith(12);
    List<LedgerLine> later = allocation.after().subList(1, 12);
    // 91,831.51 owed after the first instalment, less 10,000.00 prepaid, over the same 11 months.
    assertThat(later.stream().map(LedgerLine::principal).reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualTo(money("81831.51"));
    assertThat(later.get(0).interest()).isEqualTo(money("296.64")); // 0.3625 % of 81,831.51
    assertThat(later.get(0).total()).isLessThan(money("8530.99"));
    assertThat(later).extracting(LedgerLine::dueDate).containsExactlyElementsOf(
        before.subList(1, 12).stream().map(LedgerLine::dueDate).toList());
    assertThat(later.get(10).remainingPrincipal()).isEqualTo(money("0.00"));
    assertThat(later).allSatisfy(l -> assertThat(l.status()).isEqualTo(InstalmentStatus.DUE));
    assertThat(allocation.paidOff()).isFalse();
    assertThat(LoanBalances.of(allocation.after()).outstandingPrincipal()).isEqualTo(money("81831.51"));
  }

  @Test
  void fullPrepaymentOfThePayoffAmountRepaysEverythingWithoutFurtherInterest() {
    List<LedgerLine> before = schedule();
    // The current instalment in full (interest for its whole period) and all later principal.
    assertThat(RepaymentAllocator.payoffAmount(before, BEFORE_FIRST_DUE)).isEqualTo(money("100362.50"));

    Allocation allocation = allocator.allocate(before, TERMS, BEFORE_FIRST_DUE, money("100362.50"), AllocationRule.standard());

    assertThat(allocation.paidOff()).isTrue();
    assertThat(allocation.prepaidPrincipal()).isEqualTo(money("91831.51"));
    assertThat(allocation.after()).allSatisfy(l -> assertThat(l.status()).isEqualTo(InstalmentStatus.PAID));
    assertThat(allocation.after().subList(1, 12)).allSatisfy(l -> assertThat(l.total()).isEqualTo(money("0.00")));
    assertThat(LoanBalances.of(allocation.after()).outstandingPrincipal()).isEqualTo(money("0.00"));
  }

  @Test
  void aPrepaymentKeepsWhatALaterInstalmentWasAlreadyPaid() {
    // A renewal (无还本续贷) paid the maturity instalment's principal while the earlier ones are still to come.
    List<LedgerLine> before = new ArrayList<>(schedule());
    LedgerLine maturity = before.get(11);
    before.set(11, maturity.paying(CURRENT_PRINCIPAL, maturity.principal()));
    BigDecimal payoff = RepaymentAllocator.payoffAmount(before, BEFORE_FIRST_DUE);
    assertThat(payoff).isEqualTo(money("100362.50").subtract(maturity.principal()));

    Allocation paidOff = allocator.allocate(before, TERMS, BEFORE_FIRST_DUE, payoff, AllocationRule.standard());

    assertThat(paidOff.paidOff()).isTrue();
    assertThat(paidOff.after()).allSatisfy(l -> assertThat(l.outstanding()).isEqualTo(money("0.00")));
    assertThat(paidOff.after().get(11).principalPaid()).isEqualTo(maturity.principal());
    assertThat(LoanBalances.of(paidOff.after()).outstandingPrincipal()).isEqualTo(money("0.00"));

    Allocation part = allocator.allocate(before, TERMS, BEFORE_FIRST_DUE, money("18530.99"), AllocationRule.standard());
    assertThat(part.after()).allSatisfy(l -> assertThat(l.principalDue().signum()).isNotNegative());
    assertThat(LoanBalances.of(part.after()).outstandingPrincipal())
        .isEqualTo(LoanBalances.of(before).outstandingPrincipal().subtract(part.lines().stream()
            .filter(a -> a.component() == CURRENT_PRINCIPAL || a.component() == PREPAID_PRINCIPAL)
            .map(AllocationLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add)));
    assertThat(allocator.reverse(part.after(), part.lines(), part.scheduleBefore(), BEFORE_FIRST_DUE)).isEqualTo(before);
  }

  @Test
  void paidAheadOfAnInstalmentWhosePeriodHasNotBegunTheBorrowerPaysNoInterestForIt() {
    // Instalment 1 paid in full before its due date: instalment 2's period (from 15 April) has not begun on 10 April.
    Allocation first = allocator.allocate(schedule(), TERMS, BEFORE_FIRST_DUE, money("8530.99"), AllocationRule.standard());
    List<LedgerLine> paidAhead = first.after();
    BigDecimal principalLeft = LoanBalances.of(paidAhead).outstandingPrincipal();

    assertThat(RepaymentAllocator.payoffAmount(paidAhead, BEFORE_FIRST_DUE)).as("principal only, no interest of May's period")
        .isEqualTo(principalLeft);
    Allocation more = allocator.allocate(paidAhead, TERMS, BEFORE_FIRST_DUE, money("1000.00"), AllocationRule.standard());
    assertThat(more.lines()).containsExactly(line(null, PREPAID_PRINCIPAL, "1000.00"));
    assertThat(LoanBalances.of(more.after()).outstandingPrincipal()).isEqualTo(principalLeft.subtract(money("1000.00")));
    assertThat(allocator.reverse(more.after(), more.lines(), more.scheduleBefore(), BEFORE_FIRST_DUE)).isEqualTo(paidAhead);

    Allocation payoff = allocator.allocate(paidAhead, TERMS, BEFORE_FIRST_DUE, principalLeft, AllocationRule.standard());
    assertThat(payoff.paidOff()).isTrue();
    assertThat(payoff.lines()).noneMatch(l -> l.component() == CURRENT_INTEREST);
  }

  @Test
  void refusesMoreThanThePayoffAmount() {
    assertThatThrownBy(() -> allocator.allocate(schedule(), TERMS, BEFORE_FIRST_DUE, money("100362.51"),
        AllocationRule.standard())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("100362.50");
    // Arrears 17,076.98, the third instalment's interest 303.17 and the 83,633.41 principal owed after the second.
    assertThat(RepaymentAllocator.payoffAmount(twoOverdue(), AFTER_SECOND_DUE)).isEqualTo(money("101013.56"));
  }

  @Test
  void reversalOfACureReopensTheOverdueInstalmentsWithTheirPenalty() {
    List<LedgerLine> before = twoOverdue();
    Allocation cure = allocator.allocate(before, TERMS, AFTER_SECOND_DUE, money("17076.98"), AllocationRule.standard());

    List<LedgerLine> reversed = allocator.reverse(cure.after(), cure.lines(), cure.scheduleBefore(), AFTER_SECOND_DUE);

    assertThat(reversed).isEqualTo(before);
    assertThat(RepaymentAllocator.arrears(reversed, AFTER_SECOND_DUE)).isEqualTo(money("17076.98"));
  }

  @Test
  void reversalOfAPrepaymentRestoresTheScheduleItRecomputed() {
    List<LedgerLine> before = schedule();
    Allocation prepayment = allocator.allocate(before, TERMS, BEFORE_FIRST_DUE, money("18530.99"), AllocationRule.standard());

    List<LedgerLine> reversed = allocator.reverse(prepayment.after(), prepayment.lines(), prepayment.scheduleBefore(),
        BEFORE_FIRST_DUE);

    assertThat(reversed).isEqualTo(before);
  }

  @Test
  void reversalAfterTheDueDateLeavesTheInstalmentItPaidAheadOverdue() {
    Allocation early = allocator.allocate(schedule(), TERMS, BEFORE_FIRST_DUE, money("8530.99"), AllocationRule.standard());
    assertThat(early.after().get(0).status()).isEqualTo(InstalmentStatus.PAID);

    List<LedgerLine> reversed = allocator.reverse(early.after(), early.lines(), early.scheduleBefore(), LocalDate.of(2025, 4, 20));

    assertThat(reversed.get(0).status()).isEqualTo(InstalmentStatus.OVERDUE);
    assertThat(reversed.get(0).paidOn()).isNull();
    assertThat(reversed.get(0).outstanding()).isEqualTo(money("8530.99"));
  }

  @Test
  void reversalRefusesToTakeBackMoreThanTheInstalmentHolds() {
    assertThatThrownBy(() -> allocator.reverse(schedule(), List.of(line(1, CURRENT_INTEREST, "1.00")), List.of(),
        BEFORE_FIRST_DUE)).isInstanceOf(IllegalStateException.class).hasMessageContaining("Instalment 1");
  }

  @Test
  void anAllocationOrderNamesEveryComponentOnce() {
    assertThatThrownBy(() -> AllocationRule.parse("OVERDUE_PENALTY, OVERDUE_INTEREST, OVERDUE_PRINCIPAL, CURRENT_INTEREST",
        "ACROSS_INSTALMENTS", "test")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AllocationRule.parse(
        "OVERDUE_PENALTY, OVERDUE_PENALTY, OVERDUE_INTEREST, OVERDUE_PRINCIPAL, CURRENT_INTEREST", "ACROSS_INSTALMENTS", "test"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AllocationRule.parse(
        "OVERDUE_PENALTY, OVERDUE_INTEREST, OVERDUE_PRINCIPAL, CURRENT_INTEREST, PREPAID_PRINCIPAL", "ACROSS_INSTALMENTS", "test"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AllocationRule.parse(AllocationRule.standard().order().toString().replaceAll("[\\[\\]]", ""),
        "SIDEWAYS", "test")).isInstanceOf(IllegalArgumentException.class);
  }
}
