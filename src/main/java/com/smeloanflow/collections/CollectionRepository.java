package com.smeloanflow.collections;

import com.smeloanflow.notification.MailStatus;
import com.smeloanflow.servicing.Classification;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** The tables of collections: cases, strategy decisions, contacts, promises, disposal proposals. */
@Repository
public class CollectionRepository {

  private final JdbcClient jdbc;

  public CollectionRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  // --- cases -----------------------------------------------------------------------------------

  /**
   * Inserts an open case whose collection process is to be started ({@link CollectionProcessStarts}); fails
   * (unique open_loan_id) when the loan already has one.
   */
  public void insertCase(String caseId, String loanId, String branchCode, LocalDate openedOn, int daysPastDue, Instant at) {
    jdbc.sql("""
        INSERT INTO collection_case (case_id, loan_id, open_loan_id, branch_code, status, ladder_step, opened_on,
          opened_days_past_due, opened_at, process_start_due_at, process_start_attempts)
        VALUES (:caseId, :loanId, :loanId, :branch, :status, 0, :openedOn, :dpd, :at, :due, 0)
        """)
        .param("caseId", caseId).param("loanId", loanId).param("branch", branchCode)
        .param("status", CollectionCase.OPEN).param("openedOn", openedOn).param("dpd", daysPastDue)
        .param("at", Timestamp.from(at)).param("due", Timestamp.from(Instant.now()))
        .update();
  }

  /** A case whose collection process is still to be started. */
  record PendingStart(String caseId, String loanId, String branchCode, String cureTransactionId) {}

  /**
   * Locks up to {@code limit} cases whose process start is due by {@code now} and has not failed
   * {@code maxAttempts} times, oldest due first; cases another node holds are skipped.
   */
  public List<PendingStart> lockDueStarts(Instant now, int maxAttempts, int limit) {
    return jdbc.sql("""
        SELECT case_id, loan_id, branch_code, cure_transaction_id FROM collection_case
        WHERE process_start_due_at <= :now AND process_start_attempts < :max
        ORDER BY process_start_due_at, case_id
        LIMIT :limit
        FOR UPDATE SKIP LOCKED
        """)
        .param("now", Timestamp.from(now)).param("max", maxAttempts).param("limit", limit)
        .query(CollectionRepository::pendingStart).list();
  }

  /** Locks the case if its process is still to be started (whether due yet or not); empty when another node holds it. */
  public Optional<PendingStart> lockPendingStart(String caseId) {
    return jdbc.sql("""
        SELECT case_id, loan_id, branch_code, cure_transaction_id FROM collection_case
        WHERE case_id = :caseId AND process_start_due_at IS NOT NULL
        FOR UPDATE SKIP LOCKED
        """)
        .param("caseId", caseId).query(CollectionRepository::pendingStart).optional();
  }

  /**
   * Links the case to its started process; false when it already had one (the unique key of a start: a
   * start that finds it taken rolls back).
   */
  public boolean linkProcess(String caseId, String processInstanceId) {
    return jdbc.sql("""
        UPDATE collection_case SET process_instance_id = :pi, process_start_due_at = NULL, process_start_error = NULL
        WHERE case_id = :caseId AND process_instance_id IS NULL
        """)
        .param("pi", processInstanceId).param("caseId", caseId).update() == 1;
  }

  /** Records a failed start and when to try again; answers the attempts made so far. */
  public int startFailed(String caseId, String error, Instant retryAt) {
    jdbc.sql("""
        UPDATE collection_case SET process_start_attempts = process_start_attempts + 1, process_start_error = :error,
          process_start_due_at = :retryAt
        WHERE case_id = :caseId AND process_instance_id IS NULL
        """)
        .param("error", error.length() > 1000 ? error.substring(0, 1000) : error).param("retryAt", Timestamp.from(retryAt))
        .param("caseId", caseId).update();
    return jdbc.sql("SELECT process_start_attempts FROM collection_case WHERE case_id = :caseId").param("caseId", caseId)
        .query(Integer.class).single();
  }

  /**
   * A case whose process start an operator may have to look at: not started yet, with the attempts made and the
   * last error.
   */
  public record ProcessStart(String caseId, String loanId, String branchCode, LocalDate openedOn, int attempts,
      String lastError) {}

  /** The process starts of the cases that have no process yet ({@link #processStart}'s columns). */
  private static final String NOT_STARTED = """
      SELECT case_id, loan_id, branch_code, opened_on, process_start_attempts, process_start_error FROM collection_case
      WHERE process_instance_id IS NULL AND process_start_due_at IS NOT NULL
      """;

  /** The case's process start while the case has no process yet; empty when there is no such case or it has one. */
  public Optional<ProcessStart> processStartOf(String caseId) {
    return jdbc.sql(NOT_STARTED + " AND case_id = :caseId")
        .param("caseId", caseId).query(CollectionRepository::processStart).optional();
  }

  /** The starts that failed {@code maxAttempts} times and are no longer retried, oldest case first, at most {@code limit}. */
  public List<ProcessStart> givenUpStarts(int maxAttempts, int limit) {
    return jdbc.sql(NOT_STARTED + " AND process_start_attempts >= :max ORDER BY opened_on, case_id LIMIT :limit")
        .param("max", maxAttempts).param("limit", limit).query(CollectionRepository::processStart).list();
  }

  /**
   * Makes a start that was given up due again at {@code now} with a fresh count of attempts (its last error stays
   * until a start succeeds); false when the case has its process or its start is still being retried.
   */
  public boolean requeueGivenUpStart(String caseId, int maxAttempts, Instant now) {
    return jdbc.sql("""
        UPDATE collection_case SET process_start_attempts = 0, process_start_due_at = :now
        WHERE case_id = :caseId AND process_instance_id IS NULL AND process_start_due_at IS NOT NULL
          AND process_start_attempts >= :max
        """)
        .param("now", Timestamp.from(now)).param("caseId", caseId).param("max", maxAttempts).update() == 1;
  }

  private static ProcessStart processStart(ResultSet rs, int row) throws SQLException {
    return new ProcessStart(rs.getString("case_id"), rs.getString("loan_id"), rs.getString("branch_code"),
        rs.getObject("opened_on", LocalDate.class), rs.getInt("process_start_attempts"), rs.getString("process_start_error"));
  }

  private static PendingStart pendingStart(ResultSet rs, int row) throws SQLException {
    return new PendingStart(rs.getString("case_id"), rs.getString("loan_id"), rs.getString("branch_code"),
        rs.getString("cure_transaction_id"));
  }

  /** The loan's open case, if any. */
  public Optional<CollectionCase> openCaseOf(String loanId) {
    return jdbc.sql("SELECT * FROM collection_case WHERE open_loan_id = :loanId").param("loanId", loanId)
        .query((rs, row) -> collectionCase(rs)).optional();
  }

  /** The loan's cases, newest first. */
  public List<CollectionCase> casesOf(String loanId) {
    return jdbc.sql("SELECT * FROM collection_case WHERE loan_id = :loanId ORDER BY opened_at DESC, case_id DESC")
        .param("loanId", loanId).query((rs, row) -> collectionCase(rs)).list();
  }

  public void reachStep(String caseId, int step, CollectionAction action) {
    jdbc.sql("UPDATE collection_case SET ladder_step = :step, last_action = :action WHERE case_id = :caseId")
        .param("step", step).param("action", action.name()).param("caseId", caseId).update();
  }

  public void setStatus(String caseId, String status) {
    jdbc.sql("UPDATE collection_case SET status = :status WHERE case_id = :caseId")
        .param("status", status).param("caseId", caseId).update();
  }

  public void noteCure(String caseId, String transactionId) {
    jdbc.sql("UPDATE collection_case SET cure_transaction_id = :tx WHERE case_id = :caseId")
        .param("tx", transactionId).param("caseId", caseId).update();
  }

  /** Withdraws the case's cure when it is {@code transactionId}'s; false when it had none, or another one. */
  public boolean withdrawCure(String caseId, String transactionId) {
    return jdbc.sql("UPDATE collection_case SET cure_transaction_id = NULL WHERE case_id = :caseId"
            + " AND cure_transaction_id = :tx")
        .param("caseId", caseId).param("tx", transactionId).update() > 0;
  }

  /** A case closed before its process started: the poller will not start it. */
  public void cancelPendingStart(String caseId) {
    jdbc.sql("UPDATE collection_case SET process_start_due_at = NULL WHERE case_id = :caseId AND process_instance_id IS NULL")
        .param("caseId", caseId).update();
  }

  public Optional<String> cureTransaction(String caseId) {
    return jdbc.sql("SELECT cure_transaction_id FROM collection_case WHERE case_id = :caseId").param("caseId", caseId)
        .query(String.class).optional();
  }

  /** Closes the case: the loan may open a new one when it is overdue again. */
  public void close(String caseId, String status, LocalDate on, String reason, Instant at) {
    jdbc.sql("""
        UPDATE collection_case SET status = :status, open_loan_id = NULL, closed_on = :on, closed_at = :at,
          close_reason = :reason
        WHERE case_id = :caseId AND open_loan_id IS NOT NULL
        """)
        .param("status", status).param("on", on).param("at", Timestamp.from(at)).param("reason", reason)
        .param("caseId", caseId)
        .update();
  }

  // --- strategy decisions ------------------------------------------------------------------------

  public void recordDecision(String caseId, LocalDate businessDate, CollectionFacts facts, StrategyDecision decision,
      Instant at) {
    jdbc.sql("""
        INSERT INTO collection_action (case_id, business_date, days_past_due, amount_overdue, classification, promise_status,
          ladder_step, action, reason, decided_at)
        VALUES (:caseId, :day, :dpd, :amount, :classification, :promise, :step, :action, :reason, :at)
        """)
        .param("caseId", caseId).param("day", businessDate).param("dpd", facts.daysPastDue())
        .param("amount", facts.amountOverdue()).param("classification", facts.classification().name())
        .param("promise", facts.promiseStatus().name()).param("step", facts.ladderStep())
        .param("action", decision.action().name()).param("reason", decision.reason()).param("at", Timestamp.from(at))
        .update();
  }

  /** The classification the strategy table saw at the case's latest review. */
  public Optional<Classification> latestDecidedClassification(String caseId) {
    return jdbc.sql("SELECT classification FROM collection_action WHERE case_id = :caseId ORDER BY id DESC LIMIT 1")
        .param("caseId", caseId).query(String.class).optional().map(Classification::valueOf);
  }

  /** The latest decision that was not to wait: why the case's current task exists. */
  public Optional<String> latestActionReason(String caseId) {
    return jdbc.sql("""
        SELECT reason FROM collection_action WHERE case_id = :caseId AND action <> :wait ORDER BY id DESC
        """)
        .param("caseId", caseId).param("wait", CollectionAction.WAIT.name())
        .query(String.class).list().stream().findFirst();
  }

  // --- contacts and promises ----------------------------------------------------------------------

  public long insertContact(String caseId, LocalDate businessDate, ContactChannel channel, ContactOutcome outcome,
      String notes, String by, Instant at) {
    return insertContact(caseId, businessDate, channel, outcome, notes, by, at, null);
  }

  /** Records a contact; {@code mailId} is the outbox mail a mail contact recorded (null for any other contact). */
  public long insertContact(String caseId, LocalDate businessDate, ContactChannel channel, ContactOutcome outcome,
      String notes, String by, Instant at, Long mailId) {
    KeyHolder key = new GeneratedKeyHolder();
    jdbc.sql("""
        INSERT INTO collection_contact (case_id, business_date, channel, outcome, notes, contacted_by, contacted_at, mail_id)
        VALUES (:caseId, :day, :channel, :outcome, :notes, :by, :at, :mailId)
        """)
        .param("caseId", caseId).param("day", businessDate).param("channel", channel.name())
        .param("outcome", outcome.name()).param("notes", notes).param("by", by).param("at", Timestamp.from(at))
        .param("mailId", mailId, java.sql.Types.BIGINT)
        .update(key, "id");
    return key.getKey().longValue();
  }

  /**
   * The case's contacts, oldest first; a mail contact with its mail's status now (one join, the outbox row of each
   * reminder), so that staff read what became of the mail, not only that it was queued.
   */
  public List<Contact> contacts(String caseId) {
    return jdbc.sql("""
        SELECT k.*, m.status AS mail_status FROM collection_contact k LEFT JOIN mail_outbox m ON m.id = k.mail_id
        WHERE k.case_id = :caseId ORDER BY k.id
        """)
        .param("caseId", caseId)
        .query((rs, row) -> new Contact(rs.getLong("id"), rs.getObject("business_date", LocalDate.class),
            ContactChannel.valueOf(rs.getString("channel")), ContactOutcome.valueOf(rs.getString("outcome")),
            rs.getString("notes"), rs.getString("contacted_by"), rs.getTimestamp("contacted_at").toInstant(),
            rs.getObject("mail_id", Long.class),
            rs.getString("mail_status") == null ? null : MailStatus.valueOf(rs.getString("mail_status"))))
        .list();
  }

  public void insertPromise(String caseId, long contactId, BigDecimal amount, LocalDate date, int graceDays, LocalDate madeOn,
      Instant madeAt) {
    jdbc.sql("""
        INSERT INTO collection_promise (case_id, contact_id, promised_amount, promised_date, grace_days, made_on, made_at,
          status, acted_on)
        VALUES (:caseId, :contactId, :amount, :date, :grace, :madeOn, :madeAt, :open, FALSE)
        """)
        .param("caseId", caseId).param("contactId", contactId).param("amount", amount).param("date", date)
        .param("grace", graceDays).param("madeOn", madeOn).param("madeAt", Timestamp.from(madeAt))
        .param("open", PromiseStatus.OPEN.name())
        .update();
  }

  /** The case's promises, oldest first. */
  public List<Promise> promises(String caseId) {
    return jdbc.sql("SELECT * FROM collection_promise WHERE case_id = :caseId ORDER BY id")
        .param("caseId", caseId)
        .query((rs, row) -> new Promise(rs.getLong("id"), rs.getBigDecimal("promised_amount"),
            rs.getObject("promised_date", LocalDate.class), rs.getInt("grace_days"), rs.getObject("made_on", LocalDate.class),
            rs.getTimestamp("made_at").toInstant(), PromiseStatus.valueOf(rs.getString("status")),
            rs.getBigDecimal("received_amount"), rs.getObject("resolved_on", LocalDate.class), rs.getBoolean("acted_on")))
        .list();
  }

  public void resolvePromise(long promiseId, PromiseStatus status, BigDecimal received, LocalDate on) {
    jdbc.sql("UPDATE collection_promise SET status = :status, received_amount = :received, resolved_on = :on WHERE id = :id")
        .param("status", status.name()).param("received", received).param("on", on).param("id", promiseId).update();
  }

  public void promiseActedOn(long promiseId) {
    jdbc.sql("UPDATE collection_promise SET acted_on = TRUE WHERE id = :id").param("id", promiseId).update();
  }

  // --- disposal proposals --------------------------------------------------------------------------

  public void insertDisposal(String caseId, DisposalType type, String reason, String by, Instant at) {
    jdbc.sql("""
        INSERT INTO collection_disposal (case_id, disposal_type, reason, proposed_by, proposed_at)
        VALUES (:caseId, :type, :reason, :by, :at)
        """)
        .param("caseId", caseId).param("type", type.name()).param("reason", reason).param("by", by)
        .param("at", Timestamp.from(at))
        .update();
  }

  /** The case's proposals, oldest first. */
  public List<Disposal> disposals(String caseId) {
    return jdbc.sql("SELECT * FROM collection_disposal WHERE case_id = :caseId ORDER BY id")
        .param("caseId", caseId)
        .query((rs, row) -> {
          Timestamp decidedAt = rs.getTimestamp("decided_at");
          return new Disposal(rs.getLong("id"), DisposalType.valueOf(rs.getString("disposal_type")), rs.getString("reason"),
              rs.getString("proposed_by"), rs.getTimestamp("proposed_at").toInstant(), rs.getString("decision"),
              rs.getString("decided_by"), decidedAt == null ? null : decidedAt.toInstant(), rs.getString("decision_comment"),
              rs.getString("approver_group"), rs.getBigDecimal("authority_principal"), rs.getString("authority_reason"));
        })
        .list();
  }

  /**
   * Keeps with a pending proposal who is entitled to approve it (审批权限): the approver group, the outstanding principal
   * it was decided on and the decision table's reason (its first 1,000 characters). Once kept, it stays.
   *
   * @return whether this kept it (false: the proposal was decided, or its authority kept, already)
   */
  /**
   * The loans whose open case's proposal waits for a decision with no approver group kept (recorded before V142). Reads
   * every row of {@code collection_disposal} (one per proposal), once per start.
   */
  public List<String> loansWithAPendingDisposalWithoutApproverGroup() {
    return jdbc.sql("""
        SELECT c.loan_id FROM collection_disposal d JOIN collection_case c ON c.case_id = d.case_id
        WHERE d.decision IS NULL AND d.approver_group IS NULL AND c.open_loan_id IS NOT NULL
        ORDER BY c.loan_id
        """).query(String.class).list();
  }

  public boolean recordApprovalAuthority(long disposalId, String approverGroup, BigDecimal principal, String reason) {
    return jdbc.sql("""
        UPDATE collection_disposal SET approver_group = :group, authority_principal = :principal, authority_reason = :reason
        WHERE id = :id AND decision IS NULL AND approver_group IS NULL
        """)
        .param("group", approverGroup).param("principal", principal)
        .param("reason", reason.length() > 1000 ? reason.substring(0, 1000) : reason)
        .param("id", disposalId)
        .update() == 1;
  }

  public void decideDisposal(long disposalId, String decision, String by, String comment, Instant at) {
    jdbc.sql("""
        UPDATE collection_disposal SET decision = :decision, decided_by = :by, decision_comment = :comment, decided_at = :at
        WHERE id = :id AND decision IS NULL
        """)
        .param("decision", decision).param("by", by).param("comment", comment).param("at", Timestamp.from(at))
        .param("id", disposalId)
        .update();
  }

  private static CollectionCase collectionCase(ResultSet rs) throws SQLException {
    return new CollectionCase(rs.getString("case_id"), rs.getString("loan_id"), rs.getString("branch_code"),
        rs.getString("status"), rs.getInt("ladder_step"), rs.getString("last_action"),
        rs.getObject("opened_on", LocalDate.class), rs.getInt("opened_days_past_due"), rs.getTimestamp("opened_at").toInstant(),
        rs.getString("process_instance_id"), rs.getObject("closed_on", LocalDate.class), rs.getString("close_reason"));
  }
}
