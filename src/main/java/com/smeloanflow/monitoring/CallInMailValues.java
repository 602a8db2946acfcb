package com.smeloanflow.monitoring;

import com.smeloanflow.notification.MailValueProvider;
import com.smeloanflow.platform.ChineseDates;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Placeholders of the borrower's mails (case type LOAN) from the loan's latest check that called it in:
 * {@code callInDueOn}, the day the borrower must repay by. Nothing while no check called the loan in.
 * The checker's findings are internal and never reach a mail.
 */
@Component
public class CallInMailValues implements MailValueProvider.OfLoan {

  private final CheckRepository checks;

  public CallInMailValues(CheckRepository checks) {
    this.checks = checks;
  }

  @Override
  public Map<String, String> values(String loanId) {
    Map<String, String> values = new HashMap<>();
    checks.ofLoan(loanId).stream().filter(check -> check.outcome() == CheckOutcome.CALL_IN).findFirst()
        .ifPresent(check -> values.put("callInDueOn", ChineseDates.day(check.callInDueOn())));
    return values;
  }
}
