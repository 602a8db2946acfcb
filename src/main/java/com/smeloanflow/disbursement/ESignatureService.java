package com.smeloanflow.disbursement;

import java.time.Instant;
import java.util.Optional;

/**
 * The e-signature service the applicant and the guarantors sign their contracts in. The bank sends a
 * contract as an envelope; the signer signs in the channel; the channel reports the signature id,
 * which the bank verifies here before it treats the contract as signed. A contract the bank withdraws
 * (not signed in time, disbursement declined) is cancelled in the service, signed or not.
 */
public interface ESignatureService {

  /** A contract to be signed by one signer (the legal representative, or a guarantor). */
  record Envelope(String contractNumber, String signerName, String signerIdNumber, String contractText) {}

  /** A completed signature: which contract, signed by whom, when. */
  record Signature(String signatureId, String envelopeId, String contractNumber, String signerIdNumber, Instant signedAt) {}

  /** Sends the contract for signing; sending the same contract again returns the same envelope id. */
  String send(Envelope envelope);

  Optional<Signature> findSignature(String signatureId);

  /** Cancels (voids) the envelope and a signature on it; cancelling again changes nothing. */
  void cancel(String envelopeId);
}
