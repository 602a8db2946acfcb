-- The renewal committee's chair reopening a vote nobody cast by its deadline (提交贷审会重新表决): who, when and why,
-- one row per reopening, read by staff in the renewal's view (committeeRevotes). Renewal owns this table, as it owns
-- renewal_committee_vote (V108). Written under the renewal's row lock (loan_renewal first, then this child row).
-- One schema for H2 and PostgreSQL: only types and syntax both understand.

CREATE TABLE renewal_committee_revote (
    loan_id      VARCHAR(32)   NOT NULL REFERENCES loan_renewal (loan_id),
    -- 1 for the first reopening of this renewal's vote, 2 for the next
    revote_no    INTEGER       NOT NULL,
    reopened_by  VARCHAR(64)   NOT NULL,
    reopened_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    -- the chair's 决议意见, as wide as a decision note (LoanRenewal.NOTE_MAX_LENGTH)
    reason       VARCHAR(1000) NOT NULL,
    PRIMARY KEY (loan_id, revote_no)
);
