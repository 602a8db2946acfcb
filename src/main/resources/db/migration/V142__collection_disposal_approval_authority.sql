-- Who was entitled to approve a legal-action or write-off proposal (审批权限), kept with the proposal for as long as the
-- bank keeps it: the engine's decision history of disposal-approval-authority lives 180 days only. Written when the
-- proposal is recorded, in the same transaction, from the decision table: approver_group the candidate group of
-- 审批诉讼或核销建议 (collections, credit-committee-chair), authority_principal the loan's outstanding principal (CNY) it
-- was decided on, authority_reason the table's reason (in Chinese, its first 1,000 characters). A decision (decided_by) is only ever taken by a
-- member of approver_group. Null on proposals recorded before this version: none can be derived from history.
-- One schema for H2 and PostgreSQL.
ALTER TABLE collection_disposal ADD COLUMN approver_group VARCHAR(64);
ALTER TABLE collection_disposal ADD COLUMN authority_principal DECIMAL(18, 2);
ALTER TABLE collection_disposal ADD COLUMN authority_reason VARCHAR(1000);
