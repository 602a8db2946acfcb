package com.smeloanflow.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.ClassNameFilter.includeClassNamePatterns;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;
import static org.junit.platform.launcher.EngineFilter.includeEngines;
import static org.junit.platform.launcher.TagFilter.excludeTags;

import com.smeloanflow.support.AbstractIntegrationTest;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestFactory;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Every flow node and sequence flow of every process in {@code bpmn/} is reached by a test (STYLE.md "Tests" 3): adds up,
 * with {@link ProcessCoverageSummary}, the coverage reports the process tests of THIS run wrote (report files
 * modified since the build started, {@link ProcessCoverageSummary#buildStart()}, or since this JVM started outside Maven;
 * a report left in {@code target/} by an earlier run does not count) and fails naming each process below 100 % with the
 * ids and names of the elements no test reached. It runs last in its JVM ({@code @Order}, with the class order
 * {@code src/test/resources/junit-platform.properties} sets), after every process test, in the whole suite
 * ({@code ./mvnw test} or {@code verify}, one JVM) as with tests named with {@code -Dtest}.
 *
 * <p>A process's coverage is the sum of many test classes (the collection process is reached from the collection
 * tests, the renewal tests and the daily close), and the process tests are the application tests
 * ({@link AbstractIntegrationTest}): running the ones a run left out here would be running most of the suite again,
 * so it does not. What it does depends on which of them this run ran (the test classes of the test plans of this JVM
 * and of the run's other test JVMs, recorded by {@link ProcessCoverageSummary}, against the application tests
 * Surefire's suite holds, discovered here):
 * <ul>
 *   <li>all of them (the whole suite, {@code ./mvnw test} or {@code verify}): every process is checked;</li>
 *   <li>some of them, with {@code -Dprocess.coverage.models=collection,...}: the processes named are checked, on what
 *       this run's tests reached (the run is then expected to hold every test that reaches them);</li>
 *   <li>some of them, without that property: fails, naming the application tests the run left out — it cannot tell
 *       a path no test reaches from a path only a test left out reaches, and must not claim either;</li>
 *   <li>none of them ({@code -Dtest=ProcessCoverageTest}, or with other tests only): reported as skipped, with the
 *       reason (no process test ran, so there is no coverage to judge). The whole suite never skips it.</li>
 * </ul>
 */
@Order(Integer.MAX_VALUE)
class ProcessCoverageTest {

  /** Surefire's default includes (Test*, *Test, *Tests, *TestCase); *IT are Failsafe's. */
  private static final String SUREFIRE_CLASS_NAMES = "^(.*\\.)?(Test[^.]*|[^.]*Test|[^.]*Tests|[^.]*TestCase)$";
  /** The system property the pom passes its {@code surefire.excludedGroups} in (tags Surefire leaves out, comma-separated). */
  static final String SUREFIRE_EXCLUDED_GROUPS = "process.coverage.excludedGroups";

  @TestFactory
  Stream<DynamicTest> everyPathOfEveryProcessIsReachedByATest() throws IOException {
    Set<String> processTests = applicationTestsOfTheSuite(surefireExcludedTags());
    assertThat(processTests).as("the application tests of the suite").hasSizeGreaterThan(50);
    Set<String> leftOut = new TreeSet<>(processTests);
    leftOut.removeAll(ProcessCoverageSummary.classesRun());
    if (leftOut.size() == processTests.size()) {
      // a test, not the class, is skipped: Surefire counts it (an aborted @BeforeAll would report no test at all)
      return Stream.of(DynamicTest.dynamicTest("no process test ran in this run", () -> Assumptions.abort(
          "no process test (application test, AbstractIntegrationTest) ran in this run, so there is no process"
              + " coverage to judge: run the whole suite (./mvnw test), or process tests with this class")));
    }
    Map<String, ProcessCoverageSummary.ProcessModel> models = ProcessCoverageSummary.models();
    if (!leftOut.isEmpty()) {
      String named = System.getProperty("process.coverage.models", "").trim();
      if (named.isEmpty()) {
        return Stream.of(DynamicTest.dynamicTest("process tests left out", () -> Assertions.fail(
            "this run left out " + leftOut.size() + " of the " + processTests.size() + " process tests, which may be"
                + " the ones that reach a path, so the coverage of bpmn/ cannot be judged: run the whole suite, or"
                + " name the processes whose tests this run holds with -Dprocess.coverage.models=<key>,... (keys: "
                + models.keySet() + "). Left out: " + leftOut)));
      }
      Set<String> keys = new TreeSet<>(Arrays.stream(named.split(",")).map(String::trim).toList());
      assertThat(models.keySet()).as("processes in bpmn/ (-Dprocess.coverage.models)").containsAll(keys);
      models.keySet().retainAll(keys);
    }
    List<ProcessCoverageSummary.Coverage> coverage = ProcessCoverageSummary.summarize(models,
        ProcessCoverageSummary.covered(ProcessCoverageSummary.reportsWrittenSince(ProcessCoverageSummary.buildStart())));
    assertThat(coverage).as("processes in bpmn/").isNotEmpty();
    return coverage.stream().map(process -> DynamicTest.dynamicTest(process.process().key(), () ->
        assertThat(process.uncovered())
            .as("%s (%s) at %s (%d of %d flow nodes and sequence flows): elements no test of this run reached:%s",
                process.process().key(), process.process().name(), ProcessCoverageSummary.percent(process.ratio()),
                process.covered().size(), process.process().elements().size(), process.describeUncovered())
            .isEmpty()));
  }

  /** The tags Surefire leaves out of this run (the pom's {@code surefire.excludedGroups}); fails when not passed. */
  static String[] surefireExcludedTags() {
    String groups = System.getProperty(SUREFIRE_EXCLUDED_GROUPS);
    if (groups == null) {
      Assertions.fail("system property " + SUREFIRE_EXCLUDED_GROUPS + " is not set: the pom passes its surefire.excludedGroups"
          + " in it, to tell which tests the suite holds; run this test with Maven (./mvnw test), or set it as the pom does");
    }
    return Arrays.stream(groups.split(",")).map(String::trim).filter(tag -> !tag.isEmpty()).toArray(String[]::new);
  }

  /** The concrete application tests (AbstractIntegrationTest) Surefire runs in the whole suite, without these tags. */
  private static Set<String> applicationTestsOfTheSuite(String[] excludedTags) {
    LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
        .selectors(selectPackage("com.smeloanflow"))
        .filters(includeEngines("junit-jupiter"), includeClassNamePatterns(SUREFIRE_CLASS_NAMES));
    if (excludedTags.length > 0) {
      request.filters(excludeTags(excludedTags));
    }
    TestPlan plan = LauncherFactory.create(LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(false)
            .build())
        .discover(request.build());
    Set<String> tests = new TreeSet<>();
    for (TestIdentifier root : plan.getRoots()) {
      for (TestIdentifier test : plan.getChildren(root)) {
        test.getSource().filter(ClassSource.class::isInstance).map(source -> ((ClassSource) source).getJavaClass())
            .filter(type -> AbstractIntegrationTest.class.isAssignableFrom(type)
                && !Modifier.isAbstract(type.getModifiers()))
            .ifPresent(type -> tests.add(type.getName()));
      }
    }
    return tests;
  }
}
