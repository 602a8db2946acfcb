-- Renewal without repaying principal (无还本续贷): one row per loan the offer scan evaluated, with the
-- eligibility table's inputs and answer, then the borrower's application and what became of it.
-- Renewal owns this table; the loan itself stays servicing's (loan_account).
-- One schema for H2 and PostgreSQL: only types and syntax both understand.

CREATE TABLE loan_renewal (
    loan_id                  VARCHAR(32)    NOT NULL PRIMARY KEY REFERENCES loan_account (loan_id),
    branch_code              VARCHAR(10)    NOT NULL,
    credit_code              VARCHAR(18)    NOT NULL,
    product                  VARCHAR(30)    NOT NULL,
    maturity_date            DATE           NOT NULL,
    -- NOT_ELIGIBLE, OFFERED, APPLIED, APPROVED, DECLINED, RENEWED, LAPSED (RenewalStatus)
    status                   VARCHAR(20)    NOT NULL,
    -- The eligibility table's inputs and answer (renewal-eligibility.dmn), kept for staff.
    evaluated_on             DATE           NOT NULL,
    classification           VARCHAR(20)    NOT NULL,
    months_since_overdue     INTEGER        NOT NULL,
    licence_status           VARCHAR(20)    NOT NULL,
    score                    INTEGER        NOT NULL,
    grade                    VARCHAR(2)     NOT NULL,
    suggested_limit          DECIMAL(18, 2) NOT NULL,
    red_flag                 BOOLEAN        NOT NULL,
    hard_red_flag            BOOLEAN        NOT NULL,
    eligibility_code         VARCHAR(40)    NOT NULL,
    eligibility_reason       VARCHAR(200)   NOT NULL,
    -- The last day the borrower may apply (maturity less the window's near end); NULL unless offered.
    offer_expires_on         DATE,
    -- The principal the renewal repays and lends again: the old loan's principal due at maturity.
    renewal_amount           DECIMAL(18, 2) NOT NULL,
    -- The borrower's application over the channel: the channel's request id makes a retry answer the same.
    request_id               VARCHAR(64)    UNIQUE,
    applied_by               VARCHAR(64),
    applied_at               TIMESTAMP WITH TIME ZONE,
    -- approval-authority.dmn's route (AUTO, SINGLE, COMMITTEE, REJECT) and the decision.
    approval_route           VARCHAR(20),
    decided_by               VARCHAR(64),
    decided_at               TIMESTAMP WITH TIME ZONE,
    decision_note            VARCHAR(500),
    customer_reason          VARCHAR(40),
    -- The renewal contract in the e-signature service, and its signature.
    contract_number          VARCHAR(32),
    envelope_id              VARCHAR(64),
    signature_id             VARCHAR(128),
    signed_at                TIMESTAMP WITH TIME ZONE,
    -- The maturity posting: core banking's reference and the new loan it opened.
    posting_reference        VARCHAR(32),
    new_loan_id              VARCHAR(32),
    closed_on                DATE,
    evaluated_at             TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The offer scan looks for loans not yet evaluated; staff list a branch's renewals.
CREATE INDEX loan_renewal_branch_status_idx ON loan_renewal (branch_code, status);
