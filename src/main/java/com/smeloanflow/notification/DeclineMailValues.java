package com.smeloanflow.notification;

import com.smeloanflow.casefile.DeclineService;
import com.smeloanflow.casefile.Stage;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Mail placeholders of a declined or withdrawn application: {@code customerReason} (the reviewed
 * catalogue text) and {@code customerDetail} (system-generated, customer-safe; empty if none); and what became of it,
 * {@code declineHeadline} and {@code declineOutcome}: not approved (未获批准) when it was declined before or at the
 * approval, approved but not carried through (未能办理完成) when declined at the contract and disbursement stage (the
 * disbursement check: a term loan not paid out, a line not opened). The internal reason never reaches a mail.
 */
@Component
public class DeclineMailValues implements MailValueProvider {

  private final DeclineService declines;

  public DeclineMailValues(DeclineService declines) {
    this.declines = declines;
  }

  @Override
  public Map<String, String> values(String applicationId) {
    Map<String, String> values = new HashMap<>();
    declines.find(applicationId).ifPresent(decline -> {
      values.put("customerReason", decline.customerReason().text());
      values.put("customerDetail", decline.customerDetail() == null ? "" : decline.customerDetail());
      boolean approved = decline.stage() == Stage.CONTRACT_AND_DISBURSEMENT;
      values.put("declineHeadline", approved ? "未能办理完成" : "未获批准");
      values.put("declineOutcome", approved ? "已获批准，但未能完成签约后的办理" : "未能获批");
    });
    return values;
  }
}
