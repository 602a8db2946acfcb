-- The bank's calendar (platform): which days are working days. Monday to Friday are, Saturday and Sunday
-- are not, except as the State Council's holiday notice for the year says: public holidays (放假) are not
-- working days, make-up working days (调休上班, a Saturday or Sunday) are. An administrator loads each
-- year's table over PUT /api/bank-calendar/{year} when the notice is published (usually in November of
-- the year before). A year without a table counts Monday to Friday only (logged as a warning).
-- SLA deadlines (working hours) and the models' working-day timers are counted on it.
-- One schema for H2 and PostgreSQL: only types and syntax both understand.

CREATE TABLE bank_calendar_year (
    calendar_year  INTEGER       NOT NULL PRIMARY KEY,
    source         VARCHAR(500),
    loaded_by      VARCHAR(64)   NOT NULL,
    loaded_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE bank_calendar_day (
    calendar_day   DATE          NOT NULL PRIMARY KEY,
    calendar_year  INTEGER       NOT NULL REFERENCES bank_calendar_year (calendar_year),
    kind           VARCHAR(20)   NOT NULL CHECK (kind IN ('HOLIDAY', 'MAKE_UP_WORKING_DAY')),
    name           VARCHAR(50)   NOT NULL
);

CREATE INDEX bank_calendar_day_year_idx ON bank_calendar_day (calendar_year);

-- 2026, as published: 国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04). Every day off of each holiday
-- is listed, weekend days included, so the table reads like the notice.
INSERT INTO bank_calendar_year (calendar_year, source, loaded_by, loaded_at) VALUES
    (2026, '国务院办公厅关于2026年部分节假日安排的通知(2025年11月4日)', 'migration', CURRENT_TIMESTAMP);

INSERT INTO bank_calendar_day (calendar_day, calendar_year, kind, name) VALUES
    (DATE '2026-01-01', 2026, 'HOLIDAY', '元旦'),
    (DATE '2026-01-02', 2026, 'HOLIDAY', '元旦'),
    (DATE '2026-01-03', 2026, 'HOLIDAY', '元旦'),
    (DATE '2026-01-04', 2026, 'MAKE_UP_WORKING_DAY', '元旦调休上班'),
    (DATE '2026-02-14', 2026, 'MAKE_UP_WORKING_DAY', '春节调休上班'),
    (DATE '2026-02-15', 2026, 'HOLIDAY', '春节'),
    (DATE '2026-02-16', 2026, 'HOLIDAY', '春节'),
    (DATE '2026-02-17', 2026, 'HOLIDAY', '春节'),
    (DATE '2026-02-18', 2026, 'HOLIDAY', '春节'),
    (DATE '2026-02-19', 2026, 'HOLIDAY', '春节'),
    (DATE '2026-02-20', 2026, 'HOLIDAY', '春节'),
    (DATE '2026-02-21', 2026, 'HOLIDAY', '春节'),
    (DATE '2026-02-22', 2026, 'HOLIDAY', '春节'),
    (DATE '2026-02-23', 2026, 'HOLIDAY', '春节'),
    (DATE '2026-02-28', 2026, 'MAKE_UP_WORKING_DAY', '春节调休上班'),
    (DATE '2026-04-04', 2026, 'HOLIDAY', '清明节'),
    (DATE '2026-04-05', 2026, 'HOLIDAY', '清明节'),
    (DATE '2026-04-06', 2026, 'HOLIDAY', '清明节'),
    (DATE '2026-05-01', 2026, 'HOLIDAY', '劳动节'),
    (DATE '2026-05-02', 2026, 'HOLIDAY', '劳动节'),
    (DATE '2026-05-03', 2026, 'HOLIDAY', '劳动节'),
    (DATE '2026-05-04', 2026, 'HOLIDAY', '劳动节'),
    (DATE '2026-05-05', 2026, 'HOLIDAY', '劳动节'),
    (DATE '2026-05-09', 2026, 'MAKE_UP_WORKING_DAY', '劳动节调休上班'),
    (DATE '2026-06-19', 2026, 'HOLIDAY', '端午节'),
    (DATE '2026-06-20', 2026, 'HOLIDAY', '端午节'),
    (DATE '2026-06-21', 2026, 'HOLIDAY', '端午节'),
    (DATE '2026-09-20', 2026, 'MAKE_UP_WORKING_DAY', '国庆节调休上班'),
    (DATE '2026-09-25', 2026, 'HOLIDAY', '中秋节'),
    (DATE '2026-09-26', 2026, 'HOLIDAY', '中秋节'),
    (DATE '2026-09-27', 2026, 'HOLIDAY', '中秋节'),
    (DATE '2026-10-01', 2026, 'HOLIDAY', '国庆节'),
    (DATE '2026-10-02', 2026, 'HOLIDAY', '国庆节'),
    (DATE '2026-10-03', 2026, 'HOLIDAY', '国庆节'),
    (DATE '2026-10-04', 2026, 'HOLIDAY', '国庆节'),
    (DATE '2026-10-05', 2026, 'HOLIDAY', '国庆节'),
    (DATE '2026-10-06', 2026, 'HOLIDAY', '国庆节'),
    (DATE '2026-10-07', 2026, 'HOLIDAY', '国庆节'),
    (DATE '2026-10-10', 2026, 'MAKE_UP_WORKING_DAY', '国庆节调休上班');
