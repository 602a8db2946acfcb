package com.smeloanflow.creditline;

import com.smeloanflow.notification.MailValueProvider;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Mail placeholders from the application's credit line: {@code lineId}, {@code creditLimit}, {@code lineValidUntil},
 * {@code lineRate}, {@code minimumDrawdown}, and {@code lineAvailabilityNote}, what the borrower may still draw: on a FROZEN line
 * (a reduction keeps a freeze) that nothing may be drawn, else that the available limit is the limit less what is owed. Reads the repository, not {@link CreditLineService}: that service queues mails through the outbox,
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
      values.put("lineAvailabilityNote", line.status() == CreditLineStatus.FROZEN ? "额度仍暂停使用，暂不能办理新的提款。"
          : "可用额度按调整后的额度与未还本金之差计算。");
    });
    return values;
  }
}
