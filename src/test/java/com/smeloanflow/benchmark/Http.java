package com.smeloanflow.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load generator's HTTP client: asynchronous (a fixed pool, no virtual threads on Java 17),
 * HTTP/1.1 with keep-alive, Basic authentication on every request as the channel gateway and
 * Tasklist's REST calls do. Counts requests by answer status so the report can show them.
 */
final class Http implements AutoCloseable {

  static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
  static final String PASSWORD = "demo";

  /** One answer: status and body (JSON parsed on demand). */
  record Reply(int status, String body) {
    JsonNode json() {
      try {
        return body == null || body.isEmpty() ? JSON.nullNode() : JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("Not JSON: " + body, e);
      }
    }

    boolean ok() {
      return status >= 200 && status < 300;
    }

    @Override
    public String toString() {
      return status + " " + (body == null ? "" : body.length() > 300 ? body.substring(0, 300) + "…" : body);
    }
  }

  private final String base;
  private final ExecutorService callbacks = Executors.newFixedThreadPool(4, daemon("http-callback"));
  private final HttpClient client;
  private final Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
  private final AtomicLong failures = new AtomicLong();
  private final AtomicLong reconnects = new AtomicLong();

  Http(int port) {
    this.base = "http://127.0.0.1:" + port;
    this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(callbacks)
        .connectTimeout(Duration.ofSeconds(10)).build();
  }

  String base() {
    return base;
  }

  CompletableFuture<Reply> get(String path, String user) {
    return send("GET", path, user, null, "application/json");
  }

  CompletableFuture<Reply> post(String path, String user, String json) {
    return send("POST", path, user, json, "application/json");
  }

  CompletableFuture<Reply> put(String path, String user, String json) {
    return send("PUT", path, user, json, "application/json");
  }

  CompletableFuture<Reply> send(String method, String path, String user, String json, String accept, String... headers) {
    return send(method, path, user, json == null ? null : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8),
        "application/json", accept, headers);
  }

  /** {@code headers}: names and values, alternating. */
  CompletableFuture<Reply> send(String method, String path, String user, HttpRequest.BodyPublisher body, String contentType,
      String accept, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
        .header("Accept", accept)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body);
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    if (body != null) {
      request.header("Content-Type", contentType);
    }
    if (user != null) {
      request.header("Authorization", basic(user));
    }
    HttpRequest built = request.build();
    return exchange(built, true);
  }

  /**
   * Sends the request; when the connection was closed before any byte of the answer came (Tomcat
   * closes a kept-alive connection after 100 requests, and a request may already be on its way),
   * sends it once more on a new connection: the server never saw it.
   */
  private CompletableFuture<Reply> exchange(HttpRequest request, boolean retryOnClosedConnection) {
    return client.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
        .handle((response, error) -> {
          if (error == null) {
            statuses.computeIfAbsent(response.statusCode(), s -> new AtomicLong()).incrementAndGet();
            return CompletableFuture.completedFuture(new Reply(response.statusCode(), response.body()));
          }
          if (retryOnClosedConnection && closedBeforeAnswer(error)) {
            reconnects.incrementAndGet();
            return exchange(request, false);
          }
          failures.incrementAndGet();
          return CompletableFuture.<Reply>failedFuture(
              new IllegalStateException(request.method() + " " + request.uri().getPath() + " failed: " + error, error));
        })
        .thenCompose(reply -> reply);
  }

  private static boolean closedBeforeAnswer(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof java.io.EOFException
          || (cause.getMessage() != null && cause.getMessage().contains("header parser received no bytes"))) {
        return true;
      }
    }
    return false;
  }

  /** Blocking variant for set-up and for closed-loop clients. */
  Reply call(String method, String path, String user, String json) {
    return send(method, path, user, json, "application/json").join();
  }

  /** Blocking, for a request that may take longer than the usual 60 s (a batch run through the API). */
  Reply call(String method, String path, String user, String json, Duration timeout) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
        .header("Accept", "application/json").header("Authorization", basic(user))
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    return exchange(request.build(), false).join();
  }

  /**
   * Requests so far by answer status ({@code -1}: no answer; {@code 0}: sent again because the server
   * had closed the connection); resets the counts.
   */
  Map<Integer, Long> takeStatusCounts() {
    Map<Integer, Long> counts = new java.util.TreeMap<>();
    statuses.forEach((status, count) -> counts.put(status, count.getAndSet(0)));
    long failed = failures.getAndSet(0);
    if (failed > 0) {
      counts.put(-1, failed);
    }
    long resent = reconnects.getAndSet(0);
    if (resent > 0) {
      counts.put(0, resent);
    }
    counts.values().removeIf(count -> count == 0);
    return counts;
  }

  static String basic(String user) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
  }

  static java.util.concurrent.ThreadFactory daemon(String name) {
    AtomicLong number = new AtomicLong();
    return runnable -> {
      Thread thread = new Thread(runnable, name + "-" + number.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  @Override
  public void close() {
    callbacks.shutdownNow();
  }
}
