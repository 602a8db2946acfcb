package com.smeloanflow.servicing;

import com.smeloanflow.approval.RepaymentMethod;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Applies a repayment to a loan's instalments, and takes a reversed one back. Pure Java: no Spring,
 * no database.
 *
 * <p>On the repayment's value date the instalments fall into three groups: <b>overdue</b> (marked
 * overdue by a daily close, or due before the value date, and not paid), the <b>current</b> one (the
 * first unpaid instalment that is not overdue: paying before its due date pays it in full, interest
 * for its whole period included) and the <b>later</b> ones. The amount pays the overdue and current
 * components in the loan's {@link AllocationRule order}; whatever is left prepays principal: the
 * later instalments are recomputed on the lower principal with the same method, count and due dates
 * (a full prepayment leaves them at zero, so no further interest is charged); those of a called-in loan, all due on its
 * acceleration date, have their principal repaid in order instead ({@link Terms#acceleratedOn}). More than the payoff
 * amount is refused before allocation ({@link #payoffAmount}).
 */
public class RepaymentAllocator {

  private final RepaymentScheduleCalculator calculator = new RepaymentScheduleCalculator();

  /**
   * What the loan's contract says about recomputing a schedule.
   *
   * @param acceleratedOn the day a call-in made everything owed fall due ({@link Acceleration}), null when not called in
   */
  public record Terms(BigDecimal annualRatePercent, RepaymentMethod method, LocalDate acceleratedOn) {

    /** The terms of a loan not called in. */
    public Terms(BigDecimal annualRatePercent, RepaymentMethod method) {
      this(annualRatePercent, method, null);
    }
  }

  /** Everything the borrower pays to settle the loan on {@code valueDate}. */
  public static BigDecimal payoffAmount(List<LedgerLine> lines, LocalDate valueDate) {
    BigDecimal payoff = arrears(lines, valueDate);
    Optional<LedgerLine> current = current(lines, valueDate);
    if (current.isPresent()) {
      // An instalment whose period has not begun (the one before it was paid ahead) owes no interest yet.
      payoff = payoff.add(periodBegun(lines, current.get(), valueDate) ? current.get().outstanding()
          : current.get().principalDue());
      for (LedgerLine later : later(lines, current.get())) {
        payoff = payoff.add(later.principalDue());
      }
    }
    return payoff;
  }

  /** What is overdue on {@code valueDate}: unpaid principal, interest and penalty interest of overdue instalments. */
  public static BigDecimal arrears(List<LedgerLine> lines, LocalDate valueDate) {
    return lines.stream().filter(l -> l.overdueOn(valueDate)).map(LedgerLine::outstanding)
        .reduce(LedgerLine.ZERO, BigDecimal::add);
  }

  /**
   * Applies {@code amount}, received on {@code valueDate}, in the order of {@code rule}.
   *
   * @throws IllegalArgumentException when the amount is not positive or more than the payoff amount
   */
  public Allocation allocate(List<LedgerLine> lines, Terms terms, LocalDate valueDate, BigDecimal amount, AllocationRule rule) {
    BigDecimal payoff = payoffAmount(lines, valueDate);
    if (amount.signum() <= 0 || amount.compareTo(payoff) > 0) {
      throw new IllegalArgumentException("Repayment of " + amount + " CNY: must be more than 0 and at most the payoff amount "
          + payoff + " CNY");
    }
    boolean overdueBefore = arrears(lines, valueDate).signum() > 0;
    Map<Integer, LedgerLine> ledger = byNumber(lines);
    List<LedgerLine> overdue = lines.stream().filter(l -> l.overdueOn(valueDate)).toList();
    Optional<LedgerLine> current = current(lines, valueDate);
    // Paid ahead of an instalment whose period has not begun, money is a prepayment of principal: no interest of a
    // period that has not run is taken.
    boolean currentBegun = current.isPresent() && periodBegun(lines, current.get(), valueDate);
    List<AllocationLine> applied = new ArrayList<>();
    BigDecimal left = amount;

    boolean overduePaid = false;
    for (AllocationComponent component : rule.order()) {
      if (component.overdue()) {
        if (rule.scope() == AllocationScope.OLDEST_INSTALMENT_FIRST) {
          if (!overduePaid) {
            List<AllocationComponent> overdueOrder = rule.order().stream().filter(AllocationComponent::overdue).toList();
            for (LedgerLine line : overdue) {
              for (AllocationComponent part : overdueOrder) {
                left = pay(ledger, line.number(), part, left, applied);
              }
            }
            overduePaid = true;
          }
        } else {
          for (LedgerLine line : overdue) {
            left = pay(ledger, line.number(), component, left, applied);
          }
        }
      } else if (currentBegun) {
        left = pay(ledger, current.get().number(), component, left, applied);
      }
    }

    List<Instalment> scheduleBefore = List.of();
    BigDecimal prepaid = LedgerLine.ZERO;
    if (left.signum() > 0) {
      LedgerLine paidCurrent = current.orElseThrow(() -> new IllegalStateException("Money left but nothing to prepay"));
      // the instalments after the current one, or from it on when its period has not begun
      List<LedgerLine> later = from(lines, currentBegun ? paidCurrent.number() + 1 : paidCurrent.number());
      scheduleBefore = later.stream().map(LedgerLine::asInstalment).toList();
      prepay(ledger, later, terms, left);
      applied.add(new AllocationLine(null, AllocationComponent.PREPAID_PRINCIPAL, left));
      prepaid = left;
    }

    List<LedgerLine> after = new ArrayList<>();
    for (LedgerLine line : ledger.values()) {
      after.add(withStatus(line, valueDate, false));
    }
    boolean paidOff = after.stream().allMatch(LedgerLine::settled);
    boolean arrearsCleared = overdueBefore && arrears(after, valueDate).signum() == 0;
    return new Allocation(applied, after, scheduleBefore, prepaid, arrearsCleared, paidOff);
  }

  /**
   * Takes back what a repayment paid: the amounts of its allocation lines are owed again, and the
   * instalments its prepayment recomputed are restored. An instalment it paid as overdue is overdue
   * again; one it paid ahead is due again, or overdue when its due date is before {@code asOf}.
   *
   * @throws IllegalStateException when an instalment would have paid less than nothing (the ledger
   *     does not hold what the repayment paid)
   */
  public List<LedgerLine> reverse(List<LedgerLine> lines, List<AllocationLine> paid, List<Instalment> scheduleBefore,
      LocalDate asOf) {
    return reverse(lines, paid, scheduleBefore, new Terms(null, null), null, asOf);
  }

  /**
   * {@link #reverse(List, List, List, LocalDate) Takes back} what a repayment of a loan paid; of a called-in loan
   * ({@link Terms#acceleratedOn}), what it puts back is accelerated again ({@link Acceleration#again}): a repayment made
   * before the call-in paid instalments, or recomputed a schedule, as they were before the call-in, and the loan owes no
   * interest for periods after its acceleration date all the same, and everything falls due on that date.
   *
   * @param disbursedOn the loan's disbursement (the start of its first period), for a called-in loan
   */
  public List<LedgerLine> reverse(List<LedgerLine> lines, List<AllocationLine> paid, List<Instalment> scheduleBefore,
      Terms terms, LocalDate disbursedOn, LocalDate asOf) {
    Map<Integer, LedgerLine> ledger = byNumber(lines);
    Set<Integer> reopenedAsOverdue = new TreeSet<>();
    for (AllocationLine line : paid) {
      if (line.instalmentNumber() == null) {
        continue;
      }
      LedgerLine taken = ledger.get(line.instalmentNumber()).paying(line.component(), line.amount().negate());
      if (taken.principalPaid().signum() < 0 || taken.interestPaid().signum() < 0 || taken.penaltyPaid().signum() < 0) {
        throw new IllegalStateException("Instalment " + line.instalmentNumber() + " does not hold the " + line.amount()
            + " CNY of " + line.component() + " to take back");
      }
      ledger.put(taken.number(), taken);
      if (line.component().overdue()) {
        reopenedAsOverdue.add(taken.number());
      }
    }
    for (Instalment before : scheduleBefore) {
      ledger.put(before.number(), ledger.get(before.number()).rescheduled(before));
    }
    List<LedgerLine> restored = List.copyOf(ledger.values());
    if (terms.acceleratedOn() != null) {
      restored = Acceleration.again(lines, restored, disbursedOn, terms.acceleratedOn(), terms.annualRatePercent());
    }
    List<LedgerLine> after = new ArrayList<>();
    for (LedgerLine line : restored) {
      after.add(withStatus(line, asOf, reopenedAsOverdue.contains(line.number())));
    }
    return after;
  }

  private static BigDecimal pay(Map<Integer, LedgerLine> ledger, int number, AllocationComponent component, BigDecimal left,
      List<AllocationLine> applied) {
    if (left.signum() == 0) {
      return left;
    }
    LedgerLine line = ledger.get(number);
    BigDecimal paying = line.due(component).min(left);
    if (paying.signum() <= 0) {
      return left;
    }
    ledger.put(number, line.paying(component, paying));
    applied.add(new AllocationLine(number, component, paying));
    return left.subtract(paying);
  }

  /**
   * Spreads what is left of the later instalments' principal after {@code amount} over them again. What a later
   * instalment has already been paid (a renewal pays the maturity instalment's principal, 无还本续贷) stays paid: its new
   * scheduled amounts are what it was paid plus its share of what is left, so nothing is owed twice or below zero.
   */
  private void prepay(Map<Integer, LedgerLine> ledger, List<LedgerLine> later, Terms terms, BigDecimal amount) {
    BigDecimal principalLeft = later.stream().map(LedgerLine::principalDue).reduce(LedgerLine.ZERO, BigDecimal::add)
        .subtract(amount);
    if (principalLeft.signum() < 0) {
      throw new IllegalStateException("Prepayment of " + amount + " CNY exceeds the principal of the later instalments");
    }
    if (terms.acceleratedOn() != null) {
      prepayAccelerated(ledger, later, amount, principalLeft);
      return;
    }
    // Nothing left: every later instalment owes nothing more (no further interest).
    List<Instalment> shares = principalLeft.signum() == 0
        ? later.stream().map(l -> new Instalment(l.number(), l.dueDate(), LedgerLine.ZERO, LedgerLine.ZERO,
            LedgerLine.ZERO, LedgerLine.ZERO)).toList()
        : calculator.schedule(principalLeft, terms.annualRatePercent(), later.size(), terms.method(),
            later.get(0).dueDate().minusMonths(1));
    for (int k = 0; k < later.size(); k++) {
      LedgerLine line = later.get(k);
      Instalment share = shares.get(k);
      BigDecimal principal = share.principal().add(line.principalPaid());
      BigDecimal interest = share.interest().add(line.interestPaid());
      ledger.put(line.number(), line.rescheduled(new Instalment(line.number(), line.dueDate(), principal, interest,
          principal.add(interest), share.remainingPrincipal())));
    }
  }

  /**
   * A called-in loan's later instalments all fall due on the acceleration date, and none owes interest of a period after
   * it ({@link Acceleration}): a prepayment is not spread over monthly periods again. It repays their principal in
   * number order, and the interest of the period under way on them (charged on the principal owed when that period
   * began, the principal of these instalments) falls in proportion to the principal left, to the fen; nothing left, it
   * owes none, as a full prepayment of a loan not called in.
   */
  private static void prepayAccelerated(Map<Integer, LedgerLine> ledger, List<LedgerLine> later, BigDecimal amount,
      BigDecimal principalLeft) {
    BigDecimal principalBefore = principalLeft.add(amount);
    BigDecimal left = amount;
    BigDecimal remaining = principalLeft;
    for (LedgerLine line : later) {
      BigDecimal paying = line.principalDue().min(left);
      left = left.subtract(paying);
      BigDecimal principal = line.principal().subtract(paying);
      BigDecimal interestDue = principalBefore.signum() == 0 ? LedgerLine.ZERO : line.interestDue().multiply(principalLeft)
          .divide(principalBefore, 2, java.math.RoundingMode.HALF_UP);
      BigDecimal interest = line.interestPaid().add(interestDue);
      remaining = remaining.subtract(principal.subtract(line.principalPaid()));
      ledger.put(line.number(), line.rescheduled(new Instalment(line.number(), line.dueDate(), principal, interest,
          principal.add(interest), remaining)));
    }
  }

  private static LedgerLine withStatus(LedgerLine line, LocalDate asOf, boolean overdue) {
    if (line.settled()) {
      return line.withStatus(InstalmentStatus.PAID, line.paidOn() != null ? line.paidOn() : asOf);
    }
    boolean isOverdue = overdue || line.status() == InstalmentStatus.OVERDUE || line.dueDate().isBefore(asOf);
    return line.withStatus(isOverdue ? InstalmentStatus.OVERDUE : InstalmentStatus.DUE, null);
  }

  private static Optional<LedgerLine> current(List<LedgerLine> lines, LocalDate valueDate) {
    return lines.stream().filter(l -> !l.settled() && !l.overdueOn(valueDate)).findFirst();
  }

  /**
   * Whether the instalment's period has begun on {@code valueDate}: it begins on the day the one before it falls due (the
   * first one's a month before its own due date, the disbursement).
   */
  private static boolean periodBegun(List<LedgerLine> lines, LedgerLine instalment, LocalDate valueDate) {
    LocalDate begins = lines.stream().filter(l -> l.number() == instalment.number() - 1).findFirst()
        .map(LedgerLine::dueDate).orElse(instalment.dueDate().minusMonths(1));
    return !begins.isAfter(valueDate);
  }

  private static List<LedgerLine> later(List<LedgerLine> lines, LedgerLine current) {
    return from(lines, current.number() + 1);
  }

  /** The instalments numbered {@code first} and after. */
  private static List<LedgerLine> from(List<LedgerLine> lines, int first) {
    return lines.stream().filter(l -> l.number() >= first).toList();
  }

  private static Map<Integer, LedgerLine> byNumber(List<LedgerLine> lines) {
    Map<Integer, LedgerLine> ledger = new LinkedHashMap<>();
    lines.stream().sorted(java.util.Comparator.comparingInt(LedgerLine::number)).forEach(l -> ledger.put(l.number(), l));
    return ledger;
  }
}
