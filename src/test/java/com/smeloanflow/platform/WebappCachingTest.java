package com.smeloanflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.ApiClient.Response;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The webapps' files may be kept by the browser and are asked for again on every use, so staff's
 * browsers do not fetch Tasklist's scripts anew at every login; their pages and every API are never
 * stored.
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
