-- The credit committee's votes on a renewal above an approver's authority (贷审会委员表决续贷): one row per
-- member who voted, approve or reject with reasons (internal, never told to the borrower). Renewal owns this
-- table; the committee's votes on applications stay approval's (committee_vote).
-- One schema for H2 and PostgreSQL: only types and syntax both understand.

CREATE TABLE renewal_committee_vote (
    loan_id    VARCHAR(32)   NOT NULL REFERENCES loan_renewal (loan_id),
    member     VARCHAR(64)   NOT NULL,
    -- APPROVE or REJECT (RenewalCommitteeService.Vote): no return for information, no conditions
    vote       VARCHAR(10)   NOT NULL CHECK (vote IN ('APPROVE', 'REJECT')),
    comment    VARCHAR(1000) NOT NULL,
    voted_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    -- one vote per member: a second is refused
    PRIMARY KEY (loan_id, member)
);

-- SLA targets (working hours) of the renewal committee's tasks, as for an application's committee (V71).
INSERT INTO task_sla_target (process_key, task_key, goal_hours, deadline_hours, updated_by, updated_at) VALUES
    ('loan-renewal', 'UserTask_RenewalCommitteeVote', 14, 21, 'migration', CURRENT_TIMESTAMP),
    ('loan-renewal', 'UserTask_DecideRenewalCommitteeResolution', 7, 14, 'migration', CURRENT_TIMESTAMP);
