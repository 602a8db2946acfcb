-- Due-diligence exemption reviews (尽职免责认定): one per loan, started when the risk review first classifies it
-- non-performing (次级, 可疑 or 损失), and the finding for each officer who decided on it. Accountability owns both.

CREATE TABLE due_diligence_review (
    loan_id                  VARCHAR(32)   NOT NULL PRIMARY KEY,
    application_id           VARCHAR(32)   NOT NULL,
    branch_code              VARCHAR(10)   NOT NULL,
    -- what the loan turned to, from what, on which business date
    classification           VARCHAR(20)   NOT NULL,
    previous_classification  VARCHAR(20)   NOT NULL,
    turned_on                DATE          NOT NULL,
    -- OPEN: the task 尽职免责认定 awaits a reviewer; CONCLUDED: the findings are recorded
    status                   VARCHAR(20)   NOT NULL CHECK (status IN ('OPEN', 'CONCLUDED')),
    -- the exemption criteria as assessed when the reviewer got the task (one line per criterion)
    criteria                 VARCHAR(4000),
    started_at               TIMESTAMP WITH TIME ZONE NOT NULL,
    concluded_by             VARCHAR(64),
    concluded_at             TIMESTAMP WITH TIME ZONE
);

-- The reviewer's finding per officer: EXEMPT (免责), PARTIALLY_EXEMPT (部分免责), NOT_EXEMPT (不予免责), with the reason.
CREATE TABLE due_diligence_finding (
    loan_id      VARCHAR(32)    NOT NULL REFERENCES due_diligence_review (loan_id),
    role         VARCHAR(30)    NOT NULL CHECK (role IN ('CUSTOMER_MANAGER', 'APPROVER', 'POST_LOAN_CHECKER')),
    officer      VARCHAR(64)    NOT NULL,
    outcome      VARCHAR(20)    NOT NULL CHECK (outcome IN ('EXEMPT', 'PARTIALLY_EXEMPT', 'NOT_EXEMPT')),
    reason       VARCHAR(1000)  NOT NULL,
    decided_by   VARCHAR(64)    NOT NULL,
    decided_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (loan_id, role, officer)
);

CREATE INDEX due_diligence_finding_officer_idx ON due_diligence_finding (officer);
