-- Branches are reference data an administrator maintains (package identity, /api/branches): who
-- created and last changed each branch, and its grid (网格): the administrative divisions it
-- covers, as 6-digit county-level GB/T 2260 codes. A unified social credit code carries its
-- registering authority's division in characters 3-8, so an enterprise is routed to the branch
-- whose grid holds that division: one branch per division (primary key on division_code).
-- The demo branches' grids are seeded by DemoData, not here: production has no demo branches.
-- One schema for H2 and PostgreSQL: only types and syntax both understand.

-- Rows written outside BranchService (older versions, SQL by hand) keep the defaults; the service
-- always writes the time and the administrator.
ALTER TABLE branch ADD COLUMN created_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL;
ALTER TABLE branch ADD COLUMN created_by VARCHAR(64) DEFAULT 'system' NOT NULL;
ALTER TABLE branch ADD COLUMN updated_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL;
ALTER TABLE branch ADD COLUMN updated_by VARCHAR(64) DEFAULT 'system' NOT NULL;

CREATE TABLE branch_grid (
    division_code  VARCHAR(6)   NOT NULL,
    branch_code    VARCHAR(10)  NOT NULL REFERENCES branch (code),
    CONSTRAINT branch_grid_pk PRIMARY KEY (division_code)
);

CREATE INDEX branch_grid_branch_idx ON branch_grid (branch_code);
