package com.smeloanflow.servicing;

import com.smeloanflow.approval.RepaymentMethod;
import com.smeloanflow.platform.SqlInLists;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Loan accounts and their repayment schedules ({@code loan_account}, {@code repayment_instalment}). */
@Repository
public class LoanAccountRepository {

  private final JdbcClient jdbc;
  private final JdbcTemplate batch;

  public LoanAccountRepository(JdbcClient jdbc, JdbcTemplate batch) {
    this.jdbc = jdbc;
    this.batch = batch;
  }

  /**
   * Stores an account with its schedule; fails on a second account for the same opening key (the application
   * id of a term loan, the drawdown id of a credit line's drawdown).
   */
  public void insert(LoanAccount account, String openingKey, Instant openedAt) {
    insert(account, openingKey, openedAt, null, 0);
  }

  /**
   * Stores a renewal's new account (无还本续贷) with its schedule: opening key {@code RENEWAL-<renewed loan id>},
   * the loan it renewed and its generation (the renewed loan's + 1); fails on a second renewal of the same loan.
   */
  public void insertRenewal(LoanAccount account, Instant openedAt, String renewalOf, int generation) {
    insert(account, "RENEWAL-" + renewalOf, openedAt, renewalOf, generation);
  }

  /** The account that renewed {@code loanId}, if any. */
  public Optional<LoanAccount> findByRenewalOf(String loanId) {
    return jdbc.sql("SELECT * FROM loan_account WHERE renewal_of = :loanId").param("loanId", loanId)
        .query((rs, row) -> map(rs)).optional();
  }

  /** 0 for a loan from a disbursement, one more for each renewal. */
  public int renewalGeneration(String loanId) {
    return jdbc.sql("SELECT renewal_generation FROM loan_account WHERE loan_id = :loanId").param("loanId", loanId)
        .query(Integer.class).single();
  }

  private void insert(LoanAccount account, String openingKey, Instant openedAt, String renewalOf, int generation) {
    jdbc.sql("""
        INSERT INTO loan_account (loan_id, application_id, opening_key, credit_code, borrower_name, branch_code, product, principal,
          annual_rate_percent, term_months, repayment_method, disbursed_on, maturity_date,
          core_posting_reference, status, opened_at, version, renewal_of, renewal_generation, outstanding_principal)
        VALUES (:loanId, :applicationId, :openingKey, :creditCode, :borrowerName, :branchCode, :product, :principal, :rate,
          :termMonths, :method, :disbursedOn, :maturityDate, :postingReference, :status, :openedAt, 0, :renewalOf, :generation,
          :outstanding)
        """)
        .param("outstanding", account.schedule().stream().map(Instalment::principal)
            .reduce(BigDecimal.ZERO, BigDecimal::add))
        .param("renewalOf", renewalOf)
        .param("generation", generation)
        .param("loanId", account.loanId())
        .param("openingKey", openingKey)
        .param("applicationId", account.applicationId())
        .param("creditCode", account.creditCode())
        .param("borrowerName", account.borrowerName())
        .param("branchCode", account.branchCode())
        .param("product", account.product())
        .param("principal", account.principal())
        .param("rate", account.annualRatePercent())
        .param("termMonths", account.termMonths())
        .param("method", account.repaymentMethod().name())
        .param("disbursedOn", account.disbursedOn())
        .param("maturityDate", account.maturityDate())
        .param("postingReference", account.corePostingReference())
        .param("status", account.status())
        .param("openedAt", Timestamp.from(openedAt))
        .update();
    batch.batchUpdate("""
        INSERT INTO repayment_instalment (loan_id, number, due_date, principal, interest, total, remaining_principal)
        VALUES (?, ?, ?, ?, ?, ?, ?)
        """,
        account.schedule().stream().map(i -> new Object[] {account.loanId(), i.number(), i.dueDate(),
            i.principal(), i.interest(), i.total(), i.remainingPrincipal()}).toList());
  }

  public Optional<LoanAccount> findById(String loanId) {
    return jdbc.sql("SELECT * FROM loan_account WHERE loan_id = :loanId")
        .param("loanId", loanId)
        .query((rs, row) -> map(rs))
        .optional();
  }

  /** These accounts with their schedules, two statements per {@link SqlInLists#CHUNK} ids; a loan not found is left out. */
  public Map<String, LoanAccount> findAllById(Collection<String> loanIds) {
    Map<String, LoanAccount> accounts = new HashMap<>();
    for (List<String> chunk : SqlInLists.chunks(loanIds)) {
      Map<String, List<Instalment>> schedules = new HashMap<>();
      jdbc.sql("SELECT * FROM repayment_instalment WHERE loan_id IN (:ids)")
          .param("ids", chunk)
          .query(rs -> {
            schedules.computeIfAbsent(rs.getString("loan_id"), id -> new ArrayList<>()).add(instalment(rs));
          });
      // Sorted here: with ORDER BY, H2 walks the whole primary key in order instead of looking the ids up.
      schedules.values().forEach(schedule -> schedule.sort(Comparator.comparingInt(Instalment::number)));
      jdbc.sql("SELECT * FROM loan_account WHERE loan_id IN (:ids)")
          .param("ids", chunk)
          .query((rs, row) -> map(rs, schedules.getOrDefault(rs.getString("loan_id"), List.of())))
          .list().forEach(account -> accounts.put(account.loanId(), account));
    }
    return accounts;
  }

  /** The account opened for this key: an application's term loan (key = application id), or a drawdown. */
  public Optional<LoanAccount> findByOpeningKey(String openingKey) {
    return jdbc.sql("SELECT * FROM loan_account WHERE opening_key = :openingKey")
        .param("openingKey", openingKey)
        .query((rs, row) -> map(rs))
        .optional();
  }

  /** The application's term loan (a credit line's drawdowns are found by their drawdown id). */
  public Optional<LoanAccount> findByApplication(String applicationId) {
    return findByOpeningKey(applicationId);
  }

  public Optional<String> findLoanIdByApplication(String applicationId) {
    return jdbc.sql("SELECT loan_id FROM loan_account WHERE opening_key = :applicationId")
        .param("applicationId", applicationId)
        .query(String.class)
        .optional();
  }

  /**
   * Principal still outstanding on the loans of these applications: the schedule's principal less what
   * was paid of it, on ACTIVE loans only (a settled loan owes nothing; written-off principal is off the
   * books, though the claim is kept).
   */
  public java.math.BigDecimal outstandingPrincipal(java.util.Collection<String> applicationIds) {
    java.math.BigDecimal sum = jdbc.sql("""
        SELECT SUM(i.principal - i.principal_paid)
        FROM loan_account a JOIN repayment_instalment i ON i.loan_id = a.loan_id
        WHERE a.application_id IN (:ids) AND a.status = 'ACTIVE'
        """)
        .param("ids", java.util.List.copyOf(applicationIds)).query(java.math.BigDecimal.class).optional().orElse(null);
    return sum == null ? java.math.BigDecimal.ZERO.setScale(2) : sum.setScale(2);
  }

  /**
   * Loan ids of the ACTIVE loans of these products maturing from {@code from} to {@code to} (both inclusive),
   * oldest maturity first, at most {@code limit} after {@code afterLoanId} (a keyset page; null = from the start).
   */
  public List<String> activeMaturingBetween(LocalDate from, LocalDate to, java.util.Collection<String> products,
      String afterLoanId, int limit) {
    return jdbc.sql("""
        SELECT loan_id FROM loan_account
        WHERE status = 'ACTIVE' AND maturity_date BETWEEN :from AND :to AND product IN (:products) AND loan_id > :after
        ORDER BY loan_id LIMIT :limit
        """)
        .param("limit", limit).param("from", from).param("to", to).param("products", List.copyOf(products))
        .param("after", afterLoanId == null ? "" : afterLoanId)
        .query(String.class).list();
  }

  /**
   * Principal still outstanding on each of these loans, as {@link #outstandingPrincipal} counts it (0 for a
   * settled or written-off loan); a loan not found is left out.
   */
  public java.util.Map<String, java.math.BigDecimal> outstandingPrincipalByLoan(java.util.Collection<String> loanIds) {
    java.util.Map<String, java.math.BigDecimal> outstanding = new java.util.HashMap<>();
    if (loanIds.isEmpty()) {
      return outstanding;
    }
    jdbc.sql("""
        SELECT a.loan_id, a.status, SUM(i.principal - i.principal_paid) AS outstanding
        FROM loan_account a JOIN repayment_instalment i ON i.loan_id = a.loan_id
        WHERE a.loan_id IN (:ids)
        GROUP BY a.loan_id, a.status
        """)
        .param("ids", java.util.List.copyOf(loanIds))
        .query(rs -> {
          java.math.BigDecimal sum = "ACTIVE".equals(rs.getString("status")) && rs.getBigDecimal("outstanding") != null
              ? rs.getBigDecimal("outstanding") : java.math.BigDecimal.ZERO;
          outstanding.put(rs.getString("loan_id"), sum.setScale(2));
        });
    return outstanding;
  }

  private LoanAccount map(ResultSet rs) throws SQLException {
    return map(rs, schedule(rs.getString("loan_id")));
  }

  private static LoanAccount map(ResultSet rs, List<Instalment> schedule) throws SQLException {
    return new LoanAccount(
        rs.getString("loan_id"),
        rs.getString("application_id"),
        rs.getString("credit_code"),
        rs.getString("borrower_name"),
        rs.getString("branch_code"),
        rs.getString("product"),
        rs.getBigDecimal("principal"),
        rs.getBigDecimal("annual_rate_percent"),
        rs.getInt("term_months"),
        RepaymentMethod.valueOf(rs.getString("repayment_method")),
        rs.getObject("disbursed_on", LocalDate.class),
        rs.getObject("maturity_date", LocalDate.class),
        rs.getString("core_posting_reference"),
        rs.getString("status"),
        schedule);
  }

  private List<Instalment> schedule(String loanId) {
    return jdbc.sql("SELECT * FROM repayment_instalment WHERE loan_id = :loanId ORDER BY number")
        .param("loanId", loanId)
        .query((rs, row) -> instalment(rs))
        .list();
  }

  private static Instalment instalment(ResultSet rs) throws SQLException {
    return new Instalment(
        rs.getInt("number"),
        rs.getObject("due_date", LocalDate.class),
        rs.getBigDecimal("principal"),
        rs.getBigDecimal("interest"),
        rs.getBigDecimal("total"),
        rs.getBigDecimal("remaining_principal"));
  }
}
