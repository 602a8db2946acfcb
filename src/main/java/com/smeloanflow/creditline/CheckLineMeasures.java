package com.smeloanflow.creditline;

import com.smeloanflow.monitoring.CreditLineMeasures;
import com.smeloanflow.monitoring.LineInstruction;
import com.smeloanflow.servicing.LoanAccountService;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * A post-loan check's 压降或冻结额度 on a drawdown, carried out on its credit line: FREEZE freezes an active line and
 * freezes a frozen one again (the check's findings join its reason; each freeze in the line's history), REDUCE lowers its limit (never below what is drawn), keeping a freeze's reason and recorded in the line's history.
 * An expired or closed line is left as it is: nothing more can be drawn from it anyway. The next annual review sees the
 * facts behind the measure; only a customer manager's review lifts its freeze ({@link CreditLineReviewService#evaluate}).
 */
@Component
class CheckLineMeasures implements CreditLineMeasures {

  private final CreditLineService lines;
  private final LoanAccountService loans;

  CheckLineMeasures(CreditLineService lines, LoanAccountService loans) {
    this.lines = lines;
    this.loans = loans;
  }

  @Override
  public Optional<String> carryOut(LineInstruction instruction) {
    Optional<CreditLine> drawnFrom = loans.find(instruction.loanId())
        .flatMap(loan -> lines.findByApplication(loan.applicationId()));
    // the line's status is read again under its lock (restrict): the line may expire or close in this moment
    drawnFrom.ifPresent(line -> lines.restrict(line.lineId(), instruction.measure(), instruction.reducedLimit(),
        "贷后检查 " + instruction.checkId() + " " + instruction.measure().label() + ": " + instruction.reason(),
        instruction.issuedBy()));
    return drawnFrom.map(CreditLine::lineId);
  }
}
