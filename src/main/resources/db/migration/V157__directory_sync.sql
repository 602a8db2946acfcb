-- The directory's re-sync (identity/DirectorySync): one node per interval brings the grants by which a branch's staff
-- read each other and the central staff who hold branch tasks up to date with the directory's memberships (LDAP's
-- change outside the engine). A node whose last re-sync here is older than the interval claims the row (claimed_by,
-- claimed_until: a lease, so no transaction stays open during the re-sync), re-syncs, and stores when it began; a
-- node that dies while re-syncing leaves a claim that expires after one interval. One row (id 1).
CREATE TABLE directory_sync (
    id            INTEGER       NOT NULL PRIMARY KEY,
    synced_at     TIMESTAMP WITH TIME ZONE,
    synced_by     VARCHAR(200),
    claimed_by    VARCHAR(200),
    claimed_until TIMESTAMP WITH TIME ZONE,
    CONSTRAINT directory_sync_one_row CHECK (id = 1)
);

INSERT INTO directory_sync (id) VALUES (1);
