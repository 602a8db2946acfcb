package com.smeloanflow.dashboard;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
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
 *       twelve months, 50,000.00 CNY, on the seeded loan account of that number.</li>
 * </ul>
 */
final class DashboardBookExtras {

  private static final ZoneId BANK_ZONE = ZoneId.of("Asia/Shanghai");

  private DashboardBookExtras() {}

  static void seed(DataSource dataSource, String prefix, int n, LocalDate today) {
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    Timestamp now = Timestamp.from(Instant.now());
    List<Object[]> renewals = new ArrayList<>();
    List<Object[]> lines = new ArrayList<>();
    List<Object[]> drawdowns = new ArrayList<>();
    List<Object[]> prospects = new ArrayList<>();
    for (int x = 1; x <= n; x++) {
      String number = String.format("%08d", x);
      String branch = x % 2 == 0 ? "ZY001" : "ZY002";
      if (x % 20 == 1 || x % 20 == 10) {
        LocalDate maturity = today.minusMonths(x / 20 % 12).withDayOfMonth(1).plusDays(x % 28);
        renewals.add(new Object[] {prefix + "L" + number, branch, maturity, maturity.minusDays(45), now,
            prefix + "R" + number, prefix + "N" + number, maturity});
      }
      if (x % 20 == 2 || x % 20 == 13) {
        lines.add(new Object[] {prefix + "C" + number, prefix + "A" + number, branch, today.minusYears(1), today.plusYears(2), now});
        prospects.add(new Object[] {prefix + "W" + number, prefix + "W", x, "基准企业" + x, branch, branch.toLowerCase() + "-cm",
            prefix + "A" + number, now});
        if (x % 40 == 2 || x % 40 == 13) {
          LocalDate drawn = today.minusMonths(x / 40 % 12).withDayOfMonth(1).plusDays(x % 28);
          drawdowns.add(new Object[] {prefix + "D" + number, prefix + "C" + number, prefix + "Q" + number, prefix + "L" + number,
              prefix + "K" + number, drawn, Timestamp.from(drawn.atTime(LocalTime.of(10, 0)).atZone(BANK_ZONE).toInstant())});
        }
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
  }
}
