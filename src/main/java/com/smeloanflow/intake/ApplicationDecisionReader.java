package com.smeloanflow.intake;

import java.util.Optional;

/**
 * The later stages' part of {@code GET /api/applications/{id}}: the decision (route, grade, score,
 * reasons, approved amount, rate) and the loan id once disbursed. Implemented by the stages that own
 * those facts, so intake does not depend on them.
 */
public interface ApplicationDecisionReader {

  /** The decision so far, as a JSON-friendly value; empty before the application is scored. */
  Optional<Object> decision(String applicationId);
}
