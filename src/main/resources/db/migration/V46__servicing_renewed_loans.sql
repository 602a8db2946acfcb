-- Renewal without repaying principal (无还本续贷) opens a second loan account for the same application: the
-- new loan that repaid the old one at maturity. V40 replaced the one-account-per-application constraint by
-- the unique opening key; a renewal's account has the opening key RENEWAL-<renewed loan id>.
-- renewal_of: the loan this one renewed, NULL for a loan from a disbursement or a drawdown; one renewal per loan.
-- renewal_generation: 0 for a disbursed loan, the renewed loan's generation + 1 for a renewal.
ALTER TABLE loan_account ADD COLUMN renewal_of VARCHAR(32) REFERENCES loan_account (loan_id);
ALTER TABLE loan_account ADD COLUMN renewal_generation INTEGER DEFAULT 0 NOT NULL;
CREATE UNIQUE INDEX loan_account_renewal_of_uk ON loan_account (renewal_of);
