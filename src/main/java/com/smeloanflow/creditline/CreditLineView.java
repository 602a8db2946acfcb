package com.smeloanflow.creditline;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A credit line as the channel and staff read it: limit, used (the outstanding principal of its drawdowns),
 * available (limit − used, never below 0), status and validity, and every drawdown with what it still owes.
 */
public record CreditLineView(
    String lineId,
    String applicationId,
    String creditCode,
    String borrowerName,
    String branchCode,
    CreditLineStatus status,
    String statusLabel,
    String statusReason,
    BigDecimal limit,
    BigDecimal used,
    BigDecimal available,
    BigDecimal annualRatePercent,
    String repaymentMethod,
    LocalDate openedOn,
    LocalDate validUntil,
    List<DrawdownView> drawdowns) {

  /** One drawdown and its loan's outstanding principal. */
  public record DrawdownView(String drawdownId, String requestId, String loanId, BigDecimal amount, int termMonths,
      LocalDate drawnOn, BigDecimal outstandingPrincipal, String corePostingReference) {

    static DrawdownView of(Drawdown d, BigDecimal outstanding) {
      return new DrawdownView(d.drawdownId(), d.requestId(), d.loanId(), d.amount(), d.termMonths(), d.drawnOn(),
          outstanding, d.corePostingReference());
    }
  }

  static CreditLineView of(CreditLine line, List<Drawdown> drawdowns, Map<String, BigDecimal> outstandingByLoan) {
    BigDecimal used = CreditLineService.used(outstandingByLoan);
    return new CreditLineView(line.lineId(), line.applicationId(), line.creditCode(), line.borrowerName(), line.branchCode(),
        line.status(), line.status().label(), line.statusReason(), line.limit(), used, CreditLineService.available(line, used),
        line.annualRatePercent(), line.repaymentMethod().name(), line.openedOn(), line.validUntil(),
        drawdowns.stream().map(d -> DrawdownView.of(d, outstandingByLoan.getOrDefault(d.loanId(), BigDecimal.ZERO.setScale(2))))
            .toList());
  }
}
