package com.smeloanflow.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every decision table in {@code bpmn/} parses with the engine's DMN parser and holds a decision. */
class DecisionModelsParseTest {

  private static final DmnEngine DMN = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();

  @TestFactory
  Stream<DynamicTest> everyDecisionModelParses() throws IOException {
    List<Path> files;
    try (Stream<Path> list = Files.list(Path.of("bpmn"))) {
      files = list.filter(f -> f.toString().endsWith(".dmn")).sorted().toList();
    }
    return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
      try (InputStream in = Files.newInputStream(file)) {
        List<DmnDecision> decisions = DMN.parseDecisions(in);
        assertThat(decisions).as("decisions in %s", file).isNotEmpty();
        assertThat(decisions).allSatisfy(d -> assertThat(d.getKey()).as("decision id in %s", file).isNotBlank());
      }
    }));
  }
}
