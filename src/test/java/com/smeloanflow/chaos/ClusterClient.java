package com.smeloanflow.chaos;

import com.smeloanflow.support.ApiClient.Response;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
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

  private final List<ClusterNode> nodes;
  private final Random random;
  private final AtomicLong failedAttempts = new AtomicLong();

  ClusterClient(List<ClusterNode> nodes, Random random) {
    this.nodes = nodes;
    this.random = random;
  }

  /** A request to any ready node, retried on another when it fails there (password of the demo users). */
  Response send(String method, String path, String user, String body, String... headers) {
    Instant deadline = Instant.now().plus(PATIENCE);
    RuntimeException last = null;
    while (Instant.now().isBefore(deadline)) {
      for (ClusterNode node : readyNodesInRandomOrder()) {
        try {
          Response answer = node.api().send(method, path, user, "demo", body, headers);
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
