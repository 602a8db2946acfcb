package com.smeloanflow.servicing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

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
    List<LedgerLine> sorted = lines.stream().sorted(Comparator.comparingInt(LedgerLine::number)).toList();
    List<LedgerLine> after = new ArrayList<>(sorted.size());
    LocalDate periodStart = disbursedOn;
    boolean underWay = true;
    for (LedgerLine line : sorted) {
      if (!line.dueDate().isAfter(on)) {
        after.add(line);
        periodStart = line.dueDate();
        continue;
      }
      boolean first = underWay;
      underWay = false;
      if (line.settled()) {
        after.add(line);
        continue;
      }
      BigDecimal accrued = first ? accrued(line.interest(), periodStart, line.dueDate(), on) : LedgerLine.ZERO;
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
