package com.smeloanflow.platform.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/** The few calls of Camunda's REST API ({@code /engine-rest}) the rollout makes, as a process owner (HTTP Basic). */
final class EngineRestClient {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** An answer that is not a success: its status and Camunda's error body. */
  static final class EngineRestException extends RuntimeException {
    private final int status;
    private final JsonNode body;

    EngineRestException(String call, int status, JsonNode body) {
      super(call + " answered " + status + ": " + (body == null ? "" : body.path("message").asText(body.toString())));
      this.status = status;
      this.body = body;
    }

    int status() {
      return status;
    }

    JsonNode body() {
      return body;
    }
  }

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final String base;
  private final String authorization;

  EngineRestClient(String target, String user, String password) {
    this.base = target.replaceAll("/+$", "") + "/engine-rest";
    this.authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  JsonNode get(String path, Map<String, String> query) {
    StringBuilder uri = new StringBuilder(base).append(path);
    String separator = "?";
    for (Map.Entry<String, String> parameter : query.entrySet()) {
      uri.append(separator).append(parameter.getKey()).append('=').append(URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8));
      separator = "&";
    }
    return send("GET " + path, HttpRequest.newBuilder(URI.create(uri.toString())).GET());
  }

  JsonNode post(String path, Object body) {
    try {
      return send("POST " + path, HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))));
    } catch (IOException e) {
      throw new IllegalStateException("Cannot write the body of POST " + path, e);
    }
  }

  /** {@code POST /deployment/create}: one multipart request with the deployment's fields and files. */
  JsonNode deploy(Map<String, String> fields, Map<String, byte[]> files) {
    String boundary = "----sme-loan-flow-rollout-" + System.nanoTime();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    fields.forEach((name, value) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name
        + "\"\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
    files.forEach((name, content) -> {
      body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + name
          + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
      body.writeBytes(content);
      body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    });
    body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return send("POST /deployment/create", HttpRequest.newBuilder(URI.create(base + "/deployment/create"))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
  }

  private static JsonNode parse(byte[] body) {
    if (body.length == 0) {
      return null;
    }
    try {
      return JSON.readTree(body);
    } catch (IOException notJson) {
      return com.fasterxml.jackson.databind.node.TextNode.valueOf(new String(body, StandardCharsets.UTF_8));
    }
  }

  private JsonNode send(String call, HttpRequest.Builder request) {
    try {
      HttpResponse<byte[]> response = http.send(request.timeout(Duration.ofMinutes(2)).header("Authorization", authorization)
          .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofByteArray());
      JsonNode body = parse(response.body());
      if (response.statusCode() >= 300) {
        throw new EngineRestException(call, response.statusCode(), body);
      }
      return body;
    } catch (IOException e) {
      throw new IllegalStateException(call + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(call + " interrupted", e);
    }
  }
}
