-- What the loan's open collection case did with an approved reclassification, as staff read it in the monitoring
-- view (e.g. 风险分类调整为次级, 催收安排不变 (…), or 催收案件立即复评: …). Written once by 通知催收复评; NULL while
-- collections has not been told, or when the loan had no open case.
ALTER TABLE reclassification_proposal ADD COLUMN collections_note VARCHAR(500);
