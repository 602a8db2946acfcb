package com.smeloanflow.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.smeloanflow.identity.DemoData;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;

/**
 * HTTP against the running test server, as a channel or a member of staff: real JSON in, the raw
 * answer out. Users are the demo users ({@link DemoData}, password {@code demo}).
 *
 * <pre>{@code
 * Response answer = api.post("/api/applications", "channel", json, "Idempotency-Key", "k-1");
 * assertThat(answer.status()).isEqualTo(201);
 * String id = answer.json().get("applicationId").asText();
 * }</pre>
 */
public final class ApiClient {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String baseUrl;

  public ApiClient(int port) {
    this.baseUrl = "http://127.0.0.1:" + port;
  }

  public Response get(String path, String user) {
    return send("GET", path, user, DemoData.PASSWORD, null);
  }

  /** POST with a JSON body; {@code headerNamesAndValues} as name, value, name, value... */
  public Response post(String path, String user, String json, String... headerNamesAndValues) {
    return send("POST", path, user, DemoData.PASSWORD, json, headerNamesAndValues);
  }

  /**
   * Any request. {@code user} null sends no credentials; {@code body} null sends none.
   */
  public Response send(String method, String path, String user, String password, String body,
      String... headerNamesAndValues) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
        .timeout(Duration.ofSeconds(60))
        .header("Accept", "application/json, application/problem+json")
        .method(method, body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (user != null) {
      String credentials = user + ":" + password;
      request.header("Authorization",
          "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }
    for (int i = 0; i + 1 < headerNamesAndValues.length; i += 2) {
      request.setHeader(headerNamesAndValues[i], headerNamesAndValues[i + 1]); // replaces Accept or Content-Type above
    }
    return exchange(request.build(), method + " " + path);
  }

  /** POST with a body of another type than JSON (a CSV file), as bytes in its declared charset. */
  public Response postBytes(String path, String user, String contentType, byte[] body) {
    return exchange(postOf(path, user, contentType, HttpRequest.BodyPublishers.ofByteArray(body)), "POST " + path);
  }

  /**
   * POST of {@code length} spaces as {@code contentType}, made while they are sent (never held in memory), as a
   * careless upload of a large file would come: with its length declared ({@code Content-Length}), or chunked when
   * {@code declared} is false.
   */
  public Response postSpaces(String path, String user, String contentType, long length, boolean declared) {
    HttpRequest.BodyPublisher streamed = HttpRequest.BodyPublishers.ofInputStream(() -> new InputStream() {
      private long left = length;

      @Override
      public int read() {
        return left-- > 0 ? ' ' : -1;
      }

      @Override
      public int read(byte[] buffer, int offset, int count) {
        if (left <= 0) {
          return -1;
        }
        int n = (int) Math.min(count, left);
        Arrays.fill(buffer, offset, offset + n, (byte) ' ');
        left -= n;
        return n;
      }
    });
    return exchange(postOf(path, user, contentType, declared ? HttpRequest.BodyPublishers.fromPublisher(streamed, length)
        : streamed), "POST " + path + " of " + length + " bytes");
  }

  /** A POST as {@code user} of a body other than JSON, as {@code contentType}. */
  private HttpRequest postOf(String path, String user, String contentType, HttpRequest.BodyPublisher body) {
    String credentials = user + ":" + DemoData.PASSWORD;
    return HttpRequest.newBuilder(URI.create(baseUrl + path))
        .timeout(Duration.ofSeconds(120))
        .header("Accept", "application/json, application/problem+json")
        .header("Content-Type", contentType)
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
        .POST(body)
        .build();
  }

  /**
   * {@code POST /engine-rest/deployment/create} as Camunda Modeler deploys: a multipart request with
   * the deployment name and one file.
   */
  public Response deploy(String user, String deploymentName, String fileName, byte[] content) {
    String boundary = "----sme-loan-flow-" + System.nanoTime();
    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
    String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\n" + deploymentName
        + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-source\"\r\n\r\nCamunda Modeler"
        + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"" + fileName
        + "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
    body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
    body.writeBytes(content);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    String credentials = user + ":" + DemoData.PASSWORD;
    HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/engine-rest/deployment/create"))
        .timeout(Duration.ofSeconds(60))
        .header("Accept", "application/json")
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
        .build();
    return exchange(request, "deployment of " + fileName);
  }

  /** Sends {@code request} and reads the answer; {@code what} names the request if it fails. */
  private Response exchange(HttpRequest request, String what) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Response(response.statusCode(), response.body(), response.headers());
    } catch (IOException e) {
      throw new UncheckedIOException(what + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(what + " interrupted", e);
    }
  }

  /** An HTTP answer. */
  public record Response(int status, String body, HttpHeaders headers) {

    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("Not JSON (" + status + "): " + body, e);
      }
    }

    /** The media type without parameters, e.g. {@code application/problem+json}. */
    public String contentType() {
      return headers.firstValue("Content-Type").map(value -> value.split(";")[0].trim()).orElse("");
    }

    public String header(String name) {
      return headers.firstValue(name).orElse(null);
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }
}
