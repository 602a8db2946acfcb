-- Who froze a credit line last, and when (frozen_by, frozen_at; null while the line is not frozen, and on a line frozen
-- before V149). The annual review's 年审额度 form records which freeze it showed; a customer manager's 维持额度, which lifts
-- the freeze, is refused when the line was frozen after that (a post-loan check froze it while the form was open), naming
-- who froze it, when and why.
--
-- status_reason: a review's 冻结额度 of a line already frozen keeps the reason it was frozen for and adds its own, so a
-- check's findings are not replaced by the review's. The longest: a check's "贷后检查 <check id, 32> 冻结额度: " and its
-- findings (2000), 2044 characters, then "; 第N年年审冻结: " (11) and a customer manager's reason (1000) for each of the
-- line's two reviews (a line is valid three years: reviews on the first and second anniversaries, expiry on the third):
-- 2044 + 2 x 1011 = 4066. 4100 holds it. SET DATA TYPE, as V143: the one form H2 and PostgreSQL both understand; a wider
-- VARCHAR rewrites no table on PostgreSQL.
ALTER TABLE credit_line ADD COLUMN frozen_by VARCHAR(64);
ALTER TABLE credit_line ADD COLUMN frozen_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE credit_line ALTER COLUMN status_reason SET DATA TYPE VARCHAR(4100);
