package com.smeloanflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.smeloanflow.identity.DemoData;
import com.smeloanflow.support.ApiClient.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * What Prometheus (the system user {@code monitoring}, group {@code operations}) reaches over HTTP with its own secret:
 * the metrics it scrapes, {@code /actuator/prometheus}. Every operation of the bank's API, read from the OpenAPI
 * description so a new one is walked too, is 403 to it before any controller; staff of the operations team, who hold the
 * same group, keep their reach.
 */
class MonitoringReachApiTest extends SystemUserReachApiTest {

  static final String MONITORING = "monitoring";

  static final String REFUSAL_OF_BRANCHES = "监控系统无权调用 GET /api/branches: 监控系统只可读取运维接口的指标 /actuator/prometheus"
      + " (Prometheus may not call GET /api/branches: it reads the operations endpoints' metrics /actuator/prometheus only)";

  @Test
  void monitoringIsRefusedEveryOperationOfTheBanksApi() {
    SoftAssertions softly = new SoftAssertions();
    int walked = walkRefusedOutside(MONITORING, Set.of(), "监控系统无权调用", softly);
    softly.assertThat(walked).as("operations walked").isGreaterThan(60);
    softly.assertAll();
  }

  @Test
  void monitoringScrapesTheMetricsAndIsToldWhatItMayCallElsewhere() {
    Response metrics = api.send("GET", "/actuator/prometheus", MONITORING, DemoData.PASSWORD, null, "Accept", "text/plain");
    Response branches = api.get("/api/branches", MONITORING);
    Response tasks = api.get("/engine-rest/task?maxResults=5", MONITORING);

    assertThat(metrics.status()).as(metrics.toString()).isEqualTo(200);
    assertThat(metrics.body()).contains("smeloan_");
    assertThat(branches.status()).as(branches.toString()).isEqualTo(403);
    assertThat(branches.json().path("detail").asText()).isEqualTo(REFUSAL_OF_BRANCHES);
    assertThat(tasks.status()).as(tasks.toString()).isEqualTo(403);
  }

  /**
   * On the operations endpoints and the API description too, Prometheus reaches its metrics alone: health with its
   * details, info, the other endpoints, the OpenAPI description, Swagger UI and the demo mailbox are 403 to it, naming
   * the call; the load
   * balancer's probes answer it as they answer anyone, with their status alone.
   */
  @Test
  void monitoringReadsNoOtherOperationsEndpointNorTheApiDescription() {
    SoftAssertions softly = new SoftAssertions();
    List<String> refused = new ArrayList<>(List.of("/actuator", "/actuator/health", "/actuator/health/db",
        "/actuator/health/jobExecutor", "/actuator/info", "/actuator/metrics", "/actuator/env"));
    refused.addAll(BESIDE_THE_API);
    expectRefusedEach(MONITORING, refused, "监控系统", "监控系统只可读取运维接口的指标 /actuator/prometheus", "Prometheus",
        "it reads the operations endpoints' metrics /actuator/prometheus only", softly);
    for (String probe : List.of("/actuator/health/liveness", "/actuator/health/readiness")) {
      Response answer = api.get(probe, MONITORING);
      softly.assertThat(answer.status()).as("%s by monitoring: %s", probe, answer).isEqualTo(200);
      List<String> fields = new ArrayList<>();
      answer.json().fieldNames().forEachRemaining(fields::add);
      softly.assertThat(fields).as("%s by monitoring shows nothing but the status", probe).containsExactly("status");
    }
    softly.assertAll();
  }

  @Test
  void staffOfTheOperationsTeamKeepTheirReach() {
    withOperationsStaff(staff -> {
      for (String path : List.of("/api/branches", "/api/lpr-rates", "/actuator/prometheus", "/actuator/info",
          "/v3/api-docs")) {
        Response answer = api.send("GET", path, staff, DemoData.PASSWORD, null, "Accept", "*/*");
        assertThat(answer.status()).as("GET %s by %s of operations: %s", path, staff, answer).isEqualTo(200);
      }
      Response health = api.get("/actuator/health/readiness", staff);
      assertThat(health.json().path("components").fieldNames()).toIterable().as("%s", health).contains("db", "jobExecutor");
    });
  }

  @Test
  void theOpenApiDescriptionSaysWhatMonitoringMayCall() {
    JsonNode doc = api.get("/v3/api-docs", "admin").json();

    assertThat(doc.path("info").path("description").asText()).contains("Prometheus (system user monitoring) nothing");
    for (String[] refused : new String[][] {{"/api/branches", "get"}, {"/api/loans", "get"}, {"/api/loans/{loanId}", "get"}}) {
      assertThat(doc.path("paths").path(refused[0]).path(refused[1]).path("responses").path("403").path("description").asText())
          .as("%s %s", refused[1], refused[0]).contains("Prometheus (system user monitoring) is refused: it reads the"
              + " operations endpoints' metrics /actuator/prometheus only (监控系统无权调用)");
    }
  }
}
