-- A mail that could not be rendered when its state change happened (a MailValueProvider threw or its read failed, a
-- placeholder had no value, no recipient) no longer rolls that state change back: MailOutbox renders inside a
-- savepoint, rolls back to it on failure and records the mail here as FAILED with render_failed = TRUE, never
-- dispatched as it is. last_error names the template, the case and the cause. The columns that are NOT NULL hold what
-- was known: recipient the address if it was resolved before the failure, else ''; subject and body ''. An operator's
-- re-queue (POST /api/admin/mail-outbox/{id}/retry) renders such a mail afresh (values as of then), fills recipient,
-- subject and body, sets render_failed back to FALSE and makes it PENDING; while it still cannot be rendered the
-- re-queue is refused (409) and the row stays as it is.
ALTER TABLE mail_outbox ADD COLUMN render_failed BOOLEAN DEFAULT FALSE NOT NULL;

-- A mail never rendered has nothing to send: it is FAILED until a re-queue renders it.
ALTER TABLE mail_outbox ADD CONSTRAINT mail_outbox_render_failed_is_failed CHECK (status = 'FAILED' OR NOT render_failed);
