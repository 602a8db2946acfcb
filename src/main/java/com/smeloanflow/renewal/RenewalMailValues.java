package com.smeloanflow.renewal;

import com.smeloanflow.casefile.CustomerReason;
import com.smeloanflow.notification.MailValueProvider;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Placeholders of the borrower's renewal mails (case type LOAN): the maturity, the last day to apply, the
 * signed amount and the amount actually renewed, the contract, the new loan and, when declined, the customer text of the chosen reason. The
 * eligibility reasons, the approver's and the amount reviewer's notes are internal and never reach a mail.
 */
@Component
public class RenewalMailValues implements MailValueProvider.OfLoan {

  private final RenewalRepository renewals;

  public RenewalMailValues(RenewalRepository renewals) {
    this.renewals = renewals;
  }

  @Override
  public Map<String, String> values(String loanId) {
    Map<String, String> values = new HashMap<>();
    renewals.find(loanId).ifPresent(renewal -> {
      values.put("renewalMaturityDate", renewal.maturityDate().toString());
      values.put("renewalOfferExpiresOn", String.valueOf(renewal.offerExpiresOn()));
      values.put("renewalAmount", renewal.renewalAmount().toPlainString());
      values.put("renewalRenewedAmount", renewal.renewedAmount() == null ? "" : renewal.renewedAmount().toPlainString());
      values.put("renewalContractNumber", String.valueOf(renewal.contractNumber()));
      values.put("renewalNewLoanId", String.valueOf(renewal.newLoanId()));
      values.put("renewalCustomerText", renewal.customerReason() == null ? ""
          : CustomerReason.valueOf(renewal.customerReason()).text());
    });
    return values;
  }
}
