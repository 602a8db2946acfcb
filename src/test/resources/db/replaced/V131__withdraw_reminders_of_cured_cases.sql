-- Collections: an overdue reminder (逾期还款提醒) still in the outbox when its case ended, cured (逾期欠款已结清) or settled
-- (贷款已结清), is withdrawn since V129 (CollectionCaseService#withdrawReminders). The reminders of cases that ended
-- before V129 were not: a FAILED one still waits for an operator's re-queue, which would tell a borrower who has paid
-- that they are overdue (and a PENDING one would still go out). They are withdrawn now as the case's close would have
-- withdrawn them: WITHDRAWN as of the case's close, with the reason the code gives, the close reason noting it, and the
-- case's contact for it saying 提醒已撤回 (未发出) instead of 已发送提醒. Cases written off, or still open, are left
-- alone, as are a loan's other mails and the reminders already sent.
--
-- A case's reminders are the loan's OVERDUE_REMINDER mails queued while it was open (the code's "queued at or after
-- the case opened" while it is open). One schema for H2 and PostgreSQL: only syntax both understand.

UPDATE mail_outbox
SET status = 'WITHDRAWN',
    withdrawn_at = (SELECT c.closed_at FROM collection_case c
                    WHERE c.loan_id = mail_outbox.case_id AND c.status = 'CURED' AND c.closed_at IS NOT NULL
                      AND mail_outbox.created_at >= c.opened_at AND mail_outbox.created_at <= c.closed_at),
    withdrawal_reason = (SELECT LEFT(c.close_reason || ', 催收案件 ' || c.case_id || ' 已结案, 逾期还款提醒不再发送', 300)
                         FROM collection_case c
                         WHERE c.loan_id = mail_outbox.case_id AND c.status = 'CURED' AND c.closed_at IS NOT NULL
                           AND mail_outbox.created_at >= c.opened_at AND mail_outbox.created_at <= c.closed_at)
WHERE case_type = 'LOAN' AND template = 'OVERDUE_REMINDER' AND status IN ('PENDING', 'FAILED')
  AND EXISTS (SELECT 1 FROM collection_case c
              WHERE c.loan_id = mail_outbox.case_id AND c.status = 'CURED' AND c.closed_at IS NOT NULL
                AND mail_outbox.created_at >= c.opened_at AND mail_outbox.created_at <= c.closed_at);

-- The close reason says so, as the code's does ("; 尚未发出的逾期还款提醒已撤回 (n 封)"), unless it already does.
UPDATE collection_case
SET close_reason = LEFT(close_reason || '; 尚未发出的逾期还款提醒已撤回 ('
    || CAST((SELECT COUNT(*) FROM mail_outbox m
             WHERE m.case_type = 'LOAN' AND m.case_id = collection_case.loan_id AND m.template = 'OVERDUE_REMINDER'
               AND m.status = 'WITHDRAWN' AND m.created_at >= collection_case.opened_at
               AND m.created_at <= collection_case.closed_at) AS VARCHAR(10))
    || ' 封)', 500)
WHERE status = 'CURED' AND closed_at IS NOT NULL AND close_reason NOT LIKE '%尚未发出的逾期还款提醒已撤回%'
  AND EXISTS (SELECT 1 FROM mail_outbox m
              WHERE m.case_type = 'LOAN' AND m.case_id = collection_case.loan_id AND m.template = 'OVERDUE_REMINDER'
                AND m.status = 'WITHDRAWN' AND m.created_at >= collection_case.opened_at
                AND m.created_at <= collection_case.closed_at);

-- The case's contact of each withdrawn reminder no dispatcher held says it was withdrawn. A case queues each reminder
-- and records its mail contact in one transaction, so they pair up in the order they were made. This also corrects
-- the contacts of the reminders withdrawn since V129, before the close changed them itself.
UPDATE collection_contact
SET outcome = 'REMINDER_WITHDRAWN'
WHERE outcome = 'MAIL_SENT' AND channel = 'MAIL'
  AND id IN (
    SELECT k.id
    FROM (SELECT id, case_id, ROW_NUMBER() OVER (PARTITION BY case_id ORDER BY id) AS n
          FROM collection_contact WHERE channel = 'MAIL') k
    JOIN (SELECT m.status, m.claim_owner, c.case_id, ROW_NUMBER() OVER (PARTITION BY c.case_id ORDER BY m.id) AS n
          FROM mail_outbox m
          JOIN collection_case c ON m.case_type = 'LOAN' AND m.case_id = c.loan_id AND m.template = 'OVERDUE_REMINDER'
            AND m.created_at >= c.opened_at AND (c.closed_at IS NULL OR m.created_at <= c.closed_at)) r
      ON r.case_id = k.case_id AND r.n = k.n
    WHERE r.status = 'WITHDRAWN' AND r.claim_owner IS NULL);
