package com.smeloanflow.casefile;

import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.platform.FormText;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The business history of an application: who did what, and when ({@code application_event}). */
@Component
public class ApplicationHistory {

  private static final Logger log = LoggerFactory.getLogger(ApplicationHistory.class);

  /**
   * The most a detail holds: the column's width (V153). The longest detail written is 5,152 characters (an annual review's
   * 冻结额度 or 维持额度 of a frozen line: the manager's reason and the line's 4,100-character reason); a longer one would be
   * shortened at its end ({@link FormText#CUT}) rather than fail the step that records it.
   */
  public static final int MAX_DETAIL = 6000;

  private final JdbcClient jdbc;
  private final BusinessClock clock;

  public ApplicationHistory(JdbcClient jdbc, BusinessClock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  public void record(String applicationId, String actor, String eventType, String detail) {
    log.info("Application {}: {} by {}{}", applicationId, eventType, actor, detail == null ? "" : " (" + detail + ")");
    jdbc.sql("""
        INSERT INTO application_event (application_id, occurred_at, actor, event_type, detail)
        VALUES (:applicationId, :at, :actor, :eventType, :detail)
        """)
        .param("applicationId", applicationId)
        .param("at", Timestamp.from(clock.now()))
        .param("actor", actor == null ? "system" : actor)
        .param("eventType", eventType)
        .param("detail", detail == null ? null : FormText.shorten(detail, MAX_DETAIL))
        .update();
  }

  public List<Event> of(String applicationId) {
    return jdbc.sql("SELECT * FROM application_event WHERE application_id = :id ORDER BY occurred_at, id")
        .param("id", applicationId)
        .query((rs, row) -> new Event(rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
            rs.getString("actor"), rs.getString("event_type"), rs.getString("detail")))
        .list();
  }

  public record Event(Instant occurredAt, String actor, String eventType, String detail) {}
}
