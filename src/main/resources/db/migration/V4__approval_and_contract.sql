-- Approval, contract and the outside services of signing and mortgage registration.

ALTER TABLE loan_application ADD COLUMN approval_decision VARCHAR(40);
ALTER TABLE loan_application ADD COLUMN approved_amount DECIMAL(18, 2);
ALTER TABLE loan_application ADD COLUMN approved_guarantee_type VARCHAR(30);
ALTER TABLE loan_application ADD COLUMN approval_conditions VARCHAR(1000);
ALTER TABLE loan_application ADD COLUMN repayment_method VARCHAR(30);
ALTER TABLE loan_application ADD COLUMN approved_by VARCHAR(64);
ALTER TABLE loan_application ADD COLUMN approved_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE loan_application ADD COLUMN loan_id VARCHAR(32);

-- One vote per committee member and application.
CREATE TABLE committee_vote (
    application_id  VARCHAR(32)   NOT NULL REFERENCES loan_application (id),
    member          VARCHAR(64)   NOT NULL,
    vote            VARCHAR(20)   NOT NULL,
    comment         VARCHAR(1000),
    voted_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (application_id, member)
);

CREATE TABLE loan_contract (
    application_id               VARCHAR(32)   NOT NULL PRIMARY KEY REFERENCES loan_application (id),
    contract_number              VARCHAR(40)   NOT NULL UNIQUE,
    contract_text                VARCHAR(8000) NOT NULL,
    envelope_id                  VARCHAR(40)   NOT NULL,
    generated_at                 TIMESTAMP WITH TIME ZONE NOT NULL,
    signature_id                 VARCHAR(64),
    signed_at                    TIMESTAMP WITH TIME ZONE,
    mortgage_registration_number VARCHAR(64),
    mortgage_registered_at       TIMESTAMP WITH TIME ZONE
);

-- Sandbox of the e-signature service: envelopes sent for signing and their signatures.
CREATE TABLE sandbox_esign_envelope (
    envelope_id       VARCHAR(40)  NOT NULL PRIMARY KEY,
    contract_number   VARCHAR(40)  NOT NULL,
    signer_name       VARCHAR(100) NOT NULL,
    signer_id_number  VARCHAR(18)  NOT NULL,
    status            VARCHAR(20)  NOT NULL,
    signature_id      VARCHAR(64)  UNIQUE,
    signed_at         TIMESTAMP WITH TIME ZONE,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Sandbox of the real-estate / movable-property mortgage registry (线上办抵).
CREATE TABLE sandbox_mortgage_registration (
    registration_number     VARCHAR(64)    NOT NULL PRIMARY KEY,
    credit_code             VARCHAR(18)    NOT NULL,
    collateral_description  VARCHAR(500)   NOT NULL,
    secured_amount          DECIMAL(18, 2) NOT NULL,
    registered_at           TIMESTAMP WITH TIME ZONE NOT NULL
);
