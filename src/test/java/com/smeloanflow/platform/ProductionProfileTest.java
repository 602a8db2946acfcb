package com.smeloanflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.identity.DemoData;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.origin.OriginTrackedValue;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * The production profile's settings as written in application.yaml (the test suite runs the demo
 * profile, so this reads the file): no seeded users, secrets only from the environment, Secure
 * cookies, HSTS, no API description, proxy headers trusted; and, in every profile, no H2 console
 * and relative redirects.
 */
class ProductionProfileTest {

  @Test
  void productionSeedsNoUsersAndTakesSecretsFromTheEnvironmentOnly() throws IOException {
    assertThat(DemoData.class.getAnnotation(Profile.class).value()).containsExactly("demo & !production");
    Map<String, Object> base = document(null);
    Map<String, Object> postgres = document("postgres");
    assertThat(postgres.get("spring.datasource.password")).hasToString("${DB_PASSWORD}");
    assertThat(base.get("spring.mail.password")).hasToString("${SMTP_PASSWORD:}");
    assertThat(base.get("smeloan.security.system-users.channel.secret")).hasToString("${SMELOAN_CHANNEL_SECRET:}");
    assertThat(base.get("smeloan.security.system-users.core-banking.secret")).hasToString("${SMELOAN_CORE_BANKING_SECRET:}");
    assertThat(base.get("smeloan.security.system-users.monitoring.secret")).hasToString("${SMELOAN_MONITORING_SECRET:}");
    assertThat(base.get("smeloan.security.weak-system-secrets-allowed")).hasToString("false");
  }

  @Test
  void productionHasSecureCookiesHstsNoApiDescriptionAndTrustsTheProxy() throws IOException {
    Map<String, Object> production = document("production");
    assertThat(production).containsEntry("server.servlet.session.cookie.secure", true)
        .containsEntry("camunda.bpm.webapp.csrf.enable-secure-cookie", true)
        .containsEntry("camunda.bpm.webapp.session-cookie.enable-secure-cookie", true)
        .containsEntry("camunda.bpm.webapp.header-security.hsts-disabled", false)
        .containsEntry("springdoc.api-docs.enabled", false)
        .containsEntry("springdoc.swagger-ui.enabled", false)
        .containsEntry("server.forward-headers-strategy", "native");
  }

  @Test
  void everyProfileHasNoH2ConsoleRelativeRedirectsAndTheEngineLimits() throws IOException {
    Map<String, Object> base = document(null);
    assertThat(base).containsEntry("spring.h2.console.enabled", false)
        .containsEntry("server.tomcat.use-relative-redirects", true)
        .containsEntry("camunda.bpm.generic-properties.properties.queryMaxResultsLimit", 2000)
        .containsEntry("camunda.bpm.generic-properties.properties.deserializationTypeValidationEnabled", true)
        .containsEntry("camunda.bpm.generic-properties.properties.javaSerializationFormatEnabled", false);
  }

  /** The properties of application.yaml's document for a profile (null: the document without one). */
  private static Map<String, Object> document(String profile) throws IOException {
    List<PropertySource<?>> documents = new YamlPropertySourceLoader().load("application", new ClassPathResource("application.yaml"));
    for (PropertySource<?> document : documents) {
      Map<String, Object> properties = new HashMap<>();
      @SuppressWarnings("unchecked")
      Map<String, Object> source = (Map<String, Object>) document.getSource();
      source.forEach((key, value) -> {
        Object plain = value instanceof OriginTrackedValue tracked ? tracked.getValue() : value;
        properties.put(key, plain instanceof CharSequence text ? text.toString() : plain);
      });
      Object activation = properties.get("spring.config.activate.on-profile");
      if (profile == null ? activation == null : profile.equals(String.valueOf(activation))) {
        return properties;
      }
    }
    throw new AssertionError("application.yaml has no document for profile " + profile);
  }
}
