package com.smeloanflow.processing.sandbox;

import com.smeloanflow.platform.StoredJson;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Registered sandbox profiles and the sandbox's failure counts ({@code sandbox_*} tables). */
@Repository
public class SandboxProfileRepository {

  private final JdbcClient jdbc;

  public SandboxProfileRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A profile as registered: who registered it and when. */
  public record StoredProfile(SandboxProfile profile, String registeredBy, Instant registeredAt, Instant updatedAt) {}

  public Optional<StoredProfile> find(String creditCode) {
    return jdbc.sql("SELECT * FROM sandbox_enterprise_profile WHERE credit_code = :code")
        .param("code", creditCode)
        .query((rs, row) -> new StoredProfile(
            StoredJson.read(rs.getString("profile_json"), SandboxProfile.class),
            rs.getString("registered_by"),
            rs.getObject("registered_at", OffsetDateTime.class).toInstant(),
            rs.getObject("updated_at", OffsetDateTime.class).toInstant()))
        .optional();
  }

  /** Stores the profile of an enterprise; true when it was not registered before. */
  public boolean save(String creditCode, SandboxProfile profile, String by, Instant at) {
    int updated = jdbc.sql("""
        UPDATE sandbox_enterprise_profile SET profile_json = :json, registered_by = :by, updated_at = :at
        WHERE credit_code = :code
        """)
        .param("json", StoredJson.write(profile)).param("by", by).param("at", Timestamp.from(at)).param("code", creditCode)
        .update();
    if (updated == 1) {
      return false;
    }
    jdbc.sql("""
        INSERT INTO sandbox_enterprise_profile (credit_code, profile_json, registered_by, registered_at, updated_at)
        VALUES (:code, :json, :by, :at, :at)
        """)
        .param("code", creditCode).param("json", StoredJson.write(profile)).param("by", by).param("at", Timestamp.from(at))
        .update();
    return true;
  }

  /** How many calls of each source the sandbox made fail for the enterprise since it was registered. */
  public Map<String, Integer> failedCalls(String creditCode) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    jdbc.sql("SELECT source, failed_calls FROM sandbox_source_failure WHERE credit_code = :code ORDER BY source")
        .param("code", creditCode)
        .query((rs, row) -> counts.put(rs.getString("source"), rs.getInt("failed_calls")))
        .list();
    return counts;
  }

  public int failedCalls(String creditCode, String source) {
    return jdbc.sql("SELECT failed_calls FROM sandbox_source_failure WHERE credit_code = :code AND source = :source")
        .param("code", creditCode).param("source", source)
        .query(Integer.class).optional().orElse(0);
  }

  public void countFailure(String creditCode, String source) {
    int updated = jdbc.sql("UPDATE sandbox_source_failure SET failed_calls = failed_calls + 1 WHERE credit_code = :code AND source = :source")
        .param("code", creditCode).param("source", source).update();
    if (updated == 0) {
      jdbc.sql("INSERT INTO sandbox_source_failure (credit_code, source, failed_calls) VALUES (:code, :source, 1)")
          .param("code", creditCode).param("source", source).update();
    }
  }

  public void resetFailures(String creditCode) {
    jdbc.sql("DELETE FROM sandbox_source_failure WHERE credit_code = :code").param("code", creditCode).update();
  }
}
