-- A renewal posting under way (无还本续贷: core banking lends the new loan into the repayment of this loan's principal
-- due at maturity): the principal it repays and since when. Set in a short transaction of its own before core banking
-- is asked, cleared when the renewal is booked (or not posted after all), so that no row lock is held while core
-- banking answers. Meanwhile the ledger takes that principal as being repaid: a repayment or a reversal of the loan
-- that would change it is refused, one that leaves it alone is booked at once. NULL: no renewal posting under way.
ALTER TABLE loan_account ADD COLUMN renewal_posting_principal DECIMAL(18, 2);
ALTER TABLE loan_account ADD COLUMN renewal_posting_since TIMESTAMP WITH TIME ZONE;
