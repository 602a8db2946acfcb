package com.smeloanflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.smeloanflow.identity.DemoData;
import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.ApiClient.Response;
import com.smeloanflow.support.TestApplications;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A variable uploaded to the engine REST API as {@code multipart/form-data} ({@code POST /task/{id}/variables/{name}/data}
 * and the like), which Camunda parses itself, whole into memory, past Spring's multipart limits: refused over 10 MB
 * with 413 before anything is stored (unread when its length is declared), and refused with 400 in Chinese naming the
 * variable when Camunda would fail with 500 or answer in English naming nothing (a file name longer than its parser
 * reads, a deprecated {@code type} part of a foreign type or in Java serialization, no {@code data} part). Process
 * owners may write a task's variables; a task worker is refused by Camunda with 403, after it has read the upload.
 */
class EngineVariableUploadTest extends AbstractIntegrationTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BOUNDARY = "----sme-loan-flow-upload";
  private static final int TWELVE_MB = 12 * 1024 * 1024;
  private static final String TOO_LARGE = "请求体超过 " + EngineApiGuard.MAX_CHECKED_BODY_BYTES + " 字节 (request body larger than "
      + EngineApiGuard.MAX_CHECKED_BODY_BYTES + " bytes)";

  @LocalServerPort int port;

  @Test
  void aFileUploadIsStoredWithItsNameAndType() {
    Task task = acceptanceTask();
    byte[] body = multipart(filePart("business-licence.pdf", "application/pdf", "%PDF-1.7".getBytes(StandardCharsets.UTF_8)),
        textPart("valueType", "File"));

    Response answer = upload("process-owner", "/engine-rest/task/" + task.getId() + "/variables/licence/data", body);

    assertThat(answer.status()).as(answer.toString()).isEqualTo(204);
    FileValue stored = taskService.getVariableTyped(task.getId(), "licence");
    assertThat(stored.getFilename()).isEqualTo("business-licence.pdf");
    assertThat(stored.getMimeType()).isEqualTo("application/pdf");
  }

  /**
   * A file uploaded with a Chinese name is downloaded with it. Camunda answers {@code attachment;
   * filename="借款说明.txt"; filename*=UTF-8''…}; before, Tomcat could not write the raw name into the header and dropped
   * the whole header (a WARN in the log), and the browser saved the file as {@code data}.
   */
  @Test
  void aFileWithAChineseNameIsDownloadedWithItsName() {
    Task task = acceptanceTask();
    String path = "/engine-rest/task/" + task.getId() + "/variables/statement/data";
    byte[] content = "2026 年流水".getBytes(StandardCharsets.UTF_8);
    assertThat(upload("process-owner", path, multipart(filePart("借款说明.txt", "text/plain", content),
        textPart("valueType", "File"))).status()).isEqualTo(204);

    Response download = api.get(path, "process-owner");

    assertThat(download.status()).as(download.toString()).isEqualTo(200);
    assertThat(download.body()).isEqualTo("2026 年流水");
    assertThat(download.header("Content-Disposition")).as("the download's file name")
        .isEqualTo("attachment; filename=\"____.txt\"; filename*=UTF-8''%E5%80%9F%E6%AC%BE%E8%AF%B4%E6%98%8E.txt");
  }

  /** Before, stored: Camunda read the 12 MB into memory and wrote it to the database, any size a client sent. */
  @Test
  void anUploadOverTenMegabytesIsRefusedWith413AndNothingIsStored() throws Exception {
    Task task = acceptanceTask();
    String path = "/engine-rest/task/" + task.getId() + "/variables/scan/data";

    HttpAnswer declared = rawUpload("process-owner", path, TWELVE_MB, false, TWELVE_MB);
    HttpAnswer chunked = rawUpload("process-owner", path, TWELVE_MB, true, TWELVE_MB);

    for (HttpAnswer answer : new HttpAnswer[] {declared, chunked}) {
      assertThat(answer.status()).as(answer.toString()).isEqualTo(413);
      assertThat(answer.message()).isEqualTo(TOO_LARGE);
    }
    assertThat(taskService.getVariable(task.getId(), "scan")).as("nothing stored").isNull();
  }

  /** The length is declared: the answer comes while the client has sent 64 KB of it; before, the server waited for the rest. */
  @Test
  void anUploadDeclaringMoreThanTenMegabytesIsRefusedUnread() throws Exception {
    Task task = acceptanceTask();

    HttpAnswer answer = rawUpload("zy001-acceptor", "/engine-rest/task/" + task.getId() + "/localVariables/scan/data",
        TWELVE_MB, false, 64 * 1024);

    assertThat(answer.status()).as(answer.toString()).isEqualTo(413);
    assertThat(answer.message()).isEqualTo(TOO_LARGE);
  }

  @Test
  void aFileNameLongerThanTheEngineApiReadsIsRefusedNamingTheVariable() {
    Task task = acceptanceTask();
    byte[] body = multipart(filePart("a".repeat(4001) + ".pdf", "application/pdf", new byte[] {1, 2, 3}),
        textPart("valueType", "File"));

    byte[] longType = multipart(filePart("business-licence.pdf", "application/x-" + "a".repeat(4001), new byte[] {1, 2, 3}),
        textPart("valueType", "File"));
    String path = "/engine-rest/task/" + task.getId() + "/variables/licence/data";

    for (Response answer : new Response[] {upload("process-owner", path, body), upload("process-owner", path, longType)}) {
      assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
      assertThat(answer.json().path("message").asText()).isEqualTo("变量 licence 的上传有一部分的头部 (文件名、内容类型等) 超过 512 字节,"
          + " 请缩短文件名 (a part of the upload of variable licence has headers (file name, content type) of more than 512 bytes)");
    }
    assertThat(taskService.getVariable(task.getId(), "licence")).as("nothing stored").isNull();
  }

  /**
   * The same file in JSON: before, the engine's text column refused the name, a database error logged with its stack
   * trace, told in English naming no field ({@code Cannot put task variable licence: Variable value is too long}).
   */
  @Test
  void aFileVariableInJsonWithANameTooLongToStoreIsRefusedNamingTheField() {
    Task task = acceptanceTask();
    String body = "{\"type\":\"File\",\"value\":\"AQID\",\"valueInfo\":{\"filename\":\"" + "a".repeat(4001)
        + "\",\"mimetype\":\"application/pdf\"}}";

    Response answer = api.send("PUT", "/engine-rest/task/" + task.getId() + "/variables/licence", "process-owner",
        DemoData.PASSWORD, body);

    assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
    assertThat(answer.json().path("message").asText()).isEqualTo("licence 的文件名 (filename) 共 4001 字, 超过系统可保存的 4000 字"
        + " (the file name (filename) of licence has 4001 characters, more than the 4000 the engine stores)");
    assertThat(taskService.getVariable(task.getId(), "licence")).as("nothing stored").isNull();
  }

  /** Before, 500: Camunda's {@code Could not deserialize JSON object: The following classes are not whitelisted ...}. */
  @Test
  void aSerializedObjectOfAForeignTypeIsRefusedAsInJson() {
    Task task = acceptanceTask();
    byte[] body = multipart(part("data", null, "application/json", "{}".getBytes(StandardCharsets.UTF_8)),
        textPart("type", "java.net.URLClassLoader"));

    Response answer = upload("zy001-acceptor", "/engine-rest/task/" + task.getId() + "/variables/loader/data", body);

    assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
    assertThat(answer.json().path("message").asText()).isEqualTo("拒绝 Object 变量: 不允许类型 java.net.URLClassLoader"
        + " (object variables refused: type java.net.URLClassLoader is not allowed)");
    assertThat(taskService.getVariable(task.getId(), "loader")).as("nothing stored").isNull();
  }

  /** Before, 500: Camunda reads a type part only as text/plain and went on with no type name. */
  @Test
  void aTypePartThatIsNotPlainTextIsRefusedNamingTheVariable() {
    Task task = acceptanceTask();
    byte[] body = multipart(part("data", null, "application/json", "{}".getBytes(StandardCharsets.UTF_8)),
        part("type", null, "application/json", "\"java.math.BigDecimal\"".getBytes(StandardCharsets.UTF_8)));

    Response answer = upload("process-owner", "/engine-rest/task/" + task.getId() + "/variables/amount/data", body);

    assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
    assertThat(answer.json().path("message").asText()).isEqualTo("变量 amount 的上传中 type 部分须为纯文本 (text/plain)"
        + " 的类型名, 而不是 application/json (the type part of the upload of variable amount must be a type name in"
        + " text/plain, not application/json)");
    assertThat(taskService.getVariable(task.getId(), "amount")).as("nothing stored").isNull();
  }

  /** Before, 400 in English only: {@code Unrecognized content type for serialized java type: ...}. */
  @Test
  void aJavaSerializedObjectIsRefusedAsInJson() {
    Task task = acceptanceTask();
    byte[] body = multipart(part("data", null, EngineApiGuard.JAVA_SERIALIZATION, Base64.getDecoder().decode("rO0ABXQAA2FiYw==")),
        textPart("type", "java.lang.String"));

    Response answer = upload("process-owner", "/engine-rest/task/" + task.getId() + "/variables/payload/data", body);

    assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
    assertThat(answer.json().path("message").asText()).isEqualTo("拒绝 Object 变量: 不允许 Java 序列化 (java.lang.String)"
        + " (object variables refused: Java serialization is disabled (java.lang.String))");
    assertThat(taskService.getVariable(task.getId(), "payload")).as("nothing stored").isNull();
  }

  /** Before, 500 (a NullPointerException in the REST API). */
  @Test
  void anUploadWithoutADataPartIsRefusedNamingTheVariable() {
    Task task = acceptanceTask();

    Response answer = upload("process-owner", "/engine-rest/process-instance/" + task.getProcessInstanceId()
        + "/variables/licence/data", multipart(textPart("valueType", "Bytes")));

    assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
    assertThat(answer.json().path("message").asText())
        .isEqualTo("变量 licence 的上传缺少 data 部分 (the upload of variable licence has no part named data)");
  }

  private Task acceptanceTask() {
    Submitted submitted = submit(TestApplications.mortgageAtBranchCounter());
    return taskService.createTaskQuery().processInstanceId(submitted.processInstance().getId()).singleResult();
  }

  private Response upload(String user, String path, byte[] body) {
    return api.postBytes(path, user, "multipart/form-data; boundary=" + BOUNDARY, body);
  }

  private static byte[] filePart(String fileName, String contentType, byte[] content) {
    return part("data", fileName, contentType, content);
  }

  private static byte[] textPart(String name, String text) {
    return part(name, null, "text/plain", text.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] part(String name, String fileName, String contentType, byte[] content) {
    ByteArrayOutputStream part = new ByteArrayOutputStream();
    part.writeBytes(partHead(name, fileName, contentType));
    part.writeBytes(content);
    part.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    return part.toByteArray();
  }

  private static byte[] partHead(String name, String fileName, String contentType) {
    return ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\""
        + (fileName == null ? "" : "; filename=\"" + fileName + "\"") + "\r\nContent-Type: " + contentType + "\r\n\r\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] multipart(byte[]... parts) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      body.writeBytes(part);
    }
    body.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return body.toByteArray();
  }

  /** An answer read off the socket. */
  private record HttpAnswer(int status, String body) {
    String message() {
      try {
        JsonNode json = JSON.readTree(body);
        return json.path("message").asText();
      } catch (IOException e) {
        return body;
      }
    }
  }

  /**
   * A {@code File} upload of {@code size} bytes as raw HTTP/1.1 (its length declared, or {@code chunked}), of which the
   * client sends the first {@code sent} bytes of the file from a second thread while this one reads the answer.
   */
  private HttpAnswer rawUpload(String user, String path, int size, boolean chunked, int sent) throws Exception {
    byte[] head = partHead("data", "scan.pdf", "application/pdf");
    byte[] tail = ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8);
    long length = head.length + (long) size + tail.length;
    String credentials = Base64.getEncoder().encodeToString((user + ":" + DemoData.PASSWORD).getBytes(StandardCharsets.UTF_8));
    String request = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: Basic " + credentials
        + "\r\nAccept: application/json\r\nContent-Type: multipart/form-data; boundary=" + BOUNDARY + "\r\n"
        + (chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + length + "\r\n") + "\r\n";
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(60_000);
      OutputStream out = socket.getOutputStream();
      Thread client = new Thread(() -> {
        try {
          out.write(request.getBytes(StandardCharsets.ISO_8859_1));
          writeBody(out, head, chunked);
          byte[] block = new byte[64 * 1024];
          for (int written = 0; written < sent; written += block.length) {
            writeBody(out, block, chunked);
          }
          if (sent >= size) {
            writeBody(out, tail, chunked);
            if (chunked) {
              out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
          }
          out.flush();
        } catch (IOException closedByTheServer) {
          // the server answered and closed the connection before the client was through
        }
      }, "upload-client");
      client.start();
      HttpAnswer answer = readAnswer(socket.getInputStream());
      client.interrupt();
      return answer;
    }
  }

  private static void writeBody(OutputStream out, byte[] bytes, boolean chunked) throws IOException {
    if (chunked) {
      out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
    }
    out.write(bytes);
    if (chunked) {
      out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
    }
  }

  /** The status and body of an answer with a declared length. */
  private static HttpAnswer readAnswer(InputStream in) throws IOException {
    ByteArrayOutputStream headers = new ByteArrayOutputStream();
    while (!headers.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed after " + headers.toString(StandardCharsets.ISO_8859_1));
      }
      headers.write(b);
    }
    String head = headers.toString(StandardCharsets.ISO_8859_1);
    int status = Integer.parseInt(head.substring(9, 12));
    Matcher length = Pattern.compile("(?im)^content-length:\\s*(\\d+)").matcher(head);
    byte[] body = length.find() ? in.readNBytes(Integer.parseInt(length.group(1))) : new byte[0];
    return new HttpAnswer(status, new String(body, StandardCharsets.UTF_8));
  }
}
