package com.smeloanflow.monitoring;

import com.fasterxml.jackson.core.type.TypeReference;
import com.smeloanflow.platform.StoredJson;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Post-loan checks ({@code post_loan_check}) and the line measures they order ({@code line_instruction}). */
@Repository
public class CheckRepository {

  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

  /** A loan's credit line instructions, newest first; served by {@code line_instruction_loan_idx} (V113). */
  static final String INSTRUCTIONS_OF_LOAN = "SELECT * FROM line_instruction WHERE loan_id = :loanId ORDER BY id DESC";

  private final JdbcClient jdbc;

  public CheckRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(String checkId, String loanId, CheckKind kind, CheckMethod method, String methodReason,
      LocalDate openedOn, Instant at) {
    jdbc.sql("""
        INSERT INTO post_loan_check (check_id, loan_id, kind, method, method_reason, status, opened_on, opened_at)
        VALUES (:checkId, :loanId, :kind, :method, :reason, :status, :on, :at)
        """)
        .param("checkId", checkId).param("loanId", loanId).param("kind", kind.name()).param("method", method.name())
        .param("reason", methodReason).param("status", PostLoanCheck.OPEN).param("on", openedOn)
        .param("at", Timestamp.from(at)).update();
  }

  public Optional<PostLoanCheck> find(String checkId) {
    return jdbc.sql("SELECT * FROM post_loan_check WHERE check_id = :checkId").param("checkId", checkId)
        .query((rs, row) -> check(rs)).optional();
  }

  public void linkProcess(String checkId, String processInstanceId) {
    jdbc.sql("UPDATE post_loan_check SET process_instance_id = :instance WHERE check_id = :checkId")
        .param("instance", processInstanceId).param("checkId", checkId).update();
  }

  /** The check's post-loan-check instance, once started. */
  public String processInstanceOf(String checkId) {
    return jdbc.sql("SELECT process_instance_id FROM post_loan_check WHERE check_id = :checkId").param("checkId", checkId)
        .query(String.class).optional().orElse(null);
  }

  /** Records the outcome of an open check; false when it is not open (done or cancelled). */
  public boolean complete(String checkId, CheckOutcome outcome, String findings, List<String> checklist, LineMeasure measure,
      BigDecimal reducedLimit, LocalDate callInDueOn, String checkedBy, LocalDate checkedOn, Instant at) {
    return jdbc.sql("""
        UPDATE post_loan_check SET status = :done, outcome = :outcome, findings = :findings, checklist_json = :checklist,
          line_measure = :measure, reduced_limit = :limit, call_in_due_on = :callIn, checked_by = :by, checked_on = :on,
          checked_at = :at
        WHERE check_id = :checkId AND status = :open
        """)
        .param("done", PostLoanCheck.DONE).param("outcome", outcome.name()).param("findings", findings)
        .param("checklist", StoredJson.write(checklist)).param("measure", measure == null ? null : measure.name())
        .param("limit", reducedLimit).param("callIn", callInDueOn).param("by", checkedBy).param("on", checkedOn)
        .param("at", Timestamp.from(at)).param("checkId", checkId).param("open", PostLoanCheck.OPEN).update() == 1;
  }

  /** Cancels the loan's open checks (monitoring ended), by whom ({@code by}; null for the system); how many. */
  public int cancelOpen(String loanId, String reason, String by, Instant at) {
    return jdbc.sql("""
        UPDATE post_loan_check SET status = :cancelled, cancel_reason = :reason, cancelled_by = :by, cancelled_at = :at,
          withdrawal = :withdrawal
        WHERE loan_id = :loanId AND status = :open
        """)
        .param("cancelled", PostLoanCheck.CANCELLED).param("reason", reason).param("by", by).param("at", Timestamp.from(at))
        .param("withdrawal", PostLoanCheck.Withdrawal.MONITORING_ENDED.name())
        .param("loanId", loanId).param("open", PostLoanCheck.OPEN).update();
  }

  /** Cancels one open check, naming why (as the code reads it and as staff do), who and when; false when it is not open. */
  public boolean cancel(String checkId, PostLoanCheck.Withdrawal withdrawal, String reason, String by, Instant at) {
    return jdbc.sql("""
        UPDATE post_loan_check SET status = :cancelled, withdrawal = :withdrawal, cancel_reason = :reason, cancelled_by = :by,
          cancelled_at = :at
        WHERE check_id = :checkId AND status = :open
        """)
        .param("cancelled", PostLoanCheck.CANCELLED).param("withdrawal", withdrawal.name()).param("reason", reason)
        .param("by", by).param("at", Timestamp.from(at))
        .param("checkId", checkId).param("open", PostLoanCheck.OPEN).update() == 1;
  }

  /** The loan's checks, newest first (a loan has a few a year). */
  public List<PostLoanCheck> ofLoan(String loanId) {
    return jdbc.sql("SELECT * FROM post_loan_check WHERE loan_id = :loanId ORDER BY opened_at DESC, check_id DESC")
        .param("loanId", loanId).query((rs, row) -> check(rs)).list();
  }

  /** The loan's open checks of one kind, oldest first (served by {@code post_loan_check_loan_idx}). */
  public List<PostLoanCheck> openOf(String loanId, CheckKind kind) {
    return jdbc.sql("""
        SELECT * FROM post_loan_check WHERE loan_id = :loanId AND kind = :kind AND status = :open
        ORDER BY opened_at, check_id
        """)
        .param("loanId", loanId).param("kind", kind.name()).param("open", PostLoanCheck.OPEN)
        .query((rs, row) -> check(rs)).list();
  }

  /** The loan's latest completed check after {@code after} (null: any). */
  public Optional<PostLoanCheck> latestDone(String loanId, Instant after) {
    return jdbc.sql("""
        SELECT * FROM post_loan_check WHERE loan_id = :loanId AND status = :done AND checked_at > :after
        ORDER BY checked_at DESC, check_id DESC LIMIT 1
        """)
        .param("loanId", loanId).param("done", PostLoanCheck.DONE)
        .param("after", Timestamp.from(after == null ? Instant.EPOCH : after))
        .query((rs, row) -> check(rs)).optional();
  }

  public void insertInstruction(LineInstruction instruction) {
    jdbc.sql("""
        INSERT INTO line_instruction (loan_id, check_id, measure, reduced_limit, reason, issued_by, issued_at, status)
        VALUES (:loanId, :checkId, :measure, :limit, :reason, :by, :at, :status)
        """)
        .param("loanId", instruction.loanId()).param("checkId", instruction.checkId())
        .param("measure", instruction.measure().name()).param("limit", instruction.reducedLimit())
        .param("reason", instruction.reason()).param("by", instruction.issuedBy())
        .param("at", Timestamp.from(instruction.issuedAt())).param("status", instruction.status()).update();
  }

  public Optional<LineInstruction> instructionOf(String checkId) {
    return jdbc.sql("SELECT * FROM line_instruction WHERE check_id = :checkId").param("checkId", checkId)
        .query((rs, row) -> instruction(rs)).optional();
  }

  public List<LineInstruction> instructionsOf(String loanId) {
    return jdbc.sql(INSTRUCTIONS_OF_LOAN).param("loanId", loanId)
        .query((rs, row) -> instruction(rs)).list();
  }

  private static LineInstruction instruction(ResultSet rs) throws SQLException {
    return new LineInstruction(rs.getString("loan_id"), rs.getString("check_id"), LineMeasure.valueOf(rs.getString("measure")),
        rs.getBigDecimal("reduced_limit"), rs.getString("reason"), rs.getString("issued_by"),
        rs.getTimestamp("issued_at").toInstant(), rs.getString("status"));
  }

  private static PostLoanCheck check(ResultSet rs) throws SQLException {
    String outcome = rs.getString("outcome");
    String measure = rs.getString("line_measure");
    String checklist = rs.getString("checklist_json");
    Timestamp checkedAt = rs.getTimestamp("checked_at");
    Timestamp cancelledAt = rs.getTimestamp("cancelled_at");
    String withdrawal = rs.getString("withdrawal");
    return new PostLoanCheck(rs.getString("check_id"), rs.getString("loan_id"), CheckKind.valueOf(rs.getString("kind")),
        CheckMethod.valueOf(rs.getString("method")), rs.getString("method_reason"), rs.getString("status"),
        rs.getObject("opened_on", LocalDate.class), outcome == null ? null : CheckOutcome.valueOf(outcome),
        rs.getString("findings"), checklist == null ? List.of() : StoredJson.read(checklist, STRINGS),
        measure == null ? null : LineMeasure.valueOf(measure), rs.getBigDecimal("reduced_limit"),
        rs.getObject("call_in_due_on", LocalDate.class), rs.getString("checked_by"), rs.getObject("checked_on", LocalDate.class),
        rs.getTimestamp("opened_at").toInstant(), checkedAt == null ? null : checkedAt.toInstant(), rs.getString("cancel_reason"),
        rs.getString("cancelled_by"), cancelledAt == null ? null : cancelledAt.toInstant(),
        withdrawal == null ? null : PostLoanCheck.Withdrawal.valueOf(withdrawal));
  }
}
