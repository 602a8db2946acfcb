package com.smeloanflow.monitoring;

import java.util.Optional;

/**
 * Credit lines, as monitoring needs them: a check's 压降或冻结额度 is carried out on the line the loan was drawn
 * from. Declared here, implemented by creditline (a later stage), so monitoring does not depend on it.
 */
public interface CreditLineMeasures {

  /**
   * Freezes the line, or reduces its limit (never below what is drawn), of the loan's credit line.
   *
   * @return the line's id; empty when the loan is not a drawdown of a line of this system (the instruction then
   *     stays open for whoever keeps the borrower's line)
   */
  Optional<String> carryOut(LineInstruction instruction);
}
