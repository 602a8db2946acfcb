package com.smeloanflow.collections;

/** Collections proposes legal action or a write-off for the loan's case. */
public record ProposeDisposal(String loanId, DisposalType type, String reason, String proposedBy) {}
