package com.smeloanflow.intake;

import java.util.Optional;

/**
 * The later stages' part of {@code GET /api/applications/{id}}: the decision (route, grade, score,
 * reasons, approved amount, rate) and the loan id once disbursed. Implemented by the stages that own
 * those facts, so intake does not depend on them.
 */
public interface ApplicationDecisionReader {

  /** The decision so far, as staff read it (JSON-friendly); empty before the application is scored. */
  Optional<Object> decision(String applicationId);

  /**
   * The decision so far as the channel shows the applicant (route, grade, score, reasons, approved amount, rate):
   * without what the bank keeps to itself (the route's internal reason, the red flags, the decision tables' rules and
   * outputs, the borrower's exposure, which adds up other enterprises' debts, the collateral cap); empty before the
   * application is scored.
   */
  Optional<Object> decisionForApplicant(String applicationId);
}
