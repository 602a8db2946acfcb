package com.smeloanflow.chaos;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.smeloanflow.chaos.ChaosScenario.StaffTask;
import com.smeloanflow.support.ApiClient.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A constant load on the cluster, whatever happens to its nodes: each {@link ChaosScenario} starts a
 * case every {@link ChaosScenario#interval()} (a failed start, or one that cannot start yet, is tried
 * again with the same sequence number, so its idempotency key makes a repeat harmless), the outside
 * world plays its part in every open case once a second, and simulated staff claim and complete the
 * scenarios' tasks over the engine REST API, as Tasklist does.
 */
final class LoadGenerator implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LoadGenerator.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TICK = Duration.ofSeconds(1);

  private final ClusterClient cluster;
  private final ChaosDatabase database;
  private final List<ChaosScenario> scenarios;
  private final Map<ChaosScenario, List<String>> cases = new LinkedHashMap<>();
  private final Map<ChaosScenario, AtomicInteger> sequences = new LinkedHashMap<>();
  private final ScheduledExecutorService threads;
  private final List<ScheduledFuture<?>> starting = new ArrayList<>();
  private final AtomicLong stepsRepeated = new AtomicLong();
  private final AtomicLong tasksCompleted = new AtomicLong();

  LoadGenerator(ClusterClient cluster, ChaosDatabase database, List<ChaosScenario> scenarios) {
    this.cluster = cluster;
    this.database = database;
    this.scenarios = scenarios;
    // A thread for each scenario's starts (a start may wait minutes for a node), the outside world and staff.
    this.threads = Executors.newScheduledThreadPool(scenarios.size() + 2, runnable -> {
      Thread thread = new Thread(runnable, "chaos-load");
      thread.setDaemon(true);
      return thread;
    });
    scenarios.forEach(scenario -> {
      cases.put(scenario, new CopyOnWriteArrayList<>());
      sequences.put(scenario, new AtomicInteger(1));
    });
  }

  void start() {
    for (ChaosScenario scenario : scenarios) {
      starting.add(threads.scheduleWithFixedDelay(() -> startCase(scenario), 0, scenario.interval().toMillis(), TimeUnit.MILLISECONDS));
    }
    threads.scheduleWithFixedDelay(this::outsideWorld, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
    threads.scheduleWithFixedDelay(this::staff, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** No new cases from now on; the open ones are still worked. */
  void stopStarting() {
    starting.forEach(future -> future.cancel(false));
  }

  /** The cases each scenario started. */
  Map<ChaosScenario, List<String>> cases() {
    return cases;
  }

  /** How many cases are not finished yet. */
  int unfinished() {
    int open = 0;
    for (ChaosScenario scenario : scenarios) {
      Map<String, String> states = scenario.states(database, cases.get(scenario));
      open += (int) cases.get(scenario).stream().filter(id -> !scenario.finished(states.get(id))).count();
    }
    return open;
  }

  /** Steps of the outside world or of staff that failed (e.g. every node down) and were done again later. */
  long stepsRepeated() {
    return stepsRepeated.get();
  }

  long tasksCompleted() {
    return tasksCompleted.get();
  }

  @Override
  public void close() {
    threads.shutdownNow();
  }

  private void startCase(ChaosScenario scenario) {
    int sequence = sequences.get(scenario).get();
    try {
      cases.get(scenario).add(scenario.start(cluster, sequence));
      sequences.get(scenario).incrementAndGet();
    } catch (ChaosScenario.NothingToStartYet e) {
      log.debug("{} case {} waits: {}", scenario.name(), sequence, e.getMessage());
    } catch (RuntimeException e) {
      stepsRepeated.incrementAndGet();
      log.warn("{} case {} not started yet, trying again: {}", scenario.name(), sequence, e.toString());
    }
  }

  private void outsideWorld() {
    for (ChaosScenario scenario : scenarios) {
      try {
        Map<String, String> states = scenario.states(database, cases.get(scenario));
        states.forEach((id, state) -> {
          if (!scenario.finished(state)) {
            try {
              scenario.advance(cluster, id, state);
            } catch (RuntimeException e) {
              stepsRepeated.incrementAndGet();
              log.warn("{} {}: step at {} failed, trying again: {}", scenario.name(), id, state, e.toString());
            }
          }
        });
      } catch (RuntimeException databaseDown) {
        stepsRepeated.incrementAndGet();
      }
    }
  }

  private void staff() {
    for (ChaosScenario scenario : scenarios) {
      for (StaffTask task : scenario.staffTasks()) {
        try {
          work(task);
        } catch (RuntimeException e) {
          stepsRepeated.incrementAndGet();
          log.warn("{} at {}: {}", task.user(), task.taskDefinitionKey(), e.toString());
        }
      }
    }
  }

  /** What a member of staff does in Tasklist: open their group's tasks, claim one, fill in the form, complete it. */
  private void work(StaffTask task) {
    Response open = cluster.get("/engine-rest/task?taskDefinitionKey=" + task.taskDefinitionKey() + "&maxResults=20", task.user());
    if (open.status() != 200) {
      throw new IllegalStateException("task query: " + open);
    }
    for (JsonNode found : open.json()) {
      String id = found.path("id").asText();
      if (found.path("assignee").isNull() || found.path("assignee").isMissingNode()) {
        Response claimed = cluster.post("/engine-rest/task/" + id + "/claim", task.user(), "{\"userId\":\"" + task.user() + "\"}");
        if (claimed.status() != 204) {
          continue; // completed meanwhile (a repeat after a lost answer)
        }
      }
      Response completed = cluster.post("/engine-rest/task/" + id + "/complete", task.user(), variables(task.form()));
      if (completed.status() == 204) {
        tasksCompleted.incrementAndGet();
      }
    }
  }

  private static String variables(Map<String, Object> form) {
    ObjectNode body = JSON.createObjectNode();
    ObjectNode values = body.putObject("variables");
    form.forEach((name, value) -> values.putObject(name).set("value", JSON.valueToTree(value)));
    try {
      return JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
