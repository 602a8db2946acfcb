package com.smeloanflow.creditline;

import com.smeloanflow.notification.MailValueProvider;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Mail placeholders from the application's credit line: {@code lineId}, {@code creditLimit}, {@code lineValidUntil},
 * {@code lineRate}, {@code minimumDrawdown}. Reads the repository, not {@link CreditLineService}: that service queues mails through the outbox,
 * which asks this provider.
 */
@Component
public class CreditLineMailValues implements MailValueProvider {

  private final CreditLineRepository lines;

  public CreditLineMailValues(CreditLineRepository lines) {
    this.lines = lines;
  }

  @Override
  public Map<String, String> values(String applicationId) {
    Map<String, String> values = new HashMap<>();
    lines.findByApplication(applicationId).ifPresent(line -> {
      values.put("lineId", line.lineId());
      values.put("creditLimit", line.limit().toPlainString());
      values.put("lineValidUntil", line.validUntil().toString());
      values.put("lineRate", line.annualRatePercent().stripTrailingZeros().toPlainString());
      values.put("minimumDrawdown", line.minimumDrawdown().toPlainString());
    });
    return values;
  }
}
