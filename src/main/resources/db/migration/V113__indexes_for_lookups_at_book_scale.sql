-- Three look-ups by a column no index had: PostgreSQL read the whole table for each, and each table grows with the
-- book (docs/performance.md, "The application's own look-ups at book scale"). IF NOT EXISTS: on a large database an
-- operator may build them beforehand without blocking writes (CREATE INDEX CONCURRENTLY with the same names).

-- A loan's monitoring page lists the credit line instructions of its checks, newest first
-- (monitoring/CheckRepository.INSTRUCTIONS_OF_LOAN).
CREATE INDEX IF NOT EXISTS line_instruction_loan_idx ON line_instruction (loan_id, id);

-- Every loan account opened (disbursement, drawdown, renewal) asks which whitelist prospect, if any, led to its
-- application (campaign/CampaignRepository.PROSPECT_OF_APPLICATION).
CREATE INDEX IF NOT EXISTS prospect_application_idx ON prospect (application_id);

-- Every contract sent for signature asks the e-signature sandbox for an envelope of the same contract first
-- (disbursement/SandboxESignature.ENVELOPE_OF_CONTRACT), so that a repeated send returns the same envelope.
CREATE INDEX IF NOT EXISTS sandbox_esign_envelope_contract_idx ON sandbox_esign_envelope (contract_number);
