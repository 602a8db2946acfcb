package com.smeloanflow.servicing;

import com.smeloanflow.platform.SqlInLists;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * A written-off loan's claim and what was recovered of it ({@code written_off_claim}), and where each recovery went
 * ({@code loan_recovery}). Written only under the loan's row lock ({@link LedgerRepository#lock}), in the transaction
 * of the write-off, the recovery or its reversal.
 */
@Repository
public class RecoveryRepository {

  private final JdbcClient jdbc;

  public RecoveryRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Opens the claim of a loan written off on {@code on}: nothing recovered yet. */
  public void open(String loanId, LocalDate on, WrittenOffClaim.Split owed) {
    jdbc.sql("""
        INSERT INTO written_off_claim (loan_id, written_off_on, principal, interest, penalty)
        VALUES (:loanId, :on, :principal, :interest, :penalty)
        """)
        .param("loanId", loanId).param("on", on).param("principal", owed.principal()).param("interest", owed.interest())
        .param("penalty", owed.penalty())
        .update();
  }

  /** The loan's claim; empty unless it was written off. */
  public Optional<WrittenOffClaim> claim(String loanId) {
    return jdbc.sql("SELECT * FROM written_off_claim WHERE loan_id = :loanId")
        .param("loanId", loanId)
        .query(RecoveryRepository::claim)
        .optional();
  }

  /** {@link #claim} of each of these loans, by loan id, one statement per chunk; a loan never written off is left out. */
  public Map<String, WrittenOffClaim> claims(Collection<String> loanIds) {
    Map<String, WrittenOffClaim> claims = new HashMap<>();
    for (List<String> chunk : SqlInLists.chunks(loanIds)) {
      jdbc.sql("SELECT * FROM written_off_claim WHERE loan_id IN (:ids)")
          .param("ids", chunk)
          .query(RecoveryRepository::claim)
          .list().forEach(claim -> claims.put(claim.loanId(), claim));
    }
    return claims;
  }

  private static WrittenOffClaim claim(ResultSet rs, int row) throws SQLException {
    return new WrittenOffClaim(rs.getString("loan_id"), rs.getObject("written_off_on", LocalDate.class),
        rs.getBigDecimal("principal"), rs.getBigDecimal("interest"), rs.getBigDecimal("penalty"),
        rs.getBigDecimal("recovered_principal"), rs.getBigDecimal("recovered_interest"),
        rs.getBigDecimal("recovered_penalty"));
  }

  /** Books a recovery's split on the claim's running figure; a negative split (a reversal) takes it back. */
  public void addRecovered(String loanId, WrittenOffClaim.Split split) {
    jdbc.sql("""
        UPDATE written_off_claim SET recovered_principal = recovered_principal + :principal,
          recovered_interest = recovered_interest + :interest, recovered_penalty = recovered_penalty + :penalty
        WHERE loan_id = :loanId
        """)
        .param("principal", split.principal()).param("interest", split.interest()).param("penalty", split.penalty())
        .param("loanId", loanId)
        .update();
  }

  /** Where a recovery went (its row in {@code loan_repayment} is written first). */
  public void insert(String transactionId, String loanId, WrittenOffClaim.Split split) {
    jdbc.sql("""
        INSERT INTO loan_recovery (transaction_id, loan_id, principal, interest, penalty)
        VALUES (:id, :loanId, :principal, :interest, :penalty)
        """)
        .param("id", transactionId).param("loanId", loanId).param("principal", split.principal())
        .param("interest", split.interest()).param("penalty", split.penalty())
        .update();
  }

  /** Where the recovery with this transaction id went; empty for an ordinary repayment. */
  public Optional<WrittenOffClaim.Split> split(String transactionId) {
    return jdbc.sql("SELECT principal, interest, penalty FROM loan_recovery WHERE transaction_id = :id")
        .param("id", transactionId)
        .query((rs, row) -> new WrittenOffClaim.Split(rs.getBigDecimal("principal"), rs.getBigDecimal("interest"),
            rs.getBigDecimal("penalty")))
        .optional();
  }

  /** What the claim's running figure says of a split taken back. */
  static WrittenOffClaim.Split negated(WrittenOffClaim.Split split) {
    return new WrittenOffClaim.Split(split.principal().negate(), split.interest().negate(), split.penalty().negate());
  }
}
