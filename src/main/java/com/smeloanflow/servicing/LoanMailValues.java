package com.smeloanflow.servicing;

import com.smeloanflow.notification.MailValueProvider;
import com.smeloanflow.platform.ChineseDates;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Mail placeholders from the loan account: {@code loanId}, {@code disbursedOn} (the day of the core banking posting, which
 * a retry on a later day does not move), {@code annualRate}, {@code firstDueDate}, {@code firstInstalment}.
 */
@Component
public class LoanMailValues implements MailValueProvider {

  private final LoanAccountService loans;

  public LoanMailValues(LoanAccountService loans) {
    this.loans = loans;
  }

  @Override
  public Map<String, String> values(String applicationId) {
    Map<String, String> values = new HashMap<>();
    loans.findByApplication(applicationId).ifPresent(loan -> {
      values.put("loanId", loan.loanId());
      values.put("disbursedOn", ChineseDates.day(loan.disbursedOn()));
      values.put("annualRate", loan.annualRatePercent().stripTrailingZeros().toPlainString());
      values.put("firstDueDate", ChineseDates.day(loan.schedule().get(0).dueDate()));
      values.put("firstInstalment", loan.schedule().get(0).total().toPlainString());
    });
    return values;
  }
}
