-- Accountability (专项考核, 尽职免责): who answers for each loan, and the due-diligence reviews of loans
-- that turned non-performing. Accountability owns every table here. One schema for H2 and PostgreSQL.

-- The customer manager responsible for a loan, recorded when servicing opens its account: the whitelist
-- prospect's manager (source WHITELIST), else the manager who investigated the applicant on site
-- (FIELD_INVESTIGATION). A loan with neither has no row (nobody's performance counts it).
CREATE TABLE managed_loan (
    loan_id           VARCHAR(32)   NOT NULL PRIMARY KEY,
    application_id    VARCHAR(32)   NOT NULL,
    branch_code       VARCHAR(10)   NOT NULL,
    customer_manager  VARCHAR(64)   NOT NULL,
    source            VARCHAR(30)   NOT NULL CHECK (source IN ('WHITELIST', 'FIELD_INVESTIGATION')),
    assigned_at       TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX managed_loan_manager_idx ON managed_loan (customer_manager);
CREATE INDEX managed_loan_branch_idx ON managed_loan (branch_code);
