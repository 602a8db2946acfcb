package com.smeloanflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.ApiClient.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * Every error under {@code /api} is {@code application/problem+json}: Spring's own (404, 405, 406,
 * 415), Tomcat's own (bad percent-encoding, a header too large, answered before any servlet runs)
 * and the unexpected 500, which carries a correlation id the log names and no stack trace.
 */
@ExtendWith(OutputCaptureExtension.class)
class ApiErrorFormatTest extends AbstractIntegrationTest {

  @LocalServerPort int port;

  @Test
  void unknownPathWrongMethodUnacceptableAndUnsupportedMediaTypeAnswerProblems() {
    expect(api.get("/api/no-such-thing", "zy001-acceptor"), 404, "/not-found");
    expect(api.send("DELETE", "/api/applications", "zy001-acceptor", "demo", null), 405, "/method-not-allowed");
    // the channel calls only its own operations: anything else, unknown paths included, is refused (ChannelReachApiTest)
    expect(api.get("/api/no-such-thing", CHANNEL), 403, "/forbidden");
  }

  @Test
  void anUnknownPathAndACallerWhoseGroupsDoNotAllowTheCallAreToldSoInChinese() {
    Response unknown = api.get("/api/no-such-thing", "zy001-acceptor");
    Response notMarketing = api.get("/api/campaigns", "zy001-cm");

    assertThat(unknown.json().path("detail").asText()).isEqualTo("路径 /api/no-such-thing 不存在 (no resource at /api/no-such-thing)");
    expect(notMarketing, 403, "/forbidden");
    assertThat(notMarketing.json().path("detail").asText())
        .isEqualTo("您所在的用户组无权调用 GET /api/campaigns (your groups do not allow GET /api/campaigns)");
  }

  @Test
  void aCallerWithoutCredentialsIsToldToLogInInChineseWithTheEnglishBeside() {
    Response anonymous = api.send("GET", "/api/branches", null, null, null);

    expect(anonymous, 401, "/unauthorized");
    assertThat(anonymous.json().path("detail").asText())
        .isEqualTo("需要登录: 请用本行用户以 HTTP Basic 方式认证 (authentication required: HTTP Basic with a user of the bank)");
  }

  @Test
  void whatIsNotThereIsNamedInChineseWithTheEnglishBeside() {
    Map<String, Response> answers = new LinkedHashMap<>();
    answers.put("营销活动 NO-SUCH-CAMPAIGN 不存在 (campaign NO-SUCH-CAMPAIGN does not exist)",
        api.get("/api/campaigns/NO-SUCH-CAMPAIGN", "campaign-manager"));
    answers.put("1990 年的银行日历尚未加载, 请用 PUT /api/bank-calendar/1990 加载 (no bank calendar for 1990: load it with"
        + " PUT /api/bank-calendar/1990)", api.get("/api/bank-calendar/1990", "zy001-acceptor"));
    answers.put("流程 loan-origination 的最新版本没有用户任务 UserTask_NoSuchTask (the latest version of process"
        + " loan-origination has no user task UserTask_NoSuchTask)", api.send("PUT", "/api/sla-targets/loan-origination/"
        + "UserTask_NoSuchTask", "admin", "demo", "{\"goalHours\": 7, \"deadlineHours\": 14}"));
    answers.put("催收案件 NO-SUCH-CASE 不存在或其流程已发起, 没有待发起的催收流程 (no collection case NO-SUCH-CASE whose process is"
        + " still to be started)", api.post("/api/admin/collection-process-starts/NO-SUCH-CASE/retry", "admin", null));

    answers.forEach((detail, answer) -> {
      expect(answer, 404, "/not-found");
      assertThat(answer.json().path("detail").asText()).isEqualTo(detail);
    });
  }

  @Test
  void anAcceptTheApiCannotServeIsAProblemInTheOneFormatItHas() throws IOException {
    String answer = raw("GET /api/loans/LN0 HTTP/1.1\r\nHost: localhost\r\nAccept: application/xml\r\nConnection: close\r\n\r\n");

    assertThat(answer).startsWith("HTTP/1.1 406");
    assertThat(answer).containsIgnoringCase("Content-Type: application/problem+json");
    assertThat(answer).contains("/problems/not-acceptable");
  }

  @Test
  void aBodyTheApiDoesNotReadIsAProblem() throws IOException {
    String answer = raw("POST /api/applications HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\n"
        + "Content-Length: 9\r\nConnection: close\r\n\r\nchannel=x");

    assertThat(answer).startsWith("HTTP/1.1 415");
    assertThat(answer).containsIgnoringCase("Content-Type: application/problem+json");
    assertThat(answer).contains("/problems/unsupported-media-type");
  }

  @Test
  void tomcatsOwnBadRequestsAnswerProblemsWithoutTheServerVersion() throws IOException {
    String badEncoding = raw("GET /api/applications/%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    String hugeHeader = raw("GET /api/applications/X HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(20_000)
        + "\r\nConnection: close\r\n\r\n");

    for (String answer : new String[] {badEncoding, hugeHeader}) {
      assertThat(answer).startsWith("HTTP/1.1 400");
      assertThat(answer).containsIgnoringCase("Content-Type: application/problem+json").doesNotContain("Apache Tomcat");
      JsonNode problem = new ObjectMapper().readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
      assertThat(problem.get("status").asInt()).isEqualTo(400);
    }
  }

  @Test
  void theFirewallsRefusalOfAnEncodedPathIsAProblemToo() {
    Response answer = api.get("/api/applications/a%2F..%2Fb", CHANNEL);
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.contentType()).isEqualTo("application/problem+json");
  }

  @Test
  void anUnexpectedFailureIsA500WithACorrelationIdThatTheLogNames(CapturedOutput log) {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/applications");

    var answer = new ApiProblemHandler().unexpected(new IllegalStateException("secret detail of a bug"), request);

    assertThat(answer.getStatusCode().value()).isEqualTo(500);
    String correlationId = (String) answer.getBody().getProperties().get("correlationId");
    assertThat(correlationId).isNotBlank();
    assertThat(answer.getBody().getDetail()).contains(correlationId).doesNotContain("secret detail");
    assertThat(log.getOut()).contains("correlationId " + correlationId).contains("secret detail of a bug");
  }

  @Test
  void theDemoMailboxIsForAdministratorsOnly() {
    Response staff = api.get("/demo/mails", "zy001-acceptor");
    assertThat(staff.status()).isIn(403, 404);
    assertThat(staff.contentType()).isEqualTo("application/problem+json");
  }

  @Test
  void redirectsNeverEchoTheHostHeader() throws IOException {
    String answer = raw("GET /camunda/app/tasklist HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n");
    String location = answer.lines().filter(line -> line.toLowerCase().startsWith("location:")).findFirst().orElse("");
    assertThat(answer).startsWith("HTTP/1.1 302");
    assertThat(location).doesNotContain("evil.example").contains("/camunda/app/tasklist/");
  }

  private static void expect(Response answer, int status, String typeSuffix) {
    assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
    assertThat(answer.contentType()).as(answer.toString()).isEqualTo("application/problem+json");
    assertThat(answer.json().get("type").asText()).endsWith(typeSuffix);
  }

  /** A request as raw bytes (java.net.http refuses to send a malformed URL): the whole answer as text. */
  private String raw(String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      String auth = "Authorization: Basic " + Base64.getEncoder().encodeToString("channel:demo".getBytes(StandardCharsets.UTF_8));
      out.write(request.replaceFirst("\r\n", "\r\n" + auth + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      in.transferTo(answer);
      return answer.toString(StandardCharsets.UTF_8);
    }
  }
}
