-- Accountability: the customer manager of a loan renewed before the renewal carried the old loan's row over
-- (ResponsibleManagerRecorder.renewed, in the renewal's transaction). Such a renewed loan has no managed_loan row, so
-- nobody's performance counted it, its next renewal was not refused to its manager (审贷分离) and a due-diligence review
-- of it named no customer manager. Each gets the row of the loan it renewed, as the renewal writes it now: the same
-- manager and source, the renewed loan's own application and branch, recorded at the renewed loan's opening. Along a
-- chain of renewals (A renewed by B, B by C, neither B nor C with a row) each loan takes the row of its nearest ancestor
-- that has one. A renewed loan with a row is left as it is, and so is one whose chain reaches no row (nobody answered
-- for the first loan): running the script again inserts nothing. One text for H2 and PostgreSQL.
INSERT INTO managed_loan (loan_id, application_id, branch_code, customer_manager, source, assigned_at)
WITH RECURSIVE lineage (loan_id, ancestor_id) AS (
    SELECT a.loan_id, a.renewal_of
    FROM loan_account a
    WHERE a.renewal_of IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM managed_loan m WHERE m.loan_id = a.loan_id)
  UNION ALL
    SELECT l.loan_id, p.renewal_of
    FROM lineage l JOIN loan_account p ON p.loan_id = l.ancestor_id
    WHERE p.renewal_of IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM managed_loan m WHERE m.loan_id = p.loan_id)
)
SELECT l.loan_id, a.application_id, a.branch_code, m.customer_manager, m.source, a.opened_at
FROM lineage l
JOIN managed_loan m ON m.loan_id = l.ancestor_id
JOIN loan_account a ON a.loan_id = l.loan_id;
