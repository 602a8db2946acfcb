package com.smeloanflow.servicing;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.function.IntFunction;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/**
 * Seeds a loan book straight into the tables by set-based SQL, for the benchmark's daily close and
 * repayment feed (com.smeloanflow.benchmark, against the running application's database) and for tests
 * of the daily close (never for production data): {@code n} applications, loan accounts and 12 instalments each, on H2
 * or PostgreSQL, in a few statements. Every loan: 100,000.00 CNY over 12 months, equal principal
 * (8,333.33 a month, the last 8,333.37) with a flat 300.00 interest per instalment, disbursed on the
 * same day, half at ZY001 and half at ZY002. Instalments due on or before {@code paidThrough} are
 * paid, except for every {@code unpaidEvery}-th loan, which owes them.
 *
 * <pre>{@code
 * LoanBookSeeder.seed(jdbc, dataSource, "BM", 100_000, LocalDate.of(2024, 1, 15), LocalDate.of(2024, 2, 15), 33);
 * }</pre>
 * Ids: {@code <prefix>A00000001} (application), {@code <prefix>L00000001} (loan); use a new prefix per run.
 */
public final class LoanBookSeeder {

  private static final BigDecimal PRINCIPAL = new BigDecimal("8333.33");
  private static final BigDecimal LAST_PRINCIPAL = new BigDecimal("8333.37");
  private static final BigDecimal INTEREST = new BigDecimal("300.00");

  private LoanBookSeeder() {}

  public static void seed(JdbcClient jdbc, DataSource dataSource, String prefix, int n, LocalDate disbursedOn,
      LocalDate paidThrough, int unpaidEvery) {
    seed(jdbc, dataSource, prefix, 1, n, disbursedOn, paidThrough, unpaidEvery);
  }

  /**
   * Seeds the loans numbered {@code first} to {@code last} of a book (the ids and which loans do not pay
   * depend only on the number): disjoint ranges of one book may be seeded over separate connections at
   * the same time. Three statements: applications, loan accounts, and the 12 instalments of every loan, by
   * instalment number (instalment 1 of every loan, then 2, ...).
   */
  public static void seed(JdbcClient jdbc, DataSource dataSource, String prefix, int first, int last, LocalDate disbursedOn,
      LocalDate paidThrough, int unpaidEvery) {
    boolean postgres = isPostgres(dataSource);
    String range = "(" + series(postgres, ":first", ":last") + ") r";
    String number = "LPAD(CAST(r.x AS VARCHAR(8)), 8, '0')";
    Timestamp now = Timestamp.from(Instant.now());
    jdbc.sql("""
        INSERT INTO loan_application (id, channel, branch_code, product, enterprise_name, credit_code, industry_code,
          established_on, annual_revenue, legal_rep_name, legal_rep_id_number, legal_rep_mobile, legal_rep_email,
          requested_amount, term_months, purpose, guarantee_type, submitted_by, submitted_at, updated_at, version)
        SELECT :prefix || 'A' || """ + number + """
        , 'BRANCH_COUNTER', CASE WHEN MOD(r.x, 2) = 0 THEN 'ZY001' ELSE 'ZY002' END,
          'CREDIT_QUICK', '基准企业' || CAST(r.x AS VARCHAR(8)), '91520303MA6DKQ8X4A', 'C34', DATE '2016-04-18', 6500000.00,
          '张明', '520302198507143217', '13985012345', 'bench' || CAST(r.x AS VARCHAR(8)) || '@example.com', 100000.00, 12,
          '基准测试', 'CREDIT', 'benchmark', :now, :now, 0
        FROM """ + " " + range)
        .param("prefix", prefix).param("first", first).param("last", last).param("now", now).update();
    jdbc.sql("""
        INSERT INTO loan_account (loan_id, application_id, opening_key, credit_code, borrower_name, branch_code, product, principal,
          annual_rate_percent, term_months, repayment_method, disbursed_on, maturity_date, core_posting_reference, status,
          opened_at, version, outstanding_principal)
        SELECT :prefix || 'L' || """ + number + """
        , :prefix || 'A' || """ + number + """
        , :prefix || 'A' || """ + number + """
        , '91520303MA6DKQ8X4A', '基准企业' || CAST(r.x AS VARCHAR(8)),
          CASE WHEN MOD(r.x, 2) = 0 THEN 'ZY001' ELSE 'ZY002' END, 'CREDIT_QUICK', 100000.00, 4.3500, 12, 'EQUAL_PRINCIPAL',
          :disbursed, :maturity, :prefix || 'P' || """ + number + """
        , 'ACTIVE', :now, 0, CASE WHEN MOD(r.x, :unpaidEvery) <> 0 THEN :outstandingIfPaid ELSE 100000.00 END
        FROM """ + " " + range)
        .param("prefix", prefix).param("first", first).param("last", last).param("disbursed", disbursedOn)
        .param("maturity", disbursedOn.plusMonths(12)).param("now", now).param("unpaidEvery", unpaidEvery)
        .param("outstandingIfPaid", remainingAfter(instalmentsDueBy(disbursedOn, paidThrough))).update();
    // One row per (loan, instalment number): r.x is the loan's number, r.k the instalment's; all first instalments
    // first, then all second ones, ... — the heap order of the twelve passes this statement replaced, which the
    // benchmark's close depends on (it reads the instalments due, all of one number, together).
    String instalments = "(SELECT :first + MOD(s.x, :loans) AS x, s.x / :loans + 1 AS k FROM ("
        + series(postgres, "0", "12 * :loans - 1") + ") s) r";
    String paid = "MOD(r.x, :unpaidEvery) <> 0 AND r.k <= " + instalmentsDueBy(disbursedOn, paidThrough);
    String dueDate = byInstalment(k -> "DATE '" + disbursedOn.plusMonths(k) + "'");
    String principal = byInstalment(k -> principal(k).toPlainString());
    jdbc.sql("INSERT INTO repayment_instalment (loan_id, number, due_date, principal, interest, total, remaining_principal,"
        + " principal_paid, interest_paid, status, paid_on)"
        + " SELECT :prefix || 'L' || " + number + ", r.k, " + dueDate + ", " + principal + ", :interest, "
        + byInstalment(k -> principal(k).add(INTEREST).toPlainString()) + ", " + byInstalment(k -> remaining(k).toPlainString()) + ","
        + " CASE WHEN " + paid + " THEN " + principal + " ELSE 0 END,"
        + " CASE WHEN " + paid + " THEN :interest ELSE 0 END,"
        + " CASE WHEN " + paid + " THEN 'PAID' ELSE 'DUE' END,"
        + " CASE WHEN " + paid + " THEN " + dueDate + " ELSE NULL END"
        + " FROM " + instalments)
        .param("prefix", prefix).param("first", first).param("loans", last - first + 1).param("interest", INTEREST)
        .param("unpaidEvery", unpaidEvery)
        .update();
  }

  /** A query of the integers {@code from} to {@code to}, in order, as column {@code x}. */
  private static String series(boolean postgres, String from, String to) {
    return postgres
        ? "SELECT generate_series(" + from + ", " + to + ") AS x"
        : "SELECT X AS x FROM SYSTEM_RANGE(" + from + ", " + to + ")";
  }

  /** {@code CASE r.k WHEN 1 THEN … WHEN 12 THEN … END}: a value of the instalment numbered r.k. */
  private static String byInstalment(IntFunction<String> value) {
    StringBuilder sql = new StringBuilder("CASE r.k");
    for (int k = 1; k <= 12; k++) {
      sql.append(" WHEN ").append(k).append(" THEN ").append(value.apply(k));
    }
    return sql.append(" END").toString();
  }

  private static BigDecimal principal(int k) {
    return k == 12 ? LAST_PRINCIPAL : PRINCIPAL;
  }

  /** The principal a loan owes after paying its first {@code k} instalments (all of it when k is 0). */
  private static BigDecimal remainingAfter(int k) {
    return k == 0 ? new BigDecimal("100000.00") : remaining(k);
  }

  private static BigDecimal remaining(int k) {
    return k == 12 ? BigDecimal.ZERO.setScale(2) : new BigDecimal("100000.00").subtract(PRINCIPAL.multiply(BigDecimal.valueOf(k)));
  }

  /** How many of the 12 instalments fall due on or before {@code paidThrough} (due dates rise with the number). */
  private static int instalmentsDueBy(LocalDate disbursedOn, LocalDate paidThrough) {
    int due = 0;
    while (due < 12 && !disbursedOn.plusMonths(due + 1).isAfter(paidThrough)) {
      due++;
    }
    return due;
  }

  private static boolean isPostgres(DataSource dataSource) {
    try {
      return JdbcUtils.extractDatabaseMetaData(dataSource, md -> md.getDatabaseProductName()).toLowerCase().contains("postgres");
    } catch (MetaDataAccessException e) {
      throw new IllegalStateException(e);
    }
  }
}
