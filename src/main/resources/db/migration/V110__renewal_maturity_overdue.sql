-- A renewal whose maturity posting runs only after the daily close of the maturity date counted the maturity
-- principal overdue is not renewed: new status MATURITY_OVERDUE (RenewalStatus) in loan_renewal.status, which has
-- no check constraint and is wide enough (VARCHAR(20), V45); closed_on records the day the posting found it.
-- One schema for H2 and PostgreSQL: only types and syntax both understand.

-- SLA target (V71's task_sla_target, working hours of the bank calendar: seven a working day) of 复核续贷金额,
-- which until now took smeloan.sla.default-goal / default-deadline (7 / 14 hours). The model sets the task's own
-- due date, 23:59 of the maturity date (the daily close then counts the principal overdue), and that stays the
-- deadline; the goal sets the follow-up date and the reminder. Created at maturity (00:00), the default goal fell
-- at 17:00, the end of the only working day there is; 3 hours is noon, leaving the afternoon to decide. A task
-- created too late in the day for the goal to fall before 23:59 gets no reminder (TaskSla drops a goal after the
-- deadline). The deadline row (one working day) only documents the model's date.
INSERT INTO task_sla_target (process_key, task_key, goal_hours, deadline_hours, updated_by, updated_at) VALUES
    ('loan-renewal', 'UserTask_ReviewRenewalAmount', 3, 7, 'migration', CURRENT_TIMESTAMP);
