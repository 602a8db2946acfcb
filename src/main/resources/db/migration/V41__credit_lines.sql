-- Credit lines (循环额度, issue 10 item 5): an approved REVOLVING_LINE opens a line, not a loan; the
-- borrower draws on it over the channel API, each drawdown its own loan account in servicing (V40).
-- Credit lines own every table here. The line keeps no "used" counter: what is used is the outstanding
-- principal of its drawdowns' loan accounts in servicing's ledger, computed on every read and drawdown.
-- One schema for H2 and PostgreSQL: only types and syntax both understand.

-- Ids: CL / DD + date + a 6-digit number (e.g. CL20261201000001).
CREATE SEQUENCE credit_line_seq START WITH 1 INCREMENT BY 1;
CREATE SEQUENCE credit_line_drawdown_seq START WITH 1 INCREMENT BY 1;

-- One line per approved application (application_id UNIQUE: opening twice returns the first). The terms of
-- the approval (rate, repayment method) apply to every drawdown. status: ACTIVE, FROZEN, EXPIRED, CLOSED;
-- status_reason says why it is not ACTIVE. version: optimistic guard beside the row lock of a drawdown.
CREATE TABLE credit_line (
    line_id              VARCHAR(32)    NOT NULL PRIMARY KEY,
    application_id       VARCHAR(32)    NOT NULL UNIQUE REFERENCES loan_application (id),
    credit_code          VARCHAR(18)    NOT NULL,
    borrower_name        VARCHAR(200)   NOT NULL,
    branch_code          VARCHAR(10)    NOT NULL,
    credit_limit         DECIMAL(18, 2) NOT NULL,
    annual_rate_percent  DECIMAL(6, 4)  NOT NULL,
    repayment_method     VARCHAR(30)    NOT NULL,
    opened_on            DATE           NOT NULL,
    valid_until          DATE           NOT NULL,
    status               VARCHAR(20)    NOT NULL,
    status_reason        VARCHAR(500),
    opened_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    version              INTEGER        NOT NULL
);

CREATE INDEX credit_line_credit_code_idx ON credit_line (credit_code);

-- One row per drawdown. (line_id, request_id) UNIQUE: the channel's request id makes a retry return the
-- same drawdown; core_idempotency_key is what core banking posted once for.
CREATE TABLE credit_line_drawdown (
    drawdown_id            VARCHAR(32)    NOT NULL PRIMARY KEY,
    line_id                VARCHAR(32)    NOT NULL REFERENCES credit_line (line_id),
    request_id             VARCHAR(64)    NOT NULL,
    amount                 DECIMAL(18, 2) NOT NULL,
    term_months            INTEGER        NOT NULL,
    loan_id                VARCHAR(32)    NOT NULL REFERENCES loan_account (loan_id),
    core_idempotency_key   VARCHAR(128)   NOT NULL UNIQUE,
    core_posting_reference VARCHAR(32)    NOT NULL,
    requested_by           VARCHAR(64)    NOT NULL,
    drawn_on               DATE           NOT NULL,
    drawn_at               TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT credit_line_drawdown_request_uq UNIQUE (line_id, request_id)
);
