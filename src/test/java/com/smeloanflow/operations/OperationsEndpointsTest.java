package com.smeloanflow.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.ApiClient.Response;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The operations endpoints under {@code /actuator} as the README's "Running a cluster" describes them:
 * the load balancer's probes answer anyone with their status alone; everything else, and the probes'
 * details, only administrators, team leads and staff of the operations group. Prometheus's system user
 * {@code monitoring}, which holds the group, reaches its metrics alone ({@code platform.MonitoringReachApiTest}).
 */
class OperationsEndpointsTest extends AbstractIntegrationTest {

  private static final String MONITORING = "monitoring";
  private static final List<String> READERS = List.of("admin", "team-lead");
  private static final List<String> OTHER_STAFF = List.of(CHANNEL, "zy001-acceptor", "approver", "process-owner", "disburser");
  private static final List<String> PROTECTED = List.of("/actuator", "/actuator/health", "/actuator/info", "/actuator/prometheus",
      "/actuator/health/db", "/actuator/health/jobExecutor", "/actuator/env", "/actuator/beans", "/actuator/metrics");

  @Test
  void loadBalancerProbesAnswerWithoutLoginAndSayNothingButTheirStatus() {
    for (String probe : List.of("/actuator/health/liveness", "/actuator/health/readiness")) {
      Response answer = api.send("GET", probe, null, null, null);

      assertThat(answer.status()).as("%s: %s", probe, answer).isEqualTo(200);
      assertThat(answer.json().path("status").asText()).isEqualTo("UP");
      assertThat(answer.json().fieldNames()).toIterable().as("%s shows nothing but the status", probe).containsExactly("status");
    }
    Response asClerk = api.get("/actuator/health/readiness", "zy001-acceptor");
    assertThat(asClerk.json().fieldNames()).toIterable().as("details for a clerk").containsExactly("status");
  }

  @Test
  void readinessNeedsTheDatabaseAndTheJobExecutorWhileLivenessNeedsNeither() {
    withOperationsStaff(staff -> {
      JsonNode readiness = api.get("/actuator/health/readiness", staff).json();
      JsonNode liveness = api.get("/actuator/health/liveness", staff).json();

      assertThat(readiness.path("components").fieldNames()).toIterable()
          .containsExactlyInAnyOrder("readinessState", "db", "jobExecutor");
      assertThat(readiness.at("/components/db/status").asText()).isEqualTo("UP");
      assertThat(readiness.at("/components/db/details/database").asText()).isEqualTo("H2");
      // The test profile runs no job executor (tests run the jobs): a node configured so is ready, the others run the jobs.
      assertThat(readiness.at("/components/jobExecutor/status").asText()).isEqualTo("UP");
      assertThat(readiness.at("/components/jobExecutor/details/enabled").asBoolean()).isFalse();
      assertThat(liveness.path("components").fieldNames()).toIterable().containsExactly("livenessState");
    });
  }

  @Test
  void operationsEndpointsRefuseStrangersAndStaffOutsideOperations() {
    for (String path : PROTECTED) {
      Response stranger = api.send("GET", path, null, null, null);
      assertThat(stranger.status()).as("%s without login: %s", path, stranger).isEqualTo(401);
      assertThat(stranger.contentType()).isEqualTo("application/problem+json");
      assertThat(stranger.header("WWW-Authenticate")).startsWith("Basic");
      assertThat(api.send("GET", path, MONITORING, "wrong-secret", null).status()).as("%s with a wrong secret", path).isEqualTo(401);
      for (String user : OTHER_STAFF) {
        Response refused = api.get(path, user);
        assertThat(refused.status()).as("%s as %s: %s", path, user, refused).isEqualTo(403);
        assertThat(refused.contentType()).isEqualTo("application/problem+json");
      }
    }
    READERS.forEach(this::readsTheOperationsEndpoints);
    withOperationsStaff(this::readsTheOperationsEndpoints);
  }

  /** What administrators, team leads and staff of the operations group read: health, info, metrics; nothing else is exposed. */
  private void readsTheOperationsEndpoints(String user) {
    for (String path : List.of("/actuator/health", "/actuator/info", "/actuator/prometheus")) {
      assertThat(api.send("GET", path, user, "demo", null, "Accept", "*/*").status()).as("%s as %s", path, user).isEqualTo(200);
    }
    assertThat(api.get("/actuator/env", user).status()).as("/actuator/env is not exposed, also to %s", user).isEqualTo(404);
    assertThat(api.send("POST", "/actuator/health", user, "demo", "{}").status()).as("POST as %s", user).isIn(404, 405);
  }
}
