-- Whitelist campaigns (campaign, DESIGN.md §3.4 白名单营销): a whitelist file of pre-qualified enterprises
-- is imported as a campaign; every row is validated and reported (accepted or refused, with the reasons);
-- the accepted rows become prospects, each assigned to a customer manager of the branch whose grid covers
-- the enterprise and worked in the whitelist-prospect process. An interested prospect becomes a loan
-- application (intake, channel WHITELIST): its id is kept here; what became of it is read from the stages
-- that decided it, never copied.
-- One schema for H2 and PostgreSQL: only types and syntax both understand.

-- Campaign ids: WL + import date + a 6-digit number (WL20261201000001); prospect ids: WP + date + number.
CREATE SEQUENCE campaign_seq START WITH 1 INCREMENT BY 1;
CREATE SEQUENCE prospect_seq START WITH 1 INCREMENT BY 1;

CREATE TABLE campaign (
    id             VARCHAR(32)   NOT NULL PRIMARY KEY,
    name           VARCHAR(100)  NOT NULL,
    imported_by    VARCHAR(64)   NOT NULL,
    imported_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    rows_total     INTEGER       NOT NULL,
    rows_accepted  INTEGER       NOT NULL,
    rows_refused   INTEGER       NOT NULL
);

-- The import report: one row per data line of the file (line_no counts the header as line 1).
CREATE TABLE campaign_row (
    campaign_id      VARCHAR(32)    NOT NULL REFERENCES campaign (id),
    line_no          INTEGER        NOT NULL,
    credit_code      VARCHAR(40),
    enterprise_name  VARCHAR(200),
    result           VARCHAR(10)    NOT NULL CHECK (result IN ('ACCEPTED', 'REFUSED')),
    -- refused: the reasons, "CODE: message" separated by newlines
    reasons          VARCHAR(4000),
    prospect_id      VARCHAR(32),
    PRIMARY KEY (campaign_id, line_no)
);

CREATE TABLE prospect (
    id                   VARCHAR(32)    NOT NULL PRIMARY KEY,
    campaign_id          VARCHAR(32)    NOT NULL REFERENCES campaign (id),
    line_no              INTEGER        NOT NULL,
    credit_code          VARCHAR(18)    NOT NULL,
    enterprise_name      VARCHAR(200)   NOT NULL,
    legal_rep_name       VARCHAR(100)   NOT NULL,
    legal_rep_id_number  VARCHAR(18),
    mobile               VARCHAR(11)    NOT NULL,
    estimated_limit      DECIMAL(18, 2) NOT NULL,
    suggested_product    VARCHAR(30)    NOT NULL,
    source_model         VARCHAR(100)   NOT NULL,
    source_date          DATE           NOT NULL,
    division_code        VARCHAR(6)     NOT NULL,
    branch_code          VARCHAR(10)    NOT NULL,
    customer_manager     VARCHAR(64)    NOT NULL,
    -- OPEN: being worked (contact task open or a follow-up date ahead); APPLIED: became a loan application;
    -- NOT_ELIGIBLE: the manager found it does not qualify
    status               VARCHAR(20)    NOT NULL CHECK (status IN ('OPEN', 'APPLIED', 'NOT_ELIGIBLE')),
    contacts             INTEGER        NOT NULL,
    last_outcome         VARCHAR(20),
    follow_up_on         DATE,
    application_id       VARCHAR(32),
    assigned_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at           TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX prospect_credit_code_idx ON prospect (credit_code);
CREATE INDEX prospect_campaign_idx ON prospect (campaign_id);
-- A manager's open workload.
CREATE INDEX prospect_manager_status_idx ON prospect (customer_manager, status);

-- Every contact a manager recorded, and every hand-over of a prospect to another manager.
CREATE TABLE prospect_contact (
    prospect_id    VARCHAR(32)    NOT NULL REFERENCES prospect (id),
    seq            INTEGER        NOT NULL,
    outcome        VARCHAR(20)    NOT NULL,
    follow_up_on   DATE,
    notes          VARCHAR(1000),
    contacted_by   VARCHAR(64)    NOT NULL,
    contacted_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (prospect_id, seq)
);

CREATE TABLE prospect_handover (
    prospect_id    VARCHAR(32)    NOT NULL REFERENCES prospect (id),
    seq            INTEGER        NOT NULL,
    from_manager   VARCHAR(64)    NOT NULL,
    to_manager     VARCHAR(64)    NOT NULL,
    handed_by      VARCHAR(64)    NOT NULL,
    handed_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (prospect_id, seq)
);
