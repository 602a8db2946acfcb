-- The manager dashboard's cycle times measure a revolving line's way to its opening (签约→额度开通, 申请→额度开通):
-- the period's openings are read by a range of opened_at with the application's id, as the other milestones (V115).
-- IF NOT EXISTS: an operator may build it beforehand without blocking writes (CREATE INDEX CONCURRENTLY, same name).
CREATE INDEX IF NOT EXISTS credit_line_opened_idx ON credit_line (opened_at, application_id);
