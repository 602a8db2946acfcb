package com.smeloanflow.monitoring;

import com.smeloanflow.platform.StoredJson;
import com.smeloanflow.servicing.Classification;
import com.smeloanflow.servicing.LoanAccountService;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The loans under monitoring ({@code monitored_loan}). */
@Repository
public class MonitoredLoanRepository {

  private final JdbcClient jdbc;
  private final LoanAccountService loans;

  public MonitoredLoanRepository(JdbcClient jdbc, LoanAccountService loans) {
    this.jdbc = jdbc;
    this.loans = loans;
  }

  public void insert(MonitoredLoan loan, Instant at) {
    jdbc.sql("""
        INSERT INTO monitored_loan (loan_id, branch_code, status, process_instance_id, classification, watch_listed,
          baseline_json, started_on, started_at)
        VALUES (:loanId, :branch, :status, :instance, :classification, :watch, :baseline, :on, :at)
        """)
        .param("loanId", loan.loanId()).param("branch", loan.branchCode()).param("status", loan.status())
        .param("instance", loan.processInstanceId()).param("classification", loan.classification().name())
        .param("watch", loan.watchListed()).param("baseline", StoredJson.write(loan.baseline()))
        .param("on", loan.startedOn()).param("at", Timestamp.from(at)).update();
  }

  public Optional<MonitoredLoan> find(String loanId) {
    return jdbc.sql("SELECT * FROM monitored_loan WHERE loan_id = :loanId").param("loanId", loanId)
        .query((rs, row) -> loan(rs)).optional();
  }

  /**
   * The row locked until the transaction ends: changes of one loan's monitoring apply one at a time. The loan's own row
   * in the ledger is locked first ({@link LoanAccountService#lockIfExists}), in the order the ledger's writers take the
   * two: the daily close, a repayment, a reversal and a write-off lock the loan and then tell monitoring (a floor change,
   * a settlement), while a signal's report, a check's conclusion or a reclassification here ends by writing the ledger
   * (the risk review, a call-in's acceleration). Taken the other way round, the two would wait for each other and the
   * database would abort one of them (a deadlock).
   */
  public Optional<MonitoredLoan> lock(String loanId) {
    loans.lockIfExists(loanId);
    return jdbc.sql("SELECT * FROM monitored_loan WHERE loan_id = :loanId FOR UPDATE").param("loanId", loanId)
        .query((rs, row) -> loan(rs)).optional();
  }

  public void classify(String loanId, Classification classification, boolean watchListed) {
    jdbc.sql("UPDATE monitored_loan SET classification = :classification, watch_listed = :watch WHERE loan_id = :loanId")
        .param("classification", classification.name()).param("watch", watchListed).param("loanId", loanId).update();
  }

  public void schedule(String loanId, LocalDate nextCheckDue) {
    jdbc.sql("UPDATE monitored_loan SET next_check_due = :due WHERE loan_id = :loanId")
        .param("due", nextCheckDue).param("loanId", loanId).update();
  }

  public void checked(String loanId, LocalDate on) {
    jdbc.sql("UPDATE monitored_loan SET last_check_on = :on WHERE loan_id = :loanId").param("on", on).param("loanId", loanId)
        .update();
  }

  public void requeried(String loanId, ExternalBaseline baseline, Instant at) {
    jdbc.sql("UPDATE monitored_loan SET baseline_json = :baseline, last_requery_at = :at WHERE loan_id = :loanId")
        .param("baseline", StoredJson.write(baseline)).param("at", Timestamp.from(at)).param("loanId", loanId).update();
  }

  /** Servicing reported the loan settled or written off (the monitoring instance ends next). */
  public void closed(String loanId, String closure, LocalDate on) {
    jdbc.sql("UPDATE monitored_loan SET closure = :closure, closed_on = :on WHERE loan_id = :loanId AND closure IS NULL")
        .param("closure", closure).param("on", on).param("loanId", loanId).update();
  }

  /** Monitoring of an ended loan starts again (a reversal reopened it): its checks, signals and history stay. */
  public void restart(String loanId, String processInstanceId, Classification classification, boolean watchListed, LocalDate on) {
    jdbc.sql("""
        UPDATE monitored_loan SET status = :monitoring, process_instance_id = :instance, classification = :classification,
          watch_listed = :watch, closure = NULL, closed_on = NULL, ended_at = NULL, cancelled_by = NULL, cancelled_at = NULL,
          cancel_reason = NULL, next_check_due = NULL, started_on = :on
        WHERE loan_id = :loanId AND status = :ended
        """)
        .param("monitoring", MonitoredLoan.MONITORING).param("instance", processInstanceId)
        .param("classification", classification.name()).param("watch", watchListed).param("on", on)
        .param("ended", MonitoredLoan.ENDED).param("loanId", loanId).update();
  }

  /**
   * An operator deleted or cancelled the loan's monitoring instance: who ({@code by}, null when the engine did not know)
   * and why ({@code reason}, null when none was given), recorded {@code at}.
   */
  public void cancelled(String loanId, String by, String reason, Instant at) {
    jdbc.sql("UPDATE monitored_loan SET cancelled_by = :by, cancel_reason = :reason, cancelled_at = :at WHERE loan_id = :loanId")
        .param("by", by).param("reason", reason).param("at", Timestamp.from(at)).param("loanId", loanId).update();
  }

  public void ended(String loanId, Instant at) {
    jdbc.sql("UPDATE monitored_loan SET status = :ended, next_check_due = NULL, ended_at = :at WHERE loan_id = :loanId")
        .param("ended", MonitoredLoan.ENDED).param("at", Timestamp.from(at)).param("loanId", loanId).update();
  }

  private static MonitoredLoan loan(ResultSet rs) throws SQLException {
    return new MonitoredLoan(rs.getString("loan_id"), rs.getString("branch_code"), rs.getString("status"),
        rs.getString("process_instance_id"), Classification.valueOf(rs.getString("classification")),
        rs.getBoolean("watch_listed"), rs.getObject("next_check_due", LocalDate.class),
        rs.getObject("last_check_on", LocalDate.class), StoredJson.read(rs.getString("baseline_json"), ExternalBaseline.class),
        instant(rs.getTimestamp("last_requery_at")), rs.getObject("started_on", LocalDate.class),
        rs.getString("closure"), rs.getObject("closed_on", LocalDate.class), rs.getString("cancelled_by"),
        instant(rs.getTimestamp("cancelled_at")), rs.getString("cancel_reason"));
  }

  private static Instant instant(Timestamp at) {
    return at == null ? null : at.toInstant();
  }
}
