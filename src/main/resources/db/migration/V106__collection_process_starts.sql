-- The daily close opens a collection case as a row only; its collection process is started after the
-- close, by a poller on every node (CollectionProcessStarts), each start in the transaction that links it
-- to its case. A case waiting for its process has process_start_due_at set (when the next attempt is due);
-- it is cleared by the start. A failed start is retried (process_start_attempts, the last error kept);
-- after the last attempt the case waits for an operator (logged as an error; the error stays on the row).
ALTER TABLE collection_case ADD COLUMN process_start_due_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE collection_case ADD COLUMN process_start_attempts INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE collection_case ADD COLUMN process_start_error VARCHAR(1000);

-- The cases whose process start is due, oldest first; nearly every row has NULL here (started).
CREATE INDEX collection_case_process_start_idx ON collection_case (process_start_due_at);
