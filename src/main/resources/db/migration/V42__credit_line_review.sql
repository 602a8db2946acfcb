-- The annual review of credit lines (年审, issue 10 item 6): one row per review, with what the table saw
-- (the new score from the external data gathered again, the worst classification of the line's drawdowns,
-- their longest days past due, the early-warning signals still open), what it decided, and, when a person
-- reviewed it, what the person decided and why. Credit lines own this table.
CREATE SEQUENCE credit_line_review_seq START WITH 1 INCREMENT BY 1;

CREATE TABLE credit_line_review (
    review_id              VARCHAR(32)    NOT NULL PRIMARY KEY,
    line_id                VARCHAR(32)    NOT NULL REFERENCES credit_line (line_id),
    review_year            INTEGER        NOT NULL,
    reviewed_on            DATE           NOT NULL,
    new_score              INTEGER        NOT NULL,
    new_grade              VARCHAR(2)     NOT NULL,
    worst_classification   VARCHAR(20)    NOT NULL,
    max_days_past_due      INTEGER        NOT NULL,
    open_signals           INTEGER        NOT NULL,
    limit_before           DECIMAL(18, 2) NOT NULL,
    used_at_review         DECIMAL(18, 2) NOT NULL,
    table_outcome          VARCHAR(20)    NOT NULL,
    table_limit_share      INTEGER,
    table_reason           VARCHAR(500)   NOT NULL,
    table_rule             VARCHAR(100),
    person_review          BOOLEAN        NOT NULL,
    outcome                VARCHAR(20),
    new_limit              DECIMAL(18, 2),
    decided_by             VARCHAR(64),
    decision_reason        VARCHAR(1000),
    decided_at             TIMESTAMP WITH TIME ZONE,
    CONSTRAINT credit_line_review_year_uq UNIQUE (line_id, review_year)
);
