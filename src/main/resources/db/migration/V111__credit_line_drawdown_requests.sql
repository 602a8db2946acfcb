-- A drawdown is posted to core banking outside the line's row lock (CreditLineService.draw). Between the line's
-- check and core banking's answer the request is a row here: while PENDING its amount is reserved on the line (no
-- second drawdown can use it); DRAWN once its credit_line_drawdown row and loan exist; CANCELLED when core banking
-- booked nothing under its key (the reservation is released; the same request id may be sent again). A PENDING
-- request whose answer never came is settled by CreditLineReconciliation, which asks core banking what it booked
-- under the key. Rows of drawdowns made before this migration do not exist: those drawdowns are complete.
-- One schema for H2 and PostgreSQL: only types and syntax both understand.
CREATE TABLE credit_line_drawdown_request (
    line_id              VARCHAR(32)    NOT NULL REFERENCES credit_line (line_id),
    request_id           VARCHAR(64)    NOT NULL,
    drawdown_id          VARCHAR(32)    NOT NULL UNIQUE,
    amount               DECIMAL(18, 2) NOT NULL,
    term_months          INTEGER        NOT NULL,
    core_idempotency_key VARCHAR(128)   NOT NULL UNIQUE,
    requested_by         VARCHAR(64)    NOT NULL,
    requested_on         DATE           NOT NULL,
    status               VARCHAR(16)    NOT NULL,
    attempted_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    outcome              VARCHAR(500),
    PRIMARY KEY (line_id, request_id)
);

CREATE INDEX credit_line_drawdown_request_status_idx ON credit_line_drawdown_request (status, attempted_at);
