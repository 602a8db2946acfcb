package com.smeloanflow.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.builder.AbstractActivityBuilder;
import org.camunda.bpm.model.bpmn.builder.AbstractFlowNodeBuilder;
import org.camunda.bpm.model.bpmn.builder.ProcessBuilder;
import org.camunda.bpm.model.bpmn.builder.SubProcessBuilder;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;

/**
 * The bare-engine baseline: a process of the same shape as a finished AUTO application — the same
 * number and kinds of activity instances in the same order, the same async continuations at the
 * same places, the same timers on its message wait and one message wait — whose steps do nothing
 * ({@code ${true}}). The shape is read from the engine's history of a real AUTO application, so it
 * follows the BPMN when the BPMN changes. Deployed into the same running engine over the engine REST
 * API and driven over it: start, wait until the message is awaited, correlate, wait for the end.
 */
final class BareEngine {

  static final String PROCESS_KEY = "benchmark-bare-engine";
  /** The same steps without async continuations (the timer stays): what the boundaries cost the engine. */
  static final String PROCESS_KEY_WITHOUT_ASYNC = "benchmark-bare-engine-without-async";
  static final String MESSAGE = "BenchmarkBareEngineContinue";
  static final String STARTED = "started";
  static final String WAITING = "message awaited";
  static final String CORRELATED = "message correlated";
  static final String COMPLETED = "completed";
  static final List<String> MILESTONES = List.of(STARTED, WAITING, CORRELATED, COMPLETED);
  static final String RETRY_CORRELATE = "correlation before the message was awaited";

  /** One visited activity instance of the real path, as the baseline repeats it. */
  record Step(String activityId, String activityType, boolean asyncBefore, boolean asyncAfter, List<String> timers) {}

  /** What the real AUTO path did, counted from its history and its BPMN. */
  record Shape(String applicationId, int processInstances, int activityInstances, int asyncContinuations, int timerJobs,
      int messageWaits, List<Step> steps) {

    int jobs() {
      return asyncContinuations + timerJobs;
    }
  }

  private static final AtomicInteger NEXT = new AtomicInteger();

  private BareEngine() {}

  /** Reads the shape of a finished application's process instance (and any called instances). */
  static Shape shapeOf(Http http, String applicationId) {
    JsonNode instances = http.call("GET", "/engine-rest/history/process-instance?processInstanceBusinessKey="
        + applicationId + "&processDefinitionKey=loan-origination&maxResults=2", LoanJourneys.ADMIN, null).json();
    if (instances.size() != 1) {
      throw new IllegalStateException("Expected one loan-origination instance of " + applicationId + ": " + instances);
    }
    List<Step> steps = new ArrayList<>();
    Map<String, BpmnModelInstance> models = new HashMap<>();
    Deque<JsonNode> pending = new ArrayDeque<>();
    pending.add(instances.get(0));
    int processInstances = 0;
    while (!pending.isEmpty()) {
      JsonNode instance = pending.poll();
      processInstances++;
      String definitionId = instance.get("processDefinitionId").asText();
      BpmnModelInstance model = models.computeIfAbsent(definitionId, id -> Bpmn.readModelFromStream(new ByteArrayInputStream(
          http.call("GET", "/engine-rest/process-definition/" + id + "/xml", LoanJourneys.ADMIN, null).json()
              .get("bpmn20Xml").asText().getBytes(StandardCharsets.UTF_8))));
      JsonNode activities = http.call("GET", "/engine-rest/history/activity-instance?processInstanceId="
          + instance.get("id").asText() + "&sortBy=occurrence&sortOrder=asc&maxResults=2000", LoanJourneys.ADMIN, null).json();
      for (JsonNode activity : activities) {
        String activityId = activity.get("activityId").asText();
        FlowNode node = model.getModelElementById(activityId);
        List<String> timers = new ArrayList<>();
        for (BoundaryEvent boundary : model.getModelElementsByType(BoundaryEvent.class)) {
          if (boundary.getAttachedTo() != null && boundary.getAttachedTo().getId().equals(activityId)) {
            boundary.getEventDefinitions().stream().filter(TimerEventDefinition.class::isInstance)
                .map(TimerEventDefinition.class::cast)
                .map(t -> t.getTimeDuration() != null ? t.getTimeDuration().getTextContent() : "P15D")
                .forEach(timers::add);
          }
        }
        steps.add(new Step(activityId, activity.get("activityType").asText(),
            node != null && node.isCamundaAsyncBefore(), node != null && node.isCamundaAsyncAfter(), timers));
      }
      http.call("GET", "/engine-rest/history/process-instance?maxResults=100&superProcessInstanceId=" + instance.get("id").asText(),
          LoanJourneys.ADMIN, null).json().forEach(pending::add);
    }
    int async = (int) steps.stream().filter(Step::asyncBefore).count() + (int) steps.stream().filter(Step::asyncAfter).count();
    int timers = steps.stream().mapToInt(s -> s.timers().size()).sum();
    int waits = (int) steps.stream().filter(s -> isMessageWait(s.activityType())).count();
    return new Shape(applicationId, processInstances, steps.size(), async, timers, waits, steps);
  }

  /** The baseline process: the shape's steps in a row (subprocesses as subprocesses), each doing nothing, one message wait. */
  static BpmnModelInstance model(Shape shape) {
    return model(shape, true);
  }

  /** The baseline, with or without the shape's async continuations. */
  static BpmnModelInstance model(Shape shape, boolean asyncContinuations) {
    ProcessBuilder process = Bpmn.createExecutableProcess(asyncContinuations ? PROCESS_KEY : PROCESS_KEY_WITHOUT_ASYNC)
        .name("基准: 引擎空流程").camundaHistoryTimeToLive(30);
    AbstractFlowNodeBuilder<?, ?> flow = null;
    boolean messageWaitPlaced = false;
    boolean enteringSubProcess = false;
    int openSubProcesses = 0;
    int index = 0;
    for (Step step : shape.steps()) {
      String id = String.format("Step%02d_%s", ++index, step.activityType().replaceAll("[^A-Za-z]", ""));
      String type = step.activityType();
      if (flow == null) {
        flow = process.startEvent(id);
      } else if (enteringSubProcess) {
        // the embedded subprocess's own start event: the subprocess is a scope of its own, as in the real model
        enteringSubProcess = false;
        openSubProcesses++;
        flow = ((SubProcessBuilder) flow).embeddedSubProcess().startEvent(id);
      } else if (type.equals("subProcess")) {
        enteringSubProcess = true;
        flow = flow.subProcess(id);
      } else if (type.endsWith("EndEvent") && openSubProcesses > 0) {
        openSubProcesses--;
        flow = flow.endEvent(id).subProcessDone();
      } else if (type.endsWith("EndEvent")) {
        flow = flow.endEvent(id);
      } else if (type.endsWith("Gateway")) {
        flow = flow.exclusiveGateway(id);
      } else if (isMessageWait(type) && !messageWaitPlaced) {
        messageWaitPlaced = true;
        flow = flow.receiveTask(id).message(MESSAGE);
      } else if (type.startsWith("intermediate") && type.endsWith("ThrowEvent")) {
        flow = flow.intermediateThrowEvent(id);
      } else {
        flow = flow.serviceTask(id).camundaExpression("${true}");
      }
      if (asyncContinuations && step.asyncBefore()) {
        flow = flow.camundaAsyncBefore();
      }
      if (asyncContinuations && step.asyncAfter()) {
        flow = flow.camundaAsyncAfter();
      }
      int timer = 0;
      for (String duration : step.timers()) {
        String boundary = id + "_Timer" + (++timer);
        AbstractActivityBuilder<?, ?> activity = ((AbstractActivityBuilder<?, ?>) flow).boundaryEvent(boundary)
            .timerWithDuration(duration).endEvent(boundary + "_End").moveToActivity(id);
        flow = activity;
      }
    }
    if (!messageWaitPlaced) {
      throw new IllegalStateException("The AUTO path has no message wait; the baseline needs one");
    }
    return flow.done();
  }

  /** Deploys a model over the engine REST API (multipart, as Modeler does). */
  static void deploy(Http http, BpmnModelInstance model, String name) {
    String boundary = "----benchmark" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    part(body, boundary, "deployment-name", null, name.getBytes(StandardCharsets.UTF_8));
    part(body, boundary, "deployment-source", null, "benchmark".getBytes(StandardCharsets.UTF_8));
    part(body, boundary, "enable-duplicate-filtering", null, "true".getBytes(StandardCharsets.UTF_8));
    part(body, boundary, "data", name + ".bpmn", Bpmn.convertToString(model).getBytes(StandardCharsets.UTF_8));
    body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    Http.Reply reply = http.send("POST", "/engine-rest/deployment/create", LoanJourneys.ADMIN,
        HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()), "multipart/form-data; boundary=" + boundary,
        "application/json").join();
    Journey.expect(reply, 200, "deploy " + name);
  }

  private static void part(ByteArrayOutputStream body, String boundary, String name, String fileName, byte[] content) {
    String header = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\""
        + (fileName == null ? "" : "; filename=\"" + fileName + "\"\r\nContent-Type: application/octet-stream") + "\r\n\r\n";
    body.writeBytes(header.getBytes(StandardCharsets.UTF_8));
    body.writeBytes(content);
    body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
  }

  /** Start over REST → message awaited → correlate over REST → completed (in history). */
  static Journey journey(Http http, ScheduledExecutorService timer, Journey.Pace pace) {
    return journey(http, timer, pace, PROCESS_KEY);
  }

  static Journey journey(Http http, ScheduledExecutorService timer, Journey.Pace pace, String processKey) {
    String businessKey = "BARE-" + NEXT.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8);
    return new Journey(http, timer, pace) {
      @Override
      protected CompletableFuture<?> run() {
        return http.post("/engine-rest/process-definition/key/" + processKey + "/start", LoanJourneys.ADMIN,
                "{\"businessKey\":\"" + businessKey + "\"}")
            .thenApply(r -> {
              expect(r, 200, "start the baseline");
              mark(STARTED);
              return r.json().get("id").asText();
            })
            .thenCompose(id -> until("poll until the message is awaited",
                () -> http.get("/engine-rest/execution?maxResults=10&processInstanceId=" + id + "&messageEventSubscriptionName="
                    + URLEncoder.encode(MESSAGE, StandardCharsets.UTF_8), LoanJourneys.ADMIN),
                r -> expect(r, 200, "execution query").json().size() > 0).thenApply(r -> {
                  mark(WAITING);
                  return id;
                }))
            .thenCompose(id -> until(RETRY_CORRELATE,
                () -> http.post("/engine-rest/message", LoanJourneys.ADMIN,
                    "{\"messageName\":\"" + MESSAGE + "\",\"processInstanceId\":\"" + id + "\"}"),
                r -> r.status() == 204).thenApply(r -> {
                  mark(CORRELATED);
                  return id;
                }))
            .thenCompose(id -> until("poll until completed",
                () -> http.get("/engine-rest/history/process-instance/" + id, LoanJourneys.ADMIN),
                r -> "COMPLETED".equals(expect(r, 200, "historic instance").json().path("state").asText())));
      }

      @Override
      String endMilestone() {
        return COMPLETED;
      }
    };
  }

  private static boolean isMessageWait(String activityType) {
    return activityType.equals("receiveTask") || activityType.equals("intermediateMessageCatch");
  }
}
