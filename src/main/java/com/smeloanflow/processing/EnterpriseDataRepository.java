package com.smeloanflow.processing;

import com.smeloanflow.platform.StoredJson;
import com.smeloanflow.platform.TransactionScopedReads;

import java.sql.Timestamp;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The external-data snapshot of each application ({@code application_external_data}). */
@Repository
public class EnterpriseDataRepository {

  private final JdbcClient jdbc;
  private final TransactionScopedReads<String, Optional<EnterpriseData>> read =
      new TransactionScopedReads<>("application_external_data");

  public EnterpriseDataRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Stores the snapshot of an application, replacing an earlier one. */
  public void save(String applicationId, EnterpriseData data) {
    read.forget(applicationId);
    jdbc.sql("DELETE FROM application_external_data WHERE application_id = :id").param("id", applicationId).update();
    jdbc.sql("""
        INSERT INTO application_external_data (application_id, credit_code, data_json, gathered_at)
        VALUES (:id, :creditCode, :json, :at)
        """)
        .param("id", applicationId)
        .param("creditCode", data.creditCode())
        .param("json", StoredJson.write(data))
        .param("at", Timestamp.from(data.gatheredAt()))
        .update();
  }

  /** The snapshot; read (and its JSON parsed) once per transaction, and again after {@link #save}. */
  public Optional<EnterpriseData> find(String applicationId) {
    return read.read(applicationId, this::select);
  }

  private Optional<EnterpriseData> select(String applicationId) {
    return jdbc.sql("SELECT data_json FROM application_external_data WHERE application_id = :id")
        .param("id", applicationId)
        .query(String.class)
        .optional()
        .map(json -> StoredJson.read(json, EnterpriseData.class));
  }
}
