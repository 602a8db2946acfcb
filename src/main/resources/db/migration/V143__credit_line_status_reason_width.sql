-- Why a line is not ACTIVE: a post-loan check's 压降或冻结额度 writes "贷后检查 <check id> <measure>: " and the check's
-- findings (the check forms take up to 2000 characters), the annual review "第N年年审冻结: " and the customer manager's
-- reason (up to 1000). The column took 500, so a check with longer findings failed in the database (its measure was not
-- carried out and the line stayed drawable), and so did 年审额度 with a longer reason. 2100 holds the longest.
-- SET DATA TYPE: the one form H2 and PostgreSQL both understand; a wider VARCHAR rewrites no table on PostgreSQL.
ALTER TABLE credit_line ALTER COLUMN status_reason SET DATA TYPE VARCHAR(2100);
