package com.smeloanflow.platform;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application refuses to start when the JVM's default charset is not UTF-8.
 *
 * <p>On Java 17 the default charset ({@code file.encoding}) follows the server's locale: under {@code LANG=C} or
 * {@code POSIX} it is US-ASCII ({@code ANSI_X3.4-1968}). The application's own code names UTF-8 wherever it reads or
 * writes text, but libraries it cannot change use the default charset: the engine REST API's multipart parser
 * (commons-fileupload) decodes a part's headers with it, so a file variable uploaded as {@code 借款说明.txt} was stored
 * as {@code ������������.txt}, for good, in the engine's tables (measured under {@code LANG=C}; right with
 * {@code -Dfile.encoding=UTF-8}); the engine's {@code DeploymentBuilder.addString} and its HTTP Basic decoding of a
 * password use it too.
 *
 * <p>Why refuse rather than warn: what goes wrong is silent and permanent (names stored garbled), and is
 * found weeks later by staff, not by the operator who could fix it in a minute; a warning is one line among hundreds
 * at start, and in this very situation could not be read had it been written in Chinese. A refused start is
 * seen at once, names the cause and the fix, and nothing has been written yet. The message is in English (ASCII) for
 * that reason. Java 18 and later default to UTF-8 whatever the locale, so there the check always passes.
 */
public final class DefaultCharsetCheck {

  private static final Logger log = LoggerFactory.getLogger(DefaultCharsetCheck.class);

  private DefaultCharsetCheck() {}

  /** Call first in {@code main}: logs why and ends the JVM with status 1 when its default charset is not UTF-8. */
  public static void exitUnlessUtf8() {
    String refusal = refusal(Charset.defaultCharset());
    if (refusal != null) {
      log.error(refusal);
      System.exit(1);
    }
  }

  /** Why the application does not start with {@code defaultCharset} as the JVM's default charset; null for UTF-8. */
  static String refusal(Charset defaultCharset) {
    if (StandardCharsets.UTF_8.equals(defaultCharset)) {
      return null;
    }
    return "The JVM's default charset is " + defaultCharset.name() + " (file.encoding=" + System.getProperty("file.encoding")
        + ", LANG=" + System.getenv("LANG") + ", LC_ALL=" + System.getenv("LC_ALL") + "), not UTF-8: the engine REST API"
        + " would store the Chinese names of uploaded files garbled. The application does not start."
        + " Start the JVM with -Dfile.encoding=UTF-8 (java -Dfile.encoding=UTF-8 -jar sme-loan-flow-<version>.jar ...),"
        + " or under a UTF-8 locale (LANG=C.UTF-8).";
  }
}
