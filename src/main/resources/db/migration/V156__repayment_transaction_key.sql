-- Core banking's transaction id is unique in the bank, not per loan, and its case carries no meaning: TX-001 and
-- tx-001 are one bank transaction. transaction_key is the id in upper case, unique over all loans (repayments and
-- recoveries alike), so one transaction is credited to one loan once: a report of it for another loan, in any case and
-- also when both reports race, is refused (409 TRANSACTION_ID_REUSED naming the loan it was credited to). An index on
-- an expression (UPPER(transaction_id)) is PostgreSQL's only; a column written by RepaymentRepository works on both.
-- Rows stored before this migration may hold one id in two cases (on two loans, or on one loan before the loan's own
-- rows were compared in any case): the first stored (lowest sequence_no) keeps the key, each later one keeps its money
-- and gets a key of its own, the key and '#' and its sequence_no, which no id can be (ids have no '#'). Reports and
-- reversals of such a later row by its exact id, or on its loan in any case, still find it.
-- One schema for H2 and PostgreSQL.
ALTER TABLE loan_repayment ADD COLUMN transaction_key VARCHAR(90);

UPDATE loan_repayment SET transaction_key = UPPER(transaction_id);

UPDATE loan_repayment r SET transaction_key = UPPER(r.transaction_id) || '#' || CAST(r.sequence_no AS VARCHAR(20))
WHERE EXISTS (SELECT 1 FROM loan_repayment e WHERE UPPER(e.transaction_id) = UPPER(r.transaction_id)
  AND e.sequence_no < r.sequence_no);

ALTER TABLE loan_repayment ALTER COLUMN transaction_key SET NOT NULL;

CREATE UNIQUE INDEX loan_repayment_transaction_key_idx ON loan_repayment (transaction_key);
