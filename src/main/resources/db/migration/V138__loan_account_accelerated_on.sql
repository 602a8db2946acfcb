-- The day a called-in loan (post-loan monitoring's 提前收回贷款) must be repaid in full by: LoanAccountService#accelerate
-- re-dated every instalment not yet due to it, with the interest of the period under way up to it and none of later
-- periods (the daily close then treats them as due on that day). Null while the loan is not called in; set once, so a
-- second call-in or a retried step changes nothing. One schema for H2 and PostgreSQL.
ALTER TABLE loan_account ADD COLUMN accelerated_on DATE;
