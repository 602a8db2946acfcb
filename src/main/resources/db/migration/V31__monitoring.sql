-- Post-loan monitoring (贷后管理, issue 10): the loans under monitoring with their rhythm, the checks,
-- the early-warning signals, every change of the risk review's classification with who, why and the
-- inputs, reclassifications proposed by a person and decided by a second person, and the line
-- measures a check ordered for the line owner. Monitoring owns every table here; the loan's own
-- classification (the strictest of the floor and the review) is servicing's (V30).
-- One schema for H2 and PostgreSQL: only types and syntax both understand.

-- Ids: PC / EW / RC + date + a 6-digit number (e.g. PC20261201000042).
CREATE SEQUENCE post_loan_check_seq START WITH 1 INCREMENT BY 1;
CREATE SEQUENCE warning_signal_seq START WITH 1 INCREMENT BY 1;
CREATE SEQUENCE reclassification_seq START WITH 1 INCREMENT BY 1;

-- One row per loan under monitoring. classification is the risk review's (risk-classification table
-- or an approved reclassification); watch_listed while it is 关注 or worse (monthly checks, else
-- quarterly). baseline_json: what the external data said at the last (re)query, the measure of a new
-- signal. closure: SETTLED or WRITTEN_OFF once servicing reported it.
CREATE TABLE monitored_loan (
    loan_id              VARCHAR(32)    NOT NULL PRIMARY KEY REFERENCES loan_account (loan_id),
    branch_code          VARCHAR(10)    NOT NULL,
    status               VARCHAR(20)    NOT NULL,
    process_instance_id  VARCHAR(64)    NOT NULL,
    classification       VARCHAR(20)    NOT NULL,
    watch_listed         BOOLEAN        NOT NULL,
    next_check_due       DATE,
    last_check_on        DATE,
    baseline_json        VARCHAR(20000) NOT NULL,
    last_requery_at      TIMESTAMP WITH TIME ZONE,
    started_on           DATE           NOT NULL,
    started_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    closure              VARCHAR(20),
    closed_on            DATE,
    ended_at             TIMESTAMP WITH TIME ZONE
);

-- Every check: FIRST (within 30 days), PERIODIC, SIGNAL; REMOTE or ON_SITE; OPEN, DONE or CANCELLED
-- (monitoring ended first). outcome: NORMAL, WATCH, RESTRICT_LINE, CALL_IN.
CREATE TABLE post_loan_check (
    check_id             VARCHAR(32)    NOT NULL PRIMARY KEY,
    loan_id              VARCHAR(32)    NOT NULL REFERENCES monitored_loan (loan_id),
    kind                 VARCHAR(20)    NOT NULL,
    method               VARCHAR(20)    NOT NULL,
    method_reason        VARCHAR(500)   NOT NULL,
    status               VARCHAR(20)    NOT NULL,
    opened_on            DATE           NOT NULL,
    opened_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    process_instance_id  VARCHAR(64),
    outcome              VARCHAR(20),
    findings             VARCHAR(2000),
    checklist_json       VARCHAR(2000),
    line_measure         VARCHAR(20),
    reduced_limit        DECIMAL(18, 2),
    call_in_due_on       DATE,
    checked_by           VARCHAR(64),
    checked_on           DATE,
    checked_at           TIMESTAMP WITH TIME ZONE,
    cancel_reason        VARCHAR(200)
);

CREATE INDEX post_loan_check_loan_idx ON post_loan_check (loan_id, opened_at);

-- Early-warning signals: found by the re-query of the external data (origin REQUERY, reported_by
-- system) or pushed by another system or a member of staff (PUSHED, with the reporter's event id:
-- the same event again is answered, not stored twice). open_key is "loan:type" while the signal is
-- OPEN and NULL after: one open signal per loan and type; a duplicate is kept as DUPLICATE with
-- duplicate_of and starts no check. status: OPEN, CHECKED, DUPLICATE, CANCELLED.
CREATE TABLE warning_signal (
    signal_id            VARCHAR(32)    NOT NULL PRIMARY KEY,
    loan_id              VARCHAR(32)    NOT NULL REFERENCES monitored_loan (loan_id),
    signal_type          VARCHAR(30)    NOT NULL,
    origin               VARCHAR(20)    NOT NULL,
    reported_by          VARCHAR(64)    NOT NULL,
    event_id             VARCHAR(64),
    request_hash         VARCHAR(64),
    observed_on          DATE           NOT NULL,
    summary              VARCHAR(200)   NOT NULL,
    evidence_json        VARCHAR(20000) NOT NULL,
    severity             VARCHAR(20)    NOT NULL,
    severity_reason      VARCHAR(500)   NOT NULL,
    status               VARCHAR(20)    NOT NULL,
    open_key             VARCHAR(70)    UNIQUE,
    duplicate_of         VARCHAR(32),
    check_id             VARCHAR(32),
    raised_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    closed_at            TIMESTAMP WITH TIME ZONE,
    UNIQUE (reported_by, event_id)
);

CREATE INDEX warning_signal_loan_idx ON warning_signal (loan_id, status);
CREATE INDEX warning_signal_check_idx ON warning_signal (check_id);

-- Every change of the risk review's classification: what caused it (FIRST_CHECK, CHECK, SIGNAL,
-- FLOOR_CHANGE, RECLASSIFICATION, ...), the table's inputs and the rules that fired, why, who decided
-- (the table or the approver) and who asked (the checker, the reporter, the proposer).
CREATE TABLE risk_classification_change (
    id                       BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    loan_id                  VARCHAR(32)    NOT NULL REFERENCES monitored_loan (loan_id),
    business_date            DATE           NOT NULL,
    cause                    VARCHAR(30)    NOT NULL,
    cause_ref                VARCHAR(32),
    classification           VARCHAR(20)    NOT NULL,
    previous_classification  VARCHAR(20)    NOT NULL,
    inputs_json              VARCHAR(2000)  NOT NULL,
    matched_rules            VARCHAR(500)   NOT NULL,
    reason                   VARCHAR(1000)  NOT NULL,
    decided_by               VARCHAR(64)    NOT NULL,
    requested_by             VARCHAR(64)    NOT NULL,
    decided_at               TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX risk_classification_change_loan_idx ON risk_classification_change (loan_id, id);

-- A reclassification a person proposes, with the reason; a second person approves or rejects it.
-- open_loan_id is the loan id while PENDING: one pending proposal per loan.
CREATE TABLE reclassification_proposal (
    proposal_id              VARCHAR(32)    NOT NULL PRIMARY KEY,
    loan_id                  VARCHAR(32)    NOT NULL REFERENCES monitored_loan (loan_id),
    open_loan_id             VARCHAR(32)    UNIQUE,
    classification           VARCHAR(20)    NOT NULL,
    current_classification   VARCHAR(20)    NOT NULL,
    reason                   VARCHAR(1000)  NOT NULL,
    proposed_by              VARCHAR(64)    NOT NULL,
    proposed_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    status                   VARCHAR(20)    NOT NULL,
    decided_by               VARCHAR(64),
    decision_note            VARCHAR(1000),
    decided_at               TIMESTAMP WITH TIME ZONE
);

CREATE INDEX reclassification_proposal_loan_idx ON reclassification_proposal (loan_id, proposed_at);

-- A line measure a check ordered (REDUCE to reduced_limit, or FREEZE), for the owner of the borrower's
-- credit line; OPEN until the line owner carries it out (credit lines are not built yet).
CREATE TABLE line_instruction (
    id                   BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    loan_id              VARCHAR(32)    NOT NULL REFERENCES monitored_loan (loan_id),
    check_id             VARCHAR(32)    NOT NULL UNIQUE REFERENCES post_loan_check (check_id),
    measure              VARCHAR(20)    NOT NULL,
    reduced_limit        DECIMAL(18, 2),
    reason               VARCHAR(2000)  NOT NULL,
    issued_by            VARCHAR(64)    NOT NULL,
    issued_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    status               VARCHAR(20)    NOT NULL
);
