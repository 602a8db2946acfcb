package com.smeloanflow.renewal;

import com.smeloanflow.disbursement.CoreBankingGateway;
import com.smeloanflow.disbursement.CorePosting;
import com.smeloanflow.disbursement.DisbursementOrder;
import com.smeloanflow.process.LoanOriginationProcess;
import com.smeloanflow.servicing.LoanAccount;
import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.servicing.RenewLoan;
import java.math.BigDecimal;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The maturity posting of a signed renewal: ONE core banking posting with its own idempotency key
 * ({@code RENEWAL-<old loan id>}) lends the new loan's principal straight into the repayment of the old
 * loan's (借新还旧: the settlement account is the old loan, nothing reaches the borrower's account); then
 * the ledger settles that principal and opens the new loan from the maturity date (no day without a
 * loan), classified 正常 as a renewal, and post-loan monitoring starts for the new loan. A replayed job
 * posts nothing new: core banking answers the key with the first posting, the ledger with the account it
 * opened, monitoring's start message is sent only when the account was opened now.
 */
@Service
public class RenewalPostingService {

  private static final Logger log = LoggerFactory.getLogger(RenewalPostingService.class);

  private final RenewalRepository renewals;
  private final LoanAccountService loans;
  private final CoreBankingGateway coreBanking;
  private final RuntimeService runtimeService;

  public RenewalPostingService(RenewalRepository renewals, LoanAccountService loans, CoreBankingGateway coreBanking,
      RuntimeService runtimeService) {
    this.renewals = renewals;
    this.loans = loans;
    this.coreBanking = coreBanking;
    this.runtimeService = runtimeService;
  }

  /** The idempotency key of a loan's renewal posting in core banking. */
  public static String idempotencyKey(String loanId) {
    return "RENEWAL-" + loanId;
  }

  /** @return the new loan */
  @Transactional
  public LoanAccount post(String loanId) {
    LoanRenewal renewal = renewals.lock(loanId).orElseThrow();
    if (renewal.status() == RenewalStatus.RENEWED) {
      return loans.find(renewal.newLoanId()).orElseThrow();
    }
    LoanAccount old = loans.find(loanId).orElseThrow();
    // Before any money moves: the ledger renews exactly the principal due at maturity; a prepayment after
    // signing changed it, and a posting of the signed amount would lend what the ledger then refuses to book.
    BigDecimal dueAtMaturity = RenewalFactsService.principalDueAtMaturity(old, loans.ledger(loanId));
    if (dueAtMaturity.compareTo(renewal.renewalAmount()) != 0) {
      throw new IllegalStateException("Loan " + loanId + " owes " + dueAtMaturity.toPlainString()
          + " CNY principal at maturity, not the signed renewal's " + renewal.renewalAmount().toPlainString()
          + " (a prepayment after signing): nothing posted to core banking; staff decide");
    }
    CorePosting posting = coreBanking.disburse(new DisbursementOrder(idempotencyKey(loanId), loanId, old.borrowerName(),
        old.creditCode(), "借新还旧:" + loanId, renewal.renewalAmount()));
    boolean openedNow = loans.findRenewalOf(loanId).isEmpty();
    LoanAccount renewed = loans.renew(new RenewLoan(loanId, posting.amount(), posting.postingReference()));
    renewals.renewed(loanId, posting.postingReference(), renewed.loanId(), renewal.maturityDate());
    if (openedNow) {
      runtimeService.createMessageCorrelation(LoanOriginationProcess.Messages.LOAN_DISBURSED)
          .processInstanceBusinessKey(renewed.loanId()).correlateStartMessage();
    }
    log.info("Loan {}: renewed by {} at maturity {} (posting {}{})", loanId, renewed.loanId(), renewal.maturityDate(),
        posting.postingReference(), posting.replayed() ? ", replayed" : "");
    return renewed;
  }
}
