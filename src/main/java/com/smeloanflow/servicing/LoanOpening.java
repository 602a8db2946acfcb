package com.smeloanflow.servicing;

import com.smeloanflow.approval.ApprovalDecisions;
import com.smeloanflow.casefile.ApplicationHistory;
import com.smeloanflow.casefile.ApplicationStatus;
import com.smeloanflow.casefile.CaseFiles;
import com.smeloanflow.disbursement.DisbursementService;
import com.smeloanflow.intake.LoanApplication;
import com.smeloanflow.intake.LoanApplicationRepository;
import com.smeloanflow.intake.LoanLookup;
import com.smeloanflow.processing.BorrowerExposure;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Opens the loan account of a paid-out application from what the stages before decided: the terms of
 * the approval and the posting of the disbursement. Also answers, for the earlier stages, which loan
 * an application became and what a borrower's loans still owe.
 */
@Service
public class LoanOpening implements LoanLookup, BorrowerExposure {

  private final LoanApplicationRepository applications;
  private final ApprovalDecisions approvals;
  private final DisbursementService disbursements;
  private final LoanAccountService loans;
  private final CaseFiles caseFiles;
  private final ApplicationHistory history;

  public LoanOpening(LoanApplicationRepository applications, ApprovalDecisions approvals, DisbursementService disbursements,
      LoanAccountService loans, CaseFiles caseFiles, ApplicationHistory history) {
    this.applications = applications;
    this.approvals = approvals;
    this.disbursements = disbursements;
    this.loans = loans;
    this.caseFiles = caseFiles;
    this.history = history;
  }

  /** Opens the account (or answers with the one opened before); the application is DISBURSED. */
  public LoanAccount open(String applicationId) {
    LoanApplication application = applications.get(applicationId);
    ApprovalDecisions.Approval approval = approvals.get(applicationId);
    DisbursementService.Posting posting = disbursements.posting(applicationId).orElseThrow(() ->
        new IllegalStateException("Application " + applicationId + " has not been paid out; no loan account is opened"));
    LocalDate disbursedOn = LocalDate.ofInstant(posting.postedAt(), com.smeloanflow.platform.BusinessClock.BANK_ZONE);
    LoanAccount account = loans.open(new OpenLoanAccount(applicationId, application.creditCode(), application.enterpriseName(),
        posting.amount(), approval.annualRatePercent(), application.termMonths(), approval.repaymentMethod(), disbursedOn,
        posting.postingReference()));
    history.record(applicationId, "system", "LOAN_ACCOUNT_OPENED", "借据 " + account.loanId());
    caseFiles.setStatus(applicationId, ApplicationStatus.DISBURSED);
    return account;
  }

  @Override
  public Optional<String> loanIdOf(String applicationId) {
    return loans.findLoanIdByApplication(applicationId);
  }

  @Override
  public BigDecimal outstandingPrincipal(Collection<String> applicationIds) {
    return loans.outstandingPrincipal(applicationIds);
  }
}
