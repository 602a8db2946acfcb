package com.smeloanflow.processing;

import com.smeloanflow.processing.source.InternalDefault;
import com.smeloanflow.processing.source.InternalDefaultStatus;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The bank's own default database ({@code internal_default_record}): every default of an
 * enterprise with this bank. Filled by collections and write-offs, and in the demo by the sandbox
 * API.
 */
@Repository
public class InternalDefaultRepository {

  private final JdbcClient jdbc;

  public InternalDefaultRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The enterprise's defaults, oldest first. */
  public List<InternalDefault> find(String creditCode) {
    return jdbc.sql("SELECT default_date, amount, status FROM internal_default_record WHERE credit_code = :code ORDER BY default_date, id")
        .param("code", creditCode)
        .query((rs, row) -> new InternalDefault(rs.getObject("default_date", LocalDate.class), rs.getBigDecimal("amount"),
            InternalDefaultStatus.valueOf(rs.getString("status"))))
        .list();
  }

  /**
   * Records one default event of the enterprise (a loan written off, or settled after it defaulted),
   * beside those already recorded: the next application of the enterprise is scored with it.
   */
  public void record(String creditCode, InternalDefault event, Instant at) {
    jdbc.sql("""
        INSERT INTO internal_default_record (credit_code, default_date, amount, status, recorded_at)
        VALUES (:code, :date, :amount, :status, :at)
        """)
        .param("code", creditCode)
        .param("date", event.defaultDate())
        .param("amount", event.amount())
        .param("status", event.status().name())
        .param("at", Timestamp.from(at))
        .update();
  }

  /**
   * Withdraws the latest record of this event, the inverse of {@link #record}: e.g. that a default was settled, when a
   * reversed repayment (a bounced payoff) made the loan owed again, so the enterprise's next application is not scored
   * as if the default were repaid. Settled again later, it is recorded again.
   */
  public void withdraw(String creditCode, InternalDefault event) {
    jdbc.sql("""
        DELETE FROM internal_default_record WHERE id = (SELECT MAX(id) FROM internal_default_record
          WHERE credit_code = :code AND default_date = :date AND amount = :amount AND status = :status)
        """)
        .param("code", creditCode).param("date", event.defaultDate()).param("amount", event.amount())
        .param("status", event.status().name())
        .update();
  }

  /** Replaces the enterprise's defaults with these. */
  public void replace(String creditCode, List<InternalDefault> defaults, Instant at) {
    jdbc.sql("DELETE FROM internal_default_record WHERE credit_code = :code").param("code", creditCode).update();
    for (InternalDefault d : defaults) {
      record(creditCode, d, at);
    }
  }
}
