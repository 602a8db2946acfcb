package com.smeloanflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.smeloanflow.SmeLoanFlowApplication;
import com.smeloanflow.identity.BranchService;
import com.smeloanflow.support.ApiClient;
import com.smeloanflow.support.ApiClient.Response;
import com.smeloanflow.support.EmbeddedPostgresDatabase;
import com.smeloanflow.support.TestApplications;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A bank's first start: the application with profiles {@code production,postgres} on an empty
 * PostgreSQL database (embedded, its own JVM: failsafe), SMTP at a GreenMail server, the outside
 * systems still sandboxes ({@code SMELOAN_SANDBOX_ALLOWED=true}, a staging environment). No demo
 * data: nobody can sign in until the first administrator is created the way Camunda's Admin webapp
 * does on first start; that administrator opens a branch and a clerk's user; the channel logs in with the secret of
 * {@code SMELOAN_CHANNEL_SECRET};
 * then production takes an application, which waits for the new branch's acceptance.
 *
 * <p>Over HTTP only, with the settings the README's Production section names.
 */
class ProductionProfileIT {

  private static final GreenMail SMTP = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
  private static final String ADMIN = "sysadmin";
  private static final String ADMIN_PASSWORD = "First-Admin-2026";
  /** The channel gateway is the system user {@code channel}; its secret comes from the environment. */
  private static final String CHANNEL_USER = "channel";
  private static final String CHANNEL_PASSWORD = "7f3c9a1e5b2d8f4a6c0e9b7d3a1f5c8e2b4d6a9c";
  private static final String CLERK = "gy001-clerk";
  private static final String CLERK_PASSWORD = "Clerk-Gy001-2026";

  private static ConfigurableApplicationContext application;
  private static ApiClient api;
  private static int port;

  @BeforeAll
  static void startProductionOnAnEmptyDatabase() {
    SMTP.start();
    application = SpringApplication.run(SmeLoanFlowApplication.class,
        "--spring.profiles.active=production,postgres",
        "--server.port=0",
        "--DB_URL=" + EmbeddedPostgresDatabase.jdbcUrl(),
        "--DB_USER=" + EmbeddedPostgresDatabase.USER,
        "--DB_PASSWORD=",
        "--SMTP_HOST=127.0.0.1",
        "--SMTP_PORT=" + SMTP.getSmtp().getPort(),
        "--SMELOAN_SANDBOX_ALLOWED=true",
        "--SMELOAN_CHANNEL_SECRET=" + CHANNEL_PASSWORD);
    port = ((ServletWebServerApplicationContext) application).getWebServer().getPort();
    api = new ApiClient(port);
  }

  @AfterAll
  static void stop() {
    if (application != null) {
      application.close();
    }
    SMTP.stop();
  }

  @Test
  void aBankCreatesItsFirstAdministratorAndBranchAndTakesItsFirstApplication() throws Exception {
    // An empty database: no user, no branch, no default password.
    assertThat(application.getEnvironment().getActiveProfiles()).containsExactly("production", "postgres");
    assertThat(application.getBean(IdentityService.class).createUserQuery().count()).isZero();
    assertThat(application.getBean(BranchService.class).all()).isEmpty();
    assertThat(api.send("GET", "/api/branches", null, null, null).status()).isEqualTo(401);
    for (String[] demo : List.of(new String[] {"admin", "demo"}, new String[] {"channel", "demo"},
        new String[] {"demo", "demo"}, new String[] {"zy001-acceptor", "demo"})) {
      assertThat(api.send("GET", "/api/branches", demo[0], demo[1], null).status()).as(demo[0]).isEqualTo(401);
      // A system user's name is barred from the engine before any password is checked (SystemUserEngineBar): 403.
      assertThat(api.send("GET", "/engine-rest/task", demo[0], demo[1], null).status()).as(demo[0])
          .isEqualTo(demo[0].equals("channel") ? 403 : 401);
    }

    // The first administrator, as the Admin webapp's setup page creates it.
    assertThat(api.send("GET", "/camunda/app/admin/default/", null, null, null).header("Location"))
        .as("Admin sends the first visitor to its setup page").endsWith("/camunda/app/admin/default/setup/#/setup");
    assertThat(new AdminWebapp().createInitialUser(false).status()).as("without the webapp's CSRF token").isEqualTo(403);
    Response setUp = new AdminWebapp().createInitialUser(true);
    assertThat(setUp.status()).as(setUp.toString()).isEqualTo(204);
    assertThat(new AdminWebapp().createInitialUser(true).status()).as("setup again, once an administrator exists")
        .isEqualTo(403);
    assertThat(api.send("GET", "/camunda/app/admin/default/", null, null, null).status()).as("Admin's login page")
        .isEqualTo(200);

    // The administrator opens a branch: its groups come with it.
    Response branch = api.send("POST", "/api/branches", ADMIN, ADMIN_PASSWORD, """
        {"code": "GY001", "name": "白云支行", "grid": ["520113"]}""");
    assertThat(branch.status()).as(branch.toString()).isEqualTo(201);
    assertThat(groupIds(api.send("GET", "/engine-rest/group?maxResults=100&idIn=GY001-acceptance,GY001-customer-managers",
        ADMIN, ADMIN_PASSWORD, null))).containsExactly("GY001-acceptance", "GY001-customer-managers");

    // A clerk of the new branch, as in Admin (engine REST); the channel logs in with its secret.
    createUser(CLERK, "赵敏", CLERK_PASSWORD, "GY001-acceptance");
    // Authorizations are on: the clerk's directory is the branch's (the administrator is not in it).
    Response colleagues = api.send("GET", "/engine-rest/user?maxResults=100", CLERK, CLERK_PASSWORD, null);
    assertThat(colleagues.status()).as(colleagues.toString()).isEqualTo(200);
    assertThat(colleagues.json().findValuesAsText("id")).containsExactly(CLERK);
    assertThat(api.send("GET", "/engine-rest/user/" + ADMIN + "/profile", CLERK, CLERK_PASSWORD, null).status()).isEqualTo(404);

    // Production takes an application at the new branch.
    Response submitted = api.send("POST", "/api/applications", CHANNEL_USER, CHANNEL_PASSWORD,
        TestApplications.mortgageAtBranchCounter().branchCode("GY001").json(), "Idempotency-Key", "first-application");
    assertThat(submitted.status()).as(submitted.toString()).isEqualTo(201);
    String applicationId = submitted.json().path("applicationId").asText();

    // The job executor takes it to acceptance, offered to the new branch's acceptance group.
    JsonNode tasks = awaitTasks("/engine-rest/task?maxResults=100&candidateGroup=GY001-acceptance&processInstanceBusinessKey=" + applicationId);
    assertThat(tasks.findValuesAsText("name")).containsExactly("受理贷款申请");
    assertThat(api.send("GET", "/api/applications/" + applicationId, CLERK, CLERK_PASSWORD, null).json()
        .path("status").asText()).isEqualTo("AWAITING_ACCEPTANCE");

    // Still no demo data.
    assertThat(api.send("GET", "/api/branches/ZY001", ADMIN, ADMIN_PASSWORD, null).status()).isEqualTo(404);
    assertThat(api.send("GET", "/api/branches", "channel", "demo", null).status()).isEqualTo(401);
    assertThat(api.send("GET", "/api/branches", "admin", "demo", null).status()).isEqualTo(401);

    // The outside systems are sandboxes here (staging), but their test endpoints exist only in demo and test:
    // not even the administrator can make core banking fail or play a signature.
    for (String[] sandbox : new String[][] {{"GET", "/api/sandbox/core-banking/faults"},
        {"GET", "/api/sandbox/core-banking/postings/" + applicationId},
        {"POST", "/api/sandbox/e-signature/applications/" + applicationId + "/sign"}}) {
      assertThat(api.send(sandbox[0], sandbox[1], ADMIN, ADMIN_PASSWORD, null).status()).as(sandbox[1]).isEqualTo(404);
    }
  }

  private static void createUser(String id, String name, String password, String group) {
    Response created = api.send("POST", "/engine-rest/user/create", ADMIN, ADMIN_PASSWORD, """
        {"profile": {"id": "%s", "firstName": "%s", "lastName": "", "email": "%s@bank.example.com"},
         "credentials": {"password": "%s"}}""".formatted(id, name, id, password));
    assertThat(created.status()).as(created.toString()).isEqualTo(204);
    Response member = api.send("PUT", "/engine-rest/group/" + group + "/members/" + id, ADMIN, ADMIN_PASSWORD, null);
    assertThat(member.status()).as(member.toString()).isEqualTo(204);
  }

  private static List<String> groupIds(Response groups) {
    assertThat(groups.status()).as(groups.toString()).isEqualTo(200);
    return groups.json().findValuesAsText("id").stream().sorted().toList();
  }

  /** Waits (bounded) for the job executor of the running application to reach the tasks. */
  private static JsonNode awaitTasks(String query) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (true) {
      Response tasks = api.send("GET", query, CLERK, CLERK_PASSWORD, null);
      assertThat(tasks.status()).as(tasks.toString()).isEqualTo(200);
      if (tasks.json().size() > 0 || Instant.now().isAfter(deadline)) {
        return tasks.json();
      }
      Thread.sleep(200);
    }
  }

  /**
   * The Admin webapp in a browser: its first answer gives a session and a CSRF token (cookie
   * {@code XSRF-TOKEN}, header {@code X-XSRF-TOKEN}), which every changing request sends back.
   * The production session cookie is Secure (TLS ends at the bank's proxy), so the cookies are
   * sent back by hand rather than by a cookie store that would keep Secure cookies off plain HTTP.
   */
  private static final class AdminWebapp {

    private final String cookies;
    private final String token;

    AdminWebapp() {
      Response page = api.send("GET", "/camunda/app/admin/default/", null, null, null);
      cookies = page.headers().allValues("Set-Cookie").stream().map(cookie -> cookie.split(";", 2)[0])
          .collect(Collectors.joining("; "));
      token = page.header("X-XSRF-TOKEN");
      assertThat(cookies).contains("JSESSIONID=").contains("XSRF-TOKEN=");
      assertThat(token).isNotBlank();
    }

    /** POST /camunda/api/admin/setup/default/user/create, as the setup page sends it. */
    Response createInitialUser(boolean withToken) {
      String body = """
          {"profile": {"id": "%s", "firstName": "系统管理员", "lastName": "", "email": "sysadmin@bank.example.com"},
           "credentials": {"password": "%s"}}""".formatted(ADMIN, ADMIN_PASSWORD);
      String origin = "http://127.0.0.1:" + port;
      List<String> headers = new ArrayList<>(List.of("Cookie", cookies, "Origin", origin,
          "Referer", origin + "/camunda/app/admin/default/setup/"));
      if (withToken) {
        headers.addAll(List.of("X-XSRF-TOKEN", token));
      }
      return api.send("POST", "/camunda/api/admin/setup/default/user/create", null, null, body,
          headers.toArray(String[]::new));
    }
  }
}
