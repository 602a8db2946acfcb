-- SLA targets (V71's task_sla_target, working hours of the bank calendar: seven a working day) of the user
-- tasks after disbursement, which until now took smeloan.sla.default-goal / default-deadline (7 / 14 hours).
-- A due date the model sets itself (the collection ladder's, the due-diligence review's) stays the due date;
-- the goal sets the follow-up date and the reminder. Process owners change a row with PUT /api/sla-targets/...
INSERT INTO task_sla_target (process_key, task_key, goal_hours, deadline_hours, updated_by, updated_at) VALUES
    -- post-loan checks: remote within a week; on site (a serious signal) within a week and a half
    ('post-loan-check', 'UserTask_CheckRemotely', 14, 35, 'migration', CURRENT_TIMESTAMP),
    ('post-loan-check', 'UserTask_CheckOnSite', 21, 49, 'migration', CURRENT_TIMESTAMP),
    ('post-loan-monitoring', 'UserTask_ApproveReclassification', 7, 14, 'migration', CURRENT_TIMESTAMP),
    -- the collection ladder: the rung's own due date stays (phone D+2, visit D+5, ...)
    ('collection', 'UserTask_CollectByPhone', 7, 14, 'migration', CURRENT_TIMESTAMP),
    ('collection', 'UserTask_VisitBorrower', 21, 35, 'migration', CURRENT_TIMESTAMP),
    ('collection', 'UserTask_SuperviseOverdueLoan', 14, 35, 'migration', CURRENT_TIMESTAMP),
    ('collection', 'UserTask_ProposeDisposal', 21, 35, 'migration', CURRENT_TIMESTAMP),
    ('collection', 'UserTask_ApproveDisposal', 14, 21, 'migration', CURRENT_TIMESTAMP),
    ('collection', 'UserTask_FollowUpLegalAction', 35, 70, 'migration', CURRENT_TIMESTAMP),
    -- a credit line's annual review and a renewal (signed before the old loan matures, 30-60 days ahead)
    ('credit-line-review', 'UserTask_ReviewCreditLine', 35, 70, 'migration', CURRENT_TIMESTAMP),
    ('loan-renewal', 'UserTask_ApproveRenewal', 7, 14, 'migration', CURRENT_TIMESTAMP),
    ('due-diligence-review', 'UserTask_ReviewDueDiligence', 35, 56, 'migration', CURRENT_TIMESTAMP);
