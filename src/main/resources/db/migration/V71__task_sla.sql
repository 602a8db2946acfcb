-- SLAs of user tasks (platform): per task type a goal and a deadline in working hours of the bank calendar
-- (V70). When a task is created its follow-up date is set to the goal and its due date to the deadline
-- (a due date the model sets itself stays); at the goal the assignee is reminded, at the deadline the
-- team's leads are told and the priority raised, again every working day while it stays open.
-- One schema for H2 and PostgreSQL: only types and syntax both understand.

-- The targets, per process and task definition key. A task type without a row gets the defaults of
-- smeloan.sla.default-goal / default-deadline. Process owners change a row with PUT /api/sla-targets/...;
-- tasks created afterwards follow it.
CREATE TABLE task_sla_target (
    process_key     VARCHAR(100)  NOT NULL,
    task_key        VARCHAR(100)  NOT NULL,
    goal_hours      DECIMAL(7, 2) NOT NULL CHECK (goal_hours > 0),
    deadline_hours  DECIMAL(7, 2) NOT NULL CHECK (deadline_hours > 0),
    updated_by      VARCHAR(64)   NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (process_key, task_key),
    CHECK (goal_hours <= deadline_hours)
);

-- Working hours: 09:00-12:00 and 13:00-17:00, seven a working day (smeloan.calendar.working-hours).
INSERT INTO task_sla_target (process_key, task_key, goal_hours, deadline_hours, updated_by, updated_at) VALUES
    ('loan-origination', 'UserTask_AcceptApplication', 4, 7, 'migration', CURRENT_TIMESTAMP),
    -- waits for the applicant; the application is withdrawn after 5 working days: escalate a day before
    ('loan-origination', 'UserTask_ReceiveMissingDocuments', 14, 28, 'migration', CURRENT_TIMESTAMP),
    ('loan-origination', 'UserTask_ReviewException', 4, 7, 'migration', CURRENT_TIMESTAMP),
    ('loan-origination', 'UserTask_VerifyRemotely', 4, 7, 'migration', CURRENT_TIMESTAMP),
    ('loan-origination', 'UserTask_InvestigateOnSite', 14, 21, 'migration', CURRENT_TIMESTAMP),
    ('loan-origination', 'UserTask_ApproveLoan', 7, 14, 'migration', CURRENT_TIMESTAMP),
    ('loan-origination', 'UserTask_CommitteeVote', 14, 21, 'migration', CURRENT_TIMESTAMP),
    ('loan-origination', 'UserTask_DecideCommitteeResolution', 7, 14, 'migration', CURRENT_TIMESTAMP),
    ('loan-origination', 'UserTask_ProvideInformation', 7, 14, 'migration', CURRENT_TIMESTAMP),
    ('loan-origination', 'UserTask_CheckDisbursementConditions', 4, 7, 'migration', CURRENT_TIMESTAMP),
    -- waits for the borrower; declined after 15 working days
    ('loan-origination', 'UserTask_ReceiveDisbursementDocuments', 35, 98, 'migration', CURRENT_TIMESTAMP),
    -- the model's own due date (30 days after disbursement) is the deadline; the goal is 10 working days
    ('post-loan-monitoring', 'UserTask_FirstPostLoanCheck', 70, 140, 'migration', CURRENT_TIMESTAMP),
    ('whitelist-campaign', 'UserTask_ReviewImportReport', 4, 7, 'migration', CURRENT_TIMESTAMP),
    ('whitelist-prospect', 'UserTask_ContactProspect', 14, 35, 'migration', CURRENT_TIMESTAMP);

-- One row per user task created since V71: its goal and deadline, the reminder and escalations sent, and
-- how it ended (the record for SLA compliance figures). teams: ids of the task's teams, comma-separated.
CREATE TABLE task_sla (
    task_id              VARCHAR(64)   NOT NULL PRIMARY KEY,
    process_instance_id  VARCHAR(64)   NOT NULL,
    process_key          VARCHAR(100)  NOT NULL,
    task_key             VARCHAR(100)  NOT NULL,
    task_name            VARCHAR(200),
    business_key         VARCHAR(64),
    teams                VARCHAR(200),
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    goal_at              TIMESTAMP WITH TIME ZONE,
    deadline_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    reminded_at          TIMESTAMP WITH TIME ZONE,
    escalations          INTEGER       NOT NULL DEFAULT 0,
    last_escalated_at    TIMESTAMP WITH TIME ZONE,
    next_escalation_at   TIMESTAMP WITH TIME ZONE,
    state                VARCHAR(20)   NOT NULL CHECK (state IN ('OPEN', 'COMPLETED', 'CANCELLED')),
    closed_at            TIMESTAMP WITH TIME ZONE
);

-- The monitor's queries: open tasks by goal and by deadline.
CREATE INDEX task_sla_goal_idx ON task_sla (state, goal_at);
CREATE INDEX task_sla_deadline_idx ON task_sla (state, deadline_at);
-- Compliance figures by period.
CREATE INDEX task_sla_closed_idx ON task_sla (closed_at);
