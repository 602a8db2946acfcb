package com.smeloanflow.casefile;

import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.platform.SqlInLists;
import com.smeloanflow.platform.StateConflictException;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

  /** The history's event type of a status change: this prefix and the status. */
  static final String STATUS_EVENT = "STATUS_";

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
      // English: people meet it inside CounterIntakeListener's Chinese 403 (see StaffText).
      throw new StateConflictException("Application " + applicationId
          + " does not exist or is already worked by a loan-origination instance; a second instance is refused");
    }
  }

  public Optional<ApplicationStatus> status(String applicationId) {
    return state(applicationId).map(State::status);
  }

  /** A case file's status and the process instance working it (null until one was started), read together. */
  public record State(ApplicationStatus status, String processInstanceId) {}

  /**
   * The case file's status and process instance in one statement; {@link #status} and {@link #processInstanceId}
   * read through it.
   */
  public Optional<State> state(String applicationId) {
    return jdbc.sql("SELECT status, process_instance_id FROM case_file WHERE application_id = :id")
        .param("id", applicationId)
        .query((rs, row) -> new State(ApplicationStatus.valueOf(rs.getString("status")), rs.getString("process_instance_id")))
        .optional();
  }

  /** The process instance working the application, if one was started. */
  public Optional<String> processInstanceId(String applicationId) {
    return state(applicationId).map(State::processInstanceId);
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
    history.record(applicationId, "system", STATUS_EVENT + status.name(), current + " → " + status);
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
   * Of these applications, those that are in each of {@code statuses} now or were at some time (the history records
   * every status change), e.g. every application ever approved, whatever became of it afterwards. One statement per
   * chunk of applications for all the statuses: the campaign funnel asks for two statuses of 100,000 applications.
   *
   * @return for each status asked, the applications that reached it (empty sets included)
   */
  public Map<ApplicationStatus, Set<String>> reached(Collection<String> applicationIds, Set<ApplicationStatus> statuses) {
    Map<ApplicationStatus, Set<String>> reached = new EnumMap<>(ApplicationStatus.class);
    statuses.forEach(status -> reached.put(status, new HashSet<>()));
    if (statuses.isEmpty()) {
      return reached;
    }
    List<String> names = statuses.stream().map(ApplicationStatus::name).toList();
    List<String> events = names.stream().map(name -> STATUS_EVENT + name).toList();
    for (List<String> chunk : SqlInLists.chunks(applicationIds)) {
      jdbc.sql("""
          SELECT application_id, status FROM case_file WHERE application_id IN (:ids) AND status IN (:statuses)
          UNION
          SELECT DISTINCT application_id, event_type FROM application_event WHERE application_id IN (:ids) AND event_type IN (:events)
          """)
          .param("ids", chunk).param("statuses", names).param("events", events)
          .query((rs, row) -> reached.get(statusOf(rs.getString(2))).add(rs.getString(1)))
          .list();
    }
    return reached;
  }

  private static ApplicationStatus statusOf(String statusOrEvent) {
    return ApplicationStatus.valueOf(statusOrEvent.startsWith(STATUS_EVENT) ? statusOrEvent.substring(STATUS_EVENT.length()) : statusOrEvent);
  }
}
