package com.smeloanflow.processing;

import com.smeloanflow.platform.StoredJson;
import com.smeloanflow.platform.TransactionScopedReads;

import com.fasterxml.jackson.core.type.TypeReference;
import com.smeloanflow.scoring.Reason;
import com.smeloanflow.scoring.RedFlag;
import com.smeloanflow.scoring.ScoreCard;
import com.smeloanflow.scoring.ScoringInput;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The score of each application ({@code application_score}), one row, replaced when rescored. */
@Repository
public class ScoreRepository {

  private static final TypeReference<List<Reason>> REASONS = new TypeReference<>() {};
  private static final TypeReference<List<RedFlag>> RED_FLAGS = new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final TransactionScopedReads<String, Optional<ScoreCard>> read =
      new TransactionScopedReads<>("application_score");

  public ScoreRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void save(String applicationId, ScoreCard card, ScoringInput input, Instant scoredAt) {
    read.forget(applicationId);
    jdbc.sql("DELETE FROM application_score WHERE application_id = :id").param("id", applicationId).update();
    jdbc.sql("""
        INSERT INTO application_score (application_id, total_score, grade, operating_score, credit_score,
          behaviour_score, scenario_score, suggested_limit, hard_red_flag, red_flag_codes, red_flags_json,
          reasons_json, input_json, model_version, scored_at)
        VALUES (:id, :total, :grade, :operating, :credit, :behaviour, :scenario, :limit, :hard, :flagCodes,
          :flags, :reasons, :input, :model, :at)
        """)
        .param("id", applicationId)
        .param("total", card.totalScore())
        .param("grade", card.grade())
        .param("operating", card.operatingScore())
        .param("credit", card.creditScore())
        .param("behaviour", card.behaviourScore())
        .param("scenario", card.scenarioScore())
        .param("limit", card.suggestedLimit())
        .param("hard", card.hasHardRedFlag())
        .param("flagCodes", card.redFlagCodes())
        .param("flags", StoredJson.write(card.redFlags()))
        .param("reasons", StoredJson.write(card.reasons()))
        .param("input", StoredJson.write(input))
        .param("model", card.modelVersion())
        .param("at", Timestamp.from(scoredAt))
        .update();
  }

  /** The score; read once per transaction, and again after {@link #save}. */
  public Optional<ScoreCard> find(String applicationId) {
    return read.read(applicationId, this::select);
  }

  private Optional<ScoreCard> select(String applicationId) {
    return jdbc.sql("SELECT * FROM application_score WHERE application_id = :id")
        .param("id", applicationId)
        .query((rs, row) -> new ScoreCard(
            rs.getInt("total_score"),
            rs.getString("grade"),
            rs.getInt("operating_score"),
            rs.getInt("credit_score"),
            rs.getInt("behaviour_score"),
            rs.getInt("scenario_score"),
            rs.getBigDecimal("suggested_limit"),
            StoredJson.read(rs.getString("red_flags_json"), RED_FLAGS),
            StoredJson.read(rs.getString("reasons_json"), REASONS),
            rs.getString("model_version")))
        .optional();
  }

  /** The input the stored score was computed from. */
  public Optional<ScoringInput> findInput(String applicationId) {
    return jdbc.sql("SELECT input_json FROM application_score WHERE application_id = :id")
        .param("id", applicationId)
        .query(String.class)
        .optional()
        .map(json -> StoredJson.read(json, ScoringInput.class));
  }
}
