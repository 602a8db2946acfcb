-- Three look-ups by a column no index had: PostgreSQL read the whole table for each, and each table grows with the
-- book (docs/performance.md, "The application's own look-ups at book scale").

-- A loan's monitoring page lists the credit line instructions of its checks, newest first
-- (monitoring/CheckRepository.INSTRUCTIONS_OF_LOAN).
CREATE INDEX line_instruction_loan_idx ON line_instruction (loan_id, id);

-- Every loan account opened (disbursement, drawdown, renewal) asks which whitelist prospect, if any, led to its
-- application (campaign/CampaignRepository.PROSPECT_OF_APPLICATION).
CREATE INDEX prospect_application_idx ON prospect (application_id);

-- Every contract sent for signature asks the e-signature sandbox for an envelope of the same contract first
-- (disbursement/SandboxESignature.ENVELOPE_OF_CONTRACT), so that a repeated send returns the same envelope.
CREATE INDEX sandbox_esign_envelope_contract_idx ON sandbox_esign_envelope (contract_number);
