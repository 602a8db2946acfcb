-- 复核续贷金额: a prepayment after the renewal contract was signed changed the old loan's principal due at
-- maturity. The maturity posting then moves no money; the approver group decides: renew the principal now
-- due (less than signed: the signed renewal_amount is the ceiling) or not renew (the old loan falls due as
-- agreed). All principal prepaid: nothing to renew, the renewal ends by itself.
-- New statuses (RenewalStatus): AMOUNT_REVIEW, WITHDRAWN, PRINCIPAL_PREPAID.
-- renewal_amount stays the signed amount; renewed_amount is what the posting actually lent.
-- One schema for H2 and PostgreSQL: only types and syntax both understand.

-- What the maturity posting found due when it differed from the signed amount (NULL otherwise).
ALTER TABLE loan_renewal ADD COLUMN principal_due_at_maturity DECIMAL(18, 2);
-- The reviewer's decision (RENEW_DUE, LAPSE), who, when, and the internal note (never shown to the borrower).
ALTER TABLE loan_renewal ADD COLUMN amount_review_decision VARCHAR(20);
ALTER TABLE loan_renewal ADD COLUMN amount_reviewed_by VARCHAR(64);
ALTER TABLE loan_renewal ADD COLUMN amount_reviewed_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE loan_renewal ADD COLUMN amount_review_note VARCHAR(1000);
-- The principal the maturity posting lent (equal to renewal_amount unless a reviewer renewed less); set with RENEWED.
ALTER TABLE loan_renewal ADD COLUMN renewed_amount DECIMAL(18, 2);
