-- Who ended a loan's monitoring by deleting or cancelling its post-loan-monitoring instance (closure CANCELLED, recorded
-- by MonitoringEndedListener), when, and why as the engine was told: cancelled_by is the user the engine knew (Cockpit
-- and the engine REST API tell it; null when no user was authenticated, as in the jobs of a batch deletion),
-- cancel_reason the delete reason given to the engine (null when none was: Cockpit's cancel and the engine REST API's
-- DELETE of one instance give none). Null for any other end; cleared with the closure when the loan's monitoring starts
-- again. One schema for H2 and PostgreSQL.
ALTER TABLE monitored_loan ADD COLUMN cancelled_by VARCHAR(64);
ALTER TABLE monitored_loan ADD COLUMN cancelled_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE monitored_loan ADD COLUMN cancel_reason VARCHAR(4000);
