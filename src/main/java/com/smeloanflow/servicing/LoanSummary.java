package com.smeloanflow.servicing;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A loan in the staff list ({@code GET /api/loans}). */
public record LoanSummary(String loanId, String borrowerName, String creditCode, String branchCode, String product,
    BigDecimal principal, BigDecimal outstandingPrincipal, String status, String statusLabel, int daysPastDue,
    Classification classification, String classificationLabel, LocalDate disbursedOn, LocalDate maturityDate) {}
