package com.smeloanflow.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Runs bpmnlint (npm, {@code src/test/js/}) over every model in {@code bpmn/} with the config
 * {@code src/test/js/.bpmnlintrc}: bpmnlint's recommended rules plus Camunda 7.24 compatibility
 * (bpmnlint-plugin-camunda-compat). Any error fails the build with bpmnlint's report. The node
 * packages come from {@code npm ci --ignore-scripts} in {@code src/test/js} (.ci/run does it; this
 * test does it too when they are missing).
 */
class ModelLintTest {

  private static final Path LINT_DIR = Path.of("src", "test", "js");

  @Test
  void everyBpmnModelPassesBpmnlintWithCamunda7Rules() throws Exception {
    List<String> models = new ArrayList<>();
    try (Stream<Path> files = Files.list(Path.of("bpmn"))) {
      files.filter(f -> f.toString().endsWith(".bpmn")).sorted()
          .forEach(f -> models.add(Path.of("..", "..", "..").resolve(f).toString()));
    }
    assertThat(models).as("models in bpmn/").isNotEmpty();
    ensureNodePackages();

    List<String> command = new ArrayList<>(List.of("node", "node_modules/bpmnlint/bin/bpmnlint.js"));
    command.addAll(models);
    Result lint = run(command, 120);
    if (lint.exitCode != 0) {
      fail("bpmnlint found problems (config src/test/js/.bpmnlintrc):%n%s", lint.output);
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
