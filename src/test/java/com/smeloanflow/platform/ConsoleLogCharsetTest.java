package com.smeloanflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.logging.LoggingSystemProperties;
import org.springframework.boot.logging.LoggingSystemProperty;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * The console log is written in UTF-8 on a terminal whose locale is not: Spring Boot's default console charset is the
 * terminal's ({@code System.console().charset()}: US-ASCII under {@code LANG=C}, even with
 * {@code -Dfile.encoding=UTF-8}), where every Chinese character of a log line came out as {@code ?}.
 */
class ConsoleLogCharsetTest {

  @Test
  void theConsoleLogIsUtf8OnATerminalWhoseLocaleIsAscii() throws IOException {
    StandardEnvironment environment = new StandardEnvironment();
    // The first document of application.yaml: the settings of every profile
    environment.getPropertySources().addLast(
        new YamlPropertySourceLoader().load("application.yaml", new ClassPathResource("application.yaml")).get(0));
    Map<String, String> logging = new HashMap<>();

    new LoggingSystemProperties(environment, logging::put) {
      @Override
      protected Charset getDefaultConsoleCharset() {
        return StandardCharsets.US_ASCII; // a terminal under LANG=C
      }
    }.apply();

    assertThat(logging.get(LoggingSystemProperty.CONSOLE_CHARSET.getEnvironmentVariableName())).isEqualTo("UTF-8");
    assertThat(logging.get(LoggingSystemProperty.FILE_CHARSET.getEnvironmentVariableName())).isEqualTo("UTF-8");
  }
}
