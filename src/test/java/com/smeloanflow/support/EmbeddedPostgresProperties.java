package com.smeloanflow.support;

import java.util.Arrays;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Points the datasource of a test context with the profiles {@code test} and {@code postgres} at
 * {@link EmbeddedPostgresDatabase}. Registered in {@code META-INF/spring.factories} of the tests, so
 * every PostgreSQL test class gets the same context configuration whatever base class it extends
 * (a {@code @DynamicPropertySource} method would make each declaring class a context of its own), and
 * failsafe runs them all on one context in one JVM. The production profile ({@code production,postgres})
 * is not touched.
 */
public class EmbeddedPostgresProperties implements EnvironmentPostProcessor, Ordered {

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    var profiles = Arrays.asList(environment.getActiveProfiles());
    if (!profiles.contains("test") || !profiles.contains("postgres")) {
      return;
    }
    environment.getPropertySources().addFirst(new MapPropertySource("embeddedPostgres", Map.of(
        "spring.datasource.url", EmbeddedPostgresDatabase.jdbcUrl(),
        "spring.datasource.username", EmbeddedPostgresDatabase.USER,
        "spring.datasource.password", "")));
  }

  /** After the profiles' configuration files are read, so the active profiles are known. */
  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}
