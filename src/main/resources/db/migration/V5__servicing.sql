-- Disbursement and servicing: the sandbox core banking system's postings, loan accounts and
-- their repayment schedules.
-- One schema for H2 and PostgreSQL: only types and syntax both understand.

-- The sandbox core banking system's own ledger of disbursement postings. In production this table
-- belongs to the core system, not to us: no foreign key to loan_application. The primary key on
-- the idempotency key is what makes a posting happen once, even when two nodes race.
CREATE SEQUENCE sandbox_core_posting_seq START WITH 1 INCREMENT BY 1;

CREATE TABLE sandbox_core_posting (
    idempotency_key     VARCHAR(128)   NOT NULL PRIMARY KEY,
    posting_reference   VARCHAR(32)    NOT NULL UNIQUE,
    application_id      VARCHAR(32)    NOT NULL,
    borrower_name       VARCHAR(200)   NOT NULL,
    credit_code         VARCHAR(18)    NOT NULL,
    settlement_account  VARCHAR(40)    NOT NULL,
    amount              DECIMAL(18, 2) NOT NULL,
    posted_at           TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX sandbox_core_posting_application_idx ON sandbox_core_posting (application_id);

-- Loan ids: LN + opening date + a 6-digit number from this sequence (e.g. LN20261123000042).
CREATE SEQUENCE loan_account_seq START WITH 1 INCREMENT BY 1;

-- One loan account per application (application_id UNIQUE): opening twice returns the first.
CREATE TABLE loan_account (
    loan_id                 VARCHAR(32)    NOT NULL PRIMARY KEY,
    application_id          VARCHAR(32)    NOT NULL UNIQUE REFERENCES loan_application (id),
    credit_code             VARCHAR(18)    NOT NULL,
    borrower_name           VARCHAR(200)   NOT NULL,
    principal               DECIMAL(18, 2) NOT NULL,
    annual_rate_percent     DECIMAL(6, 4)  NOT NULL,
    term_months             INTEGER        NOT NULL,
    repayment_method        VARCHAR(30)    NOT NULL,
    disbursed_on            DATE           NOT NULL,
    maturity_date           DATE           NOT NULL,
    core_posting_reference  VARCHAR(32)    NOT NULL,
    status                  VARCHAR(20)    NOT NULL,
    opened_at               TIMESTAMP WITH TIME ZONE NOT NULL,
    version                 INTEGER        NOT NULL
);

CREATE INDEX loan_account_credit_code_idx ON loan_account (credit_code);

-- The repayment schedule agreed at disbursement: one row per instalment.
CREATE TABLE repayment_instalment (
    loan_id              VARCHAR(32)    NOT NULL REFERENCES loan_account (loan_id),
    number               INTEGER        NOT NULL,
    due_date             DATE           NOT NULL,
    principal            DECIMAL(18, 2) NOT NULL,
    interest             DECIMAL(18, 2) NOT NULL,
    total                DECIMAL(18, 2) NOT NULL,
    remaining_principal  DECIMAL(18, 2) NOT NULL,
    PRIMARY KEY (loan_id, number)
);

-- The overdue scan looks for instalments by due date.
CREATE INDEX repayment_instalment_due_date_idx ON repayment_instalment (due_date);
