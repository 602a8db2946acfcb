-- Collections: a case's mail contact (an overdue reminder, 逾期还款提醒) names its mail. Until now the contact did not
-- say which outbox row it recorded: the withdrawal of a case's reminders (and V131) paired reminders and mail contacts
-- by order, and the contact said 已发送提醒 from the moment the mail was queued, even while it waited (PENDING) or had
-- failed. From now on CollectionCaseService#remind stores the queued mail's id, withdrawals mark the contact of that
-- mail, and staff read what became of the mail from its status (CollectionRepository#contacts).
--
-- The mail contacts recorded before are backfilled by the pairing V131 used: a case queues each reminder and records
-- its mail contact in one transaction, so the case's reminders (the loan's OVERDUE_REMINDER mails queued while it was
-- open) and its mail contacts pair up in the order they were made. No foreign key, as no other table has one to the
-- outbox. A contact already naming its mail is left as it is. One schema for H2 and PostgreSQL: only syntax both understand.
--
-- Each step is worked out once, for every case at once, into a work table dropped at the end: the bank's mail contacts
-- and its reminders are each numbered once, into a table keyed by case and number; the two are joined by that key into
-- a table keyed by contact; each contact then takes its mail from there by its key. The first text of this migration
-- asked for the pairing in a subquery per contact, which worked out the numbering of every mail contact and every
-- reminder of the bank again for each contact (about 19 days at a book of 150,000 mail contacts on PostgreSQL); the second
-- joined the two numberings as subqueries, which H2 numbers again for each row it joins (7 to 30 hours on H2 at that
-- book, by the square of what a tenth and a fiftieth of it took). No node serves meanwhile (docs/performance.md, "The migrations since V117 at book scale"). The pairing, and
-- so every mail_id written, is the same. A database that ran an earlier text keeps what it wrote, and
-- platform/RewrittenMigrations records this text's checksum for it, so that Flyway still starts.

ALTER TABLE collection_contact ADD COLUMN IF NOT EXISTS mail_id BIGINT;

DROP TABLE IF EXISTS v132_mail_contact;
DROP TABLE IF EXISTS v132_reminder;
DROP TABLE IF EXISTS v132_contact_mail;

-- The bank's mail contacts, by their case and their number among its mail contacts.
CREATE TABLE v132_mail_contact (
    case_id     VARCHAR(32) NOT NULL,
    n           BIGINT      NOT NULL,
    contact_id  BIGINT      NOT NULL,
    PRIMARY KEY (case_id, n)
);

INSERT INTO v132_mail_contact (case_id, n, contact_id)
SELECT case_id, ROW_NUMBER() OVER (PARTITION BY case_id ORDER BY id), id
FROM collection_contact WHERE channel = 'MAIL';

-- The bank's reminders, by their case and their number among its reminders.
CREATE TABLE v132_reminder (
    case_id  VARCHAR(32) NOT NULL,
    n        BIGINT      NOT NULL,
    mail_id  BIGINT      NOT NULL,
    PRIMARY KEY (case_id, n)
);

INSERT INTO v132_reminder (case_id, n, mail_id)
SELECT c.case_id, ROW_NUMBER() OVER (PARTITION BY c.case_id ORDER BY m.id), m.id
FROM mail_outbox m
JOIN collection_case c ON m.case_type = 'LOAN' AND m.case_id = c.loan_id AND m.template = 'OVERDUE_REMINDER'
  AND m.created_at >= c.opened_at AND (c.closed_at IS NULL OR m.created_at <= c.closed_at);

-- Each mail contact's reminder: the one of its case with its number.
CREATE TABLE v132_contact_mail (
    contact_id  BIGINT NOT NULL PRIMARY KEY,
    mail_id     BIGINT NOT NULL
);

INSERT INTO v132_contact_mail (contact_id, mail_id)
SELECT k.contact_id, r.mail_id
FROM v132_mail_contact k
JOIN v132_reminder r ON r.case_id = k.case_id AND r.n = k.n;

UPDATE collection_contact
SET mail_id = (SELECT p.mail_id FROM v132_contact_mail p WHERE p.contact_id = collection_contact.id)
WHERE channel = 'MAIL' AND mail_id IS NULL AND id IN (SELECT p.contact_id FROM v132_contact_mail p);

DROP TABLE v132_mail_contact;
DROP TABLE v132_reminder;
DROP TABLE v132_contact_mail;
