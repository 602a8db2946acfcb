package com.smeloanflow.servicing;

import java.time.LocalDate;

/**
 * Write a loan off (核销) after its write-off proposal was approved: the loan leaves the books, the
 * loss is charged against the provision, and the bank keeps its claim (账销案存); no debt is forgiven.
 *
 * @param loanId       the loan
 * @param businessDate the business date of the write-off
 * @param approvedBy   who approved the write-off (not the proposer)
 * @param reason       why, as approved
 */
public record WriteOffLoan(String loanId, LocalDate businessDate, String approvedBy, String reason) {}
