package com.smeloanflow.disbursement;

import java.time.Instant;
import java.util.Optional;

/**
 * The e-signature service the applicant signs the contract in. The bank sends the contract as an
 * envelope; the applicant signs in the channel; the channel reports the signature id, which the
 * bank verifies here before it treats the contract as signed.
 */
public interface ESignatureService {

  /** A contract to be signed by the legal representative. */
  record Envelope(String contractNumber, String signerName, String signerIdNumber, String contractText) {}

  /** A completed signature: which contract, signed by whom, when. */
  record Signature(String signatureId, String envelopeId, String contractNumber, String signerIdNumber, Instant signedAt) {}

  /** Sends the contract for signing; sending the same contract again returns the same envelope id. */
  String send(Envelope envelope);

  Optional<Signature> findSignature(String signatureId);
}
