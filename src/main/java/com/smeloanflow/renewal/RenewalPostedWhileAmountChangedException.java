package com.smeloanflow.renewal;

import com.smeloanflow.disbursement.CorePosting;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The maturity posting found the principal due at maturity changed (or all of it prepaid) since the amount to renew
 * was set, and core banking had nevertheless booked the renewal under its key: an earlier attempt posted, its answer
 * was lost, and a repayment reached the ledger before the retry. Money moved (the new loan's money repaid the old
 * loan's principal) that the ledger, the loan accounts and the renewal do not show, and the ledger no longer owes
 * that amount at maturity. Asking for 复核续贷金额, or ending the renewal as prepaid, would leave the money lent with no
 * loan of ours. A person decides, as for {@link RenewalPostedWhileOverdueException}.
 *
 * <p>Not a business outcome: the job fails, its retries end in an incident on 办理续贷转贷 and Cockpit shows this
 * message. Nothing is written, the renewal stays {@code SIGNED} (or {@code AMOUNT_REVIEW}). The message stays within
 * the engine's 666 characters of a job's exception message.
 */
public class RenewalPostedWhileAmountChangedException extends RuntimeException {

  public RenewalPostedWhileAmountChangedException(String loanId, CorePosting posting, LocalDate maturityDate,
      BigDecimal dueAtMaturity) {
    super("Loan " + loanId + " needs an operator: core banking booked posting " + posting.postingReference() + " of "
        + posting.amount().toPlainString() + " CNY under " + posting.idempotencyKey() + " (the renewal at maturity "
        + maturityDate + ", by an attempt that lost its answer), but the ledger now owes " + dueAtMaturity.toPlainString()
        + " CNY principal at maturity (a repayment since), and nothing of that posting is booked. Not renewed, not "
        + "ended, the borrower not mailed. Settle it with core banking and the ledger (reverse the posting, or the "
        + "repayment); then retry this job: owing the posted amount again, it renews with this posting.");
  }
}
