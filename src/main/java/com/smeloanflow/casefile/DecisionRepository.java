package com.smeloanflow.casefile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Decision-table results stored with the application ({@code application_decision}). */
@Repository
public class DecisionRepository {

  private final JdbcClient jdbc;
  private final ObjectMapper json;

  public DecisionRepository(JdbcClient jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  public record StoredDecision(String decisionKey, List<String> matchedRules, String outputsJson, Instant evaluatedAt) {}

  public void insert(String applicationId, DecisionTrace.Evaluation evaluation, Instant at) {
    try {
      jdbc.sql("""
          INSERT INTO application_decision (application_id, decision_key, matched_rules, outputs, evaluated_at)
          VALUES (:a, :k, :r, :o, :at)
          """)
          .param("a", applicationId).param("k", evaluation.decisionKey())
          .param("r", String.join(",", evaluation.matchedRules()))
          .param("o", json.writeValueAsString(evaluation.outputs()))
          .param("at", Timestamp.from(at))
          .update();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Decision outputs of " + evaluation.decisionKey() + " cannot be stored", e);
    }
  }

  /** The latest evaluation of each decision for the application, in evaluation order. */
  public List<StoredDecision> latest(String applicationId) {
    return jdbc.sql("""
        SELECT d.decision_key, d.matched_rules, d.outputs, d.evaluated_at FROM application_decision d
        WHERE d.application_id = :a AND d.id = (SELECT MAX(x.id) FROM application_decision x
                                                WHERE x.application_id = d.application_id AND x.decision_key = d.decision_key)
        ORDER BY d.id
        """)
        .param("a", applicationId)
        .query((rs, row) -> new StoredDecision(rs.getString("decision_key"),
            Arrays.asList(rs.getString("matched_rules").split(",")), rs.getString("outputs"),
            rs.getObject("evaluated_at", OffsetDateTime.class).toInstant()))
        .list();
  }
}
