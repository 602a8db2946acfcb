-- Whitelist imports one at a time (CampaignService.importWhitelist): an import locks this table's one row before it
-- checks its lines against the open prospects and reads the managers' workload, and holds it until it commits. Two
-- imports at once (the same file posted again while the first still ran, two overlapping whitelists) each found no
-- open prospect of an enterprise and both made one: two managers of the branch called the same enterprise.
-- One schema for H2 and PostgreSQL: only types and syntax both understand.
CREATE TABLE campaign_import_lock (
    id  INTEGER NOT NULL PRIMARY KEY
);

INSERT INTO campaign_import_lock (id) VALUES (1);
