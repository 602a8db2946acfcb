package com.smeloanflow.processing;

import com.smeloanflow.intake.Guarantor;
import com.smeloanflow.platform.StoredJson;
import com.smeloanflow.platform.TransactionScopedReads;
import com.smeloanflow.processing.source.BureauRecord;
import com.smeloanflow.processing.source.CourtRecord;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What the courts and the credit bureau said about each guarantor when the data was gathered
 * ({@code guarantor_check}), and what of it stands against the guarantee: a guarantor on the
 * dishonest-debtor list, overdue at the bureau today, or with open enforcement cases. Such findings
 * send the application to the processing centre's review like the borrower's soft red flags.
 */
@Repository
public class GuarantorChecks {

  /** A finding against a guarantor, with the wording staff read. */
  public enum Finding {
    GUARANTOR_DISHONEST_DEBTOR("保证人为失信被执行人"),
    GUARANTOR_BUREAU_OVERDUE("保证人征信有当前逾期"),
    GUARANTOR_COURT_ENFORCEMENT("保证人有未结执行案件"),
    GUARANTOR_DATA_GAP("保证人司法或征信数据缺失");

    private final String label;

    Finding(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** The outside data of one guarantor as gathered. */
  public record GuarantorData(String partyId, String name, CourtRecord court, BureauRecord bureau) {}

  public record Check(int seq, String partyId, GuarantorData data, List<Finding> findings) {
    public boolean hasFindings() {
      return !findings.isEmpty();
    }
  }

  private final JdbcClient jdbc;
  private final TransactionScopedReads<String, List<Check>> read = new TransactionScopedReads<>("guarantor_check");

  public GuarantorChecks(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The findings the data gives. */
  public static List<Finding> findings(CourtRecord court, BureauRecord bureau) {
    List<Finding> findings = new ArrayList<>();
    if (Boolean.TRUE.equals(court.dishonestDebtor())) {
      findings.add(Finding.GUARANTOR_DISHONEST_DEBTOR);
    }
    if (bureau.currentOverdueAmount() != null && bureau.currentOverdueAmount().compareTo(BigDecimal.ZERO) > 0) {
      findings.add(Finding.GUARANTOR_BUREAU_OVERDUE);
    }
    if (court.openEnforcementCases() != null && court.openEnforcementCases() > 0) {
      findings.add(Finding.GUARANTOR_COURT_ENFORCEMENT);
    }
    if (court.dishonestDebtor() == null || bureau.maxDpd24m() == null) {
      findings.add(Finding.GUARANTOR_DATA_GAP);
    }
    return findings;
  }

  /** Replaces the checks of the application's guarantors. */
  public void save(String applicationId, Guarantor guarantor, CourtRecord court, BureauRecord bureau, Instant at) {
    read.forget(applicationId);
    jdbc.sql("DELETE FROM guarantor_check WHERE application_id = :id AND seq = :seq")
        .param("id", applicationId).param("seq", guarantor.seq()).update();
    jdbc.sql("""
        INSERT INTO guarantor_check (application_id, seq, party_id, data_json, findings, checked_at)
        VALUES (:id, :seq, :party, :json, :findings, :at)
        """)
        .param("id", applicationId).param("seq", guarantor.seq()).param("party", guarantor.partyId())
        .param("json", StoredJson.write(new GuarantorData(guarantor.partyId(), guarantor.name(), court, bureau)))
        .param("findings", findings(court, bureau).stream().map(Enum::name).collect(Collectors.joining(",")))
        .param("at", Timestamp.from(at))
        .update();
  }

  /** The checks in the order of the guarantors; read once per transaction, and again after {@link #save}. */
  public List<Check> of(String applicationId) {
    return read.read(applicationId, id -> List.copyOf(select(id)));
  }

  private List<Check> select(String applicationId) {
    return jdbc.sql("SELECT * FROM guarantor_check WHERE application_id = :id ORDER BY seq")
        .param("id", applicationId)
        .query((rs, row) -> new Check(rs.getInt("seq"), rs.getString("party_id"),
            StoredJson.read(rs.getString("data_json"), GuarantorData.class),
            rs.getString("findings").isBlank() ? List.of()
                : Arrays.stream(rs.getString("findings").split(",")).map(Finding::valueOf).toList()))
        .list();
  }
}
