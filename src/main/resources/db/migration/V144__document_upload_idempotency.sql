-- A channel's documents upload (POST /api/applications/{id}/documents) with an Idempotency-Key: the answer it got, so
-- that a retry of it (a mobile app that lost the answer) is answered as the first upload was and records nothing
-- more, instead of a 409 that says the documents were not recorded. Keys belong to the caller, as for applications
-- (idempotency_record); request_hash covers the application and the documents, so the same key for another upload is
-- refused (422). status is the ApplicationStatus the upload answered, not_awaited the uploaded document types it did not
-- record (comma-separated, each once; null when it recorded every one). Written in the upload's transaction, under the
-- application's row lock. One schema for H2 and PostgreSQL.
CREATE TABLE document_upload_request (
    caller            VARCHAR(64)   NOT NULL,
    idempotency_key   VARCHAR(128)  NOT NULL,
    request_hash      VARCHAR(64)   NOT NULL,
    application_id    VARCHAR(32)   NOT NULL REFERENCES loan_application (id),
    status            VARCHAR(40)   NOT NULL,
    not_awaited       VARCHAR(1000),
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (caller, idempotency_key)
);
