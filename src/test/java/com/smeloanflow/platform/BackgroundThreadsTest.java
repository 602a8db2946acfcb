package com.smeloanflow.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ThreadFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The threads stages run work on beside the caller, and how that work's result or failure reaches the caller. */
class BackgroundThreadsTest {

  private final List<ExecutorService> executors = new ArrayList<>();

  @AfterEach
  void stop() {
    executors.forEach(ExecutorService::shutdownNow);
    Thread.interrupted();
  }

  @Test
  void aSingleWorkerIsADaemonNamedAfterItsWork() throws Exception {
    ExecutorService worker = started(Executors.newSingleThreadExecutor(BackgroundThreads.named("daily-close")));

    Thread thread = worker.submit(Thread::currentThread).get();

    assertThat(thread.getName()).isEqualTo("daily-close");
    assertThat(thread.isDaemon()).isTrue();
  }

  @Test
  void aPoolsWorkersAreNumberedInTheOrderTheyAreMade() {
    ThreadFactory factory = BackgroundThreads.numbered("dashboard-section");

    Thread first = factory.newThread(() -> { });
    Thread second = factory.newThread(() -> { });

    assertThat(List.of(first.getName(), second.getName())).containsExactly("dashboard-section-1", "dashboard-section-2");
    assertThat(first.isDaemon() && second.isDaemon()).isTrue();
  }

  @Test
  void theWorksResultComesBack() {
    ExecutorService worker = started(Executors.newSingleThreadExecutor(BackgroundThreads.named("w")));

    assertThat(BackgroundThreads.resultOf(worker.submit(() -> 42), "the answer")).isEqualTo(42);
    assertThat(BackgroundThreads.resultOf(CompletableFuture.supplyAsync(() -> "done", worker), "the section")).isEqualTo("done");
  }

  @Test
  void aRuntimeFailureIsThrownAsItWasThrownNotWrapped() {
    ExecutorService worker = started(Executors.newSingleThreadExecutor(BackgroundThreads.named("w")));
    IllegalArgumentException failure = new IllegalArgumentException("business date 2026-13-01 is not a date");

    assertThatThrownBy(() -> BackgroundThreads.resultOf(worker.submit(() -> { throw failure; }), "the daily close"))
        .isSameAs(failure);
    assertThatThrownBy(() -> BackgroundThreads.resultOf(CompletableFuture.supplyAsync(() -> { throw failure; }, worker),
        "the dashboard's cycle times"))
        .isSameAs(failure);
  }

  @Test
  void anErrorIsThrownAsItWasThrown() {
    ExecutorService worker = started(Executors.newSingleThreadExecutor(BackgroundThreads.named("w")));
    OutOfMemoryError failure = new OutOfMemoryError("Java heap space");

    assertThatThrownBy(() -> BackgroundThreads.resultOf(worker.submit(() -> { throw failure; }), "the daily close"))
        .isSameAs(failure);
  }

  @Test
  void aCheckedFailureIsWrappedNamingTheWork() {
    ExecutorService worker = started(Executors.newSingleThreadExecutor(BackgroundThreads.named("w")));
    IOException failure = new IOException("disk full");

    assertThatThrownBy(() -> BackgroundThreads.resultOf(worker.submit(() -> { throw failure; }), "the daily close"))
        .isExactlyInstanceOf(IllegalStateException.class)
        .hasMessage("the daily close failed")
        .hasCause(failure);
  }

  @Test
  void aCallerInterruptedWhileItWaitsStopsWaitingAndKeepsItsInterrupt() {
    FutureTask<String> neverRun = new FutureTask<>(() -> "never");
    Thread.currentThread().interrupt();

    assertThatThrownBy(() -> BackgroundThreads.resultOf(neverRun, "the daily close"))
        .isExactlyInstanceOf(IllegalStateException.class)
        .hasMessage("Interrupted while the daily close ran")
        .hasCauseInstanceOf(InterruptedException.class);
    assertThat(Thread.currentThread().isInterrupted()).isTrue();
  }

  private ExecutorService started(ExecutorService executor) {
    executors.add(executor);
    return executor;
  }
}
