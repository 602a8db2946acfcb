package com.smeloanflow.servicing;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
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
    String range = isPostgres(dataSource)
        ? "(SELECT generate_series(1, :n) AS x) r"
        : "(SELECT X AS x FROM SYSTEM_RANGE(1, :n)) r";
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
        .param("prefix", prefix).param("n", n).param("now", now).update();
    jdbc.sql("""
        INSERT INTO loan_account (loan_id, application_id, opening_key, credit_code, borrower_name, branch_code, product, principal,
          annual_rate_percent, term_months, repayment_method, disbursed_on, maturity_date, core_posting_reference, status,
          opened_at, version)
        SELECT :prefix || 'L' || """ + number + """
        , :prefix || 'A' || """ + number + """
        , :prefix || 'A' || """ + number + """
        , '91520303MA6DKQ8X4A', '基准企业' || CAST(r.x AS VARCHAR(8)),
          CASE WHEN MOD(r.x, 2) = 0 THEN 'ZY001' ELSE 'ZY002' END, 'CREDIT_QUICK', 100000.00, 4.3500, 12, 'EQUAL_PRINCIPAL',
          :disbursed, :maturity, :prefix || 'P' || """ + number + """
        , 'ACTIVE', :now, 0
        FROM """ + " " + range)
        .param("prefix", prefix).param("n", n).param("disbursed", disbursedOn).param("maturity", disbursedOn.plusMonths(12))
        .param("now", now).update();
    for (int k = 1; k <= 12; k++) {
      LocalDate due = disbursedOn.plusMonths(k);
      BigDecimal principal = k == 12 ? LAST_PRINCIPAL : PRINCIPAL;
      BigDecimal remaining = k == 12 ? BigDecimal.ZERO.setScale(2) : new BigDecimal("100000.00").subtract(PRINCIPAL.multiply(BigDecimal.valueOf(k)));
      boolean paid = !due.isAfter(paidThrough);
      jdbc.sql("""
          INSERT INTO repayment_instalment (loan_id, number, due_date, principal, interest, total, remaining_principal,
            principal_paid, interest_paid, status, paid_on)
          SELECT :prefix || 'L' || """ + number + """
          , :k, :due, :principal, :interest, :total, :remaining,
            CASE WHEN :paid AND MOD(r.x, :unpaidEvery) <> 0 THEN :principal ELSE 0 END,
            CASE WHEN :paid AND MOD(r.x, :unpaidEvery) <> 0 THEN :interest ELSE 0 END,
            CASE WHEN :paid AND MOD(r.x, :unpaidEvery) <> 0 THEN 'PAID' ELSE 'DUE' END,
            CASE WHEN :paid AND MOD(r.x, :unpaidEvery) <> 0 THEN :due ELSE NULL END
          FROM """ + " " + range)
          .param("prefix", prefix).param("n", n).param("k", k).param("due", due).param("principal", principal)
          .param("interest", INTEREST).param("total", principal.add(INTEREST)).param("remaining", remaining)
          .param("paid", paid).param("unpaidEvery", unpaidEvery)
          .update();
    }
  }

  private static boolean isPostgres(DataSource dataSource) {
    try {
      return JdbcUtils.extractDatabaseMetaData(dataSource, md -> md.getDatabaseProductName()).toLowerCase().contains("postgres");
    } catch (MetaDataAccessException e) {
      throw new IllegalStateException(e);
    }
  }
}
