package com.smeloanflow.servicing;

import com.smeloanflow.identity.BranchValidator;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.platform.FieldViolation;
import com.smeloanflow.platform.InvalidFieldsException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Reads loans for the API: one loan with everything about it, and pages of loans for staff. */
@Service
public class LoanQueryService {

  public static final int MAX_PAGE_SIZE = 200;
  private static final Set<String> STATUSES = Set.of(LoanAccount.ACTIVE, LoanAccount.SETTLED, LoanAccount.WRITTEN_OFF);

  private final LoanAccountService loans;
  private final RepaymentService repayments;
  private final PenaltyInterest penalty;
  private final BusinessClock clock;
  private final JdbcClient jdbc;
  private final ObjectProvider<CollectionCaseLookup> collectionCases;

  public LoanQueryService(LoanAccountService loans, RepaymentService repayments, PenaltyInterest penalty, BusinessClock clock,
      JdbcClient jdbc, ObjectProvider<CollectionCaseLookup> collectionCases) {
    this.loans = loans;
    this.repayments = repayments;
    this.penalty = penalty;
    this.clock = clock;
    this.jdbc = jdbc;
    this.collectionCases = collectionCases;
  }

  /** Filter of the staff list; null means "any". */
  public record LoanFilter(String branchCode, String status, Integer minDaysPastDue, Integer page, Integer size) {}

  public Optional<LoanAccount> account(String loanId) {
    return loans.find(loanId);
  }

  public LoanView view(LoanAccount account) {
    String loanId = account.loanId();
    LoanStanding standing = loans.standing(loanId).orElseThrow();
    List<LedgerLine> ledger = loans.ledger(loanId);
    LoanBalances balances = LoanBalances.of(ledger);
    BigDecimal payoff = standing.active() ? RepaymentAllocator.payoffAmount(ledger, clock.today()) : BigDecimal.ZERO.setScale(2);
    return new LoanView(loanId, account.applicationId(), account.creditCode(), account.borrowerName(), account.branchCode(),
        account.product(), account.principal(), account.annualRatePercent(),
        penalty.annualPenaltyRatePercent(account.annualRatePercent()), account.termMonths(), account.repaymentMethod(),
        account.repaymentMethod().label(), account.disbursedOn(), account.maturityDate(), account.corePostingReference(),
        standing.status(), LoanView.statusLabel(standing.status()), account.totalInterest(), account.totalRepayment(),
        balances.outstandingPrincipal(), balances.outstandingInterest(), balances.overduePrincipal(), balances.overdueInterest(),
        balances.penaltyAccrued(), balances.penaltyOutstanding(), balances.arrears(), payoff, standing.daysPastDue(),
        standing.overdueSince(), standing.defaultedOn(), standing.classification(), standing.classification().label(),
        standing.lastClosedOn(), standing.closedOn(), standing.writtenOffPrincipal(), standing.acceleratedOn(),
        ledger.stream().map(LoanView.InstalmentView::of).toList(),
        loans.classificationHistory(loanId).stream().map(LoanView.ClassificationView::of).toList(),
        repayments.ofLoan(loanId).stream().map(RepaymentView::of).toList(),
        collectionCases.orderedStream().flatMap(lookup -> lookup.openCaseOf(loanId).stream()).findFirst().orElse(null),
        repayments.claim(loanId).map(claim -> LoanView.WriteOffView.of(claim, repayments.recoveriesOf(loanId)))
            .orElse(null));
  }

  /**
   * A page of loans, newest loan id last, limited to {@code readableBranches} when present.
   *
   * @throws InvalidFieldsException naming a bad query parameter
   */
  public LoanPage list(LoanFilter filter, Optional<Set<String>> readableBranches) {
    List<FieldViolation> violations = new ArrayList<>();
    if (filter.branchCode() != null && !BranchValidator.CODE.matcher(filter.branchCode()).matches()) {
      violations.add(new FieldViolation("branchCode", "INVALID_FORMAT", "网点代码应为两个大写字母加三位数字, 如 ZY001"));
    }
    if (filter.status() != null && !STATUSES.contains(filter.status())) {
      violations.add(new FieldViolation("status", "INVALID_CHOICE", "应为 " + STATUSES + " 之一"));
    }
    if (filter.minDaysPastDue() != null && filter.minDaysPastDue() < 0) {
      violations.add(new FieldViolation("minDaysPastDue", "NEGATIVE", "不能小于 0"));
    }
    int page = filter.page() == null ? 0 : filter.page();
    int size = filter.size() == null ? 20 : filter.size();
    if (page < 0) {
      violations.add(new FieldViolation("page", "NEGATIVE", "不能小于 0"));
    }
    if (size < 1 || size > MAX_PAGE_SIZE) {
      violations.add(new FieldViolation("size", "OUT_OF_RANGE", "应在 1 至 " + MAX_PAGE_SIZE + " 之间"));
    }
    if (!violations.isEmpty()) {
      throw new InvalidFieldsException(violations, "查询条件有误");
    }
    if (readableBranches.isPresent() && readableBranches.get().isEmpty()) {
      return new LoanPage(List.of(), page, size, 0);
    }
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    if (filter.branchCode() != null) {
      where.append(" AND a.branch_code = :branch");
    }
    if (readableBranches.isPresent()) {
      where.append(" AND a.branch_code IN (:branches)");
    }
    if (filter.status() != null) {
      where.append(" AND a.status = :status");
    }
    if (filter.minDaysPastDue() != null) {
      where.append(" AND a.days_past_due >= :minDpd");
    }
    long total = bind(jdbc.sql("SELECT COUNT(*) FROM loan_account a" + where), filter, readableBranches)
        .query(Long.class).single();
    List<LoanSummary> items = bind(jdbc.sql("""
        SELECT a.loan_id, a.borrower_name, a.credit_code, a.branch_code, a.product, a.principal, a.status, a.days_past_due,
          a.classification, a.disbursed_on, a.maturity_date,
          (SELECT COALESCE(SUM(i.principal - i.principal_paid), 0) FROM repayment_instalment i WHERE i.loan_id = a.loan_id)
            AS outstanding
        FROM loan_account a""" + where + " ORDER BY a.loan_id LIMIT :size OFFSET :offset"), filter, readableBranches)
        .param("size", size).param("offset", (long) page * size)
        .query((rs, row) -> {
          String status = rs.getString("status");
          Classification classification = Classification.valueOf(rs.getString("classification"));
          return new LoanSummary(rs.getString("loan_id"), rs.getString("borrower_name"), rs.getString("credit_code"),
              rs.getString("branch_code"), rs.getString("product"), rs.getBigDecimal("principal"),
              LoanAccount.ACTIVE.equals(status) ? rs.getBigDecimal("outstanding").setScale(2) : BigDecimal.ZERO.setScale(2),
              status, LoanView.statusLabel(status), rs.getInt("days_past_due"), classification, classification.label(),
              rs.getObject("disbursed_on", java.time.LocalDate.class), rs.getObject("maturity_date", java.time.LocalDate.class));
        })
        .list();
    return new LoanPage(items, page, size, total);
  }

  private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec sql, LoanFilter filter,
      Optional<Set<String>> readableBranches) {
    if (filter.branchCode() != null) {
      sql = sql.param("branch", filter.branchCode());
    }
    if (readableBranches.isPresent()) {
      sql = sql.param("branches", List.copyOf(readableBranches.get()));
    }
    if (filter.status() != null) {
      sql = sql.param("status", filter.status());
    }
    if (filter.minDaysPastDue() != null) {
      sql = sql.param("minDpd", filter.minDaysPastDue());
    }
    return sql;
  }
}
