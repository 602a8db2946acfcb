package com.smeloanflow.platform;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Installs the {@link ExpressionSandbox} on the engine configuration before the engine is built. */
@Configuration
public class EngineSafetyConfig {

  /** Beans expressions may use besides those the build's models name; empty in production. */
  public static final String EXTRA_BEANS_PROPERTY = "smeloan.engine.expression-beans";

  @Bean
  static ExpressionSandbox expressionSandbox(ApplicationContext context, Environment environment) {
    Set<String> extra = Arrays.stream(environment.getProperty(EXTRA_BEANS_PROPERTY, "").split(","))
        .map(String::trim).filter(name -> !name.isEmpty()).collect(Collectors.toSet());
    return new ExpressionSandbox(context, extra);
  }
}
