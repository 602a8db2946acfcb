-- An enterprise that is an open whitelist prospect applied through another channel (EnterpriseAppliedNotice): the
-- conversion to tell the prospect's process (message ProspectEnterpriseApplied), recorded in the transaction that
-- registers the application, so that it is not lost when the message fails (the prospect's process busy or suspended,
-- an optimistic lock, the engine down for a moment) or the node stops before sending it. It is sent once the
-- application has committed; one not delivered then is sent again by a poller on every node (EnterpriseAppliedDelivery),
-- the least recently tried first. delivered_at is set once the prospect heard it, or was found no longer open (its own
-- contact or the check before its contact task ended it: nothing left to tell). attempts counts the failed tries and
-- last_error keeps the last one, for an operator.
-- One schema for H2 and PostgreSQL: only types and syntax both understand.
CREATE TABLE prospect_applied_notice (
    prospect_id     VARCHAR(32)    NOT NULL REFERENCES prospect (id),
    application_id  VARCHAR(32)    NOT NULL,
    registered_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    tried_at        TIMESTAMP WITH TIME ZONE,
    attempts        INTEGER        DEFAULT 0 NOT NULL,
    last_error      VARCHAR(1000),
    delivered_at    TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (prospect_id, application_id)
);
-- The poll's look-up: the notices not delivered yet, the least recently tried first.
CREATE INDEX prospect_applied_notice_due_idx ON prospect_applied_notice (delivered_at, tried_at);
