-- The documents of a supplement round the borrower has uploaded so far: the round stays open (and its deadline runs)
-- until every document asked for is there.
ALTER TABLE disbursement_supplement ADD COLUMN supplied VARCHAR(500);
