package com.smeloanflow.servicing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.smeloanflow.approval.RepaymentMethod;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The schedule of a called-in loan (提前收回贷款): 100,000.00 CNY at 4.35 % for 12 months, equal instalments, disbursed
 * 15 March 2025; the first instalment (8,168.49 + 362.50 interest) due 15 April, the second (8,198.10 + 332.89) 15 May.
 */
class AccelerationTest {

  private static final LocalDate DISBURSED = LocalDate.of(2025, 3, 15);
  private static final RepaymentAllocator.Terms TERMS =
      new RepaymentAllocator.Terms(new BigDecimal("4.35"), RepaymentMethod.EQUAL_INSTALMENT, LocalDate.of(2025, 4, 25));

  private static List<LedgerLine> schedule() {
    return new RepaymentScheduleCalculator().schedule(new BigDecimal("100000.00"), new BigDecimal("4.35"), 12,
        RepaymentMethod.EQUAL_INSTALMENT, DISBURSED).stream().map(LedgerLine::scheduled).toList();
  }

  private static BigDecimal money(String amount) {
    return new BigDecimal(amount);
  }

  @Test
  void everythingNotYetDueFallsDueOnTheDateWithTheInterestOfThePeriodUnderWayToThatDateOnly() {
    // called in on 10 April, to be repaid by 25 April: the first instalment falls due before, the second's period
    // (15 April to 15 May, 30 days) is under way on 25 April, 10 days of it run: 332.89 × 10 / 30 = 110.96
    List<LedgerLine> accelerated = Acceleration.of(schedule(), DISBURSED, LocalDate.of(2025, 4, 25));

    assertThat(accelerated.get(0)).as("due before the date: as it was").isEqualTo(schedule().get(0));
    assertThat(accelerated.subList(1, 4)).extracting(LedgerLine::number, LedgerLine::dueDate, LedgerLine::principal,
        LedgerLine::interest, LedgerLine::status).containsExactly(
        tuple(2, LocalDate.of(2025, 4, 25), money("8198.10"), money("110.96"), InstalmentStatus.DUE),
        tuple(3, LocalDate.of(2025, 4, 25), money("8227.82"), money("0.00"), InstalmentStatus.DUE),
        tuple(4, LocalDate.of(2025, 4, 25), money("8257.64"), money("0.00"), InstalmentStatus.DUE));
    assertThat(accelerated).allSatisfy(line -> assertThat(line.dueDate()).isBeforeOrEqualTo(LocalDate.of(2025, 4, 25)));
    LoanBalances balances = LoanBalances.of(accelerated);
    assertThat(balances.outstandingPrincipal()).as("no principal added or lost").isEqualTo(money("100000.00"));
    assertThat(balances.outstandingInterest()).as("the first period's and 10 days of the second's").isEqualTo(
        money("473.46"));
    // paid on the date: everything (the first instalment overdue by then), no interest after 25 April
    assertThat(RepaymentAllocator.payoffAmount(accelerated, LocalDate.of(2025, 4, 25))).isEqualTo(money("100473.46"));
  }

  @Test
  void whatWasPaidOrIsOverdueStaysAsItWas() {
    List<LedgerLine> lines = new ArrayList<>(schedule());
    LedgerLine first = lines.get(0);
    lines.set(0, first.paying(AllocationComponent.CURRENT_INTEREST, first.interest())
        .paying(AllocationComponent.CURRENT_PRINCIPAL, first.principal()).withStatus(InstalmentStatus.PAID,
            LocalDate.of(2025, 4, 15)));
    LedgerLine second = lines.get(1);
    lines.set(1, new LedgerLine(2, second.dueDate(), second.principal(), second.interest(), second.remainingPrincipal(),
        LedgerLine.ZERO, money("100.00"), money("30.00"), LedgerLine.ZERO, InstalmentStatus.OVERDUE, null));

    // called in on 1 June, to be repaid by 16 June: the third instalment's period (15 May to 15 June) ended before
    List<LedgerLine> accelerated = Acceleration.of(lines, DISBURSED, LocalDate.of(2025, 6, 16));

    assertThat(accelerated.subList(0, 3)).isEqualTo(lines.subList(0, 3));
    // the fourth's period (15 June to 15 July, 30 days): 1 day of 273.35 = 9.11
    assertThat(accelerated.get(3)).extracting(LedgerLine::dueDate, LedgerLine::principal, LedgerLine::interest)
        .containsExactly(LocalDate.of(2025, 6, 16), money("8257.64"), money("9.11"));
    assertThat(accelerated.subList(4, 12)).allSatisfy(line -> {
      assertThat(line.dueDate()).isEqualTo(LocalDate.of(2025, 6, 16));
      assertThat(line.interest()).isEqualTo(money("0.00"));
    });
  }

  @Test
  void acceleratingAgainChangesNothing() {
    List<LedgerLine> once = Acceleration.of(schedule(), DISBURSED, LocalDate.of(2025, 4, 25));

    assertThat(Acceleration.of(once, DISBURSED, LocalDate.of(2025, 4, 25))).isEqualTo(once);
    assertThat(Acceleration.of(once, DISBURSED, LocalDate.of(2025, 5, 10))).as("a later date").isEqualTo(once);
  }

  @Test
  void aPartPaymentBeforeTheDateRepaysTheAcceleratedPrincipalInOrderAndTheInterestToTheDateInProportion() {
    List<LedgerLine> accelerated = Acceleration.of(schedule(), DISBURSED, LocalDate.of(2025, 4, 25));

    // 10 April: the first instalment (8,530.99), then 11,469.01 of the accelerated principal (91,831.51)
    Allocation allocation = new RepaymentAllocator().allocate(accelerated, TERMS, LocalDate.of(2025, 4, 10),
        money("20000.00"), AllocationRule.standard());

    List<LedgerLine> after = allocation.after();
    assertThat(after.get(0).status()).isEqualTo(InstalmentStatus.PAID);
    // the second's principal repaid; what is left (80,362.50) runs 15 to 25 April: 110.96 × 80,362.50 / 91,831.51
    assertThat(after.subList(1, 4)).extracting(LedgerLine::dueDate, LedgerLine::principal, LedgerLine::interest)
        .containsExactly(
            tuple(LocalDate.of(2025, 4, 25), money("0.00"), money("97.10")),
            tuple(LocalDate.of(2025, 4, 25), money("4956.91"), money("0.00")),
            tuple(LocalDate.of(2025, 4, 25), money("8257.64"), money("0.00")));
    assertThat(after.subList(4, 12)).as("no interest of a later period comes back").allSatisfy(line -> {
      assertThat(line.interest()).isEqualTo(money("0.00"));
      assertThat(line.dueDate()).isEqualTo(LocalDate.of(2025, 4, 25));
    });
    assertThat(LoanBalances.of(after).outstandingPrincipal()).isEqualTo(money("80362.50"));
  }

  @Test
  void anInstalmentPaidBeforeTheCallInAndReversedAfterItIsAcceleratedAgainWithItsInterestToTheDate() {
    // the first instalment paid before the call-in, to be repaid by 10 April: the call-in leaves it as it was
    List<LedgerLine> lines = new ArrayList<>(schedule());
    LedgerLine first = lines.get(0);
    lines.set(0, first.paying(AllocationComponent.CURRENT_INTEREST, first.interest())
        .paying(AllocationComponent.CURRENT_PRINCIPAL, first.principal()).withStatus(InstalmentStatus.PAID,
            LocalDate.of(2025, 4, 1)));
    List<LedgerLine> accelerated = Acceleration.of(lines, DISBURSED, LocalDate.of(2025, 4, 10));
    assertThat(accelerated.get(0).dueDate()).isEqualTo(LocalDate.of(2025, 4, 15));
    // the payment bounces: the first instalment is owed again, as scheduled
    List<LedgerLine> reversed = new ArrayList<>(accelerated);
    reversed.set(0, schedule().get(0));

    List<LedgerLine> again = Acceleration.again(accelerated, reversed, DISBURSED, LocalDate.of(2025, 4, 10),
        new BigDecimal("4.35"));

    // its period (15 March to 15 April, 31 days) has run 26 days on 10 April: 362.50 × 26 / 31 = 304.03
    assertThat(again.get(0)).extracting(LedgerLine::dueDate, LedgerLine::principal, LedgerLine::interest)
        .containsExactly(LocalDate.of(2025, 4, 10), money("8168.49"), money("304.03"));
    assertThat(again.subList(1, 12)).isEqualTo(accelerated.subList(1, 12));
    assertThat(again).isEqualTo(Acceleration.of(schedule(), DISBURSED, LocalDate.of(2025, 4, 10)));
  }

  @Test
  void acceleratingAgainAScheduleAlreadyAcceleratedChangesNothing() {
    List<LedgerLine> once = Acceleration.of(schedule(), DISBURSED, LocalDate.of(2025, 4, 25));

    assertThat(Acceleration.again(once, once, DISBURSED, LocalDate.of(2025, 4, 25), new BigDecimal("4.35")))
        .isEqualTo(once);
    assertThat(Acceleration.again(schedule(), once, DISBURSED, LocalDate.of(2025, 4, 25), new BigDecimal("4.35")))
        .as("every instalment put back accelerated").isEqualTo(once);
  }
}
