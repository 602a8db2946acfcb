package com.smeloanflow.creditline;

import com.smeloanflow.notification.MailValueProvider;
import com.smeloanflow.platform.ChineseDates;
import com.smeloanflow.servicing.LoanAccountService;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Mail placeholders from the application's credit line: {@code lineId}, {@code creditLimit}, {@code lineValidUntil},
 * {@code lineRate}, {@code minimumDrawdown}, and {@code lineAvailabilityNote}, what the borrower may still draw: on a FROZEN line
 * (a reduction keeps a freeze) that nothing may be drawn, else the available limit now: the figure the line's view and the
 * drawdown check use ({@link CreditLineService#available}: the limit less the drawdowns' outstanding principal and what
 * pending drawdown requests reserve). Reads the repository and the ledger, not {@link CreditLineService}: that service
 * queues mails through the outbox, which asks this provider.
 */
@Component
public class CreditLineMailValues implements MailValueProvider {

  private final CreditLineRepository lines;
  private final LoanAccountService loans;

  public CreditLineMailValues(CreditLineRepository lines, LoanAccountService loans) {
    this.lines = lines;
    this.loans = loans;
  }

  @Override
  public Map<String, String> values(String applicationId) {
    Map<String, String> values = new HashMap<>();
    lines.findByApplication(applicationId).ifPresent(line -> {
      values.put("lineId", line.lineId());
      values.put("creditLimit", line.limit().toPlainString());
      values.put("lineValidUntil", ChineseDates.day(line.validUntil()));
      values.put("lineRate", line.annualRatePercent().stripTrailingZeros().toPlainString());
      values.put("minimumDrawdown", line.minimumDrawdown().toPlainString());
      values.put("lineAvailabilityNote", line.status() == CreditLineStatus.FROZEN ? "额度仍暂停使用，暂不能办理新的提款。"
          : "目前可用额度为人民币 " + CreditLineService.available(line,
              CreditLineService.drawnOrReserved(lines, loans, line.lineId())).toPlainString()
              + " 元（调整后的授信额度扣除未还提款本金及处理中的提款）。");
    });
    return values;
  }
}
