package com.smeloanflow.accountability;

import com.smeloanflow.campaign.CampaignService;
import com.smeloanflow.casefile.ApplicationChecks;
import com.smeloanflow.casefile.CheckType;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.servicing.LoanAccount;
import com.smeloanflow.servicing.LoanLifecycleListener;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Records who answers for a loan when servicing opens its account (in the disbursement's transaction):
 * the customer manager whose whitelist prospect became the application, else the manager who
 * investigated the applicant on site (the last field investigation). A loan with neither has no
 * responsible manager: nobody's performance counts it.
 *
 * <p>A renewal without repaying principal (无还本续贷, in the renewal's transaction) opens a new loan on the same
 * application: the old loan's manager answers for it too (a copy of the old loan's row under the new loan id), so
 * the renewed loan's overdue and default count in that manager's performance, its next renewal is refused to that
 * manager (审贷分离), and a due-diligence review of it names that manager. The copy keeps the old row's source: the
 * source says why this manager (the whitelist prospect or the field investigation of the application, which the
 * renewed loan keeps), and which loan the new one renewed is servicing's record ({@code loan_account}'s renewal
 * link, {@code LoanAccountService.findRenewalOf}), so accountability keeps no second copy of it and
 * {@code managed_loan} keeps its columns; the log line names the old loan. An old loan nobody answers for leaves
 * the renewed loan without a manager as well.
 */
@Component
class ResponsibleManagerRecorder implements LoanLifecycleListener {

  private static final Logger log = LoggerFactory.getLogger(ResponsibleManagerRecorder.class);

  private final ManagedLoanRepository managedLoans;
  private final CampaignService campaigns;
  private final ApplicationChecks checks;
  private final BusinessClock clock;

  ResponsibleManagerRecorder(ManagedLoanRepository managedLoans, CampaignService campaigns, ApplicationChecks checks,
      BusinessClock clock) {
    this.managedLoans = managedLoans;
    this.campaigns = campaigns;
    this.checks = checks;
    this.clock = clock;
  }

  @Override
  public void opened(LoanAccount account) {
    responsibleFor(account.applicationId()).ifPresentOrElse(
        found -> {
          managedLoans.insert(new ManagedLoan(account.loanId(), account.applicationId(), account.branchCode(),
              found.manager(), found.source(), clock.now()));
          log.info("Loan {}: customer manager {} answers for it ({})", account.loanId(), found.manager(), found.source());
        },
        () -> log.info("Loan {}: no customer manager answers for it (neither a whitelist prospect nor a field"
            + " investigation)", account.loanId()));
  }

  @Override
  public void renewed(LoanAccount old, LoanAccount renewed) {
    managedLoans.find(old.loanId()).ifPresentOrElse(
        managed -> {
          managedLoans.insert(new ManagedLoan(renewed.loanId(), renewed.applicationId(), renewed.branchCode(),
              managed.customerManager(), managed.source(), clock.now()));
          log.info("Loan {}: customer manager {} answers for it as for loan {} it renewed ({})", renewed.loanId(),
              managed.customerManager(), old.loanId(), managed.source());
        },
        () -> log.info("Loan {}: no customer manager answers for it (none answered for loan {} it renewed)",
            renewed.loanId(), old.loanId()));
  }

  private record Found(String manager, ManagerSource source) {}

  private Optional<Found> responsibleFor(String applicationId) {
    Optional<String> whitelist = campaigns.customerManagerOfApplication(applicationId);
    if (whitelist.isPresent()) {
      return Optional.of(new Found(whitelist.get(), ManagerSource.WHITELIST));
    }
    List<ApplicationChecks.Check> investigations = checks.of(applicationId, CheckType.FIELD_INVESTIGATION);
    return investigations.isEmpty() ? Optional.empty()
        : Optional.of(new Found(investigations.get(investigations.size() - 1).performedBy(), ManagerSource.FIELD_INVESTIGATION));
  }
}
