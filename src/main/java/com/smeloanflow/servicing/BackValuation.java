package com.smeloanflow.servicing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A repayment applied as of its value date although daily closes of that date or later have run: core banking reports
 * a repayment made on an instalment's due date after that night's close (00:30 the next day), or days late after a
 * holiday. Pure Java: no Spring, no database.
 *
 * <p>The close of business date D charges one day of penalty interest on principal overdue at its end: it is owed by
 * money received after D, never by money received on D or before. So, as of the value date V:
 * <ul>
 *   <li>the penalty interest the closes of V and later charged on an instalment is not owed yet
 *       ({@link #asOfValueDate}); an instalment due on V or later and marked overdue by such a close was not overdue
 *       on V (it is the current one, paid on time);</li>
 *   <li>the repayment is allocated on the ledger so seen, in the product's order, and what is left unpaid is charged
 *       again for those days, on the principal still owed ({@link #settle}): the closes charged it, and it was
 *       owed;</li>
 *   <li>the difference is the penalty interest charged on principal the repayment paid: it is reversed
 *       ({@link #reversals}), booked as an entry of its own beside the closes' accrual
 *       ({@code penalty_reversal}), never edited out of it.</li>
 * </ul>
 * For an instalment that fell due before V, the closes' charge for those days is taken as one day on the principal
 * owed when the repayment is booked, times the days (the ledger keeps the sum of the closes' charges, not each day's;
 * principal paid in between by another repayment makes it differ by rounding at most, a fen a day); for one due on V
 * or later, it is all the penalty interest still unpaid on it. Penalty interest another repayment already paid is not
 * given back (the ledger holds no credit balance).
 */
final class BackValuation {

  /** The closes of the value date or later that charged an instalment, and what of their charge is unpaid. */
  private record Window(LocalDate from, LocalDate through, int days, BigDecimal charged) {}

  private final LocalDate valueDate;
  private final Map<Integer, LedgerLine> stored;
  private final Map<Integer, Window> windows;
  private final UnaryOperator<BigDecimal> oneDay;

  private BackValuation(LocalDate valueDate, Map<Integer, LedgerLine> stored, Map<Integer, Window> windows,
      UnaryOperator<BigDecimal> oneDay) {
    this.valueDate = valueDate;
    this.stored = stored;
    this.windows = windows;
    this.oneDay = oneDay;
  }

  /**
   * @param lines          the loan's instalments as the ledger holds them
   * @param accruedThrough the last business date whose close charged each instalment penalty interest
   * @param valueDate      the repayment's value date
   * @param oneDay         one day of penalty interest on an overdue principal of the loan, to the fen
   */
  static BackValuation of(List<LedgerLine> lines, Map<Integer, LocalDate> accruedThrough, LocalDate valueDate,
      UnaryOperator<BigDecimal> oneDay) {
    Map<Integer, LedgerLine> stored = new LinkedHashMap<>();
    Map<Integer, Window> windows = new LinkedHashMap<>();
    for (LedgerLine line : lines) {
      stored.put(line.number(), line);
      LocalDate through = accruedThrough.get(line.number());
      if (through == null || through.isBefore(valueDate) || line.penaltyDue().signum() <= 0) {
        continue;
      }
      boolean dueBefore = line.dueDate().isBefore(valueDate);
      LocalDate from = dueBefore ? valueDate : line.dueDate();
      int days = (int) ChronoUnit.DAYS.between(from, through) + 1;
      if (days <= 0) {
        continue;
      }
      // Due on the value date or later: every day of penalty interest it was charged came from those closes.
      BigDecimal charged = !dueBefore ? line.penaltyDue()
          : oneDay.apply(line.principalDue()).multiply(BigDecimal.valueOf(days)).min(line.penaltyDue());
      if (charged.signum() > 0) {
        windows.put(line.number(), new Window(from, through, days, charged));
      }
    }
    return new BackValuation(valueDate, stored, windows, oneDay);
  }

  /** Whether a close of the value date or later charged penalty interest, or marked an instalment overdue, that this date undoes. */
  boolean backValued() {
    return !windows.isEmpty() || stored.values().stream().anyMatch(this::notOverdueOnValueDate);
  }

  private boolean notOverdueOnValueDate(LedgerLine line) {
    return line.status() == InstalmentStatus.OVERDUE && !line.dueDate().isBefore(valueDate);
  }

  /** The ledger as it stood on the value date: without the closes' later penalty interest and overdue marks. */
  List<LedgerLine> asOfValueDate() {
    List<LedgerLine> asOf = new ArrayList<>();
    for (LedgerLine line : stored.values()) {
      LedgerLine then = line;
      Window window = windows.get(line.number());
      if (window != null) {
        then = then.withPenaltyAccrued(line.penaltyAccrued().subtract(window.charged()));
      }
      if (notOverdueOnValueDate(line)) {
        then = then.withStatus(InstalmentStatus.DUE, null);
      }
      asOf.add(then);
    }
    return asOf;
  }

  /**
   * The repayment as booked today, from its allocation on the value date ({@code onValueDate}, made on
   * {@link #asOfValueDate}): what it left unpaid of an instalment is charged again for the closes' days on the
   * principal still owed, and stays overdue where a close marked it so; arrears are cleared when the closes left some
   * and none are left.
   */
  Allocation settle(Allocation onValueDate) {
    boolean overdueBefore = RepaymentAllocator.arrears(List.copyOf(stored.values()), valueDate).signum() > 0;
    List<LedgerLine> after = new ArrayList<>();
    for (LedgerLine line : onValueDate.after()) {
      LedgerLine now = line;
      Window window = windows.get(line.number());
      if (window != null) {
        BigDecimal stillCharged = oneDay.apply(line.principalDue()).multiply(BigDecimal.valueOf(window.days()))
            .min(window.charged());
        now = now.withPenaltyAccrued(now.penaltyAccrued().add(stillCharged));
      }
      if (!now.settled() && stored.get(line.number()).status() == InstalmentStatus.OVERDUE) {
        now = now.withStatus(InstalmentStatus.OVERDUE, null);
      }
      after.add(now);
    }
    boolean arrearsCleared = overdueBefore && RepaymentAllocator.arrears(after, valueDate).signum() == 0;
    return new Allocation(onValueDate.lines(), after, onValueDate.scheduleBefore(), onValueDate.prepaidPrincipal(),
        arrearsCleared, after.stream().allMatch(LedgerLine::settled));
  }

  /** What the repayment, booked as {@code after} ({@link #settle}), reversed of each instalment's penalty interest. */
  List<PenaltyReversal> reversals(List<LedgerLine> after) {
    List<PenaltyReversal> reversals = new ArrayList<>();
    for (LedgerLine line : after) {
      Window window = windows.get(line.number());
      if (window == null) {
        continue;
      }
      BigDecimal reversed = stored.get(line.number()).penaltyAccrued().subtract(line.penaltyAccrued());
      if (reversed.signum() > 0) {
        reversals.add(new PenaltyReversal(line.number(), window.from(), window.through(), window.days(), reversed));
      }
    }
    return reversals;
  }
}
