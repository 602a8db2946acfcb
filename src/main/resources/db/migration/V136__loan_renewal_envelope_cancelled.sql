-- When the renewal contract's envelope was cancelled in the e-signature service (无还本续贷). A renewal whose process
-- instance an operator cancelled (CANCELLED, RenewalEndedListener) before the contract was signed leaves its envelope
-- to be cancelled after that cancellation has committed, by a poller on every node (RenewalEnvelopeCancellations), so
-- that an e-signature service that is down neither fails nor holds up the cancellation; NULL until the service has
-- cancelled it. The lapse (续贷失效) cancels its envelope in its own step and records the time here too. Renewals
-- cancelled before this release with an unsigned envelope are found by the first poll and their envelopes cancelled.
-- One schema for H2 and PostgreSQL: only types and syntax both understand.
ALTER TABLE loan_renewal ADD COLUMN envelope_cancelled_at TIMESTAMP WITH TIME ZONE;
-- The poll's look-up: CANCELLED renewals whose envelope is not cancelled yet.
CREATE INDEX loan_renewal_envelope_to_cancel_idx ON loan_renewal (status, envelope_cancelled_at);
