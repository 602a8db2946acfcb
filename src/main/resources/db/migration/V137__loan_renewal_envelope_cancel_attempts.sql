-- The poller's attempts at cancelling the envelope of a cancelled renewal (RenewalEnvelopeCancellations, V136). Each
-- poll takes the envelopes least recently tried first (never tried: first of all), so that envelopes the e-signature
-- service keeps refusing go to the back and never hold back a newer cancellation's envelope however many there are.
-- envelope_cancel_attempts counts the refusals and envelope_cancel_error keeps the last one, for an operator: after
-- smeloan.renewal.envelope-cancellation.alert-after-attempts refusals the envelope is logged as an error once, and it
-- is still asked at later polls (cancelling is harmless to repeat). Both stay as they were once the service cancelled it.
-- One schema for H2 and PostgreSQL: only types and syntax both understand.
ALTER TABLE loan_renewal ADD COLUMN envelope_cancel_tried_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE loan_renewal ADD COLUMN envelope_cancel_attempts INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE loan_renewal ADD COLUMN envelope_cancel_error VARCHAR(1000);
