-- A loan a renewal opened (无还本续贷) is found by its renewal's new_loan_id (RenewalRepository.findByNewLoan): the
-- due-diligence review names that renewal's decider as the loan's 审批人 (DueDiligenceReviewService.officers), shows
-- the renewal's decision among the approvals and refuses that person as the loan's reviewer. Without this index each
-- look-up read the whole loan_renewal table; with it, one key. Not unique: a renewal not yet posted has none.
-- IF NOT EXISTS: an operator may build it beforehand without blocking writes (CREATE INDEX CONCURRENTLY, same name).
-- One schema for H2 and PostgreSQL: only types and syntax both understand.
CREATE INDEX IF NOT EXISTS loan_renewal_new_loan_idx ON loan_renewal (new_loan_id);
