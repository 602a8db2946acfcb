package com.smeloanflow.operations;

import com.smeloanflow.casefile.ApplicationStatus;
import com.smeloanflow.platform.BackgroundThreads;
import com.smeloanflow.platform.BusinessClock;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The figures an operations team watches, as Micrometer meters for {@code /actuator/prometheus}. They are
 * read in a few grouped queries from the stages' tables (read only: each stage still owns its table) and
 * from the engine's runtime tables, so a scrape never queries the database:
 * <ul>
 *   <li>{@code smeloan_applications{status}}: applications by the status a channel shows;</li>
 *   <li>{@code smeloan_applications_routed_total{route}}: applications by approval route (AUTO, SINGLE, COMMITTEE, REJECT);</li>
 *   <li>{@code smeloan_disbursements_total}, {@code smeloan_disbursed_cny_total}: loans paid out and their amount;</li>
 *   <li>{@code smeloan_mail_outbox{status}}: applicant mails PENDING (waiting for the SMTP server), SENT, FAILED, WITHDRAWN;</li>
 *   <li>{@code smeloan_jobs{state}}: the engine's jobs due, locked, lock_expired (held by a dead node) and failed;</li>
 *   <li>{@code smeloan_incidents_open{type,activity}}: open incidents, by the step that failed (a multi-instance
 *       step by its own id, not the engine's {@code #multiInstanceBody});</li>
 *   <li>{@code smeloan_tasks_open{candidate_group}}, {@code smeloan_tasks_unclaimed{candidate_group}}: work
 *       waiting for each group;</li>
 *   <li>{@code smeloan_drawdown_requests_pending}: credit line drawdowns core banking has not answered yet (their
 *       amounts reserved; settled by the channel's retry or the reconciliation within minutes);</li>
 *   <li>{@code smeloan_renewal_envelopes_to_cancel{state}}: the envelopes of renewals an operator cancelled or a
 *       call-in ended that the e-signature service has not cancelled yet ({@code waiting}), and those among them it has refused
 *       {@code smeloan.renewal.envelope-cancellation.alert-after-attempts} times or more ({@code refused}): the
 *       borrower may still be shown them to sign;</li>
 *   <li>{@code smeloan_prospect_applied_notices_undelivered}, {@code smeloan_prospect_applied_notices_oldest_age_seconds}:
 *       the campaign's conversions not yet told to their prospect's process (an enterprise applied through another
 *       channel; the poller sends them again) and how long the oldest has waited since it was recorded (0 when none);</li>
 *   <li>{@code smeloan_cluster_figures_age_seconds}: how old these figures are (they stop updating while
 *       the database is unreachable).</li>
 * </ul>
 * These figures are the cluster's, the same on every node, so one node reads them for all: every
 * {@code smeloan.cluster.metrics-refresh-interval} (30 s) each node looks at the figures stored in
 * {@link ClusterFiguresStore}; when they are older than nine tenths of the interval it claims the next read,
 * reads them and stores them, otherwise it shows the stored ones. The totals that only grow with the book
 * (applications in a final status, routes, postings, sent mails) read whole tables (about 0.6 s of the database at
 * 1,000,000 loans), so one read per {@code smeloan.cluster.totals-refresh-interval} (5 min) counts them and the others
 * take them from the stored figures; the waiting applications and unsent mails are counted at every read through their
 * status indexes (docs/performance.md, "The cluster figures' totals"). The open tasks per group alone cost the
 * database 175 ms at 100,000 open tasks on an idle machine, up to 2.5 s under load; a cluster of n nodes reads
 * them about once per interval instead of n times (docs/performance.md, "Tuning"). The job executor's own
 * counters per node are {@link EngineMetrics}'.
 */
@Component
public class OperationsMetrics implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(OperationsMetrics.class);

  /** The statuses an application waits in; the final ones (DISBURSED, REJECTED, WITHDRAWN) only grow. */
  static final List<String> OPEN_STATUSES =
      Arrays.stream(ApplicationStatus.values()).filter(status -> !status.isFinal()).map(Enum::name).toList();

  /**
   * The outbox's statuses of a mail not sent yet (V129 allows PENDING, SENT, FAILED, WITHDRAWN); SENT and WITHDRAWN
   * are final and only grow.
   */
  static final List<String> UNSENT_MAIL_STATUSES = List.of("PENDING", "FAILED");

  /**
   * The engine's jobs by state, as of {@code :now}. A lock-expired job is also due. The job table holds a book's
   * timers (two per monitored loan, due weeks ahead), so each count is asked where an index can answer it
   * ({@link JobTableIndexes}): the due jobs by their due date, the locked and failed ones by the partial index that
   * holds only them. On PostgreSQL with 2,000,000 timers that is a few milliseconds instead of a second.
   */
  static final String JOB_COUNTS = """
      SELECT
        (SELECT COUNT(*) FROM ACT_RU_JOB
         WHERE (DUEDATE_ IS NULL OR DUEDATE_ <= :now) AND RETRIES_ > 0 AND SUSPENSION_STATE_ = 1
           AND (LOCK_OWNER_ IS NULL OR LOCK_EXP_TIME_ <= :now)) AS due,
        COALESCE(SUM(CASE WHEN LOCK_OWNER_ IS NOT NULL AND LOCK_EXP_TIME_ > :now THEN 1 ELSE 0 END), 0) AS locked,
        COALESCE(SUM(CASE WHEN LOCK_OWNER_ IS NOT NULL AND LOCK_EXP_TIME_ <= :now THEN 1 ELSE 0 END), 0) AS lock_expired,
        COALESCE(SUM(CASE WHEN RETRIES_ = 0 THEN 1 ELSE 0 END), 0) AS failed
      FROM ACT_RU_JOB
      WHERE LOCK_OWNER_ IS NOT NULL OR RETRIES_ = 0""";

  /** The states of {@code smeloan_renewal_envelopes_to_cancel}, each shown from the first read on (0 when none). */
  static final List<String> ENVELOPE_STATES = List.of("waiting", "refused");

  /**
   * The envelopes of unsigned contracts of renewals cancelled by an operator or ended by a call-in that the e-signature
   * service has not cancelled yet, and those it has refused {@code :alertAfter} times or more: the rows the cancellation
   * poller takes
   * ({@code RenewalRepository.ENVELOPES_TO_CANCEL}), found through {@code loan_renewal_envelope_to_cancel_idx} (V136)
   * among a book of renewals.
   */
  static final String RENEWAL_ENVELOPES_TO_CANCEL = """
      SELECT COUNT(*) AS waiting,
        COALESCE(SUM(CASE WHEN envelope_cancel_attempts >= :alertAfter THEN 1 ELSE 0 END), 0) AS refused
      FROM loan_renewal
      WHERE status IN ('CANCELLED', 'CALLED_IN') AND envelope_cancelled_at IS NULL AND envelope_id IS NOT NULL
        AND signature_id IS NULL""";

  /**
   * The campaign's conversions not yet told to their prospect's process and when the oldest was recorded: the rows the
   * delivery poller takes ({@code CampaignRepository.APPLIED_NOTICES_DUE}), found through
   * {@code prospect_applied_notice_due_idx} (V155).
   */
  static final String UNDELIVERED_APPLIED_NOTICES = """
      SELECT COUNT(*) AS n, MIN(registered_at) AS oldest FROM prospect_applied_notice WHERE delivered_at IS NULL""";

  private final JdbcClient jdbc;
  private final BusinessClock clock;
  private final MeterRegistry meters;
  private final ClusterProperties cluster;
  private final AtomicReference<ClusterFigures> figures = new AtomicReference<>(ClusterFigures.NONE);
  private final AtomicReference<Instant> readAt = new AtomicReference<>();
  private final ClusterFiguresStore store;
  private final OpenTasksByGroup openTasks;
  private final int envelopeAlertAfterAttempts;
  /** This node's claims on the next read: its name and a random part, new at every start. */
  private final String claimant;
  private final Set<String> registered = ConcurrentHashMap.newKeySet();
  private volatile ScheduledExecutorService refresher;
  private volatile boolean failing;

  OperationsMetrics(JdbcClient jdbc, BusinessClock clock, MeterRegistry meters, ClusterProperties cluster,
      ClusterFiguresStore store, OpenTasksByGroup openTasks,
      @Value("${smeloan.renewal.envelope-cancellation.alert-after-attempts}") int envelopeAlertAfterAttempts) {
    this.jdbc = jdbc;
    this.envelopeAlertAfterAttempts = envelopeAlertAfterAttempts;
    this.openTasks = openTasks;
    this.clock = clock;
    this.meters = meters;
    this.cluster = cluster;
    this.store = store;
    this.claimant = JobExecutorLockOwner.lockOwner(cluster.nodeName());
    Gauge.builder("smeloan.cluster.figures.age", this, metrics -> metrics.ageSeconds())
        .baseUnit("seconds").description("Age of the cluster-wide figures (they stop updating while the database is unreachable)")
        .register(meters);
  }

  @EventListener(ApplicationReadyEvent.class)
  void startRefreshing() {
    long interval = cluster.metricsRefreshInterval().toMillis();
    if (interval <= 0 || refresher != null) {
      return;
    }
    refresher = Executors.newSingleThreadScheduledExecutor(BackgroundThreads.named("cluster-figures"));
    refresher.scheduleWithFixedDelay(this::refreshQuietly, 0, interval, TimeUnit.MILLISECONDS);
  }

  @Override
  public void destroy() {
    if (refresher != null) {
      refresher.shutdownNow();
    }
  }

  /** Reads the figures now, stores them for the other nodes and shows them. */
  public void refresh() {
    Instant at = Instant.now();
    ClusterFigures read = read(figures.get(), true, at);
    store.save(read, at, claimant);
    show(read, at);
  }

  /**
   * The refresh every interval: reads the figures when the stored ones are older than the interval (nine
   * tenths of it, so that a node's own schedule does not just miss its turn) and no other node is reading
   * them, otherwise shows the stored ones.
   *
   * @return whether this node read the figures itself
   */
  boolean refreshForCluster(Instant now) {
    Duration interval = cluster.metricsRefreshInterval();
    if (store.claim(claimant, now, now.minus(dueAfter(interval)), interval)) {
      ClusterFigures read;
      try {
        ClusterFigures previous = store.latest().map(ClusterFiguresStore.Stored::figures).orElse(figures.get());
        read = read(previous, totalsDue(previous, now), now);
      } catch (RuntimeException e) {
        store.release(claimant);
        throw e;
      }
      store.save(read, now, claimant);
      show(read, now);
      return true;
    }
    store.latest().ifPresent(stored -> show(stored.figures(), stored.readAt()));
    return false;
  }

  /** Shows figures read at {@code at}: registers a meter for every status, route, group, ... seen for the first time. */
  private void show(ClusterFigures read, Instant at) {
    Instant shown = readAt.get();
    if (shown != null && shown.isAfter(at)) {
      return;
    }
    figures.set(read);
    readAt.set(at);
    registerGauges("smeloan.applications", "status", read.applicationsByStatus().keySet(), ClusterFigures::applicationsByStatus,
        "Applications by the status a channel shows");
    read.applicationsByRoute().keySet().forEach(route -> registerCounter("smeloan.applications.routed", "route", route,
        f -> f.applicationsByRoute().getOrDefault(route, 0L), "Applications by the approval route processing decided"));
    registerCounter("smeloan.disbursements", null, null, ClusterFigures::disbursements, "Loans paid out (one posting each)");
    registerCounter("smeloan.disbursed.cny", null, null, f -> f.disbursedAmount().doubleValue(), "Amount paid out, CNY");
    registerGauges("smeloan.mail.outbox", "status", read.mailsByStatus().keySet(), ClusterFigures::mailsByStatus,
        "Applicant mails in the outbox by status");
    registerGauges("smeloan.jobs", "state", read.jobsByState().keySet(), ClusterFigures::jobsByState,
        "The engine's jobs: due, locked by a node, lock expired (node died), failed (incident)");
    read.openIncidents().keySet().forEach(this::registerIncidentGauge);
    registerGauges("smeloan.tasks.open", "candidate_group", read.openTasksByGroup().keySet(), ClusterFigures::openTasksByGroup,
        "Open user tasks offered to the group, claimed or not");
    registerGauges("smeloan.tasks.unclaimed", "candidate_group", read.unclaimedTasksByGroup().keySet(),
        ClusterFigures::unclaimedTasksByGroup, "Open user tasks offered to the group that nobody has claimed");
    if (registered.add("smeloan.drawdown.requests.pending")) {
      Gauge.builder("smeloan.drawdown.requests.pending", figures, f -> f.get().pendingDrawdownRequests())
          .description("Credit line drawdown requests core banking has not answered yet (amounts reserved)")
          .strongReference(true).register(meters);
    }
    if (registered.add("smeloan.prospect.applied.notices.undelivered")) {
      Gauge.builder("smeloan.prospect.applied.notices.undelivered", figures, f -> f.get().undeliveredAppliedNotices())
          .description("Conversions (an enterprise applied through another channel) not yet told to their prospect's process")
          .strongReference(true).register(meters);
      Gauge.builder("smeloan.prospect.applied.notices.oldest.age", figures, f -> oldestAgeSeconds(f.get()))
          .baseUnit("seconds").description("How long the oldest conversion not yet told to its prospect's process has waited")
          .strongReference(true).register(meters);
    }
    registerGauges("smeloan.renewal.envelopes.to.cancel", "state", ENVELOPE_STATES, ClusterFigures::renewalEnvelopesToCancel,
        "Envelopes of renewals cancelled or called in that the e-signature service has not cancelled yet (waiting), and those among them it "
            + "has refused alert-after-attempts times or more (refused)");
  }

  ClusterFigures figures() {
    return figures.get();
  }

  /** Seconds since the oldest undelivered conversion was recorded, on the business clock; 0 when there is none. */
  private double oldestAgeSeconds(ClusterFigures shown) {
    Instant oldest = shown.oldestUndeliveredAppliedNoticeAt();
    return oldest == null ? 0 : Math.max(0, Duration.between(oldest, clock.now()).toMillis() / 1000.0);
  }

  private void refreshQuietly() {
    try {
      refreshForCluster(Instant.now());
      if (failing) {
        log.info("Cluster figures are read again");
        failing = false;
      }
    } catch (RuntimeException e) {
      if (!failing) {
        log.warn("Cannot read the cluster figures (metrics keep their last values): {}", e.toString());
        failing = true;
      }
    }
  }

  private double ageSeconds() {
    Instant at = readAt.get();
    return at == null ? Double.NaN : (Instant.now().toEpochMilli() - at.toEpochMilli()) / 1000.0;
  }

  /**
   * How old figures read once per {@code interval} may be before they are read again: nine tenths of it, so that a
   * node's own schedule, a little late, does not just miss its turn.
   */
  private static Duration dueAfter(Duration interval) {
    return interval.multipliedBy(9).dividedBy(10);
  }

  /**
   * Whether the totals that only grow are to be counted again: when they never were, or when the ones counted last
   * are older than nine tenths of {@code smeloan.cluster.totals-refresh-interval}.
   */
  private boolean totalsDue(ClusterFigures previous, Instant now) {
    Duration interval = cluster.totalsRefreshInterval();
    return previous.totalsReadAt() == null
        || !now.isBefore(previous.totalsReadAt().plus(dueAfter(interval)));
  }

  /**
   * Reads the figures. The totals that only grow with the book (applications in a final status, routes, postings,
   * sent mails) are counted when {@code totals} is set and otherwise taken from {@code previous}: they read whole
   * tables (about 0.6 s of the database at 1,000,000 loans), the others read a few rows through an index.
   */
  private ClusterFigures read(ClusterFigures previous, boolean totals, Instant readAt) {
    Timestamp now = Timestamp.from(clock.now());
    Map<String, Long> jobs = jdbc.sql(JOB_COUNTS).param("now", now).query((rs, row) -> {
      Map<String, Long> states = new LinkedHashMap<>();
      for (String state : new String[] {"due", "locked", "lock_expired", "failed"}) {
        states.put(state, rs.getLong(state));
      }
      return states;
    }).single();
    Map<String, Long> open = new LinkedHashMap<>();
    Map<String, Long> unclaimed = new LinkedHashMap<>();
    openTasks.everyGroup(now.toInstant()).forEach((group, tasks) -> {
      open.put(group, tasks.open());
      unclaimed.put(group, tasks.unclaimed());
    });
    long pendingDrawdowns = jdbc.sql("SELECT COUNT(*) FROM credit_line_drawdown_request WHERE status = 'PENDING'")
        .query(Long.class).single();
    Map<String, Long> envelopes = jdbc.sql(RENEWAL_ENVELOPES_TO_CANCEL).param("alertAfter", envelopeAlertAfterAttempts)
        .query((rs, row) -> {
          Map<String, Long> states = new LinkedHashMap<>();
          for (String state : ENVELOPE_STATES) {
            states.put(state, rs.getLong(state));
          }
          return states;
        }).single();
    UndeliveredNotices notices = jdbc.sql(UNDELIVERED_APPLIED_NOTICES).query((rs, row) -> {
      Timestamp oldest = rs.getTimestamp("oldest");
      return new UndeliveredNotices(rs.getLong("n"), oldest == null ? null : oldest.toInstant());
    }).single();
    Map<String, Long> applications = counts(jdbc.sql(
        "SELECT status AS k, COUNT(*) AS n FROM case_file WHERE status IN (:open) GROUP BY status").param("open", OPEN_STATUSES));
    Map<String, Long> mails = counts(jdbc.sql(
        "SELECT status AS k, COUNT(*) AS n FROM mail_outbox WHERE status IN (:unsent) GROUP BY status")
        .param("unsent", UNSENT_MAIL_STATUSES));
    Totals grown = totals ? readTotals() : Totals.of(previous);
    applications.putAll(grown.applications());
    mails.putAll(grown.mails());
    return new ClusterFigures(applications, grown.routes(), grown.disbursements(), grown.disbursedAmount(), mails, jobs,
        byStep(counts(jdbc.sql("SELECT INCIDENT_TYPE_ " + concat() + " COALESCE(ACTIVITY_ID_, '') AS k, COUNT(*) AS n "
            + "FROM ACT_RU_INCIDENT GROUP BY INCIDENT_TYPE_, ACTIVITY_ID_"))),
        open, unclaimed, pendingDrawdowns, envelopes, notices.count(), notices.oldestAt(),
        totals ? readAt : previous.totalsReadAt());
  }

  /** The conversions not yet told to their prospect's process: how many, and when the oldest was recorded. */
  private record UndeliveredNotices(long count, Instant oldestAt) {}

  /** The figures that only grow with the book, each a count over a whole table (or a whole index). */
  private record Totals(Map<String, Long> applications, Map<String, Long> routes, long disbursements,
      BigDecimal disbursedAmount, Map<String, Long> mails) {

    /** The totals as {@code figures} carry them: applications in a final status, sent mails, routes, postings. */
    static Totals of(ClusterFigures figures) {
      Map<String, Long> applications = new LinkedHashMap<>(figures.applicationsByStatus());
      applications.keySet().removeAll(OPEN_STATUSES);
      Map<String, Long> mails = new LinkedHashMap<>(figures.mailsByStatus());
      mails.keySet().removeAll(UNSENT_MAIL_STATUSES);
      return new Totals(applications, figures.applicationsByRoute(), figures.disbursements(), figures.disbursedAmount(),
          mails);
    }
  }

  private Totals readTotals() {
    Map<String, Long> applications = counts(jdbc.sql(
        "SELECT status AS k, COUNT(*) AS n FROM case_file WHERE status NOT IN (:open) GROUP BY status").param("open", OPEN_STATUSES));
    Map<String, Long> routes = counts(jdbc.sql("SELECT approval_route AS k, COUNT(*) AS n FROM processing_outcome "
        + "WHERE approval_route IS NOT NULL GROUP BY approval_route"));
    Map<String, Long> mails = counts(jdbc.sql(
        "SELECT status AS k, COUNT(*) AS n FROM mail_outbox WHERE status NOT IN (:unsent) GROUP BY status")
        .param("unsent", UNSENT_MAIL_STATUSES));
    return jdbc.sql("SELECT COUNT(*) AS n, COALESCE(SUM(amount), 0) AS total FROM disbursement_posting")
        .query((rs, row) -> new Totals(applications, routes, rs.getLong("n"), rs.getBigDecimal("total"), mails)).single();
  }

  private static String concat() {
    return "|| '" + ClusterFigures.INCIDENT_KEY_SEPARATOR + "' ||";
  }

  /** The engine's id of a multi-instance activity's body (where its asynchronous continuation before the instances waits). */
  private static final String MULTI_INSTANCE_BODY = "#multiInstanceBody";

  /**
   * Open incidents by type and the step of the model that failed: one of a multi-instance activity's body (e.g. the
   * renewal committee's votes stuck before they were created) is counted under the activity's id, as the model names it.
   */
  private static Map<String, Long> byStep(Map<String, Long> incidents) {
    Map<String, Long> steps = new LinkedHashMap<>();
    incidents.forEach((key, n) -> steps.merge(key.endsWith(MULTI_INSTANCE_BODY)
        ? key.substring(0, key.length() - MULTI_INSTANCE_BODY.length()) : key, n, Long::sum));
    return steps;
  }

  private Map<String, Long> counts(JdbcClient.StatementSpec statement) {
    Map<String, Long> counts = new LinkedHashMap<>();
    statement.query(rs -> {
      counts.merge(rs.getString("k"), rs.getLong("n"), Long::sum);
    });
    return counts;
  }

  private void registerGauges(String name, String tag, Collection<String> values, Function<ClusterFigures, Map<String, Long>> map,
      String description) {
    for (String value : values) {
      if (registered.add(name + "{" + tag + "=" + value + "}")) {
        Gauge.builder(name, figures, f -> map.apply(f.get()).getOrDefault(value, 0L))
            .tag(tag, value).description(description).strongReference(true).register(meters);
      }
    }
  }

  private void registerIncidentGauge(String key) {
    if (registered.add("smeloan.incidents.open{" + key + "}")) {
      String[] typeAndActivity = key.split(java.util.regex.Pattern.quote(ClusterFigures.INCIDENT_KEY_SEPARATOR), 2);
      Gauge.builder("smeloan.incidents.open", figures, f -> f.get().openIncidents().getOrDefault(key, 0L))
          .tag("type", typeAndActivity[0]).tag("activity", typeAndActivity.length > 1 ? typeAndActivity[1] : "")
          .description("Open incidents by type and the step that failed").strongReference(true).register(meters);
    }
  }

  private void registerCounter(String name, String tag, String value, ToDoubleFunction<ClusterFigures> count, String description) {
    if (registered.add(name + "{" + tag + "=" + value + "}")) {
      FunctionCounter.Builder<AtomicReference<ClusterFigures>> counter =
          FunctionCounter.builder(name, figures, f -> count.applyAsDouble(f.get())).description(description);
      if (tag != null) {
        counter.tag(tag, value);
      }
      counter.register(meters);
    }
  }
}
