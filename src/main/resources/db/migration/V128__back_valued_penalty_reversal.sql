-- A repayment value-dated on or before a daily close that charged penalty interest (core banking reports it after that
-- close: a repayment made on its due date and fed in the next morning) is applied as of its value date: the penalty
-- interest those closes charged on the principal it paid was never owed. It is not taken off the closes' accrual
-- (penalty_accrued stays what the closes charged): each such reversal is an entry of its own, kept with the repayment
-- that caused it, and repayment_instalment.penalty_reversed is their sum, so what is charged is
-- penalty_accrued - penalty_reversed. A reversal of the repayment (a bounced payment) takes its entries back with it.
-- One schema for H2 and PostgreSQL: only types and syntax both understand.
ALTER TABLE repayment_instalment ADD COLUMN penalty_reversed DECIMAL(18, 2) DEFAULT 0 NOT NULL;

CREATE TABLE penalty_reversal (
    transaction_id      VARCHAR(64)    NOT NULL REFERENCES loan_repayment (transaction_id),
    instalment_number   INTEGER        NOT NULL,
    loan_id             VARCHAR(32)    NOT NULL REFERENCES loan_account (loan_id),
    -- the business dates whose closes charged what is reversed: from the value date (or the due date, if later) on
    accrued_from        DATE           NOT NULL,
    accrued_through     DATE           NOT NULL,
    days                INTEGER        NOT NULL,
    amount              DECIMAL(18, 2) NOT NULL,
    PRIMARY KEY (transaction_id, instalment_number)
);
