package com.smeloanflow.collections;

import com.smeloanflow.notification.MailValueProvider;
import com.smeloanflow.platform.ChineseDates;
import com.smeloanflow.servicing.RepaymentService;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Placeholders of the borrower's mails (case type LOAN) from the loan's latest cured collection case:
 * the repayment that cleared the arrears ({@code transactionId}, {@code valueDate}, {@code repaymentAmount}).
 * Nothing while no case of the loan was cured.
 */
@Component
public class CureMailValues implements MailValueProvider.OfLoan {

  private final CollectionRepository cases;
  private final RepaymentService repayments;

  public CureMailValues(CollectionRepository cases, RepaymentService repayments) {
    this.cases = cases;
    this.repayments = repayments;
  }

  @Override
  public Map<String, String> values(String loanId) {
    Map<String, String> values = new HashMap<>();
    cases.casesOf(loanId).stream().filter(c -> CollectionCase.CURED.equals(c.status())).findFirst()
        .flatMap(cured -> cases.cureTransaction(cured.caseId()))
        .flatMap(repayments::find)
        .ifPresent(repayment -> {
          values.put("transactionId", repayment.transactionId());
          values.put("valueDate", ChineseDates.day(repayment.valueDate()));
          values.put("repaymentAmount", repayment.amount().toPlainString());
        });
    return values;
  }
}
