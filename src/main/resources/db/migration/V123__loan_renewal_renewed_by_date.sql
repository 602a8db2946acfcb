-- The manager dashboard counts each month's renewals without repaying principal (无还本续贷) in its payouts
-- (DashboardRepository.renewals): the RENEWED renewals whose maturity (closed_on, the business date the new loan
-- runs from) falls in the month, once per month of the period. Without this index each month's count would read
-- the whole loan_renewal table; with it a month is a range of closed_on.
-- One schema for H2 and PostgreSQL: only types and syntax both understand.
CREATE INDEX IF NOT EXISTS loan_renewal_closed_idx ON loan_renewal (closed_on, status);
