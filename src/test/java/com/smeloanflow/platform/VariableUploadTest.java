package com.smeloanflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * How {@link VariableUpload} reads a text part: in UTF-8, as the engine REST API does, whatever the JVM's default
 * charset. Run in a JVM whose default charset is US-ASCII ({@code -DargLine=-Dfile.encoding=ANSI_X3.4-1968}, as under
 * {@code LANG=C} on Java 17), the code before named the refused type {@code com.example.���������}: each of the 9 bytes
 * of 借款人 replaced.
 */
class VariableUploadTest {

  private static final String BOUNDARY = "----sme-loan-flow-upload";

  @Test
  void aRefusedTypeIsNamedInChineseAsTheClientWroteIt() {
    byte[] body = multipart("data", "application/json", "[{\"name\":\"张明\"}]",
        "type", "text/plain", "java.util.ArrayList<com.example.借款人>");

    String refusal = VariableUpload.refusal("borrowers", body, "multipart/form-data; boundary=" + BOUNDARY,
        type -> type.startsWith("java.util."));

    assertThat(refusal).isEqualTo("拒绝 Object 变量: 不允许类型 com.example.借款人 (object variables refused: type "
        + "com.example.借款人 is not allowed)");
  }

  /** Parts as name, content type, text triples, each text in UTF-8 as a browser or curl sends it. */
  private static byte[] multipart(String... parts) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (int i = 0; i < parts.length; i += 3) {
      body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + parts[i] + "\"\r\nContent-Type: "
          + parts[i + 1] + "\r\n\r\n" + parts[i + 2] + "\r\n").getBytes(StandardCharsets.UTF_8));
    }
    body.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return body.toByteArray();
  }
}
