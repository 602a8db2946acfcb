-- 审批续贷申请's internal note: the form takes up to 1000 characters (as 复核续贷金额's, V107), the column took
-- 500, so a longer note failed in the database instead of with a message naming the field.
-- SET DATA TYPE: the one form H2 and PostgreSQL both understand.
ALTER TABLE loan_renewal ALTER COLUMN decision_note SET DATA TYPE VARCHAR(1000);
