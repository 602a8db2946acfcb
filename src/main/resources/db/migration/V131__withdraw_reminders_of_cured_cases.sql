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
--
-- Each step is worked out once, for every case at once, into a work table dropped at the end; the rows then take
-- their values from there by its key. The first text of this migration counted each case's withdrawn reminders in a
-- subquery per case, which PostgreSQL, planning with the statistics of before the withdrawal (no WITHDRAWN mail yet),
-- answered by reading every withdrawn mail of the bank again for each case (70 s for 6,800 withdrawn reminders, growing
-- with their square), and paired contacts and reminders by joining two numbered subqueries, which H2 numbers again
-- for each row (hours on a book). No node serves meanwhile (docs/performance.md, "The migrations since V117 at book
-- scale"). What it writes on every row is the same. A database that ran the first text keeps what it wrote, and
-- platform/RewrittenMigrations records this text's checksum for it, so that Flyway still starts.

DROP TABLE IF EXISTS v131_withdrawn_reminder;
DROP TABLE IF EXISTS v131_case_withdrawn;
DROP TABLE IF EXISTS v131_mail_contact;
DROP TABLE IF EXISTS v131_withdrawn_reminder_number;

-- The reminders still waiting (PENDING, FAILED) of the cured cases, each with its case's close and reason. A reminder
-- in the windows of two cases of its loan stops the migration, as the first text's did.
CREATE TABLE v131_withdrawn_reminder (
    mail_id            BIGINT                   NOT NULL PRIMARY KEY,
    withdrawn_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    withdrawal_reason  VARCHAR(300)
);

INSERT INTO v131_withdrawn_reminder (mail_id, withdrawn_at, withdrawal_reason)
SELECT m.id, c.closed_at, LEFT(c.close_reason || ', 催收案件 ' || c.case_id || ' 已结案, 逾期还款提醒不再发送', 300)
FROM mail_outbox m
JOIN collection_case c ON c.loan_id = m.case_id AND c.status = 'CURED' AND c.closed_at IS NOT NULL
  AND m.created_at >= c.opened_at AND m.created_at <= c.closed_at
WHERE m.case_type = 'LOAN' AND m.template = 'OVERDUE_REMINDER' AND m.status IN ('PENDING', 'FAILED');

UPDATE mail_outbox
SET status = 'WITHDRAWN',
    withdrawn_at = (SELECT w.withdrawn_at FROM v131_withdrawn_reminder w WHERE w.mail_id = mail_outbox.id),
    withdrawal_reason = (SELECT w.withdrawal_reason FROM v131_withdrawn_reminder w WHERE w.mail_id = mail_outbox.id)
WHERE id IN (SELECT w.mail_id FROM v131_withdrawn_reminder w);

-- The close reason says so, as the code's does ("; 尚未发出的逾期还款提醒已撤回 (n 封)", n the case's withdrawn
-- reminders), unless it already does: the cases with a withdrawn reminder counted in one grouped join.
CREATE TABLE v131_case_withdrawn (
    case_id    VARCHAR(32) NOT NULL PRIMARY KEY,
    withdrawn  BIGINT      NOT NULL
);

INSERT INTO v131_case_withdrawn (case_id, withdrawn)
SELECT c.case_id, COUNT(*)
FROM mail_outbox m
JOIN collection_case c ON c.loan_id = m.case_id AND c.status = 'CURED' AND c.closed_at IS NOT NULL
  AND c.close_reason NOT LIKE '%尚未发出的逾期还款提醒已撤回%'
  AND m.created_at >= c.opened_at AND m.created_at <= c.closed_at
WHERE m.case_type = 'LOAN' AND m.template = 'OVERDUE_REMINDER' AND m.status = 'WITHDRAWN'
GROUP BY c.case_id;

UPDATE collection_case
SET close_reason = LEFT(close_reason || '; 尚未发出的逾期还款提醒已撤回 ('
    || CAST((SELECT w.withdrawn FROM v131_case_withdrawn w WHERE w.case_id = collection_case.case_id) AS VARCHAR(10))
    || ' 封)', 500)
WHERE case_id IN (SELECT w.case_id FROM v131_case_withdrawn w);

-- The case's contact of each withdrawn reminder no dispatcher held says it was withdrawn. A case queues each reminder
-- and records its mail contact in one transaction, so they pair up in the order they were made. This also corrects
-- the contacts of the reminders withdrawn since V129, before the close changed them itself. The bank's mail contacts
-- and reminders are each numbered once, into a work table keyed by case and number, and the two are then joined by
-- that key (H2 would number a derived table again for each row it is joined to).
CREATE TABLE v131_mail_contact (
    case_id     VARCHAR(32) NOT NULL,
    n           BIGINT      NOT NULL,
    contact_id  BIGINT      NOT NULL,
    PRIMARY KEY (case_id, n)
);

INSERT INTO v131_mail_contact (case_id, n, contact_id)
SELECT case_id, ROW_NUMBER() OVER (PARTITION BY case_id ORDER BY id), id
FROM collection_contact WHERE channel = 'MAIL';

-- The withdrawn reminders no dispatcher held, by their case and their number among its reminders.
CREATE TABLE v131_withdrawn_reminder_number (
    case_id  VARCHAR(32) NOT NULL,
    n        BIGINT      NOT NULL,
    PRIMARY KEY (case_id, n)
);

INSERT INTO v131_withdrawn_reminder_number (case_id, n)
SELECT r.case_id, r.n
FROM (SELECT m.status, m.claim_owner, c.case_id, ROW_NUMBER() OVER (PARTITION BY c.case_id ORDER BY m.id) AS n
      FROM mail_outbox m
      JOIN collection_case c ON m.case_type = 'LOAN' AND m.case_id = c.loan_id AND m.template = 'OVERDUE_REMINDER'
        AND m.created_at >= c.opened_at AND (c.closed_at IS NULL OR m.created_at <= c.closed_at)) r
WHERE r.status = 'WITHDRAWN' AND r.claim_owner IS NULL;

UPDATE collection_contact
SET outcome = 'REMINDER_WITHDRAWN'
WHERE outcome = 'MAIL_SENT' AND channel = 'MAIL'
  AND id IN (SELECT k.contact_id
             FROM v131_withdrawn_reminder_number r
             JOIN v131_mail_contact k ON k.case_id = r.case_id AND k.n = r.n);

DROP TABLE v131_withdrawn_reminder;
DROP TABLE v131_case_withdrawn;
DROP TABLE v131_mail_contact;
DROP TABLE v131_withdrawn_reminder_number;
