package com.smeloanflow.renewal;

import com.smeloanflow.disbursement.CorePosting;
import java.time.LocalDate;

/**
 * The maturity posting found the maturity instalment counted overdue by the daily close, and core banking had
 * nevertheless booked the renewal under its key: an earlier attempt posted, its answer was lost, and the retry
 * ran only after the close. Money moved (the new loan's money repaid the old loan's principal) that the ledger,
 * the loan accounts and the renewal do not show. Neither answer is safe to give by itself: renewing would book a
 * renewal of a loan counted overdue; ending the renewal would tell the borrower it was not made while the money
 * moved. A person decides.
 *
 * <p>Not a business outcome: the job fails, its retries end in an incident on 办理续贷转贷 and Cockpit shows this
 * message. Nothing is written, the renewal stays {@code SIGNED} (or {@code AMOUNT_REVIEW}); once an operator
 * sorted the ledger out with core banking (e.g. the overdue count reversed), a retry of the job renews with that
 * posting, since core banking answers the key with it. The message stays within the engine's 666 characters of a
 * job's exception message.
 */
public class RenewalPostedWhileOverdueException extends RuntimeException {

  public RenewalPostedWhileOverdueException(String loanId, CorePosting posting, LocalDate maturityDate,
      int maturityInstalment) {
    super("Loan " + loanId + " needs an operator: core banking booked posting " + posting.postingReference() + " of "
        + posting.amount().toPlainString() + " CNY under " + posting.idempotencyKey() + " (the renewal at maturity "
        + maturityDate + ", by an attempt that lost its answer or rolled back), but the daily close had already "
        + "counted maturity instalment " + maturityInstalment + " OVERDUE, and nothing of that posting is booked in "
        + "the ledger, the loan accounts or the renewal. Not renewed, not ended, the borrower not mailed. Settle it "
        + "with core banking and the ledger (reverse the posting, or the overdue count); then retry this job: with "
        + "the instalment no longer overdue it renews with this posting.");
  }
}
