-- Whether an application ever reached a status is a look-up of its STATUS_... events (casefile/CaseFiles.reached);
-- the campaign funnel asks it for every application its prospects made. By the application's index alone each
-- look-up read all of the application's events from the table: 100,000 applications, 1.8-2.0 ms per 100, the
-- whole-bank funnel 2.1-2.6 s; with this index 0.63 ms per 100 and 1.2 s (docs/performance.md, "The manager
-- dashboard's campaign funnel"). Each event written costs one more index entry (10-25 microseconds measured).
-- IF NOT EXISTS: on a large database an operator may build it beforehand without blocking writes (CREATE INDEX
-- CONCURRENTLY with the same name); on 7,950,169 events it took 14 s.
CREATE INDEX IF NOT EXISTS application_event_type_idx ON application_event (application_id, event_type);
