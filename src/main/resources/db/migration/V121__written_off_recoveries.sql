-- Money received after a write-off (核销后收回). A written-off loan stays a claim of the bank (账销案存): what it owed
-- when it was written off is kept here, with a running figure of what was recovered of it since. The claim is the
-- principal written off (loan_account.written_off_principal), the interest that had fallen due by the write-off and
-- was unpaid, and the penalty interest accrued and unpaid; the instalments themselves stay as they were at the
-- write-off (no daily close, repayment or reversal changes them after it). A recovery pays principal first, then that
-- interest, then that penalty interest; claim remaining = principal + interest + penalty - what was recovered of each.
-- Written in the transaction of the write-off and, under the loan's row lock, of each recovery and its reversal.
CREATE TABLE written_off_claim (
    loan_id              VARCHAR(32)    NOT NULL PRIMARY KEY REFERENCES loan_account (loan_id),
    written_off_on       DATE           NOT NULL,
    principal            DECIMAL(18, 2) NOT NULL,
    interest             DECIMAL(18, 2) NOT NULL,
    penalty              DECIMAL(18, 2) NOT NULL,
    recovered_principal  DECIMAL(18, 2) DEFAULT 0 NOT NULL,
    recovered_interest   DECIMAL(18, 2) DEFAULT 0 NOT NULL,
    recovered_penalty    DECIMAL(18, 2) DEFAULT 0 NOT NULL
);

-- A recovery is reported on the repayment feed and kept with the repayments (one transaction id space, one
-- idempotency key): kind RECOVERY tells it from an ordinary REPAYMENT. Where it went is in loan_recovery, not in
-- repayment_allocation (it pays no instalment).
ALTER TABLE loan_repayment ADD COLUMN kind VARCHAR(10) DEFAULT 'REPAYMENT' NOT NULL;

CREATE TABLE loan_recovery (
    transaction_id       VARCHAR(64)    NOT NULL PRIMARY KEY REFERENCES loan_repayment (transaction_id),
    loan_id              VARCHAR(32)    NOT NULL REFERENCES loan_account (loan_id),
    principal            DECIMAL(18, 2) NOT NULL,
    interest             DECIMAL(18, 2) NOT NULL,
    penalty              DECIMAL(18, 2) NOT NULL
);

CREATE INDEX loan_recovery_loan_idx ON loan_recovery (loan_id);

-- The loans written off before this version: their claim as the ledger kept it at the write-off.
INSERT INTO written_off_claim (loan_id, written_off_on, principal, interest, penalty)
SELECT a.loan_id, a.closed_on, COALESCE(a.written_off_principal, 0),
    COALESCE((SELECT SUM(i.interest - i.interest_paid) FROM repayment_instalment i
        WHERE i.loan_id = a.loan_id AND i.due_date <= a.closed_on), 0),
    COALESCE((SELECT SUM(i.penalty_accrued - i.penalty_paid) FROM repayment_instalment i WHERE i.loan_id = a.loan_id), 0)
FROM loan_account a WHERE a.status = 'WRITTEN_OFF' AND a.closed_on IS NOT NULL;
