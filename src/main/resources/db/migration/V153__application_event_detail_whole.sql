-- The history of an application keeps a detail whole (application_event.detail was VARCHAR(2000), and ApplicationHistory
-- cut a detail at 2,000 characters). A credit line's history wrote longer ones: a post-loan check's freeze, its heading
-- and 2,000 characters of findings, 2,085 characters; an annual review's 冻结额度 or 维持额度 of a frozen line, its heading,
-- the customer manager's reason (1,000) and the line's reason it keeps (credit_line.status_reason, 4,100 since V149),
-- 5,152 characters. 6,000 holds them. SET DATA TYPE, as V143 and V149: the one form H2 and PostgreSQL both understand; a
-- wider VARCHAR rewrites no table on PostgreSQL.
ALTER TABLE application_event ALTER COLUMN detail SET DATA TYPE VARCHAR(6000);
