package com.smeloanflow.accountability;

import com.smeloanflow.identity.Groups;
import com.smeloanflow.platform.NotFoundException;
import com.smeloanflow.servicing.LedgerLine;
import com.smeloanflow.servicing.LoanAccount;
import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.servicing.LoanBalances;
import com.smeloanflow.servicing.LoanStanding;
import com.smeloanflow.servicing.WrittenOffClaim;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A customer manager's performance (专项考核) from the loans the manager answers for: the ledger's
 * balances and interest paid, the interest recovered after a write-off (核销后收回), the classification, and the
 * due-diligence reviews of non-performing loans.
 */
@Service
public class PerformanceService {

  /** At most this many managers of a branch are listed (identity query page). */
  static final int MAX_MANAGERS = 500;
  private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);

  private final ManagedLoanRepository managedLoans;
  private final LoanAccountService loans;
  private final PerformancePolicy policy;
  private final IdentityService identity;
  private final DueDiligenceFindings findings;

  public PerformanceService(ManagedLoanRepository managedLoans, LoanAccountService loans, PerformancePolicy policy,
      IdentityService identity, DueDiligenceFindings findings) {
    this.managedLoans = managedLoans;
    this.loans = loans;
    this.policy = policy;
    this.identity = identity;
    this.findings = findings;
  }

  /** The branches whose customer managers' group the user belongs to. */
  public List<String> branchesOf(String userId) {
    return identity.createGroupQuery().groupMember(userId).listPage(0, MAX_MANAGERS).stream().map(Group::getId)
        .filter(id -> id.endsWith(Groups.CUSTOMER_MANAGERS_SUFFIX))
        .map(id -> id.substring(0, id.length() - Groups.CUSTOMER_MANAGERS_SUFFIX.length())).sorted().toList();
  }

  /**
   * A user as their performance sees them, read once: the loans they answer for, and the branches the
   * performance belongs to (where the user is a manager, and where their loans are; none: no manager).
   */
  public record ManagerLoans(String userId, List<String> branches, List<ManagedLoan> loans) {}

  public ManagerLoans managerLoans(String userId) {
    List<ManagedLoan> managed = managedLoans.ofManager(userId);
    TreeSet<String> branches = new TreeSet<>(branchesOf(userId));
    managed.forEach(loan -> branches.add(loan.branchCode()));
    return new ManagerLoans(userId, List.copyOf(branches), managed);
  }

  /**
   * The manager's performance.
   *
   * @throws NotFoundException the user is no customer manager and answers for no loan
   */
  @Transactional(readOnly = true)
  public ManagerPerformance of(String userId) {
    return of(managerLoans(userId));
  }

  /**
   * The performance of a manager already read (e.g. for an access check first).
   *
   * @throws NotFoundException the user is no customer manager and answers for no loan
   */
  @Transactional(readOnly = true)
  public ManagerPerformance of(ManagerLoans manager) {
    if (manager.branches().isEmpty()) {
      throw new NotFoundException("客户经理不存在", "用户 " + manager.userId() + " 不是客户经理, 也没有管户的贷款",
          "user " + manager.userId() + " is no customer manager and answers for no loan");
    }
    return compute(manager);
  }

  /** The performance of every customer manager of the branch (members of its group, and those with its loans). */
  @Transactional(readOnly = true)
  public ManagerPerformance.BranchPerformance ofBranch(String branchCode) {
    TreeSet<String> managers = identity.createUserQuery().memberOfGroup(Groups.customerManagers(branchCode))
        .listPage(0, MAX_MANAGERS).stream().map(User::getId).collect(Collectors.toCollection(TreeSet::new));
    managers.addAll(managedLoans.managersOfBranch(branchCode));
    return new ManagerPerformance.BranchPerformance(branchCode, policy.nplTolerance(),
        managers.stream().map(manager -> compute(managerLoans(manager))).toList());
  }

  /** The figures of the manager's loans, read for all of them at once (a few statements, not a few per loan). */
  private ManagerPerformance compute(ManagerLoans manager) {
    String userId = manager.userId();
    List<ManagedLoan> managersLoans = manager.loans();
    List<String> loanIds = managersLoans.stream().map(ManagedLoan::loanId).toList();
    Map<String, LoanAccount> accounts = loans.findAll(loanIds);
    Map<String, LoanStanding> standings = loans.standings(loanIds);
    Map<String, List<LedgerLine>> ledgers = loans.ledgers(loanIds);
    Map<String, WrittenOffClaim> claims = loans.writeOffClaims(loanIds);
    Map<String, DueDiligenceOutcome> reviews = findings.outcomesFor(loanIds, userId);
    List<LoanPerformance> details = new ArrayList<>();
    List<PerformanceFigures.LoanBalance> balances = new ArrayList<>();
    for (ManagedLoan managed : managersLoans) {
      LoanAccount account = accounts.get(managed.loanId());
      LoanStanding standing = standings.get(managed.loanId());
      if (account == null || standing == null) {
        throw new IllegalStateException("Managed loan " + managed.loanId() + " of " + userId + " has no loan account");
      }
      List<LedgerLine> ledger = ledgers.getOrDefault(managed.loanId(), List.of());
      BigDecimal outstanding = standing.active() ? LoanBalances.of(ledger).outstandingPrincipal() : ZERO;
      // interest income when received: what the instalments were paid of interest and penalty interest, and after a
      // write-off what recoveries paid of the interest and penalty interest then unpaid (not the principal: that
      // reduces the loss, it is no income; a reversed recovery is taken back from the claim's running figure)
      BigDecimal recovered = Optional.ofNullable(claims.get(managed.loanId()))
          .map(claim -> claim.recoveredInterest().add(claim.recoveredPenalty())).orElse(null);
      BigDecimal earned = ledger.stream().map(line -> line.interestPaid().add(line.penaltyPaid()))
          .reduce(recovered == null ? ZERO : recovered, BigDecimal::add);
      boolean nonPerforming = standing.classification().nonPerforming();
      Optional<DueDiligenceOutcome> review = Optional.ofNullable(reviews.get(managed.loanId()));
      boolean exempt = review.filter(DueDiligenceOutcome::exemptsFromTolerance).isPresent();
      PerformanceFigures.LoanBalance balance = new PerformanceFigures.LoanBalance(managed.loanId(), outstanding,
          nonPerforming, exempt);
      balances.add(balance);
      details.add(new LoanPerformance(account.loanId(), account.borrowerName(), account.product(), account.disbursedOn(),
          account.principal(), standing.status(), standing.classification().name(), standing.classification().label(),
          outstanding, account.totalInterest(), earned, recovered,
          PerformanceFigures.income(account.totalInterest(), policy.interestShare()),
          PerformanceFigures.income(earned, policy.interestShare()), nonPerforming,
          review.map(DueDiligenceOutcome::label).orElse(null), nonPerforming && !exempt && outstanding.signum() > 0,
          managed.source()));
    }
    PerformanceFigures.NplStanding npl = PerformanceFigures.npl(balances, policy.nplTolerance());
    Map<String, LoanPerformance> byId = details.stream().collect(Collectors.toMap(LoanPerformance::loanId, Function.identity()));
    return new ManagerPerformance(userId, nameOf(userId), manager.branches(), details.size(),
        (int) details.stream().filter(loan -> LoanAccount.ACTIVE.equals(loan.status())).count(), npl.balance(),
        sum(details.stream().map(LoanPerformance::expectedIncome).toList()),
        sum(details.stream().map(LoanPerformance::incomeEarned).toList()), policy.interestShare(), npl.nplBalance(),
        npl.exemptNplBalance(), npl.nplRatio(), npl.tolerance(), npl.withinTolerance(),
        npl.withinTolerance() ? "在不良容忍度内, 免于处罚" : "超出不良容忍度",
        npl.overTolerance().stream().map(loan -> byId.get(loan.loanId())).map(loan -> new ManagerPerformance.OverTolerance(
            loan.loanId(), loan.borrowerName(), loan.outstandingPrincipal(), loan.classificationLabel())).toList(),
        details);
  }

  private String nameOf(String userId) {
    User user = identity.createUserQuery().userId(userId).singleResult();
    if (user == null) {
      return userId;
    }
    return user.getFirstName() == null || user.getFirstName().isBlank() ? userId : user.getFirstName();
  }

  private static BigDecimal sum(Collection<BigDecimal> amounts) {
    return amounts.stream().reduce(ZERO, BigDecimal::add);
  }
}
