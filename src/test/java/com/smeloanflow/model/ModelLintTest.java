package com.smeloanflow.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.junit.jupiter.api.Test;

/**
 * Runs bpmnlint (npm, {@code src/test/js/}) over every model in {@code bpmn/} with the config
 * {@code src/test/js/.bpmnlintrc}: bpmnlint's recommended rules plus Camunda 7.24 compatibility
 * (bpmnlint-plugin-camunda-compat). Any error fails the build with bpmnlint's report. The node
 * packages come from {@code npm ci --ignore-scripts} in {@code src/test/js} (.ci/run does it; this
 * test does it too when they are missing).
 *
 * <p>One exception, checked here rather than waved through: a model whose main flow has no end of its own, because it
 * runs until an interrupting event subprocess ends the instance (post-loan monitoring runs until the loan is settled or
 * written off, message LoanClosed), is linted with every rule but {@code end-event-required}
 * ({@code src/test/js/ended-by-event-subprocess.bpmnlintrc}): an end event on its main flow would be a path no state
 * reaches. Such a model must have an interrupting event subprocess that ends, and no end on its main flow.
 */
class ModelLintTest {

  private static final Path LINT_DIR = Path.of("src", "test", "js");
  /** Models whose main flow loops until an interrupting event subprocess ends the instance. */
  private static final Set<String> ENDED_BY_EVENT_SUBPROCESS = Set.of("post-loan-monitoring.bpmn");

  @Test
  void everyBpmnModelPassesBpmnlintWithCamunda7Rules() throws Exception {
    List<String> models = new ArrayList<>();
    List<String> endedByEventSubprocess = new ArrayList<>();
    try (Stream<Path> files = Files.list(Path.of("bpmn"))) {
      files.filter(f -> f.toString().endsWith(".bpmn")).sorted()
          .forEach(f -> (ENDED_BY_EVENT_SUBPROCESS.contains(f.getFileName().toString()) ? endedByEventSubprocess : models)
              .add(Path.of("..", "..", "..").resolve(f).toString()));
    }
    assertThat(models).as("models in bpmn/").isNotEmpty();
    assertThat(endedByEventSubprocess).as("models ended by an event subprocess, in bpmn/").hasSameSizeAs(ENDED_BY_EVENT_SUBPROCESS);
    ensureNodePackages();

    lint(".bpmnlintrc", models);
    lint("ended-by-event-subprocess.bpmnlintrc", endedByEventSubprocess);
  }

  @Test
  void aModelLintedWithoutAnEndOfItsOwnEndsThroughAnInterruptingEventSubprocess() {
    for (String file : ENDED_BY_EVENT_SUBPROCESS) {
      BpmnModelInstance model = Bpmn.readModelFromFile(Path.of("bpmn", file).toFile());
      for (org.camunda.bpm.model.bpmn.instance.Process process
          : model.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.Process.class)) {
        assertThat(process.getFlowElements()).as("%s: no end event on the main flow (else lint it with the others)", file)
            .noneMatch(EndEvent.class::isInstance);
        assertThat(process.getChildElementsByType(SubProcess.class)).as("%s: an interrupting event subprocess that ends", file)
            .anySatisfy(sub -> {
              assertThat(sub.triggeredByEvent()).isTrue();
              assertThat(sub.getFlowElements()).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(StartEvent.class,
                  start -> assertThat(start.isInterrupting()).isTrue()));
              assertThat(sub.getFlowElements()).anyMatch(EndEvent.class::isInstance);
            });
      }
    }
  }

  private static void lint(String config, List<String> models) throws Exception {
    List<String> command = new ArrayList<>(List.of("node", "node_modules/bpmnlint/bin/bpmnlint.js", "--config", config));
    command.addAll(models);
    Result lint = run(command, 120);
    if (lint.exitCode != 0) {
      fail("bpmnlint found problems (config src/test/js/%s):%n%s", config, lint.output);
    }
  }

  private static void ensureNodePackages() throws Exception {
    if (Files.isRegularFile(LINT_DIR.resolve("node_modules/bpmnlint/bin/bpmnlint.js"))
        && Files.isDirectory(LINT_DIR.resolve("node_modules/bpmnlint-plugin-camunda-compat"))) {
      return;
    }
    Result install = run(List.of("npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"), 300);
    if (install.exitCode != 0) {
      fail("npm ci in src/test/js failed (Node.js 20 and npm needed; .ci/run installs them):%n%s", install.output);
    }
  }

  private record Result(int exitCode, String output) {}

  private static Result run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
    Process process;
    try {
      process = new ProcessBuilder(command).directory(LINT_DIR.toFile()).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new IOException("Cannot run " + command.get(0) + " (Node.js 20 and npm are needed for the model lint): "
          + e.getMessage(), e);
    }
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("%s did not finish in %d s", command, timeoutSeconds);
    }
    return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
  }
}
