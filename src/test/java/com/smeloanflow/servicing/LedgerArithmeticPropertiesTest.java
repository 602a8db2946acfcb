package com.smeloanflow.servicing;

import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.approval.RepaymentMethod;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The ledger's arithmetic over many random loans (a fixed seed, so a failure repeats): schedules, repayments in the
 * product's order with prepayments, and their reversals, checked to the fen.
 */
class LedgerArithmeticPropertiesTest {

  private static final int LOANS = 1500;
  private final RepaymentScheduleCalculator calculator = new RepaymentScheduleCalculator();
  private final RepaymentAllocator allocator = new RepaymentAllocator();

  @Test
  void everyScheduleRepaysExactlyThePrincipalWithNoNegativeInstalment() {
    Random random = new Random(20261207L);
    for (int k = 0; k < LOANS; k++) {
      Loan loan = Loan.random(random);
      List<Instalment> schedule = loan.schedule(calculator);
      String which = loan.toString();
      assertThat(schedule).as(which).hasSize(loan.term);
      assertThat(schedule.stream().map(Instalment::principal).reduce(BigDecimal.ZERO, BigDecimal::add))
          .as(which).isEqualByComparingTo(loan.principal);
      BigDecimal owed = loan.principal;
      for (Instalment instalment : schedule) {
        assertThat(instalment.principal().signum()).as(which + " #" + instalment.number()).isNotNegative();
        assertThat(instalment.interest().signum()).as(which + " #" + instalment.number()).isNotNegative();
        assertThat(instalment.total()).as(which).isEqualTo(instalment.principal().add(instalment.interest()));
        owed = owed.subtract(instalment.principal());
        assertThat(instalment.remainingPrincipal()).as(which + " #" + instalment.number()).isEqualTo(owed);
        assertThat(instalment.principal().scale()).isEqualTo(2);
        assertThat(instalment.interest().scale()).isEqualTo(2);
      }
    }
  }

  @Test
  void repaymentsKeepEveryComponentWithinTheScheduleAndAReversalRestoresTheLedgerExactly() {
    Random random = new Random(7L);
    for (int k = 0; k < LOANS; k++) {
      Loan loan = Loan.random(random);
      List<LedgerLine> lines = loan.schedule(calculator).stream().map(LedgerLine::scheduled).toList();
      BigDecimal prepaid = BigDecimal.ZERO;
      LocalDate day = loan.disbursedOn;
      RepaymentAllocator.Terms terms = new RepaymentAllocator.Terms(loan.rate, loan.method);
      for (int step = 0; step < 6 && !lines.stream().allMatch(LedgerLine::settled); step++) {
        day = day.plusDays(1 + random.nextInt(45));
        lines = overdueBy(lines, day, random);
        BigDecimal payoff = RepaymentAllocator.payoffAmount(lines, day);
        if (payoff.signum() == 0) {
          break;
        }
        BigDecimal amount = random.nextInt(5) == 0 ? payoff
            : payoff.multiply(BigDecimal.valueOf(random.nextDouble())).setScale(2, java.math.RoundingMode.DOWN)
                .max(new BigDecimal("0.01"));
        AllocationRule rule = anyOrder(random);
        String which = loan + " step " + step + " paying " + amount + " on " + day;
        Allocation allocation = allocator.allocate(lines, terms, day, amount, rule);

        assertThat(allocation.lines().stream().map(AllocationLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add))
            .as(which).isEqualByComparingTo(amount);
        allocation.lines().forEach(l -> assertThat(l.amount().signum()).as(which).isPositive());
        for (LedgerLine line : allocation.after()) {
          assertThat(line.principalDue().signum()).as(which + " #" + line.number() + " " + line).isNotNegative();
          assertThat(line.interestDue().signum()).as(which + " #" + line.number() + " " + line).isNotNegative();
          assertThat(line.penaltyDue().signum()).as(which + " #" + line.number() + " " + line).isNotNegative();
          assertThat(line.principal().signum()).as(which + " #" + line.number()).isNotNegative();
        }
        BigDecimal newlyPrepaid = allocation.prepaidPrincipal();
        assertThat(allocation.after().stream().map(LedgerLine::principal).reduce(BigDecimal.ZERO, BigDecimal::add)
            .add(prepaid).add(newlyPrepaid)).as(which + ": scheduled principal and prepayments make the loan")
            .isEqualByComparingTo(loan.principal);
        assertThat(allocation.paidOff()).as(which).isEqualTo(amount.compareTo(payoff) == 0);

        List<LedgerLine> reversed = allocator.reverse(allocation.after(), allocation.lines(), allocation.scheduleBefore(),
            day);
        assertThat(withoutPaidOnOfNothing(reversed)).as(which + ": the reversal restores the ledger")
            .isEqualTo(withoutPaidOnOfNothing(lines));

        lines = allocation.after();
        prepaid = prepaid.add(newlyPrepaid);
      }
    }
  }

  /** A process owner's order: the five components in any order, over instalments or oldest instalment first. */
  private static AllocationRule anyOrder(Random random) {
    List<AllocationComponent> order = new ArrayList<>(AllocationRule.standard().order());
    java.util.Collections.shuffle(order, random);
    return new AllocationRule(order, AllocationScope.values()[random.nextInt(AllocationScope.values().length)], "random");
  }

  /** The daily closes up to {@code day}: instalments due before it and unpaid are overdue with some penalty interest. */
  private static List<LedgerLine> overdueBy(List<LedgerLine> lines, LocalDate day, Random random) {
    List<LedgerLine> closed = new ArrayList<>();
    for (LedgerLine line : lines) {
      if (!line.settled() && line.dueDate().isBefore(day) && line.status() != InstalmentStatus.OVERDUE) {
        BigDecimal penalty = line.principalDue().signum() > 0 ? new BigDecimal(random.nextInt(5000)).movePointLeft(2)
            : LedgerLine.ZERO;
        line = line.withStatus(InstalmentStatus.OVERDUE, null).withPenaltyAccrued(line.penaltyAccrued().add(penalty));
      }
      closed.add(line);
    }
    return closed;
  }

  /** An instalment scheduled at nothing (a prepayment left none of the principal to it) was paid on no day in particular. */
  private static List<LedgerLine> withoutPaidOnOfNothing(List<LedgerLine> lines) {
    return lines.stream().map(l -> l.total().signum() == 0 ? l.withStatus(l.status(), null) : l).toList();
  }

  private record Loan(BigDecimal principal, BigDecimal rate, int term, RepaymentMethod method, LocalDate disbursedOn) {

    static Loan random(Random random) {
      BigDecimal principal = BigDecimal.valueOf(1000 + random.nextInt(3_000_000), 0)
          .add(BigDecimal.valueOf(random.nextInt(100), 2));
      BigDecimal rate = BigDecimal.valueOf(random.nextInt(2400), 2);
      int term = 1 + random.nextInt(60);
      RepaymentMethod method = RepaymentMethod.values()[random.nextInt(3)];
      LocalDate disbursedOn = LocalDate.of(2024, 1, 1).plusDays(random.nextInt(1100));
      return new Loan(principal, rate, term, method, disbursedOn);
    }

    List<Instalment> schedule(RepaymentScheduleCalculator calculator) {
      return calculator.schedule(principal, rate, term, method, disbursedOn);
    }
  }
}
