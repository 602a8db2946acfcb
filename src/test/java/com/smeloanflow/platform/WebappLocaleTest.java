package com.smeloanflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bank's Chinese locale for Camunda's webapps stays complete: {@code zh.json} has every key of
 * the webjar's {@code en.json} (after a Camunda upgrade a missing key would show as its name), the
 * main labels are Chinese, the vendor's banner text is empty, and {@code config.js} makes Chinese
 * the fallback with the bank's product name.
 */
class WebappLocaleTest {

  private static final String APP = "META-INF/resources/webjars/camunda/app/";
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
  void chineseLocaleHasEveryKeyOfTheWebjarsEnglishOne(String app) throws IOException {
    JsonNode en = labels(resource(app, "locales/en.json", "camunda-webapp-webjar"));
    JsonNode zh = labels(resource(app, "locales/zh.json", "/classes/"));
    Set<String> missing = new TreeSet<>();
    en.fieldNames().forEachRemaining(key -> {
      if (!zh.has(key)) {
        missing.add(key);
      }
    });
    assertThat(missing).as("keys of %s/locales/en.json missing in zh.json", app).isEmpty();
    assertThat(zh.path("PAGE_LOGIN_SIGN_IN_ACTION").asText()).isEqualTo("登录");
    assertThat(zh.path("PAGE_LOGIN_USERNAME").asText()).isEqualTo("用户名");
    assertThat(zh.path("BANNER_CE_EOL_TEXT").asText()).as("vendor banner text").isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
  void configMakesChineseTheFallbackAndNamesTheProduct(String app) throws IOException {
    String config = text(resource(app, "scripts/config.js", "/classes/"));
    assertThat(config).contains("name: '普惠贷款作业平台'").contains("fallbackLocale: 'zh'")
        .contains("availableLocales: ['zh', 'en']");
    String css = text(resource(app, "styles/user-styles.css", "/classes/"));
    assertThat(css).contains(".ce-eol-banner");
  }

  @ParameterizedTest
  @ValueSource(strings = {"tasklist"})
  void tasklistMainScreensAreTranslated(String app) throws IOException {
    JsonNode zh = labels(resource(app, "locales/zh.json", "/classes/"));
    for (String key : List.of("CLAIM_TASK", "COMPLETE", "START_PROCESS", "SEARCH_PLACEHOLDER", "FORM", "HISTORY",
        "DIAGRAM", "DESCRIPTION", "SELECT_TASK_IN_LIST", "NO_MATCHING_TASK", "COMPLETE_OK", "PROCESS_START_OK")) {
      assertThat(zh.path(key).asText()).as(key).matches(".*\\p{IsHan}.*");
    }
  }

  private static JsonNode labels(URL url) throws IOException {
    return JSON.readTree(text(url).replace("\uFEFF", "")).path("labels");
  }

  private static String text(URL url) throws IOException {
    try (InputStream in = url.openStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The resource of the given origin (the webjar, or the application's own classes). */
  private static URL resource(String app, String file, String origin) throws IOException {
    List<URL> all = new ArrayList<>(Collections.list(
        WebappLocaleTest.class.getClassLoader().getResources(APP + app + "/" + file)));
    return all.stream().filter(u -> u.toString().contains(origin)).findFirst()
        .orElseThrow(() -> new AssertionError(APP + app + "/" + file + " from " + origin + " not found in " + all));
  }
}
