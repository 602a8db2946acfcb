-- The smallest drawdown of a line (CreditLine.minimumDrawdown): a term of the line product
-- (smeloan.credit-line.products.<PRODUCT>.minimum-drawdown, LineProductTerms) that a line takes when it opens and
-- keeps, as it keeps the approved rate. Lines opened before this migration keep the 1,000 yuan that applied to every
-- line until now. One schema for H2 and PostgreSQL: only types and syntax both understand.
ALTER TABLE credit_line ADD COLUMN minimum_drawdown DECIMAL(18, 2) DEFAULT 1000.00 NOT NULL;
ALTER TABLE credit_line ADD CONSTRAINT credit_line_minimum_drawdown_positive CHECK (minimum_drawdown > 0);
