package com.smeloanflow.disbursement;

import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.platform.StateConflictException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sandbox of the e-signature service (default; a real adapter implements {@link ESignatureService}).
 * Keeps envelopes in {@code sandbox_esign_envelope}; {@link #sign(String)} plays the applicant
 * signing in the channel (exposed to testers by {@link SandboxSigningController}). For tests it can be down
 * on demand ({@link #downFor}), or refuse to cancel an envelope ({@link #refuseToCancel}).
 */
@Component
public class SandboxESignature implements ESignatureService {

  /** The envelope already sent for a contract; served by {@code sandbox_esign_envelope_contract_idx} (V113). */
  static final String ENVELOPE_OF_CONTRACT = "SELECT envelope_id FROM sandbox_esign_envelope WHERE contract_number = :c";

  private final JdbcClient jdbc;
  private final BusinessClock clock;
  /** How many of the bank's next calls (send, cancel, look up a signature) fail as if the service were down. */
  private final AtomicInteger callsWhileDown = new AtomicInteger();
  /** Envelopes the service refuses to cancel, at every call, until {@link #up()}. */
  private final Set<String> refusedCancellations = ConcurrentHashMap.newKeySet();

  public SandboxESignature(JdbcClient jdbc, BusinessClock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** The service is down for the bank's next {@code calls} calls: each fails without doing anything. */
  public void downFor(int calls) {
    if (calls < 0) {
      throw new IllegalArgumentException("Number of failing calls must not be negative, was " + calls);
    }
    callsWhileDown.set(calls);
  }

  /** The service refuses every request to cancel this envelope (while up for all others), until {@link #up()}. */
  public void refuseToCancel(String envelopeId) {
    refusedCancellations.add(envelopeId);
  }

  /** The service is up again, and refuses nothing. */
  public void up() {
    callsWhileDown.set(0);
    refusedCancellations.clear();
  }

  private void failWhileDown() {
    if (callsWhileDown.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
      throw new IllegalStateException("Sandbox e-signature service unavailable (a failure injected by a test or demo)");
    }
  }

  @Override
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public String send(Envelope envelope) {
    failWhileDown();
    Optional<String> existing = jdbc.sql(ENVELOPE_OF_CONTRACT)
        .param("c", envelope.contractNumber()).query(String.class).optional();
    if (existing.isPresent()) {
      return existing.get();
    }
    String envelopeId = "ENV-" + UUID.randomUUID().toString().substring(0, 18).toUpperCase();
    jdbc.sql("""
        INSERT INTO sandbox_esign_envelope (envelope_id, contract_number, signer_name, signer_id_number, status, created_at)
        VALUES (:e, :c, :n, :id, 'SENT', :at)
        """)
        .param("e", envelopeId).param("c", envelope.contractNumber()).param("n", envelope.signerName())
        .param("id", envelope.signerIdNumber()).param("at", Timestamp.from(clock.now()))
        .update();
    return envelopeId;
  }

  /** The signer signs the envelope; signing again returns the same signature. */
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public Signature sign(String envelopeId) {
    String status = jdbc.sql("SELECT status FROM sandbox_esign_envelope WHERE envelope_id = :e")
        .param("e", envelopeId).query(String.class).optional()
        .orElseThrow(() -> new IllegalArgumentException("No envelope " + envelopeId));
    if ("CANCELLED".equals(status)) {
      // The bank withdrew the contract (a renewal or an application that lapsed unsigned): the signer is refused, 409.
      throw new StateConflictException("电子签约信封 " + envelopeId + " 已被银行撤销, 合同不能再签署 (envelope " + envelopeId
          + " was cancelled by the bank and can no longer be signed)");
    }
    if (!"SIGNED".equals(status)) {
      jdbc.sql("UPDATE sandbox_esign_envelope SET status = 'SIGNED', signature_id = :s, signed_at = :at WHERE envelope_id = :e")
          .param("s", "SIG-" + UUID.randomUUID()).param("at", Timestamp.from(clock.now())).param("e", envelopeId)
          .update();
    }
    return jdbc.sql("SELECT * FROM sandbox_esign_envelope WHERE envelope_id = :e").param("e", envelopeId)
        .query((rs, row) -> new Signature(rs.getString("signature_id"), envelopeId, rs.getString("contract_number"),
            rs.getString("signer_id_number"), rs.getObject("signed_at", OffsetDateTime.class).toInstant()))
        .single();
  }

  @Override
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public void cancel(String envelopeId) {
    failWhileDown();
    if (refusedCancellations.contains(envelopeId)) {
      throw new IllegalStateException("Sandbox e-signature service refuses to cancel envelope " + envelopeId
          + " (a refusal injected by a test)");
    }
    jdbc.sql("UPDATE sandbox_esign_envelope SET status = 'CANCELLED', cancelled_at = :at WHERE envelope_id = :e AND status <> 'CANCELLED'")
        .param("at", Timestamp.from(clock.now())).param("e", envelopeId).update();
  }

  /** The envelope's status in the service: SENT, SIGNED or CANCELLED. */
  public Optional<String> status(String envelopeId) {
    return jdbc.sql("SELECT status FROM sandbox_esign_envelope WHERE envelope_id = :e").param("e", envelopeId)
        .query(String.class).optional();
  }

  @Override
  public Optional<Signature> findSignature(String signatureId) {
    failWhileDown();
    return jdbc.sql("SELECT * FROM sandbox_esign_envelope WHERE signature_id = :s AND status = 'SIGNED'")
        .param("s", signatureId)
        .query((rs, row) -> new Signature(signatureId, rs.getString("envelope_id"), rs.getString("contract_number"),
            rs.getString("signer_id_number"), rs.getObject("signed_at", OffsetDateTime.class).toInstant()))
        .optional();
  }
}
