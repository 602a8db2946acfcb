-- Servicing: the post-loan risk review (monitoring, issue 10) is a second source of a loan's
-- five-tier classification. review_classification is the level the review last gave the loan (the
-- risk-classification table, or a reclassification approved by a second person); NULL while the loan
-- was never reviewed. loan_account.classification is the strictest of it and dpd_classification, at
-- every daily close and every review (servicing's LoanAccountService.applyRiskReview writes it; a
-- change is kept in loan_classification with source RISK_REVIEW). Servicing owns the column;
-- monitoring's own record of each decision, with who, why and the inputs, is in its tables (V31).
ALTER TABLE loan_account ADD COLUMN review_classification VARCHAR(20);
