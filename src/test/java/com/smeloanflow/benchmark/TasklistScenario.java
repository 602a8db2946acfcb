package com.smeloanflow.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;

/**
 * Tasklist at scale: open user tasks seeded over branch groups (a parallel multi-instance user task,
 * one candidate group per task chosen from the loop counter, a due date, the branch as a process
 * variable), then several Tasklist users — not administrators, so Camunda's authorization checks
 * apply — repeat the engine REST calls Tasklist makes: the first page of the group-tasks filter
 * sorted by due date, its count, that page searched by a process variable, and "my tasks".
 */
final class TasklistScenario implements Scenario {

  static final String GROUP_PAGE_P95 = "Tasklist group page p95 (ms)";
  static final String GROUP_COUNT_P95 = "Tasklist group count p95 (ms)";
  static final String SEED_PROCESS = "benchmark-task-seed";
  static final int BRANCHES = 10;
  static final String[] POSTS = {"acceptance", "customer-managers"};
  static final int TASKS_PER_INSTANCE = 1000;
  static final String USER_PREFIX = "bench-clerk-";
  static final int CLAIMED_PER_USER = 20;
  /**
   * Seeding instances started at a time, each one transaction of TASKS_PER_INSTANCE tasks. Four were slower than two
   * on two cores (docs/performance.md, "Seeding the benchmark's data"): the work per task is the application's.
   */
  static final int SEED_STARTS_AT_A_TIME = 2;

  /** One kind of request, repeated by every user for a while. */
  record Query(String name, String request, int users, int requests, double perSecond, Latency latency, int errors,
      String sampleAnswer) {}

  record Result(int openTasks, int groups, double seedSeconds, double seedApplicationCpuSeconds, double seedDatabaseCpuSeconds,
      long authorizations, List<Query> queries)
      implements Scenario.Result {

    @Override
    public Map<String, Double> keyFigures() {
      Map<String, Double> figures = new LinkedHashMap<>();
      figures.put(GROUP_PAGE_P95, queries.get(0).latency().p95());
      figures.put(GROUP_COUNT_P95, queries.get(1).latency().p95());
      figures.put("Tasklist variable search p95 (ms)", queries.get(2).latency().p95());
      figures.put("Tasklist my tasks p95 (ms)", queries.get(3).latency().p95());
      return figures;
    }

    @Override
    public List<String> markdown() {
      List<String> md = new ArrayList<>();
      md.add(String.format(Locale.ROOT, "- %,d open user tasks over %d candidate groups (seeded in %.0f s through the engine: "
          + "%d instances of a parallel multi-instance user task; CPU %.1f s application, %.1f s database); %,d authorization "
          + "rows; each user is in one group and not an administrator.", openTasks, groups, seedSeconds,
          openTasks / TASKS_PER_INSTANCE, seedApplicationCpuSeconds, seedDatabaseCpuSeconds, authorizations));
      md.add("");
      md.add("| request (as Tasklist makes it) | users | requests | per second | p50 | p95 | p99 | max | errors |");
      md.add("|---|---|---|---|---|---|---|---|---|");
      for (Query q : queries) {
        md.add(String.format(Locale.ROOT, "| %s: `%s` | %d | %d | %.1f | %s | %s | %s | %s | %d |", q.name(), q.request(),
            q.users(), q.requests(), q.perSecond(), Latency.fmt(q.latency().p50()), Latency.fmt(q.latency().p95()),
            Latency.fmt(q.latency().p99()), Latency.fmt(q.latency().max()), q.errors()));
      }
      return md;
    }
  }

  @Override
  public String id() {
    return "tasklist";
  }

  @Override
  public String title() {
    return "Tasklist at scale (authorizations on)";
  }

  @Override
  public boolean appliesTo(String database) {
    return database.equals("postgres");
  }

  @Override
  public Result run(Context context) throws Exception {
    Http http = context.http();
    BenchmarkSettings settings = context.settings();
    List<String> groups = new ArrayList<>();
    for (String post : POSTS) {
      for (int branch = 0; branch < BRANCHES; branch++) {
        groups.add("BK" + branch + "-" + post);
      }
    }
    String myTasks = filterId(http, "我的待办");
    String groupTasks = filterId(http, "我的组任务");
    for (String group : groups) {
      unlessExists(http, "/engine-rest/group/count?id=" + group, "/engine-rest/group/create",
          "{\"id\":\"" + group + "\",\"name\":\"基准网点 " + group + "\",\"type\":\"WORKFLOW\"}");
      for (String filter : List.of(myTasks, groupTasks)) {
        unlessExists(http, "/engine-rest/authorization/count?groupIdIn=" + group + "&resourceType=5&resourceId=" + filter,
            "/engine-rest/authorization/create", "{\"type\":1,\"permissions\":[\"READ\"],\"groupId\":\"" + group
                + "\",\"resourceType\":5,\"resourceId\":\"" + filter + "\"}");
      }
    }
    List<String> users = new ArrayList<>();
    for (int i = 0; i < settings.tasklistUsers(); i++) {
      String user = USER_PREFIX + (i + 1);
      users.add(user);
      unlessExists(http, "/engine-rest/user/count?id=" + user, "/engine-rest/user/create", "{\"profile\":{\"id\":\"" + user
          + "\",\"firstName\":\"基准\",\"lastName\":\"柜员" + (i + 1) + "\",\"email\":\"" + user
          + "@example.com\"},\"credentials\":{\"password\":\"" + Http.PASSWORD + "\"}}");
      // Users spread over branches and posts: user i works in group (i × 3) mod 20.
      String group = groups.get((i * 3) % groups.size());
      if (count(http, "/engine-rest/group/count?id=" + group + "&member=" + user) == 0) {
        admin(http, "PUT", "/engine-rest/group/" + group + "/members/" + user, null);
      }
    }

    CpuMeter.Sample beforeSeeding = context.cpu().sample();
    long seedStart = System.nanoTime();
    int openTasks = seed(http, settings.tasklistTasks());
    double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
    CpuMeter.Sample seedCpu = context.cpu().sample().minus(beforeSeeding);
    Benchmark.log("  seeded %,d open tasks in %.0f s (%d instances started at a time; CPU %.1f s application, %.1f s database)",
        openTasks, seedSeconds, SEED_STARTS_AT_A_TIME, seedCpu.application() / 1000, seedCpu.database() / 1000);
    long authorizations = count(http, "/engine-rest/authorization/count");
    claimSome(http, users, groupTasks);
    context.settle();

    String byDueDate = "{\"sorting\":[{\"sortBy\":\"dueDate\",\"sortOrder\":\"asc\"}]}";
    List<Query> queries = new ArrayList<>();
    queries.add(measure(http, "group tasks, first page by due date", "POST /engine-rest/filter/{我的组任务}/list?firstResult=0&maxResults=15",
        users, settings.tasklistSeconds(), user -> hal(http, "/engine-rest/filter/" + groupTasks + "/list?firstResult=0&maxResults=15",
            user, byDueDate)));
    queries.add(measure(http, "group tasks, count", "POST /engine-rest/filter/{我的组任务}/count", users, settings.tasklistSeconds(),
        user -> http.send("POST", "/engine-rest/filter/" + groupTasks + "/count", user, "{}", "application/json")));
    queries.add(measure(http, "group tasks searched by a process variable", "POST /engine-rest/filter/{我的组任务}/list with "
        + "processVariables branchCode eq", users, settings.tasklistSeconds(),
        user -> hal(http, "/engine-rest/filter/" + groupTasks + "/list?firstResult=0&maxResults=15", user,
            "{\"processVariables\":[{\"name\":\"branchCode\",\"operator\":\"eq\",\"value\":\"BK" + (users.indexOf(user) % BRANCHES)
                + "\"}],\"sorting\":[{\"sortBy\":\"dueDate\",\"sortOrder\":\"asc\"}]}")));
    queries.add(measure(http, "my tasks", "POST /engine-rest/filter/{我的待办}/list?firstResult=0&maxResults=15", users,
        settings.tasklistSeconds(), user -> hal(http, "/engine-rest/filter/" + myTasks + "/list?firstResult=0&maxResults=15", user,
            "{\"sorting\":[{\"sortBy\":\"created\",\"sortOrder\":\"desc\"}]}")));
    return new Result(openTasks, groups.size(), Math.round(seedSeconds * 10) / 10.0, Math.round(seedCpu.application() / 100) / 10.0,
        Math.round(seedCpu.database() / 100) / 10.0, authorizations, queries);
  }

  /** The seeding process: a parallel multi-instance user task over the branch groups. */
  static BpmnModelInstance seedProcess() {
    String groupExpression = "BK${loopCounter % " + BRANCHES + "}-${loopCounter % " + (2 * BRANCHES) + " < " + BRANCHES
        + " ? '" + POSTS[0] + "' : '" + POSTS[1] + "'}";
    return Bpmn.createExecutableProcess(SEED_PROCESS).name("基准: 任务种子").camundaHistoryTimeToLive(30)
        .startEvent("Start")
        .userTask("UserTask_Seeded").name("基准待办任务")
        .camundaCandidateGroups(groupExpression)
        .camundaDueDate("${dateTime().plusMinutes(loopCounter * 7 % 20000).toDate()}")
        .multiInstance().parallel().cardinality("${taskCount}").multiInstanceDone()
        .endEvent("End")
        .done();
  }

  /**
   * Starts seeding instances until {@code tasks} seeded tasks are open (a reused server may have some),
   * {@link #SEED_STARTS_AT_A_TIME} at a time. A start is one transaction of {@link #TASKS_PER_INSTANCE} tasks: on a
   * loaded machine it took more than the usual 60 s, so it may take up to 10 minutes. A start whose connection broke
   * before the answer (once in a run: "header parser received no bytes") may or may not have committed: the open
   * tasks are counted again and only what is missing is started, at most three rounds.
   */
  private static int seed(Http http, int tasks) throws Exception {
    BareEngine.deploy(http, seedProcess(), SEED_PROCESS);
    int instances = Math.max(1, tasks / TASKS_PER_INSTANCE);
    for (int round = 1; ; round++) {
      int existing = (int) (seededTasks(http) / TASKS_PER_INSTANCE);
      List<String> failures = startSeeding(http, existing, instances);
      if (failures.isEmpty()) {
        break;
      }
      if (round == 3) {
        throw new IllegalStateException(failures.size() + " seeding starts failed in round 3, the first: " + failures.get(0));
      }
      Benchmark.log("  %d seeding starts failed (the first: %s); counting the open tasks again", failures.size(),
          failures.get(0));
    }
    return (int) seededTasks(http);
  }

  /** Starts the seeding instances {@code from} to {@code to} (exclusive); the failures' messages. */
  private static List<String> startSeeding(Http http, int from, int to) throws InterruptedException {
    ExecutorService starters = Executors.newFixedThreadPool(SEED_STARTS_AT_A_TIME, Http.daemon("task-seed"));
    List<String> failures = new ArrayList<>();
    try {
      List<Future<Http.Reply>> started = new ArrayList<>();
      for (int i = from; i < to; i++) {
        String body = "{\"businessKey\":\"SEED-" + i + "\",\"variables\":{\"branchCode\":{\"value\":\"BK" + (i % BRANCHES)
            + "\"},\"taskCount\":{\"value\":" + TASKS_PER_INSTANCE + ",\"type\":\"Integer\"}}}";
        started.add(starters.submit(() -> http.call("POST", "/engine-rest/process-definition/key/" + SEED_PROCESS + "/start",
            LoanJourneys.ADMIN, body, java.time.Duration.ofMinutes(10))));
      }
      for (Future<Http.Reply> start : started) {
        try {
          Journey.expect(start.get(), 200, "start a seeding instance");
        } catch (java.util.concurrent.ExecutionException | IllegalStateException e) {
          failures.add(String.valueOf(e.getMessage()));
        }
      }
    } finally {
      starters.shutdownNow();
    }
    return failures;
  }

  private static long seededTasks(Http http) {
    return count(http, "/engine-rest/task/count?processDefinitionKey=" + SEED_PROCESS);
  }

  /** Each user claims a few tasks of their group, for "my tasks" (unless they have some already). */
  private static void claimSome(Http http, List<String> users, String groupFilter) {
    for (String user : users) {
      if (count(http, "/engine-rest/task/count?assignee=" + user) > 0) {
        continue;
      }
      JsonNode page = http.call("POST", "/engine-rest/filter/" + groupFilter + "/list?firstResult=0&maxResults=" + CLAIMED_PER_USER,
          user, "{}").json();
      for (JsonNode task : page) {
        Journey.expect(http.call("POST", "/engine-rest/task/" + task.get("id").asText() + "/claim", user,
            "{\"userId\":\"" + user + "\"}"), 204, user + " claims a task");
      }
    }
  }

  private static CompletableFuture<Http.Reply> hal(Http http, String path, String user, String body) {
    return http.send("POST", path, user, body, "application/hal+json");
  }

  /**
   * Every user repeats the request back to back (a closed loop: a Tasklist user waits for the page).
   * Each user's first request warms up and is not counted, unless it was the only one (a request
   * slower than the whole window). A request that fails or times out counts as an error and as a
   * sample of the time it took.
   */
  private static Query measure(Http http, String name, String request, List<String> users, int seconds,
      java.util.function.Function<String, CompletableFuture<Http.Reply>> call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(users.size(), Http.daemon("tasklist-user"));
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    java.util.concurrent.atomic.AtomicInteger errors = new java.util.concurrent.atomic.AtomicInteger();
    String[] sample = new String[1];
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    List<Future<?>> running = new ArrayList<>();
    for (String user : users) {
      running.add(pool.submit(() -> {
        Long first = null;
        boolean counted = false;
        while (System.nanoTime() < end) {
          long start = System.nanoTime();
          Http.Reply reply;
          try {
            reply = call.apply(user).join();
          } catch (RuntimeException e) {
            reply = new Http.Reply(-1, String.valueOf(e.getMessage()));
          }
          long took = System.nanoTime() - start;
          if (reply.status() != 200) {
            errors.incrementAndGet();
            sample[0] = reply.toString();
          } else if (sample[0] == null) {
            sample[0] = reply.body().length() > 120 ? reply.body().substring(0, 120) + "…" : reply.body();
          }
          if (first == null) {
            first = took;
          } else {
            latencies.add(took);
            counted = true;
          }
        }
        if (!counted && first != null) {
          latencies.add(first);
        }
        return null;
      }));
    }
    for (Future<?> f : running) {
      f.get();
    }
    pool.shutdown();
    Latency latency = Latency.ofNanos(latencies);
    Benchmark.log("  %-45s %d users: p50/p95/p99 %s%s", name, users.size(), latency.brief(),
        errors.get() == 0 ? "" : ", " + errors.get() + " errors");
    return new Query(name, request, users.size(), latencies.size(), Math.round(latencies.size() * 10.0 / seconds) / 10.0, latency,
        errors.get(), sample[0]);
  }

  private static String filterId(Http http, String name) {
    JsonNode filters = http.call("GET", "/engine-rest/filter?maxResults=10&name=" + URLEncoder.encode(name, StandardCharsets.UTF_8),
        LoanJourneys.ADMIN, null).json();
    if (filters.size() != 1) {
      throw new IllegalStateException("Tasklist filter " + name + " not found: " + filters);
    }
    return filters.get(0).get("id").asText();
  }

  /** Creates what a count says is not there yet (a second run on the same server finds it). */
  private static void unlessExists(Http http, String countPath, String createPath, String json) {
    if (count(http, countPath) == 0) {
      admin(http, "POST", createPath, json);
    }
  }

  private static long count(Http http, String path) {
    return http.call("GET", path, LoanJourneys.ADMIN, null).json().path("count").asLong();
  }

  private static void admin(Http http, String method, String path, String json) {
    Http.Reply reply = http.call(method, path, LoanJourneys.ADMIN, json);
    if (!reply.ok()) {
      throw new IllegalStateException(method + " " + path + ": " + reply);
    }
  }
}
