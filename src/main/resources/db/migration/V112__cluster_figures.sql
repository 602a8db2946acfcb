-- The cluster-wide operations figures (operations/OperationsMetrics: applications, postings, mails, jobs, incidents,
-- open tasks per group), read from the database by one node per refresh interval and shown by every node. A node
-- whose figures here are older than the interval claims the row (claimed_by, claimed_until: a lease, so no
-- transaction stays open while the figures are read), reads them, and stores them with the instant it began;
-- the other nodes take the stored figures. A node that dies while reading leaves a claim that expires after one
-- interval. One row (id 1).
-- One schema for H2 and PostgreSQL: only types and syntax both understand (JSON as VARCHAR text).
CREATE TABLE cluster_figures (
    id            INTEGER       NOT NULL PRIMARY KEY,
    figures_json  VARCHAR(1000000),
    read_at       TIMESTAMP WITH TIME ZONE,
    read_by       VARCHAR(200),
    claimed_by    VARCHAR(200),
    claimed_until TIMESTAMP WITH TIME ZONE,
    CONSTRAINT cluster_figures_one_row CHECK (id = 1)
);

INSERT INTO cluster_figures (id) VALUES (1);
