package com.smeloanflow.benchmark;

import static com.smeloanflow.casefile.ApplicationStatus.AWAITING_APPROVAL;
import static com.smeloanflow.casefile.ApplicationStatus.AWAITING_DISBURSEMENT;
import static com.smeloanflow.casefile.ApplicationStatus.AWAITING_SIGNATURE;
import static com.smeloanflow.casefile.ApplicationStatus.AWAITING_VERIFICATION;
import static com.smeloanflow.casefile.ApplicationStatus.DISBURSED;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.smeloanflow.approval.TaskForms;
import com.smeloanflow.casefile.ApplicationStatus;
import com.smeloanflow.process.LoanOriginationProcess.Elements;
import com.smeloanflow.processing.CreditCodes;
import com.smeloanflow.processing.ProcessingFixtures;
import com.smeloanflow.support.TestApplications;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The application's journeys, over its HTTP API as a channel and as staff in Tasklist would drive
 * it: an AUTO application end to end, intake alone, and a SINGLE-approver application whose staff
 * work their tasks over the engine REST API.
 */
final class LoanJourneys {

  static final String CHANNEL = "channel";
  static final String ADMIN = "admin";
  static final String REMOTE_VERIFIER = "remote-verifier";
  static final String APPROVER = "approver";
  static final String DISBURSER = "disburser";

  /** Milestones, in order. */
  static final String SUBMITTED = "submitted";
  static final String DECISION = "decision visible";
  static final String SIGNATURE_ACCEPTED = "signature accepted";
  static final String DISBURSED_VISIBLE = "disbursed";
  static final List<String> AUTO_MILESTONES = List.of(SUBMITTED, DECISION, SIGNATURE_ACCEPTED, DISBURSED_VISIBLE);
  static final List<String> INTAKE_MILESTONES = List.of(SUBMITTED);
  static final String VERIFICATION_TASK = "verification task visible";
  static final String APPROVAL_TASK = "approval task visible";
  static final String DISBURSEMENT_TASK = "disbursement check visible";
  static final List<String> SINGLE_MILESTONES = List.of(SUBMITTED, DECISION, VERIFICATION_TASK, APPROVAL_TASK,
      SIGNATURE_ACCEPTED, DISBURSEMENT_TASK, DISBURSED_VISIBLE);

  /** Polls (answers that did not yet show the state) and retries, as the report names them. */
  static final String POLL_DECISION = "poll until the decision shows";
  static final String POLL_SIGNATURE = "poll until AWAITING_SIGNATURE";
  static final String POLL_DISBURSED = "poll until DISBURSED";
  static final String RETRY_SIGNATURE_409 = "signature answered 409 (not yet waiting)";
  static final String RETRY_SIGN_NOT_READY = "sandbox signing before the contract existed";

  private static final ObjectMapper REQUEST_JSON = new ObjectMapper().findAndRegisterModules()
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .setSerializationInclusion(JsonInclude.Include.NON_NULL);
  private static final AtomicInteger NEXT_KEY = new AtomicInteger();

  private final Http http;
  private final ScheduledExecutorService timer;
  private final Journey.Pace pace;
  private final Set<String> routes = ConcurrentHashMap.newKeySet();

  LoanJourneys(Http http, ScheduledExecutorService timer, Journey.Pace pace) {
    this.http = http;
    this.timer = timer;
    this.pace = pace;
  }

  /**
   * Registers {@code count} fresh enterprises with a strong profile in the sandbox (as admin,
   * before the step: this is the outside world's set-up, not the applicant's path) and answers their
   * credit codes.
   */
  List<String> strongEnterprises(int count) {
    String profile = json(ProcessingFixtures.strongProfile());
    List<String> codes = new ArrayList<>(count);
    List<CompletableFuture<Http.Reply>> registered = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String code = CreditCodes.fresh();
      codes.add(code);
      registered.add(http.put("/api/sandbox/enterprises/" + code, ADMIN, profile));
      if (registered.size() >= 8) {
        registered.forEach(f -> Journey.expect(f.join(), 201, "sandbox enterprise"));
        registered.clear();
      }
    }
    registered.forEach(f -> Journey.expect(f.join(), 201, "sandbox enterprise"));
    return codes;
  }

  /** Submit → model decision (AUTO) → applicant signs → channel reports it → DISBURSED. */
  Journey auto(String creditCode) {
    String application = TestApplications.onlineCreditQuick().creditCode(creditCode).requestedAmount("100000.00").json();
    return new Journey(http, timer, pace) {
      @Override
      protected CompletableFuture<?> run() {
        return submit(this, application)
            .thenCompose(id -> until(POLL_DECISION, () -> view(id), r -> decided(r))
                .thenApply(r -> {
                  mark(DECISION);
                  route(r, "AUTO");
                  return id;
                }))
            .thenCompose(id -> until(POLL_SIGNATURE, () -> view(id), r -> status(r, AWAITING_SIGNATURE)).thenApply(r -> id))
            .thenCompose(id -> sign(this, id))
            .thenCompose(id -> until(POLL_DISBURSED, () -> view(id), r -> status(r, DISBURSED)));
      }

      @Override
      String endMilestone() {
        return DISBURSED_VISIBLE;
      }
    };
  }

  /** POST /api/applications alone: a counter application (it then waits for branch acceptance). */
  Journey intake() {
    String application = TestApplications.mortgageAtBranchCounter().creditCode(CreditCodes.fresh()).json();
    return new Journey(http, timer, pace) {
      @Override
      protected CompletableFuture<?> run() {
        return submit(this, application);
      }

      @Override
      String endMilestone() {
        return SUBMITTED;
      }
    };
  }

  /**
   * An online CREDIT_QUICK above the AUTO limit: the model routes it to a single approver, after a
   * remote verification. Staff find their task as Tasklist does (a task query by business key under
   * their authorizations), claim and complete it over the engine REST API; the applicant signs; the
   * disbursement check is completed by disbursement operations.
   */
  Journey singleApprover(String creditCode) {
    String application = TestApplications.onlineCreditQuick().creditCode(creditCode).requestedAmount("500000.00").json();
    return new Journey(http, timer, pace) {
      @Override
      protected CompletableFuture<?> run() {
        return submit(this, application)
            .thenCompose(id -> until(POLL_DECISION, () -> view(id), r -> decided(r)).thenApply(r -> {
              mark(DECISION);
              route(r, "SINGLE");
              return id;
            }))
            .thenCompose(id -> work(this, id, AWAITING_VERIFICATION, REMOTE_VERIFIER, Elements.TASK_VERIFY_REMOTELY,
                TaskForms.remoteVerificationConfirmed(), VERIFICATION_TASK))
            .thenCompose(id -> work(this, id, AWAITING_APPROVAL, APPROVER, Elements.TASK_APPROVE_LOAN,
                TaskForms.approve("基准测试: 同意"), APPROVAL_TASK))
            .thenCompose(id -> until(POLL_SIGNATURE, () -> view(id), r -> status(r, AWAITING_SIGNATURE)).thenApply(r -> id))
            .thenCompose(id -> sign(this, id))
            .thenCompose(id -> work(this, id, AWAITING_DISBURSEMENT, DISBURSER, Elements.TASK_CHECK_DISBURSEMENT_CONDITIONS,
                TaskForms.disbursementConditionsMet(), DISBURSEMENT_TASK))
            .thenCompose(id -> until(POLL_DISBURSED, () -> view(id), r -> status(r, DISBURSED)));
      }

      @Override
      String endMilestone() {
        return DISBURSED_VISIBLE;
      }
    };
  }

  /** Routes the model decided, for the report (an unexpected route fails the journey). */
  Set<String> routesSeen() {
    return routes;
  }

  private CompletableFuture<String> submit(Journey journey, String application) {
    return http.send("POST", "/api/applications", CHANNEL, application, "application/json",
            "Idempotency-Key", idempotencyKey())
        .thenApply(r -> {
          Journey.expect(r, 201, "POST /api/applications");
          journey.mark(SUBMITTED);
          return r.json().get("applicationId").asText();
        });
  }

  private CompletableFuture<Http.Reply> view(String applicationId) {
    return http.get("/api/applications/" + applicationId, CHANNEL);
  }

  /** The applicant signs in the sandbox e-signature service; the channel reports it (409: not yet waiting, retried). */
  private CompletableFuture<String> sign(Journey journey, String applicationId) {
    return journey.until(RETRY_SIGN_NOT_READY,
            () -> http.post("/api/sandbox/e-signature/applications/" + applicationId + "/sign", ADMIN, null),
            Http.Reply::ok)
        .thenCompose(signed -> {
          String report = "{\"signatureId\":\"" + signed.json().get("signatureId").asText()
              + "\",\"signedAt\":\"2026-11-23T10:15:30+08:00\"}";
          return journey.until(RETRY_SIGNATURE_409,
              () -> http.post("/api/applications/" + applicationId + "/signature", CHANNEL, report),
              r -> {
                if (r.status() == 409) {
                  return false;
                }
                Journey.expect(r, 200, "POST signature");
                return true;
              });
        })
        .thenApply(r -> {
          journey.mark(SIGNATURE_ACCEPTED);
          return applicationId;
        });
  }

  /**
   * Staff work: waits for the status, finds the task as the user (the task query Tasklist makes, under
   * the user's authorizations), claims and completes it with the form's variables.
   */
  private CompletableFuture<String> work(Journey journey, String applicationId, ApplicationStatus status, String user,
      String taskDefinitionKey, Map<String, Object> form, String milestone) {
    String query = "/engine-rest/task?maxResults=10&processInstanceBusinessKey=" + applicationId + "&taskDefinitionKey=" + taskDefinitionKey;
    return journey.until("poll status " + status, () -> view(applicationId), r -> status(r, status))
        .thenCompose(r -> journey.until("poll task " + taskDefinitionKey, () -> http.get(query, user), t -> t.ok() && t.json().size() == 1))
        .thenCompose(tasks -> {
          journey.mark(milestone);
          String taskId = tasks.json().get(0).get("id").asText();
          return http.post("/engine-rest/task/" + taskId + "/claim", user, "{\"userId\":\"" + user + "\"}")
              .thenCompose(claimed -> {
                Journey.expect(claimed, 204, user + " claims " + taskDefinitionKey);
                return http.post("/engine-rest/task/" + taskId + "/complete", user, variables(form));
              })
              .thenApply(completed -> {
                Journey.expect(completed, 204, user + " completes " + taskDefinitionKey);
                return applicationId;
              });
        });
  }

  private boolean decided(Http.Reply reply) {
    Journey.expect(reply, 200, "GET application");
    JsonNode json = reply.json();
    if ("REJECTED".equals(json.path("status").asText())) {
      throw new IllegalStateException("application rejected: " + reply);
    }
    return json.path("decision").hasNonNull("route");
  }

  private void route(Http.Reply reply, String expected) {
    String route = reply.json().path("decision").path("route").asText();
    routes.add(route);
    if (!expected.equals(route)) {
      throw new IllegalStateException("expected route " + expected + ", the model chose " + route);
    }
  }

  private static boolean status(Http.Reply reply, ApplicationStatus expected) {
    Journey.expect(reply, 200, "GET application");
    String status = reply.json().path("status").asText();
    if (ApplicationStatus.valueOf(status).isFinal() && !expected.name().equals(status)) {
      throw new IllegalStateException("application ended " + status + " while waiting for " + expected);
    }
    return expected.name().equals(status);
  }

  /** The task form's values as the engine REST API takes them. */
  static String variables(Map<String, Object> form) {
    ObjectNode body = REQUEST_JSON.createObjectNode();
    ObjectNode values = body.putObject("variables");
    form.forEach((name, value) -> values.putObject(name).set("value", REQUEST_JSON.valueToTree(value)));
    return body.toString();
  }

  static String json(Object value) {
    try {
      return REQUEST_JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static String idempotencyKey() {
    return "bench-" + NEXT_KEY.incrementAndGet() + "-" + UUID.randomUUID();
  }
}
