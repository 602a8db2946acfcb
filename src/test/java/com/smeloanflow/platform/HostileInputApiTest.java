package com.smeloanflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.ApiClient.Response;
import com.smeloanflow.support.TestApplications;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The hostile tester's inputs against the channel API, each a 400 problem naming the field (413 for
 * a huge body), and no application stored. The JSON is sent as written here: {@code \\u0000} is the
 * JSON escape of NUL, {@code \\ud800} a lone surrogate.
 */
class HostileInputApiTest extends AbstractIntegrationTest {

  private static final String APPLICATIONS = "/api/applications";

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      NUL in the purpose (a 500 on PostgreSQL)       | "purpose":"购置生产设备"      | "purpose":"购置\\u0000设备"             | purpose                     | CONTROL_CHARACTER
      a control character in the enterprise name     | "name":"ENTERPRISE"           | "name":"ENTERPRISE\\u001b[31m"          | enterprise.name             | CONTROL_CHARACTER
      a line break in the legal representative name  | "name":"张明"                 | "name":"张\\n明"                        | legalRepresentative.name    | CONTROL_CHARACTER
      a direction override in the name               | "name":"张明"                 | "name":"张\\u202e明"                    | legalRepresentative.name    | DIRECTION_OVERRIDE
      a lone surrogate in the name                   | "name":"张明"                 | "name":"张\\ud800明"                    | legalRepresentative.name    | INVALID_CHARACTER
      a name of zero-width spaces only               | "name":"张明"                 | "name":"\\u200b\\u200b\\u200b"          | legalRepresentative.name    | INVISIBLE_ONLY
      a company founded in year 1                    | "establishedOn":"2016-04-18"  | "establishedOn":"0001-01-01"           | enterprise.establishedOn    | TOO_EARLY
      """)
  void refusesHostileTextAndImplausibleDatesNamingTheFieldAndStoresNothing(String what, String valid, String hostile,
      String field, String code) {
    TestApplications.Builder application = TestApplications.mortgageAtBranchCounter();
    String json = application.json().replace("\"name\":\"" + application.enterpriseName() + "\"", "\"name\":\"ENTERPRISE\"");
    assertThat(json).as("the valid JSON has %s", valid).contains(valid);
    String body = json.replaceFirst(java.util.regex.Pattern.quote(valid), java.util.regex.Matcher.quoteReplacement(hostile));

    Response answer = submit(body);

    assertThat(answer.status()).as(what).isEqualTo(400);
    assertThat(answer.contentType()).isEqualTo("application/problem+json");
    assertThat(errors(answer)).as(what).contains(field + " " + code);
    assertThat(applicationsWithEnterprise("ENTERPRISE%")).isZero();
  }

  @Test
  void refusesAnOverlongEmailAsABadFieldNotA500() {
    TestApplications.Builder application = TestApplications.mortgageAtBranchCounter().email("a".repeat(400) + "@example.com");

    Response answer = submit(application.json());

    assertThat(answer.status()).isEqualTo(400);
    assertThat(errors(answer)).contains("legalRepresentative.email TOO_LONG");
    assertThat(applicationsWithEnterprise(application.enterpriseName())).isZero();
  }

  @Test
  void refusesAFractionalTermInsteadOfTruncatingIt() {
    TestApplications.Builder application = TestApplications.mortgageAtBranchCounter();

    Response answer = submit(application.json().replace("\"termMonths\":36", "\"termMonths\":36.7"));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(errors(answer)).contains("termMonths INVALID_TYPE");
    assertThat(applicationsWithEnterprise(application.enterpriseName())).isZero();
  }

  @Test
  void refusesJsonWithTrailingContent() {
    TestApplications.Builder application = TestApplications.mortgageAtBranchCounter();

    Response answer = submit(application.json() + "{\"second\":\"document\"}");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.contentType()).isEqualTo("application/problem+json");
    assertThat(applicationsWithEnterprise(application.enterpriseName())).isZero();
  }

  @Test
  void refusesAHugeUnknownFieldWith413WithoutStoringAnything() {
    TestApplications.Builder application = TestApplications.mortgageAtBranchCounter();
    String body = application.json().replaceFirst("\\{", "{\"padding\":\"" + "x".repeat(5 * 1024 * 1024) + "\",");

    Response answer = submit(body);

    assertThat(answer.status()).isEqualTo(413);
    assertThat(answer.contentType()).isEqualTo("application/problem+json");
    assertThat(answer.json().get("type").asText()).endsWith("/payload-too-large");
    assertThat(applicationsWithEnterprise(application.enterpriseName())).isZero();
  }

  @ParameterizedTest(name = "{0} MB, length declared: {1}")
  @CsvSource({"20, true", "20, false", "50, false"})
  void answersACarelessUploadFarOverTheLimitWith413NotABrokenConnection(int megabytes, boolean declared) {
    long before = applicationsWithEnterprise("%");

    Response answer = api.postSpaces(APPLICATIONS, CHANNEL, "application/json", megabytes * 1024L * 1024, declared);

    assertThat(answer.status()).as(answer.toString()).isEqualTo(413);
    assertThat(answer.json().get("type").asText()).endsWith("/payload-too-large");
    assertThat(answer.json().get("detail").asText()).isEqualTo("请求体不能超过 64 KB");
    assertThat(applicationsWithEnterprise("%")).isEqualTo(before);
  }

  @Test
  void ignoresASmallUnknownFieldForTheChannelsCompatibility() {
    TestApplications.Builder application = TestApplications.mortgageAtBranchCounter();

    Response answer = submit(application.json().replaceFirst("\\{", "{\"appVersion\":\"5.2.0\","));

    assertThat(answer.status()).isEqualTo(201);
  }

  @Test
  void refusesAnIdempotencyKeyWithControlCharactersOrTooLong() {
    TestApplications.Builder application = TestApplications.mortgageAtBranchCounter();
    for (String key : List.of("k".repeat(200), "key\tone")) {
      Response answer = api.post(APPLICATIONS, CHANNEL, application.json(), "Idempotency-Key", key);
      assertThat(answer.status()).isEqualTo(400);
      assertThat(errors(answer)).contains("Idempotency-Key INVALID_FORMAT");
    }
    assertThat(applicationsWithEnterprise(application.enterpriseName())).isZero();
  }

  @Test
  void refusesASignatureReportedFromYearsAhead() {
    String future = LocalDate.now().plusYears(30) + "T10:15:30+08:00";

    Response answer = api.post(APPLICATIONS + "/SL00000000000000/signature", CHANNEL,
        "{\"signatureId\":\"SIG-1\",\"signedAt\":\"" + future + "\"}");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(errors(answer)).contains("signedAt IN_FUTURE");
  }

  private Response submit(String body) {
    return api.post(APPLICATIONS, CHANNEL, body, "Idempotency-Key", "hostile-" + UUID.randomUUID());
  }

  /** "field CODE" of each error of a problem. */
  private static List<String> errors(Response answer) {
    List<String> errors = new ArrayList<>();
    for (JsonNode error : answer.json().path("errors")) {
      errors.add(error.get("field").asText() + " " + error.get("code").asText());
    }
    return errors;
  }

  private long applicationsWithEnterprise(String namePattern) {
    return jdbc.sql("SELECT COUNT(*) FROM loan_application WHERE enterprise_name LIKE ?").param(namePattern)
        .query(Long.class).single();
  }
}
