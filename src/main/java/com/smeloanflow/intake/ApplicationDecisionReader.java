package com.smeloanflow.intake;

import java.util.Optional;

/**
 * The later stages' view of an application for {@code GET /api/applications/{id}}: the decision
 * (route, grade, score, reasons, approved amount, rate) and the loan id once disbursed.
 * Implemented by the processing stage, so intake does not depend on it.
 */
public interface ApplicationDecisionReader {

  Optional<Object> decision(String applicationId);

  Optional<String> loanId(String applicationId);
}
