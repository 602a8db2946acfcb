package com.smeloanflow.renewal;

import static com.smeloanflow.notification.MailValueProvider.putIfKnown;

import com.smeloanflow.casefile.CustomerReason;
import com.smeloanflow.notification.MailValueProvider;
import com.smeloanflow.platform.ChineseDates;
import com.smeloanflow.servicing.LedgerLine;
import com.smeloanflow.servicing.LoanAccountService;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * Placeholders of the borrower's renewal mails (case type LOAN): the maturity, the last day to apply, the
 * signed amount and the amount actually renewed, the principal the old loan has still due at maturity as its ledger stands
 * when the mail is queued ({@code renewalPrincipalDue}: a prepayment since the offer lowered it), the contract, the new loan, when declined the customer text of the chosen
 * reason, when lapsed why (not signed in time, or not decided in time: the contract's existence says which), and when
 * the loan was called in what became of the renewal (the application, the contract to sign, the signed contract). The
 * eligibility reasons, the approver's and the amount reviewer's notes are internal and never reach a mail.
 */
@Component
public class RenewalMailValues implements MailValueProvider.OfLoan {

  private final RenewalRepository renewals;
  private final LoanAccountService loans;

  public RenewalMailValues(RenewalRepository renewals, LoanAccountService loans) {
    this.renewals = renewals;
    this.loans = loans;
  }

  @Override
  public Map<String, String> values(String loanId) {
    Map<String, String> values = new HashMap<>();
    renewals.find(loanId).ifPresent(renewal -> {
      values.put("renewalMaturityDate", ChineseDates.day(renewal.maturityDate()));
      putIfKnown(values, "renewalOfferExpiresOn", renewal.offerExpiresOn(), ChineseDates::day);
      values.put("renewalAmount", renewal.renewalAmount().toPlainString());
      values.put("renewalPrincipalDue",
          LedgerLine.principalDueAtMaturity(loans.ledger(loanId), renewal.maturityDate()).toPlainString());
      putIfKnown(values, "renewalRenewedAmount", renewal.renewedAmount(), BigDecimal::toPlainString);
      putIfKnown(values, "renewalContractNumber", renewal.contractNumber(), Function.identity());
      putIfKnown(values, "renewalNewLoanId", renewal.newLoanId(), Function.identity());
      values.put("renewalCustomerText", renewal.customerReason() == null ? ""
          : CustomerReason.valueOf(renewal.customerReason()).text());
      values.put("renewalLapsedText", lapsedText(renewal));
      values.put("renewalCalledInText", calledInText(renewal));
    });
    return values;
  }

  /**
   * What became of the renewal when the bank called the loan in, as the borrower is told (续贷终止): after the sentence's
   * subject and loan. The signature says whether a contract is left to sign.
   */
  static String calledInText(LoanRenewal renewal) {
    if (renewal.contractNumber() == null) {
      return "提交的无还本续贷申请，因我行已决定提前收回该笔贷款，已终止审批，不再办理。";
    }
    if (renewal.signatureId() == null) {
      return "获批的无还本续贷，因我行已决定提前收回该笔贷款，不再办理；续贷合同（编号 " + renewal.contractNumber()
          + "）已撤销，无需再签署。";
    }
    return "签署的续贷合同（编号 " + renewal.contractNumber() + "），因我行已决定提前收回该笔贷款，不再履行，不会发放新贷款。";
  }

  /** Why the renewal lapsed at maturity, as the borrower is told (续贷未办理): after the sentence's subject and loan. */
  static String lapsedText(LoanRenewal renewal) {
    return renewal.contractNumber() == null
        ? "提交的无还本续贷申请未能在原贷款到期日" + ChineseDates.day(renewal.maturityDate()) + "前完成审批，已失效。"
        : "获批的无还本续贷，因续贷合同未在原贷款到期日" + ChineseDates.day(renewal.maturityDate()) + "前签署，已失效。";
  }
}
