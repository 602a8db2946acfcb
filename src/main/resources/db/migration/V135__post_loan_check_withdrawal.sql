-- Monitoring: why an open post-loan check was withdrawn, as a kind the code reads (withdrawal) beside the reason staff
-- read (cancel_reason): SUPERSEDED, a periodic check a check of warning signals took over
-- (PostLoanMonitoringService#supersedePeriodicCheck, cancel_reason 由预警信号核查代替 (<the signal's check>));
-- MONITORING_ENDED, monitoring ended (the loan settled or written off). A checker submitting a withdrawn check is told
-- which from the kind, no longer from the start of the reason's text. Checks withdrawn before get theirs from the
-- reason they were stored with (由预警信号核查代替 was the only reason but monitoring's end). Running it again changes
-- nothing. One schema for H2 and PostgreSQL.

ALTER TABLE post_loan_check ADD COLUMN IF NOT EXISTS withdrawal VARCHAR(20);

UPDATE post_loan_check
SET withdrawal = CASE WHEN cancel_reason LIKE '由预警信号核查代替%' THEN 'SUPERSEDED' ELSE 'MONITORING_ENDED' END
WHERE status = 'CANCELLED' AND withdrawal IS NULL;
