package com.smeloanflow.accountability;

import java.util.Map;

/**
 * The reviewer concludes a due-diligence review: a finding with its reason per role.
 *
 * @param loanId   the loan reviewed
 * @param findings the finding per role (the same for every officer of the role)
 * @param reviewer who concludes it
 */
public record ConcludeReview(String loanId, Map<OfficerRole, RoleFinding> findings, String reviewer) {

  /** The finding for the officers of one role. */
  public record RoleFinding(DueDiligenceOutcome outcome, String reason) {}
}
