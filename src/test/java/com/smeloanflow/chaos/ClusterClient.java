package com.smeloanflow.chaos;

import com.smeloanflow.support.ApiClient.Response;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the outside world (the channel gateway, staff's browsers) sees of the cluster: a load balancer
 * in front of the nodes. A request goes to a node whose readiness the harness saw UP; when that node
 * dies under it (connection refused or reset) or answers 5xx, it goes to another node after a short
 * pause, as a channel with retries does, until {@link #PATIENCE} has passed. Every request the load
 * generator sends may therefore arrive twice: submissions carry an {@code Idempotency-Key}, the others
 * are checked against the state they find.
 */
final class ClusterClient {

  /** How long a request keeps trying: longer than a PostgreSQL restart and a node's start. */
  static final Duration PATIENCE = Duration.ofMinutes(3);

  private static final ExecutorService PARALLEL = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "chaos-parallel-request");
    thread.setDaemon(true);
    return thread;
  });

  private final List<ClusterNode> nodes;
  private final Random random;
  private final AtomicLong failedAttempts = new AtomicLong();

  ClusterClient(List<ClusterNode> nodes, Random random) {
    this.nodes = nodes;
    this.random = random;
  }

  /** A request to any ready node, retried on another when it fails there (the user's password on the node). */
  Response send(String method, String path, String user, String body, String... headers) {
    Instant deadline = Instant.now().plus(PATIENCE);
    RuntimeException last = null;
    while (Instant.now().isBefore(deadline)) {
      for (ClusterNode node : readyNodesInRandomOrder()) {
        try {
          Response answer = node.api().send(method, path, user, node.password(user), body, headers);
          if (answer.status() < 500) {
            return answer;
          }
          last = new IllegalStateException(method + " " + path + " on " + node.name() + ": " + answer);
        } catch (UncheckedIOException e) {
          last = e;
        }
        failedAttempts.incrementAndGet();
      }
      ClusterNode.pause(Duration.ofMillis(500));
    }
    throw new IllegalStateException(method + " " + path + " failed on every node for " + PATIENCE, last);
  }

  /**
   * The same request to two ready nodes at the same moment (one node twice when only one is ready), as
   * a client does whose first attempt timed out while it was still being worked on; each one that
   * fails on its node goes on like {@link #send}. @return both answers
   */
  List<Response> sendTwiceAtOnce(String method, String path, String user, String body) {
    List<ClusterNode> ready = readyNodesInRandomOrder();
    if (ready.isEmpty()) {
      return List.of(send(method, path, user, body), send(method, path, user, body));
    }
    List<ClusterNode> targets = List.of(ready.get(0), ready.get(ready.size() > 1 ? 1 : 0));
    List<CompletableFuture<Response>> answers = targets.stream().map(node -> CompletableFuture.supplyAsync(() -> {
      try {
        Response answer = node.api().send(method, path, user, node.password(user), body);
        if (answer.status() < 500) {
          return answer;
        }
      } catch (UncheckedIOException e) {
        // the node died under it: like any other request, to a ready node
      }
      failedAttempts.incrementAndGet();
      return send(method, path, user, body);
    }, PARALLEL)).toList();
    return answers.stream().map(CompletableFuture::join).toList();
  }

  Response get(String path, String user) {
    return send("GET", path, user, null);
  }

  Response post(String path, String user, String body, String... headers) {
    return send("POST", path, user, body, headers);
  }

  /** Requests that failed on a node (dead, restarting, database down) and were sent again. */
  long failedAttempts() {
    return failedAttempts.get();
  }

  private List<ClusterNode> readyNodesInRandomOrder() {
    List<ClusterNode> ready = new ArrayList<>(nodes.stream().filter(ClusterNode::ready).toList());
    synchronized (random) {
      Collections.shuffle(ready, random);
    }
    return ready;
  }
}
