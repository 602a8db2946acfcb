package com.smeloanflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DefaultCharsetCheckTest {

  @Test
  void startsWhenTheDefaultCharsetIsUtf8() {
    assertThat(DefaultCharsetCheck.refusal(StandardCharsets.UTF_8)).isNull();
  }

  /** Java 17 under LANG=C or POSIX: US-ASCII, which the JVM names ANSI_X3.4-1968. */
  @Test
  void refusesToStartUnderAnAsciiLocaleNamingTheCharsetAndTheFix() {
    assertThat(DefaultCharsetCheck.refusal(Charset.forName("ANSI_X3.4-1968")))
        .startsWith("The JVM's default charset is US-ASCII (file.encoding=")
        .contains("not UTF-8")
        .contains("The application does not start. Start the JVM with -Dfile.encoding=UTF-8");
  }

  /** A Chinese Windows server's locale: GBK decodes Chinese, but not the UTF-8 that clients, models and forms send. */
  @Test
  void refusesToStartUnderAGbkLocale() {
    assertThat(DefaultCharsetCheck.refusal(Charset.forName("GBK"))).startsWith("The JVM's default charset is GBK (");
  }
}
