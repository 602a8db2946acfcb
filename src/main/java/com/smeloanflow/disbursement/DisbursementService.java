package com.smeloanflow.disbursement;

import com.smeloanflow.approval.ApprovalRepository;
import com.smeloanflow.casefile.ApplicationHistory;
import com.smeloanflow.intake.ApplicationStatus;
import com.smeloanflow.intake.ApplicationStatusUpdater;
import com.smeloanflow.intake.LoanApplication;
import com.smeloanflow.intake.LoanApplicationRepository;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.processing.ProcessingOutcomeRepository;
import com.smeloanflow.servicing.LoanAccount;
import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.servicing.OpenLoanAccount;
import com.smeloanflow.servicing.RepaymentMethod;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Pays out an approved loan: one posting to core banking (idempotency key = application id, so a
 * retried or raced step never pays twice), then the loan account with its repayment schedule.
 */
@Service
public class DisbursementService {

  private final LoanApplicationRepository applications;
  private final ApprovalRepository approvals;
  private final ProcessingOutcomeRepository outcomes;
  private final CoreBankingGateway coreBanking;
  private final LoanAccountService loans;
  private final ApplicationStatusUpdater status;
  private final ApplicationHistory history;
  private final BusinessClock clock;

  public DisbursementService(LoanApplicationRepository applications, ApprovalRepository approvals,
      ProcessingOutcomeRepository outcomes, CoreBankingGateway coreBanking, LoanAccountService loans,
      ApplicationStatusUpdater status, ApplicationHistory history, BusinessClock clock) {
    this.applications = applications;
    this.approvals = approvals;
    this.outcomes = outcomes;
    this.coreBanking = coreBanking;
    this.loans = loans;
    this.status = status;
    this.history = history;
    this.clock = clock;
  }

  /** The enterprise's basic settlement account at the bank, as core banking identifies it by credit code. */
  static String settlementAccount(LoanApplication application) {
    return "BASIC-" + application.creditCode();
  }

  public LoanAccount disburse(String applicationId) {
    Optional<LoanAccount> opened = loans.findByApplication(applicationId);
    if (opened.isPresent()) {
      return opened.get();
    }
    LoanApplication application = applications.get(applicationId);
    ApprovalRepository.Approval approval = approvals.find(applicationId).orElseThrow(() ->
        new IllegalStateException("Application " + applicationId + " is not approved; nothing may be paid out"));
    ProcessingOutcomeRepository.Outcome price = outcomes.find(applicationId).orElseThrow();
    CorePosting posting = coreBanking.disburse(DisbursementOrder.forApplication(applicationId, application.enterpriseName(),
        application.creditCode(), settlementAccount(application), approval.approvedAmount()));
    LoanAccount account = loans.open(new OpenLoanAccount(applicationId, application.creditCode(),
        application.enterpriseName(), approval.approvedAmount(), price.annualRatePercent(), application.termMonths(),
        RepaymentMethod.valueOf(approval.repaymentMethod()), clock.today(), posting.postingReference()));
    approvals.saveLoanId(applicationId, account.loanId());
    history.record(applicationId, "system", "DISBURSED", "借据 " + account.loanId() + ", 核心记账 " + posting.postingReference()
        + (posting.replayed() ? " (核心系统已记账, 本次为重试确认)" : "") + ", " + approval.approvedAmount().toPlainString() + " 元");
    status.set(applicationId, ApplicationStatus.DISBURSED);
    return account;
  }
}
