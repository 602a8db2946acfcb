package com.smeloanflow.servicing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The schedule of a loan called in (提前收回贷款) to be repaid in full by a date, the acceleration date. Pure Java: no
 * Spring, no database.
 *
 * <p>Every instalment not yet paid that falls due after the acceleration date is re-dated to it, keeping its principal:
 * the whole principal still owed falls due that day. The first instalment falling due after it is the period under way
 * on that day: its interest is what the period has accrued by then, the scheduled interest times the days from the
 * period's start (the instalment before it fell due, or the disbursement) to the acceleration date over the days of the
 * whole period, rounded half-up to the fen. The instalments after it owe no interest: the bank does not charge interest
 * for time after the day it asked for its money. What was paid of an instalment stays paid (its interest never drops
 * below what was paid of it); instalments due by the acceleration date, overdue or paid, are left as they are. The
 * daily close then treats the re-dated instalments as any falling due on that date ({@link LedgerCloseStatements}); a
 * repayment of them pays them as the payoff does ({@link RepaymentAllocator}). Applying it again with the same or a
 * later date changes nothing: no instalment falls due after it any more.
 */
final class Acceleration {

  private Acceleration() {}

  /**
   * @param lines       all of the loan's instalments
   * @param disbursedOn the disbursement: the start of the first instalment's period
   * @param on          the acceleration date
   * @return all of the loan's instalments, in number order, those due after {@code on} re-dated and their interest cut
   */
  static List<LedgerLine> of(List<LedgerLine> lines, LocalDate disbursedOn, LocalDate on) {
    return of(lines, disbursedOn, on, LedgerLine::dueDate, LedgerLine::interest);
  }

  /**
   * The acceleration made again of a called-in loan's instalments after a reversal ({@link RepaymentAllocator#reverse})
   * put some of them back as they were before the repayment it took back: for a repayment made before the call-in, an
   * instalment it paid (the call-in left it on its monthly date with its whole period's interest) and the schedule of
   * before its prepayment (monthly interest for every period, yet on the acceleration date). Every instalment the
   * reversal put back a schedule of, or that falls due after {@code on}, is accelerated again; the others are left as
   * they were. Which instalment's period is under way on {@code on}, and when it began, is read from the due dates agreed
   * at disbursement ({@link RepaymentScheduleCalculator#dueDate}), not from the present ones; its interest to {@code on}
   * is prorated from a month's interest on the principal owed as its period began (its principal and the principal after
   * it, {@link RepaymentScheduleCalculator#monthInterest}), as the schedule charged it, so an instalment accelerated before
   * gets the same amount again: a reversal of a repayment made after the call-in, which puts back the accelerated
   * schedule, changes nothing more.
   *
   * @param before            the loan's instalments before the reversal
   * @param restored          the same after it
   * @param annualRatePercent the loan's rate
   * @return all of the loan's instalments, in number order
   */
  static List<LedgerLine> again(List<LedgerLine> before, List<LedgerLine> restored, LocalDate disbursedOn, LocalDate on,
      BigDecimal annualRatePercent) {
    Map<Integer, Instalment> scheduled = new HashMap<>();
    before.forEach(line -> scheduled.put(line.number(), line.asInstalment()));
    List<LedgerLine> accelerated = of(restored, disbursedOn, on,
        line -> RepaymentScheduleCalculator.dueDate(disbursedOn, line.number()),
        line -> RepaymentScheduleCalculator.monthInterest(line.principal().add(line.remainingPrincipal()),
            annualRatePercent));
    Map<Integer, LedgerLine> put = new HashMap<>();
    restored.forEach(line -> put.put(line.number(), line));
    return accelerated.stream().map(line -> {
      LedgerLine back = put.get(line.number());
      boolean asItWas = !back.dueDate().isAfter(on) && back.asInstalment().equals(scheduled.get(line.number()));
      return asItWas ? back : line;
    }).toList();
  }

  /**
   * @param scheduledDue   the day an instalment's period ends, as the acceleration reads it
   * @param periodInterest the interest of an instalment's whole period
   */
  private static List<LedgerLine> of(List<LedgerLine> lines, LocalDate disbursedOn, LocalDate on,
      Function<LedgerLine, LocalDate> scheduledDue, Function<LedgerLine, BigDecimal> periodInterest) {
    List<LedgerLine> sorted = lines.stream().sorted(Comparator.comparingInt(LedgerLine::number)).toList();
    List<LedgerLine> after = new ArrayList<>(sorted.size());
    LocalDate periodStart = disbursedOn;
    boolean underWay = true;
    for (LedgerLine line : sorted) {
      LocalDate due = scheduledDue.apply(line);
      if (!due.isAfter(on)) {
        after.add(line);
        periodStart = due;
        continue;
      }
      boolean first = underWay;
      underWay = false;
      if (line.settled()) {
        after.add(line);
        continue;
      }
      BigDecimal accrued = first ? accrued(periodInterest.apply(line), periodStart, due, on) : LedgerLine.ZERO;
      BigDecimal interest = accrued.max(line.interestPaid());
      LedgerLine accelerated = new LedgerLine(line.number(), on, line.principal(), interest, line.remainingPrincipal(),
          line.principalPaid(), line.interestPaid(), line.penaltyAccrued(), line.penaltyPaid(), line.status(), line.paidOn());
      // an instalment whose principal was paid ahead (a renewal's) owes nothing more once its later interest is gone
      after.add(accelerated.settled() ? accelerated.withStatus(InstalmentStatus.PAID, null) : accelerated);
    }
    return List.copyOf(after);
  }

  /** The period's interest accrued from {@code start} to {@code on} of the days to {@code end}, to the fen. */
  static BigDecimal accrued(BigDecimal periodInterest, LocalDate start, LocalDate end, LocalDate on) {
    long days = ChronoUnit.DAYS.between(start, end);
    long elapsed = Math.max(0, ChronoUnit.DAYS.between(start, on));
    if (days <= 0 || elapsed >= days) {
      return periodInterest;
    }
    return periodInterest.multiply(BigDecimal.valueOf(elapsed)).divide(BigDecimal.valueOf(days), 2, RoundingMode.HALF_UP);
  }
}
