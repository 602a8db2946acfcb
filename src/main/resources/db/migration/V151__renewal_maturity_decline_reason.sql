-- A signed renewal the maturity posting declined because the loan no longer met the eligibility table (asked again
-- with the loan as it stands then: downgraded, in arrears, or a warning signal under check since the approval).
-- The renewal becomes DECLINED with the customer reason OVERALL_ASSESSMENT (all the borrower is told); why, for staff
-- only, is kept here, so that the approval's decided_by and decision_note stay on record as they were.
-- One schema for H2 and PostgreSQL: only types and syntax both understand.
ALTER TABLE loan_renewal ADD COLUMN maturity_decline_reason VARCHAR(1000);
