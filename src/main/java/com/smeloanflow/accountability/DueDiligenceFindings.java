package com.smeloanflow.accountability;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The concluded due-diligence reviews' findings per officer ({@code due_diligence_finding}). */
@Repository
class DueDiligenceFindings {

  private final JdbcClient jdbc;

  DueDiligenceFindings(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The latest concluded review's finding for this officer of the loan. */
  Optional<DueDiligenceOutcome> outcomeFor(String loanId, String officer) {
    return Optional.empty();
  }
}
