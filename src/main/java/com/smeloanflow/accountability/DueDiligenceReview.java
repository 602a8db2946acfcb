package com.smeloanflow.accountability;

import com.smeloanflow.servicing.Classification;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A due-diligence review of a loan that turned non-performing (尽职免责认定).
 *
 * @param loanId                 the loan (business key of its process)
 * @param applicationId          the application it was granted on
 * @param branchCode             the loan's branch
 * @param classification         what it turned to
 * @param previousClassification what it was before
 * @param turnedOn               the business date it turned
 * @param status                 {@link #OPEN} or {@link #CONCLUDED}
 * @param criteria               the criteria as assessed when the review's task was created (the review opened); kept
 * @param startedAt              when the review started
 * @param concludedBy            the reviewer, once concluded
 * @param concludedAt            when it was concluded
 */
public record DueDiligenceReview(String loanId, String applicationId, String branchCode, Classification classification,
    Classification previousClassification, LocalDate turnedOn, String status, String criteria, Instant startedAt,
    String concludedBy, Instant concludedAt) {

  public static final String OPEN = "OPEN";
  public static final String CONCLUDED = "CONCLUDED";

  /** The reviewer's finding for one officer. */
  public record Finding(OfficerRole role, String officer, DueDiligenceOutcome outcome, String reason, String decidedBy,
      Instant decidedAt) {}
}
