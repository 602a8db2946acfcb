package com.smeloanflow.platform.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.Console;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.CatchEvent;
import org.camunda.bpm.model.bpmn.instance.EventBasedGateway;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.camunda.bpm.model.bpmn.instance.MultiInstanceLoopCharacteristics;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Safe model changes for process owners: deploys the models of a working copy ({@code bpmn/*.bpmn},
 * {@code bpmn/*.dmn}, {@code forms/*.form}) to a running server over {@code /engine-rest}, and moves the
 * running instances of every older version of each process to its new version with a migration plan
 * the engine generates (activities mapped by id; one moved into a new embedded subprocess too). Each instance is migrated on its own: one that cannot
 * move (it waits in an activity the new version no longer has, or the plan does not fit it) stays on its
 * version and is reported with the engine's reason; the others move. The report names every instance.
 *
 * <p>Run by {@code ./mvnw -Prollout verify -Drollout.target=https://host -Drollout.user=...} after the lint
 * and the tests passed (see docs/process-owner-guide.md); the password comes from the environment
 * ({@code SMELOAN_ROLLOUT_PASSWORD}) or the console, never from the command line. {@code
 * -Drollout.onlyBusinessKeys=A,B} makes it a trial on those instances ({@link #onlyBusinessKeys}).
 *
 * <p>Only what changed is deployed: a model whose processes or decisions the server has in the same
 * text as their latest version is left out, so a decision table change creates no process version. When nothing is
 * deployed, the instances still on an older version of a working copy's process (left by a trial) move to its latest. A changed process goes with every form, so its new version finds its forms
 * ({@code formRefBinding="deployment"}). The deployment has a name of its own ({@link #DEPLOYMENT_NAME}),
 * not the application's: a server restarted with an older build does not take the new models back.
 */
public final class ModelRollout {

  private static final Logger log = LoggerFactory.getLogger(ModelRollout.class);

  public static final String DEPLOYMENT_NAME = "sme-loan-flow-rollout";
  /** Rows read per engine query: below the server's query limit (2,000). */
  private static final int PAGE = 500;

  private final EngineRestClient engine;
  /** The business keys of the only instances to move; null: every running instance. */
  private final Set<String> businessKeys;

  ModelRollout(EngineRestClient engine, Set<String> businessKeys) {
    this.engine = engine;
    this.businessKeys = businessKeys;
  }

  public static ModelRollout to(String target, String user, String password) {
    return new ModelRollout(new EngineRestClient(target, user, password), null);
  }

  /**
   * The same rollout moving only the running instances with these business keys (a trial on a few before all of them);
   * the others stay on their versions and are neither moved nor reported.
   */
  public ModelRollout onlyBusinessKeys(Set<String> keys) {
    return new ModelRollout(engine, Set.copyOf(keys));
  }

  /** The deployment's files: every model and form of the working copy, by the names the application deploys them under. */
  static Map<String, byte[]> models(Path workingCopy) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (String[] kind : List.of(new String[] {"bpmn", ".bpmn"}, new String[] {"bpmn", ".dmn"}, new String[] {"forms", ".form"})) {
      Path folder = workingCopy.resolve(kind[0]);
      if (!Files.isDirectory(folder)) {
        continue;
      }
      try (Stream<Path> list = Files.list(folder)) {
        for (Path file : list.filter(f -> f.getFileName().toString().endsWith(kind[1])).sorted().toList()) {
          files.put(kind[0] + "/" + file.getFileName(), Files.readAllBytes(file));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + folder, e);
      }
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException("No bpmn/*.bpmn, bpmn/*.dmn or forms/*.form in " + workingCopy.toAbsolutePath());
    }
    return files;
  }

  /**
   * Deploys the working copy's changed models under {@code deploymentName} and migrates the running instances
   * of the processes that changed.
   */
  public RolloutReport run(Path workingCopy, String deploymentName) {
    Map<String, byte[]> files = models(workingCopy);
    Map<String, byte[]> deployment = new LinkedHashMap<>();
    files.forEach((name, content) -> {
      if (!name.startsWith("forms/") && changed(name, content)) {
        deployment.put(name, content);
      }
    });
    if (deployment.isEmpty()) {
      return new RolloutReport(null, false, List.of(), stillOnOlderVersions(files), trialKeys());
    }
    if (deployment.keySet().stream().anyMatch(name -> name.endsWith(".bpmn"))) {
      // a new process version finds its forms in its own deployment (formRefBinding="deployment")
      files.forEach((name, content) -> {
        if (name.startsWith("forms/")) {
          deployment.put(name, content);
        }
      });
    }
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("deployment-name", deploymentName);
    fields.put("deployment-source", "process owner rollout");
    JsonNode deployed = engine.deploy(fields, deployment);
    List<String> newDecisions = new ArrayList<>();
    deployed.path("deployedDecisionDefinitions").forEach(d -> newDecisions.add(d.path("key").asText() + " 版本 " + d.path("version").asInt()));
    List<RolloutReport.ProcessMigration> migrations = new ArrayList<>();
    deployed.path("deployedProcessDefinitions").forEach(p -> migrations.add(
        migrateTo(p.path("key").asText(), p.path("id").asText(), p.path("version").asInt())));
    return new RolloutReport(deployed.path("id").asText(), true, newDecisions, migrations, trialKeys());
  }

  /**
   * Nothing to deploy: every process of the working copy is the server's latest version. The running instances still
   * on an older version of one (left by a trial, or unable to move the last time) are moved to it all the same, so that
   * the command run again after a trial moves the rest. Only processes with such instances are reported.
   */
  private List<RolloutReport.ProcessMigration> stillOnOlderVersions(Map<String, byte[]> files) {
    List<RolloutReport.ProcessMigration> migrations = new ArrayList<>();
    files.forEach((name, content) -> {
      if (!name.endsWith(".bpmn")) {
        return;
      }
      Matcher ids = PROCESS_ID.matcher(new String(content, StandardCharsets.UTF_8));
      while (ids.find()) {
        JsonNode latest = engine.get("/process-definition/key/" + ids.group(1), Map.of());
        RolloutReport.ProcessMigration migration = migrateTo(ids.group(1), latest.path("id").asText(),
            latest.path("version").asInt());
        if (!migration.from().isEmpty()) {
          migrations.add(migration);
        }
      }
    });
    return migrations;
  }

  /** The business keys of a trial, sorted; empty when every running instance moves. */
  private List<String> trialKeys() {
    return businessKeys == null ? List.of() : businessKeys.stream().sorted().toList();
  }

  /**
   * The command line's {@code -Drollout.onlyBusinessKeys}: business keys separated by commas (blanks around them
   * ignored); empty or absent: every running instance. An empty entry ({@code A,,B}) is refused, as a slip that would
   * otherwise go unnoticed.
   */
  static Set<String> businessKeysOption(String option) {
    if (option == null || option.isBlank()) {
      return Set.of();
    }
    Set<String> keys = new LinkedHashSet<>();
    for (String key : option.split(",", -1)) {
      if (key.isBlank()) {
        throw new IllegalArgumentException("rollout.onlyBusinessKeys 含空的业务键 (\"" + option + "\"): 请用逗号分隔业务键, 如 "
            + "-Drollout.onlyBusinessKeys=APP-1,APP-2 (an empty business key in \"" + option + "\")");
      }
      keys.add(key.strip());
    }
    return keys;
  }

  private static final Pattern PROCESS_ID = Pattern.compile("<(?:\\w+:)?process\\s[^>]*?\\bid=\"([^\"]+)\"");
  private static final Pattern DECISION_ID = Pattern.compile("<(?:\\w+:)?decision\\s[^>]*?\\bid=\"([^\"]+)\"");

  /** Whether a model differs from the latest version the server has of each process or decision it holds (or it has none). */
  private boolean changed(String name, byte[] content) {
    String text = new String(content, StandardCharsets.UTF_8);
    boolean bpmn = name.endsWith(".bpmn");
    Matcher ids = (bpmn ? PROCESS_ID : DECISION_ID).matcher(text);
    boolean any = false;
    while (ids.find()) {
      any = true;
      String path = (bpmn ? "/process-definition/key/" : "/decision-definition/key/") + ids.group(1) + "/xml";
      try {
        JsonNode deployed = engine.get(path, Map.of());
        if (!text.equals(deployed.path(bpmn ? "bpmn20Xml" : "dmnXml").asText())) {
          return true;
        }
      } catch (EngineRestClient.EngineRestException e) {
        if (e.status() == 404) {
          return true;
        }
        throw e;
      }
    }
    return !any;
  }

  private RolloutReport.ProcessMigration migrateTo(String key, String targetId, int targetVersion) {
    List<RolloutReport.FromVersion> from = new ArrayList<>();
    JsonNode versions = engine.get("/process-definition", Map.of("key", key, "sortBy", "version", "sortOrder", "asc",
        "firstResult", "0", "maxResults", String.valueOf(PAGE)));
    for (JsonNode version : versions) {
      if (version.path("version").asInt() >= targetVersion) {
        continue;
      }
      List<RolloutReport.Instance> instances = instancesOf(version.path("id").asText());
      if (!instances.isEmpty()) {
        from.add(migrate(version.path("id").asText(), version.path("version").asInt(), targetId, instances));
      }
    }
    return new RolloutReport.ProcessMigration(key, targetVersion, targetId, from);
  }

  private List<RolloutReport.Instance> instancesOf(String definitionId) {
    List<RolloutReport.Instance> instances = new ArrayList<>();
    for (int first = 0; ; first += PAGE) {
      JsonNode page = engine.get("/process-instance", Map.of("processDefinitionId", definitionId, "sortBy", "instanceId",
          "sortOrder", "asc", "firstResult", String.valueOf(first), "maxResults", String.valueOf(PAGE)));
      page.forEach(i -> {
        RolloutReport.Instance instance = new RolloutReport.Instance(i.path("id").asText(), i.path("businessKey").asText(null));
        if (businessKeys == null || instance.businessKey() != null && businessKeys.contains(instance.businessKey())) {
          instances.add(instance);
        }
      });
      if (page.size() < PAGE) {
        return instances;
      }
    }
  }

  private RolloutReport.FromVersion migrate(String sourceId, int sourceVersion, String targetId, List<RolloutReport.Instance> instances) {
    ObjectNode request = JsonNodeFactory.instance.objectNode().put("sourceProcessDefinitionId", sourceId)
        .put("targetProcessDefinitionId", targetId).put("updateEventTriggers", true);
    BpmnModelInstance source = model(sourceId);
    BpmnModelInstance target = model(targetId);
    JsonNode generated = withTimersKeepingTheirDueDates(engine.post("/migration/generate", request), source);
    JsonNode plan = withActivitiesMovedToAnotherScope(generated, source, target);
    List<String> planProblems = problems(plan);
    if (!planProblems.isEmpty() && plan != generated) {
      // the engine refuses an added instruction: the generated plan alone, as before, moves what it can
      plan = generated;
      planProblems = problems(plan);
    }
    List<RolloutReport.Instance> moved = new ArrayList<>();
    List<RolloutReport.NotMoved> notMoved = new ArrayList<>();
    for (RolloutReport.Instance instance : instances) {
      if (!planProblems.isEmpty()) {
        notMoved.add(new RolloutReport.NotMoved(instance.id(), instance.businessKey(), List.of("迁移计划无效 (见上)")));
        continue;
      }
      ObjectNode execution = JsonNodeFactory.instance.objectNode();
      execution.set("migrationPlan", plan);
      execution.putArray("processInstanceIds").add(instance.id());
      execution.put("skipCustomListeners", false).put("skipIoMappings", false);
      try {
        engine.post("/migration/execute", execution);
        moved.add(instance);
      } catch (EngineRestClient.EngineRestException e) {
        notMoved.add(new RolloutReport.NotMoved(instance.id(), instance.businessKey(), reasons(e)));
      }
    }
    return new RolloutReport.FromVersion(sourceVersion, sourceId, planProblems, moved, notMoved);
  }

  private List<String> problems(JsonNode plan) {
    List<String> problems = new ArrayList<>();
    JsonNode validation = engine.post("/migration/validate", plan);
    validation.path("instructionReports").forEach(report -> report.path("failures").forEach(failure -> problems.add(
        report.path("instruction").path("sourceActivityIds").toString() + " → " + report.path("instruction").path("targetActivityIds")
            + ": " + failure.asText())));
    return problems;
  }

  /**
   * A timer keeps its due date when its instance moves: the plan's instruction for each timer event of the old version
   * does not update its trigger. The engine's {@code updateEventTriggers} would otherwise evaluate every moved timer's
   * expression again at the migration, so 表决期限已到 ({@code taskSla.dueDate}) would end a vote 21 working hours after
   * the rollout instead of when its tasks are due, and a deadline counted from when the instance began waiting
   * ({@code bankCalendar.workingDaysLater(n)}: documents, signatures, mortgage registration; {@code PT4H}, {@code P30D},
   * the cycle {@code R/P1M}) would start again from the rollout; a timer moved by hand or by the application
   * ({@code setJobDuedate}) would go back to its expression. Messages and signals still follow the new version (a renamed
   * message is correlated under its new name). A new version's changed timer definition applies to timers armed after
   * the move; one added to the new version is armed by the move.
   */
  private static JsonNode withTimersKeepingTheirDueDates(JsonNode plan, BpmnModelInstance source) {
    Set<String> timers = new HashSet<>();
    for (CatchEvent event : source.getModelElementsByType(CatchEvent.class)) {
      if (event.getEventDefinitions().stream().anyMatch(TimerEventDefinition.class::isInstance)) {
        timers.add(event.getId());
      }
    }
    ObjectNode kept = plan.deepCopy();
    kept.withArray("instructions").forEach(instruction -> {
      boolean timer = false;
      for (JsonNode id : instruction.path("sourceActivityIds")) {
        timer |= timers.contains(id.asText());
      }
      if (timer) {
        ((ObjectNode) instruction).put("updateEventTrigger", false);
      }
    });
    return kept;
  }

  /**
   * The engine generates instructions only for activities in the same scope of both versions; one the new version moved
   * into a new embedded subprocess (same id) gets an instruction too, and the engine creates the subprocess around it
   * with its boundary events (loan-renewal's 审批续贷申请 moved into 人工审批续贷 and its timer 到期仍未审批). Unchanged
   * when there is no such activity.
   */
  private static JsonNode withActivitiesMovedToAnotherScope(JsonNode plan, BpmnModelInstance sourceModel,
      BpmnModelInstance targetModel) {
    Map<String, Boolean> source = activities(sourceModel);
    Map<String, Boolean> target = activities(targetModel);
    Set<String> mapped = new HashSet<>();
    plan.path("instructions").forEach(i -> i.path("sourceActivityIds").forEach(id -> mapped.add(id.asText())));
    if (source.keySet().stream().allMatch(id -> mapped.contains(id) || !target.containsKey(id))) {
      return plan;
    }
    ObjectNode augmented = plan.deepCopy();
    ArrayNode instructions = augmented.withArray("instructions");
    source.forEach((id, multiInstance) -> {
      if (!mapped.contains(id) && target.containsKey(id)) {
        instructions.addObject().put("updateEventTrigger", false).<ObjectNode>set("sourceActivityIds",
            JsonNodeFactory.instance.arrayNode().add(id)).set("targetActivityIds", JsonNodeFactory.instance.arrayNode().add(id));
        String body = id + "#multiInstanceBody";
        if (multiInstance && target.get(id) && !mapped.contains(body)) {
          instructions.addObject().put("updateEventTrigger", false).<ObjectNode>set("sourceActivityIds",
              JsonNodeFactory.instance.arrayNode().add(body)).set("targetActivityIds", JsonNodeFactory.instance.arrayNode().add(body));
        }
      }
    });
    return augmented;
  }

  /** The model of a process version deployed on the server. */
  private BpmnModelInstance model(String definitionId) {
    String xml = engine.get("/process-definition/" + definitionId + "/xml", Map.of()).path("bpmn20Xml").asText();
    return Bpmn.readModelFromStream(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  /** The version's activities (and events an instance can wait at) by id, each with whether it is multi-instance. */
  private static Map<String, Boolean> activities(BpmnModelInstance model) {
    Map<String, Boolean> activities = new LinkedHashMap<>();
    for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
      if (node instanceof Activity activity) {
        activities.put(activity.getId(), activity.getLoopCharacteristics() instanceof MultiInstanceLoopCharacteristics);
      } else if (node instanceof IntermediateCatchEvent || node instanceof BoundaryEvent || node instanceof EventBasedGateway) {
        activities.put(node.getId(), false);
      }
    }
    return activities;
  }

  /** The engine's reasons an instance cannot move: per activity instance where it waits, else its message. */
  static List<String> reasons(EngineRestClient.EngineRestException e) {
    List<String> reasons = new ArrayList<>();
    JsonNode report = e.body() == null ? null : e.body().path("validationReport");
    if (report != null && !report.isMissingNode()) {
      report.path("failures").forEach(failure -> reasons.add(failure.asText()));
      for (String kind : List.of("activityInstanceValidationReports", "transitionInstanceValidationReports")) {
        report.path(kind).forEach(activity -> activity.path("failures").forEach(failure ->
            reasons.add(activity.path("sourceScopeId").asText() + ": " + failure.asText())));
      }
    }
    if (reasons.isEmpty()) {
      reasons.add(e.getMessage());
    }
    return reasons;
  }

  // --- the command ------------------------------------------------------------------------------

  /**
   * {@code --target <url> --user <process owner> [--models <working copy>] [--deployment-name <name>] [--report <folder>]};
   * the password from {@code SMELOAN_ROLLOUT_PASSWORD} or the console. Exit code 0: deployed (or nothing changed) and
   * every instance moved; 2: some instances could not move (see the report), whether or not anything was deployed (a
   * run after a trial deploys nothing and moves the rest); 1: stopped by an error, before the deployment with nothing
   * deployed, after it with the new versions possibly deployed and some instances moved (no report: the log says to
   * check Cockpit).
   */
  public static void main(String[] args) {
    Map<String, String> options = new LinkedHashMap<>(Map.of("--models", ".", "--deployment-name", DEPLOYMENT_NAME,
        "--report", "target/rollout"));
    for (int i = 0; i + 1 < args.length; i += 2) {
      options.put(args[i], args[i + 1]);
    }
    String target = options.get("--target");
    String user = options.get("--user");
    if (target == null || target.isBlank() || user == null || user.isBlank()) {
      log.error("用法: ./mvnw -Prollout verify -Drollout.target=https://<服务器> -Drollout.user=<流程管理员>"
          + " (密码取自环境变量 SMELOAN_ROLLOUT_PASSWORD 或在控制台输入)");
      System.exit(1);
    }
    Set<String> trial;
    try {
      trial = businessKeysOption(options.get("--only-business-keys"));
    } catch (IllegalArgumentException e) {
      log.error("{}", e.getMessage());
      System.exit(1);
      return;
    }
    String password = System.getenv("SMELOAN_ROLLOUT_PASSWORD");
    Console console = System.console();
    if ((password == null || password.isEmpty()) && console != null) {
      char[] typed = console.readPassword("%s 的密码: ", user);
      password = typed == null ? "" : new String(typed);
    }
    RolloutReport report;
    try {
      ModelRollout rollout = to(target, user, password == null ? "" : password);
      report = (trial.isEmpty() ? rollout : rollout.onlyBusinessKeys(trial))
          .run(Path.of(options.get("--models")), options.get("--deployment-name"));
    } catch (RuntimeException e) {
      log.error("发布中断 (请在 Cockpit 中核对部署和实例): {}", e.getMessage(), e);
      System.exit(1);
      return;
    }
    String text = report.text();
    log.info("{}", text);
    try {
      Path folder = Path.of(options.get("--report"));
      Files.createDirectories(folder);
      Files.writeString(folder.resolve("report.md"), text, StandardCharsets.UTF_8);
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(folder.resolve("report.json").toFile(), report);
      log.info("报告: {}", folder.resolve("report.md").toAbsolutePath());
    } catch (IOException e) {
      log.error("报告未能写入: {}", e.getMessage(), e);
    }
    System.exit(report.notMoved().isEmpty() ? 0 : 2);
  }
}
