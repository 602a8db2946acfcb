package com.smeloanflow.dashboard;

import com.smeloanflow.dashboard.DashboardFigures.MonthlyWriteOff;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the dashboard's benchmark adds to a book seeded by {@code servicing.LoanBookSeeder} (same prefix, loans 1 to
 * {@code n}, ZY001 for even numbers, ZY002 for odd ones), so that the statements over renewals, credit lines and the
 * campaign funnel read rows (never for production data):
 * <ul>
 *   <li>renewals (无还本续贷): every loan numbered 1 or 10 modulo 20 (a tenth of the book) was renewed, at a maturity
 *       spread over the last twelve months, 8,333.37 CNY lent anew;</li>
 *   <li>credit lines: the applications numbered 2 or 13 modulo 20 (another tenth) are revolving lines, opened, each a
 *       prospect of one whitelist campaign; half of them (2 or 13 modulo 40) drew once, on a day spread over the last
 *       twelve months, 50,000.00 CNY, on the seeded loan account of that number;</li>
 *   <li>repayments: every instalment the seeder marked paid has the repayment that paid it ({@code loan_repayment},
 *       kind REPAYMENT, value date its {@code paid_on}, no allocation lines), as the repayment feed would have booked
 *       it;</li>
 *   <li>write-offs (核销): the loans the seeder leaves unpaid (numbered k × {@code unpaidEvery}) that are neither
 *       renewed nor a line's, classified LOSS, on a business date spread over the last 36 months (a bank keeps its
 *       written-off claims for years: two in three of them before the dashboard's default period), never after
 *       {@code today}: each its 100,000.00 principal written off and a claim of that, the 3,600.00
 *       interest of its twelve unpaid instalments and 100.00 to 900.00 of penalty interest (the claim's only: the
 *       dashboard reads no instalment of a written-off loan);</li>
 *   <li>recoveries after a write-off (核销后收回), each a {@code loan_repayment} of kind RECOVERY with its
 *       {@code loan_recovery} and on the claim's running figure: half of the written-off loans (k 0 or 1 modulo 4)
 *       recovered 30,000.00 of principal half-way between the write-off and {@code today}, a tenth of those recoveries
 *       (k 0 or 5 modulo 40) reversed since (退票); a third of the loans recovering (k 0 or 9 modulo 12) later recovered
 *       72,000.00 more, the remaining 70,000.00 principal and 2,000.00 interest. Every rule takes loans of both
 *       branches.</li>
 * </ul>
 * With {@code unpaidEvery} 33 and 20,000 loans: 19,394 repayments, 485 loans written off (2.4 % of the book),
 * 242 first recoveries (31 of them reversed) and 80 second ones.
 */
final class DashboardBookExtras {

  private static final ZoneId BANK_ZONE = ZoneId.of("Asia/Shanghai");

  private static final BigDecimal WRITTEN_OFF_PRINCIPAL = new BigDecimal("100000.00");
  private static final BigDecimal UNPAID_INTEREST = new BigDecimal("3600.00");
  private static final BigDecimal FIRST_RECOVERY = new BigDecimal("30000.00");
  private static final BigDecimal SECOND_RECOVERY_PRINCIPAL = new BigDecimal("70000.00");
  private static final BigDecimal SECOND_RECOVERY_INTEREST = new BigDecimal("2000.00");

  private DashboardBookExtras() {}

  /** A seeded write-off or recovery: its branch, its business (or value) date, how much, and of it principal. */
  record Booked(String branch, LocalDate day, BigDecimal amount, BigDecimal principal) {}

  /**
   * What the extras wrote off and recovered (the recoveries not reversed), to check the dashboard's 核销与核销后收回
   * against.
   */
  record WriteOffs(List<Booked> writtenOff, List<Booked> recovered) {

    /** Every month of the query's period as the dashboard shows it, counting only these rows. */
    List<MonthlyWriteOff> byMonth(DashboardQuery query, Optional<Set<String>> branches) {
      Predicate<Booked> inScope = row -> branches.map(set -> set.contains(row.branch())).orElse(true)
          && !row.day().isBefore(query.from()) && !row.day().isAfter(query.to());
      List<MonthlyWriteOff> months = new ArrayList<>();
      for (YearMonth month = YearMonth.from(query.from()); !month.isAfter(YearMonth.from(query.to())); month = month.plusMonths(1)) {
        YearMonth of = month;
        List<Booked> off = writtenOff.stream().filter(inScope.and(row -> YearMonth.from(row.day()).equals(of))).toList();
        List<Booked> back = recovered.stream().filter(inScope.and(row -> YearMonth.from(row.day()).equals(of))).toList();
        months.add(new MonthlyWriteOff(month.toString(), off.size(), sum(off, Booked::principal), sum(off, Booked::amount),
            back.size(), sum(back, Booked::amount), sum(back, Booked::principal)));
      }
      return months;
    }

    private static BigDecimal sum(List<Booked> rows, Function<Booked, BigDecimal> amount) {
      return rows.stream().map(amount).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
    }
  }

  /** Renewed: a tenth of the book. */
  private static boolean renewed(int x) {
    return x % 20 == 1 || x % 20 == 10;
  }

  /** A revolving line's application: another tenth. */
  private static boolean line(int x) {
    return x % 20 == 2 || x % 20 == 13;
  }

  /** A day of the month {@code monthsBack} months before {@code today}'s, picked by the loan's number. */
  private static LocalDate dayOfMonthBefore(LocalDate today, int monthsBack, int x) {
    return today.minusMonths(monthsBack).withDayOfMonth(1).plusDays(x % 28);
  }

  /** The day half-way from {@code day} to {@code today}. */
  private static LocalDate halfWay(LocalDate day, LocalDate today) {
    return day.plusDays(ChronoUnit.DAYS.between(day, today) / 2);
  }

  /**
   * @param unpaidEvery as given to the seeder: the loans numbered 0 modulo it owe all their instalments
   * @return what was written off and recovered
   */
  static WriteOffs seed(DataSource dataSource, String prefix, int n, int unpaidEvery, LocalDate today) {
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    Timestamp now = Timestamp.from(Instant.now());
    List<Object[]> renewals = new ArrayList<>();
    List<Object[]> lines = new ArrayList<>();
    List<Object[]> drawdowns = new ArrayList<>();
    List<Object[]> prospects = new ArrayList<>();
    List<Object[]> writeOffs = new ArrayList<>();
    List<Object[]> recoveries = new ArrayList<>();
    List<Booked> writtenOff = new ArrayList<>();
    List<Booked> recovered = new ArrayList<>();
    for (int x = 1; x <= n; x++) {
      String number = String.format("%08d", x);
      String branch = x % 2 == 0 ? "ZY001" : "ZY002";
      if (renewed(x)) {
        LocalDate maturity = dayOfMonthBefore(today, x / 20 % 12, x);
        renewals.add(new Object[] {prefix + "L" + number, branch, maturity, maturity.minusDays(45), now,
            prefix + "R" + number, prefix + "N" + number, maturity});
      }
      if (line(x)) {
        lines.add(new Object[] {prefix + "C" + number, prefix + "A" + number, branch, today.minusYears(1), today.plusYears(2), now});
        prospects.add(new Object[] {prefix + "W" + number, prefix + "W", x, "基准企业" + x, branch, branch.toLowerCase() + "-cm",
            prefix + "A" + number, now});
        if (x % 40 == 2 || x % 40 == 13) {
          LocalDate drawn = dayOfMonthBefore(today, x / 40 % 12, x);
          drawdowns.add(new Object[] {prefix + "D" + number, prefix + "C" + number, prefix + "Q" + number, prefix + "L" + number,
              prefix + "K" + number, drawn, atTen(drawn)});
        }
      }
      if (x % unpaidEvery == 0 && !renewed(x) && !line(x)) {
        int k = x / unpaidEvery;
        String loan = prefix + "L" + number;
        LocalDate writtenOn = min(dayOfMonthBefore(today, k % 36, x), today);
        BigDecimal penalty = BigDecimal.valueOf(100 * (1 + x % 9)).setScale(2);
        BigDecimal recoveredPrincipal = BigDecimal.ZERO.setScale(2);
        BigDecimal recoveredInterest = BigDecimal.ZERO.setScale(2);
        writtenOff.add(new Booked(branch, writtenOn, WRITTEN_OFF_PRINCIPAL.add(UNPAID_INTEREST).add(penalty), WRITTEN_OFF_PRINCIPAL));
        if (k % 4 == 0 || k % 4 == 1) {
          LocalDate first = halfWay(writtenOn, today);
          boolean reversed = k % 40 == 0 || k % 40 == 5;
          recoveries.add(recovery(loan + "-R1", loan, FIRST_RECOVERY, first, reversed ? min(first.plusDays(3), today) : null,
              FIRST_RECOVERY, BigDecimal.ZERO.setScale(2)));
          if (!reversed) {
            recovered.add(new Booked(branch, first, FIRST_RECOVERY, FIRST_RECOVERY));
            recoveredPrincipal = recoveredPrincipal.add(FIRST_RECOVERY);
          }
          if (k % 12 == 0 || k % 12 == 9) {
            LocalDate second = halfWay(first, today);
            BigDecimal amount = SECOND_RECOVERY_PRINCIPAL.add(SECOND_RECOVERY_INTEREST);
            recoveries.add(recovery(loan + "-R2", loan, amount, second, null, SECOND_RECOVERY_PRINCIPAL, SECOND_RECOVERY_INTEREST));
            recovered.add(new Booked(branch, second, amount, SECOND_RECOVERY_PRINCIPAL));
            recoveredPrincipal = recoveredPrincipal.add(SECOND_RECOVERY_PRINCIPAL);
            recoveredInterest = recoveredInterest.add(SECOND_RECOVERY_INTEREST);
          }
        }
        writeOffs.add(new Object[] {loan, writtenOn, WRITTEN_OFF_PRINCIPAL, UNPAID_INTEREST, penalty, recoveredPrincipal,
            recoveredInterest});
      }
    }
    jdbc.batchUpdate("""
        INSERT INTO loan_renewal (loan_id, branch_code, credit_code, product, maturity_date, status, evaluated_on, classification,
          months_since_overdue, licence_status, score, grade, suggested_limit, red_flag, hard_red_flag, eligibility_code,
          eligibility_reason, renewal_amount, evaluated_at, posting_reference, new_loan_id, renewed_amount, closed_on)
        VALUES (?, ?, '91520303MA6DKQ8X4A', 'CREDIT_QUICK', ?, 'RENEWED', ?, 'NORMAL', 999, 'ACTIVE', 720, 'B', 300000.00, FALSE, FALSE,
          'ELIGIBLE', '符合续贷条件', 8333.37, ?, ?, ?, 8333.37, ?)""", renewals);
    jdbc.batchUpdate("UPDATE loan_application SET product = 'REVOLVING_LINE' WHERE id = ?",
        lines.stream().map(line -> new Object[] {line[1]}).toList());
    jdbc.batchUpdate("INSERT INTO case_file (application_id, process_instance_id, status, status_since, version) VALUES (?, NULL, 'DISBURSED', ?, 0)",
        lines.stream().map(line -> new Object[] {line[1], now}).toList());
    jdbc.batchUpdate("""
        INSERT INTO credit_line (line_id, application_id, credit_code, borrower_name, branch_code, credit_limit, annual_rate_percent,
          repayment_method, opened_on, valid_until, status, opened_at, version)
        VALUES (?, ?, '91520303MA6DKQ8X4A', '基准企业', ?, 500000.00, 4.3500, 'EQUAL_PRINCIPAL', ?, ?, 'ACTIVE', ?, 0)""", lines);
    jdbc.batchUpdate("""
        INSERT INTO credit_line_drawdown (drawdown_id, line_id, request_id, amount, term_months, loan_id, core_idempotency_key,
          core_posting_reference, requested_by, drawn_on, drawn_at)
        VALUES (?, ?, ?, 50000.00, 12, ?, ?, 'BENCH', 'benchmark', ?, ?)""", drawdowns);
    jdbc.update("""
        INSERT INTO campaign (id, name, imported_by, imported_at, rows_total, rows_accepted, rows_refused)
        VALUES (?, '基准白名单', 'benchmark', ?, ?, ?, 0)""", prefix + "W", now, prospects.size(), prospects.size());
    jdbc.batchUpdate("""
        INSERT INTO prospect (id, campaign_id, line_no, credit_code, enterprise_name, legal_rep_name, mobile, estimated_limit,
          suggested_product, source_model, source_date, division_code, branch_code, customer_manager, status, contacts, last_outcome,
          application_id, assigned_at, updated_at)
        VALUES (?, ?, ?, '91520303MA6DKQ8X4A', ?, '张明', '13985012345', 500000.00, 'REVOLVING_LINE', 'benchmark', DATE '2026-01-01',
          '520303', ?, ?, 'APPLIED', 1, 'INTERESTED', ?, ?, ?)""",
        prospects.stream().map(p -> new Object[] {p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[7]}).toList());
    jdbc.update("""
        INSERT INTO loan_repayment (transaction_id, transaction_key, loan_id, amount, value_date, request_hash, prepaid_principal,
          schedule_recomputed, arrears_cleared, status, received_by, received_at, kind)
        SELECT i.loan_id || '-' || CAST(i.number AS VARCHAR(2)), UPPER(i.loan_id || '-' || CAST(i.number AS VARCHAR(2))), i.loan_id, i.total, i.paid_on, 'benchmark', 0, FALSE, FALSE, 'POSTED',
          'benchmark', ?, 'REPAYMENT'
        FROM repayment_instalment i WHERE i.loan_id >= ? AND i.loan_id < ? AND i.status = 'PAID'""", now, prefix + "L", prefix + "M");
    jdbc.batchUpdate("""
        UPDATE loan_account SET status = 'WRITTEN_OFF', closed_on = ?, written_off_principal = ?, classification = 'LOSS'
        WHERE loan_id = ?""", writeOffs.stream().map(w -> new Object[] {w[1], w[2], w[0]}).toList());
    jdbc.batchUpdate("""
        INSERT INTO written_off_claim (loan_id, written_off_on, principal, interest, penalty, recovered_principal, recovered_interest,
          recovered_penalty)
        VALUES (?, ?, ?, ?, ?, ?, ?, 0)""", writeOffs);
    jdbc.batchUpdate("""
        INSERT INTO loan_repayment (transaction_id, transaction_key, loan_id, amount, value_date, request_hash, prepaid_principal,
          schedule_recomputed, arrears_cleared, status, received_by, received_at, kind, reversal_reason, reversed_by, reversed_at)
        VALUES (?, UPPER(?), ?, ?, ?, 'benchmark', 0, FALSE, FALSE, ?, 'benchmark', ?, 'RECOVERY', ?, ?, ?)""",
        recoveries.stream().map(r -> new Object[] {r[0], r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8]}).toList());
    jdbc.batchUpdate("INSERT INTO loan_recovery (transaction_id, loan_id, principal, interest, penalty) VALUES (?, ?, ?, ?, 0)",
        recoveries.stream().map(r -> new Object[] {r[0], r[1], r[9], r[10]}).toList());
    return new WriteOffs(writtenOff, recovered);
  }

  /**
   * A recovery's repayment row and split: id, loan, amount, value date, status, received at, the reversal's reason, by
   * and at, principal, interest.
   *
   * @param reversedOn the day it bounced (退票), or null
   */
  private static Object[] recovery(String transactionId, String loan, BigDecimal amount, LocalDate valueDate, LocalDate reversedOn,
      BigDecimal principal, BigDecimal interest) {
    boolean reversed = reversedOn != null;
    return new Object[] {transactionId, loan, amount, valueDate, reversed ? "REVERSED" : "POSTED", atTen(valueDate),
        reversed ? "退票" : null, reversed ? "benchmark" : null, reversed ? atTen(reversedOn) : null, principal, interest};
  }

  /** Ten in the morning of a business date, as the bank's clock reads it. */
  private static Timestamp atTen(LocalDate day) {
    return Timestamp.from(day.atTime(LocalTime.of(10, 0)).atZone(BANK_ZONE).toInstant());
  }

  private static LocalDate min(LocalDate a, LocalDate b) {
    return a.isAfter(b) ? b : a;
  }
}
