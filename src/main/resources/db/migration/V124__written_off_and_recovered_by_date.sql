-- The manager dashboard's write-offs and recoveries per month (核销与核销后收回, DashboardRepository.writeOffs and
-- .recoveries) read a period's rows: the claims by the business date of their write-off, the recoveries by their value
-- date among the repayments (kind RECOVERY). Without these indexes each request read every claim the bank ever kept and
-- every repayment it ever received (PostgreSQL read all of loan_repayment to find the recoveries of the period); with
-- them each is a range of its date (docs/performance.md, "Write-offs and recoveries in the dashboard").
-- One schema for H2 and PostgreSQL: only types and syntax both understand.
CREATE INDEX IF NOT EXISTS written_off_claim_written_off_on_idx ON written_off_claim (written_off_on);
CREATE INDEX IF NOT EXISTS loan_repayment_kind_value_date_idx ON loan_repayment (kind, value_date);
