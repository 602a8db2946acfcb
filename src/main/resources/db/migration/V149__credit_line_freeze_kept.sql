-- Who froze a credit line last, and when (frozen_by, frozen_at; null while the line is not frozen, and on a line frozen
-- before V149). The annual review's 年审额度 form records which freeze it showed; a customer manager's 维持额度, which lifts
-- the freeze, is refused when the line was frozen after that (a post-loan check froze it while the form was open), naming
-- who froze it, when and why.
ALTER TABLE credit_line ADD COLUMN frozen_by VARCHAR(64);
ALTER TABLE credit_line ADD COLUMN frozen_at TIMESTAMP WITH TIME ZONE;
