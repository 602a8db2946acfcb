package com.smeloanflow.intake;

import com.smeloanflow.casefile.ApplicationStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * What {@code GET /api/applications/{id}} answers: what a channel shows the applicant. {@code outcome}
 * is set once the application ended without a loan, with the reviewed customer reason; {@code loanId} once the
 * loan was paid out, {@code lineId} once a revolving line was opened instead (the channel draws on it with
 * {@code POST /api/lines/{lineId}/drawdowns}). {@code missingDocuments} names, as the applicant is mailed, what the
 * application waits for: the documents acceptance found missing, or those the disbursement check asked for, less those
 * already uploaded; empty once all of them are supplied, and whenever the status is not {@code DOCUMENTS_MISSING}.
 */
public record ApplicationView(
    String applicationId,
    ApplicationStatus status,
    String statusLabel,
    String product,
    BigDecimal requestedAmount,
    int termMonths,
    String branchCode,
    List<String> currentStage,
    List<String> openTasks,
    List<String> missingDocuments,
    Object decision,
    Outcome outcome,
    String loanId,
    String lineId,
    Instant submittedAt) {

  /** Why the application ended without a loan, as the applicant is told. */
  public record Outcome(String result, String reasonCode, String reason) {}
}
