package com.smeloanflow.intake;

import com.smeloanflow.casefile.ApplicationStatus;
import com.smeloanflow.platform.ContentHash;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Remembers the answer to a channel's documents upload sent with an Idempotency-Key, so that its retry is answered as
 * it was ({@code document_upload_request}, V144). Written under the application's lock, so a retry to the same application
 * waits for the first upload; two uploads with one key to two applications meet at the key (its primary key), and the
 * later one's {@link #insert} fails: {@link AcceptanceService#documentsUploaded} then answers it as if it came after.
 */
@Repository
public class DocumentUploadRequests {

  private final JdbcClient jdbc;

  public DocumentUploadRequests(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The first upload with a key: what it was (its hash) and what it was answered. */
  public record Entry(String requestHash, ApplicationStatus status, List<String> notAwaited) {}

  /** The hash of an upload: the application and the document types, in the order sent. */
  static String hash(String applicationId, List<String> documents) {
    return ContentHash.sha256Hex(applicationId + "\n" + String.join("\n", documents));
  }

  public Optional<Entry> find(String caller, String key) {
    return jdbc.sql("SELECT request_hash, status, not_awaited FROM document_upload_request"
            + " WHERE caller = :caller AND idempotency_key = :key")
        .param("caller", caller).param("key", key)
        .query((rs, row) -> new Entry(rs.getString("request_hash"), ApplicationStatus.valueOf(rs.getString("status")),
            rs.getString("not_awaited") == null ? List.of() : Arrays.asList(rs.getString("not_awaited").split(","))))
        .optional();
  }

  public void insert(String caller, String key, String requestHash, String applicationId, ApplicationStatus status,
      List<String> notAwaited, Instant at) {
    jdbc.sql("""
        INSERT INTO document_upload_request (caller, idempotency_key, request_hash, application_id, status, not_awaited, created_at)
        VALUES (:caller, :key, :hash, :applicationId, :status, :notAwaited, :at)
        """)
        .param("caller", caller).param("key", key).param("hash", requestHash).param("applicationId", applicationId)
        .param("status", status.name()).param("notAwaited", notAwaited.isEmpty() ? null : String.join(",", notAwaited))
        .param("at", Timestamp.from(at))
        .update();
  }
}
