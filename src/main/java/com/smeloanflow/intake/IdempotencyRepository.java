package com.smeloanflow.intake;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Remembers which application a channel's Idempotency-Key created. */
@Repository
public class IdempotencyRepository {

  private final JdbcClient jdbc;

  public IdempotencyRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * A key's row: the hash of the request it answered, the application, and whether amounts were hashed by value
   * (false for rows stored before V150, which may hold the hash of the amounts as the channel wrote them).
   */
  public record Entry(String requestHash, String applicationId, boolean amountsHashedByValue) {}

  /**
   * Stores the key with the hash of its request, amounts hashed by value. Fails with a duplicate-key error when the
   * caller already used the key (also one not yet committed).
   */
  public void insert(String caller, String key, String requestHash, String applicationId, Instant at) {
    jdbc.sql("""
        INSERT INTO idempotency_record (caller, idempotency_key, request_hash, application_id, created_at,
            amounts_hashed_by_value)
        VALUES (:caller, :key, :hash, :applicationId, :at, TRUE)
        """)
        .param("caller", caller).param("key", key).param("hash", requestHash)
        .param("applicationId", applicationId).param("at", Timestamp.from(at))
        .update();
  }

  public Optional<Entry> find(String caller, String key) {
    return jdbc.sql("""
        SELECT request_hash, application_id, amounts_hashed_by_value FROM idempotency_record
        WHERE caller = :caller AND idempotency_key = :key
        """)
        .param("caller", caller).param("key", key)
        .query((rs, row) -> new Entry(rs.getString("request_hash"), rs.getString("application_id"),
            rs.getBoolean("amounts_hashed_by_value")))
        .optional();
  }
}
