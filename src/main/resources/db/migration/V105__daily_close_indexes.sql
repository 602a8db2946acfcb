-- The daily close works only on the loans with something to do that day (LedgerCloseStatements): it finds
-- them through these indexes instead of reading every instalment of every loan in the book.
-- Instalments by status within a chunk's range of loans: those falling due (status DUE, due date by the
-- day, read from the index), the overdue ones (penalty interest, days past due), and the unpaid ones (a
-- loan with none left is settled).
CREATE INDEX repayment_instalment_status_loan_idx ON repayment_instalment (status, loan_id, due_date);
-- The overdue loans the close hands to collections, in loan-id order.
CREATE INDEX loan_account_days_past_due_idx ON loan_account (days_past_due, loan_id);
