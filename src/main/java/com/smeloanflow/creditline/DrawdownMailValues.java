package com.smeloanflow.creditline;

import com.smeloanflow.notification.MailValueProvider;
import com.smeloanflow.platform.ChineseDates;
import com.smeloanflow.servicing.LoanAccountService;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Placeholders of the borrower's mails (case type LOAN) about a loan that is a drawdown on a credit line:
 * {@code lineId}, {@code lineValidUntil}, and {@code lineAvailable} with {@code lineLimit}: what was left to draw right
 * after <em>this</em> drawdown was booked (limit − the drawdowns' outstanding principal, this one included − what
 * pending requests reserved) and the limit then, as {@link CreditLineService} kept them with the drawdown under the
 * line's lock. So the payout notice says the same whenever it is rendered (an operator's re-queue of one that could not
 * be rendered, days and drawdowns later) and whichever of two drawdowns booked moments apart committed first. A
 * drawdown booked before V125 kept nothing: its figures are read from the line as it stands now (servicing's ledger and
 * the pending requests, as the line view shows them). Nothing for a loan that is not a drawdown. Reads the repository,
 * not {@link CreditLineService}: that service queues the drawdown's mail through the outbox, which asks this provider.
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
    lines.findDrawdownOfLoan(loanId).ifPresent(drawdown -> lines.find(drawdown.lineId()).ifPresent(line -> {
      values.put("lineId", line.lineId());
      values.put("lineValidUntil", ChineseDates.day(line.validUntil()));
      if (drawdown.lineAvailableAfter() != null) {
        values.put("lineLimit", drawdown.lineLimitAfter().toPlainString());
        values.put("lineAvailable", drawdown.lineAvailableAfter().toPlainString());
      } else {
        values.put("lineLimit", line.limit().toPlainString());
        values.put("lineAvailable",
            CreditLineService.available(line, CreditLineService.drawnOrReserved(lines, loans, line.lineId())).toPlainString());
      }
    }));
    return values;
  }
}
