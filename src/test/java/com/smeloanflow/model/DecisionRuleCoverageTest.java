package com.smeloanflow.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.ClassNameFilter.includeClassNamePatterns;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;
import static org.junit.platform.launcher.EngineFilter.includeEngines;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestFactory;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Every rule of every decision table in {@code bpmn/} is made to fire by a rule-by-rule test (STYLE.md "Tests" 2):
 * compares the rules the DMN tests (the classes named {@code *DecisionTest}, on the DMN engine alone) made fire
 * ({@link FiredRules}) with the rules the table holds, read with the DMN model API. In one JVM it runs last
 * ({@code @Order}, with the class order {@code src/test/resources/junit-platform.properties} sets), after the DMN tests;
 * run without them (alone, or with some of them) it runs them here first. A rule added to a table without a test that
 * makes it fire fails the build here, naming the rule.
 */
@Order(Integer.MAX_VALUE)
class DecisionRuleCoverageTest {

  /** The decision tables of bpmn/ with their rule ids, read with the DMN model API. */
  private static Map<String, Set<String>> tables;

  @BeforeAll
  static void readTablesAndRunTheDecisionTestsUnlessTheyRan() throws IOException {
    tables = new TreeMap<>();
    List<Path> files;
    try (Stream<Path> list = Files.list(Path.of("bpmn"))) {
      files = list.filter(f -> f.toString().endsWith(".dmn")).sorted().toList();
    }
    for (Path file : files) {
      try (InputStream in = Files.newInputStream(file)) {
        Decision decision = Dmn.readModelFromStream(in).getModelElementsByType(Decision.class).iterator().next();
        tables.put(file.getFileName().toString(), ((DecisionTable) decision.getExpression()).getRules().stream()
            .map(rule -> decision.getId() + "/" + rule.getId()).collect(Collectors.toCollection(TreeSet::new)));
      }
    }
    if (tables.values().stream().allMatch(rules -> untested(rules).isEmpty())) {
      return; // the DMN tests already ran in this JVM (tests in one JVM, which runs this class last)
    }
    LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
        .selectors(selectPackage("com.smeloanflow"))
        .filters(includeEngines("junit-jupiter"), includeClassNamePatterns(".*DecisionTest"))
        .build();
    SummaryGeneratingListener summary = new SummaryGeneratingListener();
    // without the suite's own listeners (the process coverage report is the suite's, not this run's)
    LauncherFactory.create(LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(false).build())
        .execute(request, summary);
    TestExecutionSummary result = summary.getSummary();
    assertThat(result.getTestsFoundCount()).as("the rule-by-rule DMN tests").isGreaterThan(100);
    assertThat(result.getFailures()).as("failing DMN tests (their coverage would not count)")
        .extracting(failure -> failure.getTestIdentifier().getDisplayName() + ": " + failure.getException().getMessage())
        .isEmpty();
  }

  /** The rules (decision/rule) no DMN test has made fire so far. */
  private static Set<String> untested(Set<String> rules) {
    Set<String> untested = new TreeSet<>();
    for (String rule : rules) {
      String[] decisionAndRule = rule.split("/", 2);
      if (!FiredRules.of(decisionAndRule[0]).contains(decisionAndRule[1])) {
        untested.add(rule);
      }
    }
    return untested;
  }

  @TestFactory
  Stream<DynamicTest> everyRuleOfEveryDecisionTableHasATestThatMakesItFire() {
    assertThat(tables).isNotEmpty();
    return tables.entrySet().stream().map(table -> DynamicTest.dynamicTest(table.getKey(), () ->
        assertThat(untested(table.getValue())).as("rules of %s no *DecisionTest makes fire", table.getKey()).isEmpty()));
  }
}
