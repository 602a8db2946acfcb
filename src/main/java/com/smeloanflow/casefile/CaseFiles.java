package com.smeloanflow.casefile;

import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.platform.SqlInLists;
import com.smeloanflow.platform.StateConflictException;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The case file of each application ({@code case_file}): the status a channel shows the applicant and
 * the one loan-origination instance that works it. Every stage sets the status through
 * {@link #setStatus}; the model sets it where a wait state is reached, so a channel that sees a status
 * can act on it.
 */
@Service
public class CaseFiles {

  private final JdbcClient jdbc;
  private final ApplicationHistory history;
  private final BusinessClock clock;

  public CaseFiles(JdbcClient jdbc, ApplicationHistory history, BusinessClock clock) {
    this.jdbc = jdbc;
    this.history = history;
    this.clock = clock;
  }

  /** Opens the case file of a newly registered application, status SUBMITTED. */
  public void open(String applicationId) {
    jdbc.sql("""
        INSERT INTO case_file (application_id, process_instance_id, status, status_since, version)
        VALUES (:id, NULL, :status, :at, 0)
        """)
        .param("id", applicationId).param("status", ApplicationStatus.SUBMITTED.name())
        .param("at", Timestamp.from(clock.now()))
        .update();
  }

  /**
   * Binds the application to the process instance that works it. An application has one instance in
   * its life: a second start (a retried request, a start over the engine REST API with the business
   * key of an existing application) is refused.
   *
   * @throws StateConflictException when the application has no case file or already has an instance
   */
  public void bindProcess(String applicationId, String processInstanceId) {
    int bound = jdbc.sql("""
        UPDATE case_file SET process_instance_id = :pi, version = version + 1
        WHERE application_id = :id AND process_instance_id IS NULL
        """)
        .param("pi", processInstanceId).param("id", applicationId)
        .update();
    if (bound != 1) {
      throw new StateConflictException("Application " + applicationId
          + " does not exist or is already worked by a loan-origination instance; a second instance is refused");
    }
  }

  public Optional<ApplicationStatus> status(String applicationId) {
    return jdbc.sql("SELECT status FROM case_file WHERE application_id = :id")
        .param("id", applicationId).query(String.class).optional().map(ApplicationStatus::valueOf);
  }

  /** The process instance working the application, if one was started. */
  public Optional<String> processInstanceId(String applicationId) {
    return jdbc.sql("SELECT process_instance_id FROM case_file WHERE application_id = :id AND process_instance_id IS NOT NULL")
        .param("id", applicationId).query(String.class).optional();
  }

  /** Sets the status (and records the change in the history) unless the application already has it. */
  public void setStatus(String applicationId, ApplicationStatus status) {
    ApplicationStatus current = status(applicationId).orElseThrow(() ->
        new IllegalStateException("Application " + applicationId + " has no case file"));
    if (current == status) {
      return;
    }
    if (current.isFinal()) {
      throw new IllegalStateException("Application " + applicationId + " is " + current + "; its status cannot become " + status);
    }
    // accepted_at: when the application first entered processing (the manager dashboard's acceptance milestone).
    jdbc.sql("""
        UPDATE case_file SET status = :status, status_since = :at, version = version + 1,
               accepted_at = CASE WHEN accepted_at IS NULL AND :entersProcessing THEN :at ELSE accepted_at END
        WHERE application_id = :id""")
        .param("status", status.name()).param("at", Timestamp.from(clock.now())).param("id", applicationId)
        .param("entersProcessing", status == ApplicationStatus.IN_PROCESSING)
        .update();
    history.record(applicationId, "system", "STATUS_" + status.name(), current + " → " + status);
  }

  /** Of these applications, those still open (not disbursed, rejected or withdrawn). */
  public List<String> openAmong(Collection<String> applicationIds) {
    if (applicationIds.isEmpty()) {
      return List.of();
    }
    return jdbc.sql("""
        SELECT application_id FROM case_file
        WHERE application_id IN (:ids) AND status NOT IN ('DISBURSED', 'REJECTED', 'WITHDRAWN')
        ORDER BY application_id
        """)
        .param("ids", applicationIds).query(String.class).list();
  }

  /**
   * Of these applications, those that are in {@code status} now or were at some time (the history records
   * every status change), e.g. every application ever approved, whatever became of it afterwards.
   */
  public java.util.Set<String> reached(Collection<String> applicationIds, ApplicationStatus status) {
    java.util.Set<String> reached = new java.util.HashSet<>();
    for (List<String> chunk : SqlInLists.chunks(applicationIds)) {
      reached.addAll(jdbc.sql("""
          SELECT application_id FROM case_file WHERE application_id IN (:ids) AND status = :status
          UNION
          SELECT DISTINCT application_id FROM application_event WHERE application_id IN (:ids) AND event_type = :event
          """)
          .param("ids", chunk).param("status", status.name()).param("event", "STATUS_" + status.name())
          .query(String.class).list());
    }
    return reached;
  }
}
