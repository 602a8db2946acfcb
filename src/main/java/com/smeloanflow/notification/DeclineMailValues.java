package com.smeloanflow.notification;

import com.smeloanflow.casefile.DeclineService;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Mail placeholders of a declined or withdrawn application: {@code customerReason} (the reviewed
 * catalogue text) and {@code customerDetail} (system-generated, customer-safe; empty if none). The
 * internal reason never reaches a mail.
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
    });
    return values;
  }
}
