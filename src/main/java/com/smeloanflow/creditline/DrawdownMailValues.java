package com.smeloanflow.creditline;

import com.smeloanflow.notification.MailValueProvider;
import com.smeloanflow.servicing.LoanAccountService;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Placeholders of the borrower's mails (case type LOAN) about a loan that is a drawdown on a credit line:
 * {@code lineId}, {@code lineLimit}, {@code lineValidUntil} and {@code lineAvailable}, what is left to draw at that
 * moment (limit − the drawdowns' outstanding principal from servicing's ledger − what pending requests reserve, as
 * the line view shows it). Nothing for a loan that is not a drawdown. Reads the repository, not
 * {@link CreditLineService}: that service queues the drawdown's mail through the outbox, which asks this provider.
 */
@Component
public class DrawdownMailValues implements MailValueProvider.OfLoan {

  private final CreditLineRepository lines;
  private final LoanAccountService loans;

  public DrawdownMailValues(CreditLineRepository lines, LoanAccountService loans) {
    this.lines = lines;
    this.loans = loans;
  }

  @Override
  public Map<String, String> values(String loanId) {
    Map<String, String> values = new HashMap<>();
    lines.findDrawdownOfLoan(loanId).flatMap(drawdown -> lines.find(drawdown.lineId())).ifPresent(line -> {
      values.put("lineId", line.lineId());
      values.put("lineLimit", line.limit().toPlainString());
      values.put("lineValidUntil", line.validUntil().toString());
      values.put("lineAvailable",
          CreditLineService.available(line, CreditLineService.drawnOrReserved(lines, loans, line.lineId())).toPlainString());
    });
    return values;
  }
}
