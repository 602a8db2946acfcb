-- Monitoring: who ended an open post-loan check, and when. A periodic check that a check of warning signals takes over
-- (the signal's check replaces it; PostLoanMonitoringService#supersedePeriodicCheck) is recorded CANCELLED with
-- cancel_reason 由预警信号核查代替 (<the signal's check>), cancelled_by the reporter of the signal (a system, a member of
-- staff, or system for the monthly re-query) and cancelled_at. Checks cancelled because monitoring ended get
-- cancelled_at from now on; those cancelled before keep both empty. One schema for H2 and PostgreSQL.

ALTER TABLE post_loan_check ADD COLUMN IF NOT EXISTS cancelled_by VARCHAR(64);
ALTER TABLE post_loan_check ADD COLUMN IF NOT EXISTS cancelled_at TIMESTAMP WITH TIME ZONE;
