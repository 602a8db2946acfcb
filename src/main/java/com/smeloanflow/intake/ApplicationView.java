package com.smeloanflow.intake;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** What {@code GET /api/applications/{id}} answers: what a channel shows the applicant. */
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
    String loanId,
    Instant submittedAt) {}
