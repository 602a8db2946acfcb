-- One owner per fact. Until V5 loan_application was widened by three stages (status, route, price,
-- approval, loan id). From here each stage owns its own table:
--   casefile     case_file (status, process instance), application_decline (the one decline record)
--   intake       loan_application (as submitted), application_guarantor
--   processing   processing_outcome (facts, route, collateral cap, price), guarantor_check, lpr_rate
--   approval     approval_decision (what was approved, by which authority, on what terms)
--   disbursement loan_contract (+ status), guarantee_contract
-- The loan id is servicing's loan_account.application_id. Existing rows are moved, then the columns dropped.
-- One schema for H2 and PostgreSQL: only types and syntax both understand.

-- casefile ------------------------------------------------------------------------------------------

-- The application's case file: the status a channel shows, and the one loan-origination instance that
-- works it (a second instance for the same application is refused by the unique key).
CREATE TABLE case_file (
    application_id       VARCHAR(32)  NOT NULL PRIMARY KEY REFERENCES loan_application (id),
    process_instance_id  VARCHAR(64)  UNIQUE,
    status               VARCHAR(40)  NOT NULL,
    status_since         TIMESTAMP WITH TIME ZONE NOT NULL,
    version              INTEGER      NOT NULL
);

INSERT INTO case_file (application_id, process_instance_id, status, status_since, version)
SELECT id, NULL, status, updated_at, version FROM loan_application;

CREATE INDEX case_file_status_idx ON case_file (status);

-- Why an application ended without a loan: who decided, in which stage, the internal reason staff
-- see, and the reviewed customer reason (a code of the catalogue casefile.CustomerReason) the
-- applicant is told. Written once, by casefile.DeclineService.
CREATE TABLE application_decline (
    application_id   VARCHAR(32)   NOT NULL PRIMARY KEY REFERENCES loan_application (id),
    outcome          VARCHAR(20)   NOT NULL,
    stage            VARCHAR(30)   NOT NULL,
    decided_by       VARCHAR(64)   NOT NULL,
    internal_reason  VARCHAR(2000),
    customer_reason  VARCHAR(60)   NOT NULL,
    customer_detail  VARCHAR(1000),
    decided_at       TIMESTAMP WITH TIME ZONE NOT NULL
);

INSERT INTO application_decline (application_id, outcome, stage, decided_by, internal_reason, customer_reason, decided_at)
SELECT id, status, 'UNKNOWN', 'system', route_reason,
       CASE WHEN status = 'WITHDRAWN' THEN 'DOCUMENTS_NOT_SUPPLIED' ELSE 'OVERALL_ASSESSMENT' END, updated_at
FROM loan_application WHERE status IN ('REJECTED', 'WITHDRAWN');

-- intake --------------------------------------------------------------------------------------------

-- Guarantors named in the application (GUARANTEE: at least one; JOINT_GUARANTEE: at least two
-- enterprises of the joint-guarantee group). party_id is the resident ID number of a person or the
-- unified social credit code of an enterprise.
CREATE TABLE application_guarantor (
    application_id  VARCHAR(32)   NOT NULL REFERENCES loan_application (id),
    seq             INTEGER       NOT NULL,
    party_type      VARCHAR(20)   NOT NULL,
    name            VARCHAR(200)  NOT NULL,
    party_id        VARCHAR(18)   NOT NULL,
    relation        VARCHAR(30)   NOT NULL,
    mobile          VARCHAR(11),
    PRIMARY KEY (application_id, seq)
);

CREATE INDEX application_guarantor_party_idx ON application_guarantor (party_id);
CREATE INDEX loan_application_legal_rep_idx ON loan_application (legal_rep_id_number);

-- processing ----------------------------------------------------------------------------------------

-- What centralised processing decided: the facts the decision tables saw (as of the day the data was
-- gathered), eligibility, the borrower's exposure, the route, the collateral cap and the price.
CREATE TABLE processing_outcome (
    application_id              VARCHAR(32)    NOT NULL PRIMARY KEY REFERENCES loan_application (id),
    facts_as_of                 DATE,
    duplicate_of                VARCHAR(500),
    eligible                    BOOLEAN,
    eligibility_reason          VARCHAR(500),
    borrower_exposure           DECIMAL(18, 2),
    approval_route              VARCHAR(20),
    route_reason                VARCHAR(500),
    route_customer_reason       VARCHAR(60),
    exception_reviewed          BOOLEAN        NOT NULL,
    collateral_max_ltv_percent  DECIMAL(6, 2),
    collateral_cap              DECIMAL(18, 2),
    remote_verification_required BOOLEAN,
    verification_reason         VARCHAR(500),
    lpr_tenor                   VARCHAR(10),
    lpr_effective_from          DATE,
    lpr_percent                 DECIMAL(6, 4),
    spread_percent              DECIMAL(6, 4),
    annual_rate_percent         DECIMAL(6, 4),
    updated_at                  TIMESTAMP WITH TIME ZONE NOT NULL
);

INSERT INTO processing_outcome (application_id, duplicate_of, approval_route, route_reason, exception_reviewed,
    lpr_tenor, lpr_percent, spread_percent, annual_rate_percent, updated_at)
SELECT id, duplicate_of, approval_route, route_reason, FALSE,
       CASE WHEN lpr_percent IS NULL THEN NULL ELSE 'ONE_YEAR' END, lpr_percent, spread_percent, annual_rate_percent, updated_at
FROM loan_application
WHERE approval_route IS NOT NULL OR duplicate_of IS NOT NULL OR lpr_percent IS NOT NULL;

-- What the court and bureau said about each guarantor when the data was gathered.
CREATE TABLE guarantor_check (
    application_id  VARCHAR(32)     NOT NULL REFERENCES loan_application (id),
    seq             INTEGER         NOT NULL,
    party_id        VARCHAR(18)     NOT NULL,
    data_json       VARCHAR(20000)  NOT NULL,
    findings        VARCHAR(500)    NOT NULL,
    checked_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (application_id, seq)
);

-- Loan Prime Rates as the National Interbank Funding Center publishes them (the 20th of each month):
-- a loan is priced on the LPR in force on its pricing date, the 5-year LPR for terms over 60 months.
CREATE TABLE lpr_rate (
    tenor           VARCHAR(10)    NOT NULL,
    effective_from  DATE           NOT NULL,
    rate_percent    DECIMAL(6, 4)  NOT NULL,
    recorded_by     VARCHAR(64)    NOT NULL,
    recorded_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tenor, effective_from)
);

INSERT INTO lpr_rate (tenor, effective_from, rate_percent, recorded_by, recorded_at) VALUES
    ('ONE_YEAR',  DATE '2024-10-21', 3.1000, 'migration', CURRENT_TIMESTAMP),
    ('FIVE_YEAR', DATE '2024-10-21', 3.6000, 'migration', CURRENT_TIMESTAMP),
    ('ONE_YEAR',  DATE '2025-05-20', 3.0000, 'migration', CURRENT_TIMESTAMP),
    ('FIVE_YEAR', DATE '2025-05-20', 3.5000, 'migration', CURRENT_TIMESTAMP);

-- approval ------------------------------------------------------------------------------------------

-- What was approved, by which authority, on what terms (the price is processing's, or the re-price of
-- an approval with conditions). An extra guarantor set as a condition is kept here.
CREATE TABLE approval_decision (
    application_id           VARCHAR(32)    NOT NULL PRIMARY KEY REFERENCES loan_application (id),
    decision                 VARCHAR(40)    NOT NULL,
    authority                VARCHAR(20)    NOT NULL,
    approved_amount          DECIMAL(18, 2) NOT NULL,
    guarantee_type           VARCHAR(30)    NOT NULL,
    extra_guarantor_type     VARCHAR(20),
    extra_guarantor_name     VARCHAR(200),
    extra_guarantor_id       VARCHAR(18),
    extra_guarantor_relation VARCHAR(30),
    conditions               VARCHAR(1000),
    repayment_method         VARCHAR(30)    NOT NULL,
    lpr_percent              DECIMAL(6, 4),
    spread_percent           DECIMAL(6, 4),
    annual_rate_percent      DECIMAL(6, 4),
    decided_by               VARCHAR(64)    NOT NULL,
    decided_at               TIMESTAMP WITH TIME ZONE NOT NULL,
    confirmed_at             TIMESTAMP WITH TIME ZONE
);

INSERT INTO approval_decision (application_id, decision, authority, approved_amount, guarantee_type, conditions,
    repayment_method, lpr_percent, spread_percent, annual_rate_percent, decided_by, decided_at, confirmed_at)
SELECT id, approval_decision, CASE WHEN approved_by = 'model' THEN 'MODEL' ELSE 'APPROVER' END, approved_amount,
       approved_guarantee_type, approval_conditions, repayment_method, lpr_percent, spread_percent, annual_rate_percent,
       approved_by, approved_at, approved_at
FROM loan_application WHERE approval_decision IN ('APPROVE', 'APPROVE_WITH_CONDITIONS') AND approved_amount IS NOT NULL;

-- disbursement --------------------------------------------------------------------------------------

ALTER TABLE loan_contract ADD COLUMN status VARCHAR(20);
UPDATE loan_contract SET status = CASE WHEN signature_id IS NULL THEN 'SENT' ELSE 'SIGNED' END;
ALTER TABLE loan_contract ALTER COLUMN status SET NOT NULL;
ALTER TABLE loan_contract ADD COLUMN cancelled_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE loan_contract ADD COLUMN mortgage_released_at TIMESTAMP WITH TIME ZONE;
-- One registration secures one loan.
CREATE UNIQUE INDEX loan_contract_registration_idx ON loan_contract (mortgage_registration_number);

-- One guarantee contract (保证合同) per guarantor, signed in the e-signature service before disbursement.
CREATE TABLE guarantee_contract (
    application_id    VARCHAR(32)   NOT NULL REFERENCES loan_application (id),
    seq               INTEGER       NOT NULL,
    contract_number   VARCHAR(40)   NOT NULL UNIQUE,
    guarantor_name    VARCHAR(200)  NOT NULL,
    guarantor_id      VARCHAR(18)   NOT NULL,
    envelope_id       VARCHAR(40)   NOT NULL,
    status            VARCHAR(20)   NOT NULL,
    signature_id      VARCHAR(64),
    signed_at         TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (application_id, seq)
);

-- Documents disbursement operations asked the borrower for before paying out (补充放款资料).
CREATE TABLE disbursement_supplement (
    application_id  VARCHAR(32)    NOT NULL REFERENCES loan_application (id),
    round           INTEGER        NOT NULL,
    documents       VARCHAR(500)   NOT NULL,
    requested_by    VARCHAR(64)    NOT NULL,
    requested_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    received_at     TIMESTAMP WITH TIME ZONE,
    received_by     VARCHAR(64),
    PRIMARY KEY (application_id, round)
);

-- Sandbox outside systems learn what a real registry and e-signature service keep.
ALTER TABLE sandbox_mortgage_registration ADD COLUMN mortgagee VARCHAR(200);
UPDATE sandbox_mortgage_registration SET mortgagee = 'UNKNOWN';
ALTER TABLE sandbox_mortgage_registration ALTER COLUMN mortgagee SET NOT NULL;
ALTER TABLE sandbox_mortgage_registration ADD COLUMN collateral_type VARCHAR(30);
ALTER TABLE sandbox_mortgage_registration ADD COLUMN released_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE sandbox_esign_envelope ADD COLUMN cancelled_at TIMESTAMP WITH TIME ZONE;

-- loan_application is intake's again ----------------------------------------------------------------

DROP INDEX loan_application_branch_status_idx;
CREATE INDEX loan_application_branch_idx ON loan_application (branch_code);
ALTER TABLE loan_application DROP COLUMN status;
ALTER TABLE loan_application DROP COLUMN duplicate_of;
ALTER TABLE loan_application DROP COLUMN approval_route;
ALTER TABLE loan_application DROP COLUMN route_reason;
ALTER TABLE loan_application DROP COLUMN lpr_percent;
ALTER TABLE loan_application DROP COLUMN spread_percent;
ALTER TABLE loan_application DROP COLUMN annual_rate_percent;
ALTER TABLE loan_application DROP COLUMN approval_decision;
ALTER TABLE loan_application DROP COLUMN approved_amount;
ALTER TABLE loan_application DROP COLUMN approved_guarantee_type;
ALTER TABLE loan_application DROP COLUMN approval_conditions;
ALTER TABLE loan_application DROP COLUMN repayment_method;
ALTER TABLE loan_application DROP COLUMN approved_by;
ALTER TABLE loan_application DROP COLUMN approved_at;
ALTER TABLE loan_application DROP COLUMN loan_id;

-- approval: a committee member may approve with conditions (a lower amount, conditions) or vote to
-- return the application for information; the chair consolidates them in the resolution.
ALTER TABLE committee_vote ADD COLUMN proposed_amount DECIMAL(18, 2);
ALTER TABLE committee_vote ADD COLUMN proposed_conditions VARCHAR(1000);
-- APPROVE_WITH_CONDITIONS (23 characters) is a vote now
ALTER TABLE committee_vote ALTER COLUMN vote SET DATA TYPE VARCHAR(30);

-- disbursement: the posting that paid the loan out (the core system's reference), kept by the stage
-- that made it; servicing opens the loan account from it.
CREATE TABLE disbursement_posting (
    application_id     VARCHAR(32)    NOT NULL PRIMARY KEY REFERENCES loan_application (id),
    posting_reference  VARCHAR(32)    NOT NULL,
    amount             DECIMAL(18, 2) NOT NULL,
    posted_at          TIMESTAMP WITH TIME ZONE NOT NULL
);

INSERT INTO disbursement_posting (application_id, posting_reference, amount, posted_at)
SELECT application_id, core_posting_reference, principal, opened_at FROM loan_account;

-- disbursement: holds of the disbursement check (暂缓放款) until a date.
CREATE TABLE disbursement_hold (
    application_id  VARCHAR(32)   NOT NULL REFERENCES loan_application (id),
    round           INTEGER       NOT NULL,
    hold_until      DATE          NOT NULL,
    held_by         VARCHAR(64)   NOT NULL,
    held_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (application_id, round)
);
