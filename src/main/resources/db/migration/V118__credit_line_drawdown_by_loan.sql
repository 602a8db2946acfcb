-- A borrower's mail about a loan (case type LOAN) asks whether the loan is a drawdown on a credit line
-- (creditline.DrawdownMailValues: the line and what is left to draw). Every loan mail asks, so the drawdown is
-- found by its loan through an index, not by reading every drawdown (PostgreSQL does not index a foreign key).
-- IF NOT EXISTS: an operator may build it beforehand without blocking writes (CREATE INDEX CONCURRENTLY, same name).
CREATE INDEX IF NOT EXISTS credit_line_drawdown_loan_idx ON credit_line_drawdown (loan_id);
