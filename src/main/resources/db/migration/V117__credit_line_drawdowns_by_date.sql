-- The manager dashboard counts the drawdowns on credit lines in its monthly payouts (放款量): each month of the period
-- is a range of drawn_at, with the line for a branch's figures (DashboardRepository.drawdowns). Without this index
-- every month read every drawdown ever made.
-- IF NOT EXISTS: on a large database an operator may build it beforehand without blocking writes (CREATE INDEX
-- CONCURRENTLY with the same name).
CREATE INDEX IF NOT EXISTS credit_line_drawdown_drawn_idx ON credit_line_drawdown (drawn_at, line_id);
