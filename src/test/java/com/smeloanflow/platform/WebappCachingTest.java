package com.smeloanflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.identity.DemoData;
import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.ApiClient.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The webapps' files may be kept by the browser and are asked for again on every use, so staff's
 * browsers do not fetch Tasklist's scripts anew at every login; their pages and every API are never
 * stored. Their scripts and styles go out compressed; API answers and pages do not.
 */
class WebappCachingTest extends AbstractIntegrationTest {

  private static final List<String> FILES = List.of("/camunda/lib/deps.js?bust=7.24.0",
      "/camunda/app/tasklist/camunda-tasklist-bootstrap.js?bust=7.24.0", "/camunda/app/tasklist/scripts/config.js",
      "/camunda/app/tasklist/locales/zh.json", "/camunda/app/tasklist/styles/user-styles.css?bust=7.24.0");

  @Test
  void aWebappFileIsKeptAndAskedForAgainAndAnUnchangedOneIsNotSentTwice() {
    for (String file : FILES) {
      Response first = api.send("GET", file, null, null, null);
      assertThat(first.status()).as(file).isEqualTo(200);
      assertThat(first.header("Cache-Control")).as(file).isEqualTo("no-cache");
      assertThat(first.header("Pragma")).as(file).isNull();
      String lastModified = first.header("Last-Modified");
      assertThat(lastModified).as(file).isNotBlank();

      Response again = api.send("GET", file, null, null, null, "If-Modified-Since", lastModified);
      assertThat(again.status()).as("%s asked for again, unchanged", file).isEqualTo(304);
      assertThat(again.body()).as(file).isEmpty();
    }
  }

  @Test
  void theWebappsPagesAndTheirApisAreNeverStored() {
    for (Response answer : List.of(api.send("GET", "/camunda/app/tasklist/default/", null, null, null),
        api.get("/api/branches", "zy001-acceptor"), api.send("GET", "/camunda/api/engine/engine/", null, null, null))) {
      assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
      assertThat(answer.header("Cache-Control")).as(answer.toString()).contains("no-store");
    }
    // the engine REST API keeps Camunda's own rule: asked for again every time
    Response engineRest = api.get("/engine-rest/engine", "zy001-acceptor");
    assertThat(engineRest.status()).isEqualTo(200);
    assertThat(engineRest.header("Cache-Control")).isEqualTo("no-cache");
  }

  @LocalServerPort
  private int port;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void theWebappsScriptsAndStylesGoOutCompressedToABrowserThatAcceptsIt() {
    for (String file : List.of("/camunda/lib/deps.js?bust=7.24.0",
        "/camunda/app/tasklist/camunda-tasklist-bootstrap.js?bust=7.24.0",
        "/camunda/app/tasklist/camunda-tasklist-bootstrap.css?bust=7.24.0")) {
      HttpResponse<byte[]> plain = get(file, null);
      HttpResponse<byte[]> compressed = get(file, "gzip, deflate, br");
      assertThat(plain.headers().firstValue("Content-Encoding")).as(file).isEmpty();
      assertThat(compressed.statusCode()).as(file).isEqualTo(200);
      assertThat(compressed.headers().firstValue("Content-Encoding")).as(file).hasValue("gzip");
      assertThat(compressed.headers().allValues("Vary")).as(file)
          .anySatisfy(v -> assertThat(v).containsIgnoringCase("Accept-Encoding"));
      assertThat(compressed.headers().firstValue("Cache-Control")).as(file).hasValue("no-cache");
      assertThat(compressed.body().length).as(file).isLessThan(plain.body().length / 2);
      assertThat(gunzip(compressed.body())).as("%s, unpacked", file).isEqualTo(plain.body());
    }
  }

  @Test
  void apiAnswersAndPagesAreNotCompressed() {
    Response definitions = api.send("GET", "/engine-rest/process-definition?latestVersion=true&maxResults=100",
        "zy001-acceptor", DemoData.PASSWORD, null, "Accept-Encoding", "gzip");
    assertThat(definitions.status()).isEqualTo(200);
    assertThat(definitions.body().length()).as("large enough to be compressed if JSON were").isGreaterThan(4096);
    assertThat(definitions.header("Content-Encoding")).isNull();
    Response page = api.send("GET", "/camunda/app/tasklist/default/", null, null, null, "Accept-Encoding", "gzip");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body().length()).as("large enough to be compressed if HTML were").isGreaterThan(2048);
    assertThat(page.header("Content-Encoding")).isNull();
  }

  private HttpResponse<byte[]> get(String path, String acceptEncoding) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    if (acceptEncoding != null) {
      request.header("Accept-Encoding", acceptEncoding);
    }
    return send(request.build());
  }

  private HttpResponse<byte[]> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static byte[] gunzip(byte[] body) {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void onlyTheWebappsStaticFilesCount() {
    assertThat(SecurityConfig.isWebappFile("/camunda/lib/deps.js")).isTrue();
    assertThat(SecurityConfig.isWebappFile("/camunda/app/cockpit/assets/fonts/bpmn.woff2")).isTrue();
    assertThat(SecurityConfig.isWebappFile("/camunda/favicon.ico")).isTrue();
    assertThat(SecurityConfig.isWebappFile("/camunda/app/tasklist/default/")).as("a webapp's page").isFalse();
    assertThat(SecurityConfig.isWebappFile("/camunda/api/tasklist/plugin/x/static/app/plugin.js")).as("an API").isFalse();
    assertThat(SecurityConfig.isWebappFile("/engine-rest/task.json")).isFalse();
    assertThat(SecurityConfig.isWebappFile("/api/applications.json")).isFalse();
    assertThat(SecurityConfig.isWebappFile("/camunda/app/../api/engine/x.js")).isFalse();
  }
}
