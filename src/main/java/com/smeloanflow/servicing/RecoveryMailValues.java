package com.smeloanflow.servicing;

import com.smeloanflow.notification.MailValueProvider;
import com.smeloanflow.platform.ChineseDates;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Placeholders of the borrower's mails (case type LOAN) about money received for a written-off loan: the recovery
 * booked last ({@code recoveryTransactionId}, {@code recoveryValueDate}, {@code recoveryAmount}), the recovery reversed
 * last ({@code reversedRecoveryTransactionId}, {@code reversedRecoveryValueDate}, {@code reversedRecoveryAmount}) and
 * {@code recoveryOwedNow}, what is still owed in the borrower's words (本金, 利息, 罚息 as far as owed). Nothing unless
 * the loan was written off. No word of the write-off itself: it is the bank's accounting, not the borrower's business.
 */
@Component
public class RecoveryMailValues implements MailValueProvider.OfLoan {

  private final RecoveryRepository claims;
  private final RepaymentRepository repayments;

  public RecoveryMailValues(RecoveryRepository claims, RepaymentRepository repayments) {
    this.claims = claims;
    this.repayments = repayments;
  }

  @Override
  public Map<String, String> values(String loanId) {
    Map<String, String> values = new HashMap<>();
    claims.claim(loanId).ifPresent(claim -> {
      List<StoredRepayment> recoveries = repayments.ofLoan(loanId, StoredRepayment.RECOVERY);
      recoveries.stream().filter(r -> !r.reversed()).reduce((first, second) -> second).ifPresent(last -> {
        values.put("recoveryTransactionId", last.transactionId());
        values.put("recoveryValueDate", ChineseDates.day(last.valueDate()));
        values.put("recoveryAmount", last.amount().toPlainString());
      });
      recoveries.stream().filter(StoredRepayment::reversed).max(Comparator.comparing(StoredRepayment::reversedAt)
          .thenComparing(StoredRepayment::sequenceNo)).ifPresent(reversed -> {
        values.put("reversedRecoveryTransactionId", reversed.transactionId());
        values.put("reversedRecoveryValueDate", ChineseDates.day(reversed.valueDate()));
        values.put("reversedRecoveryAmount", reversed.amount().toPlainString());
      });
      values.put("recoveryOwedNow", owedNow(claim));
    });
    return values;
  }

  /** What is still owed, e.g. 目前尚欠人民币 1200.00 元（本金 1000.00 元、利息 200.00 元），请尽快归还。 */
  static String owedNow(WrittenOffClaim claim) {
    if (claim.remaining().signum() == 0) {
      return "目前您在该借据项下已无欠款。";
    }
    return "目前尚欠人民币 " + claim.remaining().toPlainString() + " 元（" + AllocationLine.inWords(claim.remainingParts().byPart())
        + "），请尽快归还。";
  }
}
