package com.smeloanflow.renewal;

import com.smeloanflow.approval.SeparationOfDuties;
import com.smeloanflow.platform.StaffText;
import com.smeloanflow.servicing.LoanAccount;
import com.smeloanflow.servicing.LoanAccountService;
import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.camunda.bpm.engine.AuthorizationException;
import org.springframework.stereotype.Service;

/**
 * 审贷分离 on a renewal: who may not decide it (approve or decline it, vote on it in the committee, sign the
 * committee's resolution, or review its amount after a prepayment):
 * <ul>
 *   <li>the customer manager who answers for the loan (accountability's record: the whitelist prospect's
 *       manager, else the one who investigated on site) — the manager sells and looks after the loan;</li>
 *   <li>whoever applied for the renewal on the borrower's behalf ({@code loan_renewal.applied_by}; today the
 *       channel's system user, which holds no task, but a staff user who applied never decides it);</li>
 *   <li>whoever prepared the original application (submitted or accepted it at the counter, reviewed,
 *       verified or investigated it: approval's rule for that application), so a field investigation with
 *       no accountability record still excludes its manager.</li>
 * </ul>
 * A refusal is an {@link AuthorizationException} (HTTP 403 from the engine REST API), as for origination.
 */
@Service
public class RenewalSeparationOfDuties {

  private final RenewalRepository renewals;
  private final LoanAccountService loans;
  private final LoanCustomerManagers customerManagers;
  private final SeparationOfDuties applicationRules;

  public RenewalSeparationOfDuties(RenewalRepository renewals, LoanAccountService loans, LoanCustomerManagers customerManagers,
      SeparationOfDuties applicationRules) {
    this.renewals = renewals;
    this.loans = loans;
    this.customerManagers = customerManagers;
    this.applicationRules = applicationRules;
  }

  /**
   * Why a user may not decide the renewal of {@code loanId}, if they may not: the loan's customer manager, who
   * applied for the renewal and the original application are read once here, so a whole committee (or everyone
   * working a task) is checked against one reading.
   */
  public Function<String, Optional<String>> decisionConflicts(String loanId) {
    Optional<String> customerManager = customerManagers.of(loanId);
    Optional<String> appliedBy = renewals.find(loanId).map(LoanRenewal::appliedBy);
    Optional<Function<String, Optional<String>>> applicationConflicts =
        loans.find(loanId).map(LoanAccount::applicationId).map(applicationRules::approvalConflicts);
    return userId -> {
      if (customerManager.filter(userId::equals).isPresent()) {
        return Optional.of("审贷分离: 用户 " + userId + " 是贷款 " + loanId + " 的管户客户经理, 不能审批其续贷");
      }
      if (appliedBy.filter(userId::equals).isPresent()) {
        return Optional.of("审贷分离: 用户 " + userId + " 代借款人申请了贷款 " + loanId + " 的续贷, 不能审批该续贷");
      }
      return applicationConflicts.flatMap(conflicts -> conflicts.apply(userId))
          .map(reason -> reason + " (贷款 " + loanId + " 的续贷同样不能审批)");
    };
  }

  /** Everyone who may not decide the renewal of {@code loanId} (to hide its decision tasks from them). */
  public Set<String> mayNotDecide(String loanId) {
    Set<String> excluded = new HashSet<>();
    customerManagers.of(loanId).ifPresent(excluded::add);
    renewals.find(loanId).map(LoanRenewal::appliedBy).ifPresent(excluded::add);
    loans.find(loanId).map(LoanAccount::applicationId).map(applicationRules::mayNotApprove).ifPresent(excluded::addAll);
    return excluded;
  }

  /**
   * Refuses the first of {@code people} who may not decide the renewal of {@code loanId} (403 over the engine REST API):
   * the reason, the English beside.
   */
  public void requireMayDecide(String loanId, Collection<String> people) {
    if (people.isEmpty()) {
      return;
    }
    Function<String, Optional<String>> conflicts = decisionConflicts(loanId);
    for (String person : people) {
      conflicts.apply(person).ifPresent(reason -> {
        throw new AuthorizationException(StaffText.of(reason,
            "separation of duties: user " + person + " may not decide the renewal of loan " + loanId));
      });
    }
  }
}
