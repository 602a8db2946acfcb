-- When each document a disbursement supplement round asked for arrived, and how: uploaded through a channel or
-- registered at the branch (登记放款补充资料). The disbursement checker sees what was asked, what arrived when and what
-- is still missing.
CREATE TABLE disbursement_supplement_arrival (
    application_id  VARCHAR(32)    NOT NULL,
    round           INTEGER        NOT NULL,
    document        VARCHAR(40)    NOT NULL,
    arrived_via     VARCHAR(16)    NOT NULL,
    arrived_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    arrived_by      VARCHAR(64)    NOT NULL,
    PRIMARY KEY (application_id, round, document),
    FOREIGN KEY (application_id, round) REFERENCES disbursement_supplement (application_id, round)
);
