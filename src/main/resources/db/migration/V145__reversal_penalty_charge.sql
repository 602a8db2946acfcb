-- A reversal of a bounced repayment charges at once the penalty interest of the days the daily closes took it as paid
-- (RepaymentService.reverse): repayment_instalment.penalty_accrued grows outside any close, so no close's
-- daily_close_run.penalty_accrued holds it. Each such charge is an entry of its own, naming the reversed repayment and
-- the business date of the reversal; the daily close of that date reports their sum next to what it accrued itself
-- (penaltyChargedByReversals), so the closes' figures add up to the penalty interest the ledger charged.
-- One schema for H2 and PostgreSQL: only types and syntax both understand.
CREATE TABLE reversal_penalty_charge (
    transaction_id      VARCHAR(64)    NOT NULL REFERENCES loan_repayment (transaction_id),
    instalment_number   INTEGER        NOT NULL,
    loan_id             VARCHAR(32)    NOT NULL REFERENCES loan_account (loan_id),
    -- the business date of the reversal: the close of that date reports the charge
    business_date       DATE           NOT NULL,
    -- the last business date charged (the instalment's penalty_accrued_through after it)
    charged_through     DATE           NOT NULL,
    amount              DECIMAL(18, 2) NOT NULL,
    PRIMARY KEY (transaction_id, instalment_number)
);

CREATE INDEX reversal_penalty_charge_day_idx ON reversal_penalty_charge (business_date);
