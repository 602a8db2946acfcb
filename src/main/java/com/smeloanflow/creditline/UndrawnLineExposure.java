package com.smeloanflow.creditline;

import com.smeloanflow.processing.BorrowerExposure;
import java.math.BigDecimal;
import java.util.Collection;
import org.springframework.stereotype.Component;

/**
 * A borrower's exposure includes what an ACTIVE credit line still lets them draw: the bank has committed the
 * whole limit, not only the drawn part. Servicing counts the drawdowns' outstanding principal (they are loans
 * of the line's application); this adds the undrawn rest (limit − used, never below 0), so a line counts for
 * its limit in the approval authority's exposure. A FROZEN, EXPIRED or CLOSED line lets nothing more be drawn
 * and adds only what its pending drawdown requests reserve: core banking may have paid them out already.
 */
@Component
class UndrawnLineExposure implements BorrowerExposure {

  private final CreditLineService lines;

  UndrawnLineExposure(CreditLineService lines) {
    this.lines = lines;
  }

  @Override
  public BigDecimal outstandingPrincipal(Collection<String> applicationIds) {
    BigDecimal undrawn = BigDecimal.ZERO.setScale(2);
    for (String applicationId : applicationIds) {
      undrawn = undrawn.add(lines.findByApplication(applicationId)
          .map(line -> line.status() == CreditLineStatus.ACTIVE
              ? CreditLineService.available(line, CreditLineService.used(lines.outstandingByLoan(lines.drawdowns(line.lineId()))))
              : CreditLineService.reserved(lines.pendingRequests(line.lineId())))
          .orElse(BigDecimal.ZERO));
    }
    return undrawn;
  }
}
