package com.smeloanflow.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After the test run: the process coverage of this build, per process in {@code bpmn/}. It adds
 * up what the test classes' coverage reports ({@code target/process-test-coverage/<class>/report.json},
 * written by camunda-process-test-coverage) of this build saw, and writes
 * {@code target/process-test-coverage/index.html}: coverage per process, the flow nodes and
 * sequence flows no test reached, and links to each test class's report with the diagram.
 * Registered as a JUnit Platform listener in {@code META-INF/services}, as a test execution listener and as a
 * launcher session listener: the page is written once, when the JVM's launcher session closes after its test plans.
 * Failsafe runs the browser tests in two JVMs ({@code forkCount} 2) with a test plan per class, and reading every
 * report after each class would cost seconds per class.
 *
 * <p>"This build" is the reports written since Maven started ({@code process.coverage.since}, which the pom sets to
 * {@code maven.build.timestamp} for Surefire and Failsafe), or since this JVM started when run outside Maven: a report
 * an earlier run left in {@code target/} does not count. Each test JVM rewrites the page, so after {@code ./mvnw verify}
 * it holds the unit tests' and the integration tests' reports of the build together; two JVMs that end together
 * each replace it whole (written aside, then moved), never half.
 */
public class ProcessCoverageSummary implements TestExecutionListener, LauncherSessionListener {

  private static final Logger log = LoggerFactory.getLogger(ProcessCoverageSummary.class);
  static final Path REPORTS = Path.of("target", "process-test-coverage");
  static final Path MODELS = Path.of("bpmn");

  /** A process in bpmn/: its elements by id, with their names. */
  record ProcessModel(String key, String name, Map<String, String> elements) {}

  /** Coverage of one process over the whole run. */
  record Coverage(ProcessModel process, Set<String> covered, Set<String> uncovered) {
    double ratio() {
      return process.elements().isEmpty() ? 1.0 : (double) covered.size() / process.elements().size();
    }

    /** The elements no test reached, as {@code id 名称}, one per line. */
    String describeUncovered() {
      StringBuilder text = new StringBuilder();
      for (String id : uncovered) {
        text.append("\n  ").append(id).append(' ').append(process.elements().get(id));
      }
      return text.toString();
    }
  }

  /** The test classes of this JVM's test plans (ProcessCoverageTest compares them with the whole suite). */
  private static final Set<String> classesRun = ConcurrentHashMap.newKeySet();
  /**
   * Where each test JVM lists the test classes of its test plans, one file per JVM, so that ProcessCoverageTest counts
   * the classes of every test JVM of the build, should the suite run in several.
   */
  static final Path CLASSES_RUN = Path.of("target", "process-test-coverage-classes");

  @Override
  public void testPlanExecutionStarted(TestPlan testPlan) {
    Set<String> classes = new TreeSet<>();
    for (TestIdentifier root : testPlan.getRoots()) {
      for (TestIdentifier test : testPlan.getDescendants(root)) {
        test.getSource().filter(ClassSource.class::isInstance)
            .ifPresent(source -> classes.add(((ClassSource) source).getClassName()));
      }
    }
    classesRun.addAll(classes);
    if (!classes.isEmpty() && Files.isDirectory(Path.of("target"))) {
      try {
        Files.createDirectories(CLASSES_RUN);
        Files.write(CLASSES_RUN.resolve(ProcessHandle.current().pid() + ".txt"), classes, StandardCharsets.UTF_8,
            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      } catch (IOException e) {
        log.warn("The test classes of this JVM are not recorded for the process coverage: {}", e.toString());
      }
    }
  }

  /**
   * The test classes the test plans of this build's test JVMs held, recorded at their start: this JVM's, and those
   * the other JVMs listed in {@link #CLASSES_RUN} since the build started ({@link #buildStart()}).
   */
  static Set<String> classesRun() throws IOException {
    Set<String> classes = new TreeSet<>(classesRun);
    classes.addAll(classesListedSince(CLASSES_RUN, buildStart()));
    return classes;
  }

  /** The test classes the lists in {@code dir} written at or after {@code since} name. */
  static Set<String> classesListedSince(Path dir, Instant since) throws IOException {
    Set<String> classes = new TreeSet<>();
    if (Files.isDirectory(dir)) {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".txt")).toList()) {
          if (!Files.getLastModifiedTime(file).toInstant().isBefore(since)) {
            classes.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
          }
        }
      }
    }
    return classes;
  }

  /** Open launcher sessions (a test may start a launcher of its own inside the JVM's session). */
  private static final AtomicInteger sessions = new AtomicInteger();
  /** A test plan finished since the page was last written. */
  private static final AtomicBoolean planFinished = new AtomicBoolean();

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    sessions.incrementAndGet();
  }

  @Override
  public void testPlanExecutionFinished(TestPlan testPlan) {
    planFinished.set(true);
  }

  @Override
  public void launcherSessionClosed(LauncherSession session) {
    if (sessions.decrementAndGet() == 0) {
      summarizeRun();
    }
  }

  /** Writes the page and logs the coverage, once after the test plans of the outermost session. */
  private static void summarizeRun() {
    if (!planFinished.getAndSet(false) || !Files.isDirectory(REPORTS) || !Files.isDirectory(MODELS)) {
      return;
    }
    try {
      List<Coverage> coverage = writePage(REPORTS, MODELS, buildStart());
      for (Coverage c : coverage) {
        log.info("Process coverage {}: {} ({} of {} flow nodes and sequence flows); not reached: {}",
            c.process().key(), percent(c.ratio()), c.covered().size(), c.process().elements().size(), c.uncovered());
      }
      log.info("Process coverage report: {}", REPORTS.resolve("index.html").toAbsolutePath());
    } catch (IOException | RuntimeException e) {
      log.warn("No process coverage summary: {}", e.toString());
    }
  }

  /**
   * When this build started: {@code process.coverage.since} (Maven's build timestamp, UTC, to the millisecond as the pom
   * formats it), else this JVM's start.
   */
  static Instant buildStart() {
    String since = System.getProperty("process.coverage.since", "");
    try {
      return Instant.parse(since);
    } catch (DateTimeParseException e) {
      return Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
    }
  }

  /**
   * Writes {@code index.html} in {@code reportsDir} from the reports there written at or after {@code since}, and
   * returns the coverage it shows; nothing (an empty list) when there is none.
   */
  static List<Coverage> writePage(Path reportsDir, Path modelsDir, Instant since) throws IOException {
    List<Path> reports = reportsWrittenSince(reportsDir, since);
    if (reports.isEmpty()) {
      return List.of();
    }
    List<Coverage> coverage = summarize(models(modelsDir), covered(reports));
    Path page = reportsDir.resolve("index.html");
    Path aside = Files.createTempFile(reportsDir, "index-", ".html.tmp");
    try {
      Files.writeString(aside, html(coverage, reports), StandardCharsets.UTF_8);
      Files.move(aside, page, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(aside);
    }
    return coverage;
  }

  /** The test classes' coverage reports written at or after {@code since} (e.g. by this JVM, not a run before). */
  static List<Path> reportsWrittenSince(Instant since) throws IOException {
    return reportsWrittenSince(REPORTS, since);
  }

  static List<Path> reportsWrittenSince(Path reportsDir, Instant since) throws IOException {
    if (!Files.isDirectory(reportsDir)) {
      return List.of();
    }
    List<Path> reports = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(reportsDir)) {
      for (Path report : dirs.map(d -> d.resolve("report.json")).filter(Files::isRegularFile).sorted().toList()) {
        if (!Files.getLastModifiedTime(report).toInstant().isBefore(since)) {
          reports.add(report);
        }
      }
    }
    return reports;
  }

  static Map<String, ProcessModel> models() throws IOException {
    return models(MODELS);
  }

  static Map<String, ProcessModel> models(Path modelsDir) throws IOException {
    Map<String, ProcessModel> models = new TreeMap<>();
    try (Stream<Path> files = Files.list(modelsDir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".bpmn")).sorted().toList()) {
        BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
        for (Process process : model.getModelElementsByType(Process.class)) {
          Map<String, String> elements = new LinkedHashMap<>();
          for (FlowElement element : model.getModelElementsByType(FlowElement.class)) {
            if ((element instanceof FlowNode || element instanceof SequenceFlow) && inProcess(element, process)) {
              elements.put(element.getId(), element.getName() == null ? "" : element.getName());
            }
          }
          models.put(process.getId(), new ProcessModel(process.getId(), process.getName(), elements));
        }
      }
    }
    return models;
  }

  private static boolean inProcess(FlowElement element, Process process) {
    for (var parent = element.getParentElement(); parent != null; parent = parent.getParentElement()) {
      if (parent instanceof Process p) {
        return p.getId().equals(process.getId());
      }
    }
    return false;
  }

  /** Element ids each process reached in any test, from the coverage reports' events. */
  static Map<String, Set<String>> covered(List<Path> reports) throws IOException {
    ObjectMapper json = new ObjectMapper();
    Map<String, Set<String>> covered = new TreeMap<>();
    for (Path report : reports) {
      for (JsonNode suite : json.readTree(report.toFile()).path("suites")) {
        for (JsonNode run : suite.path("runs")) {
          for (JsonNode event : run.path("events")) {
            covered.computeIfAbsent(event.path("modelKey").asText(), k -> new TreeSet<>())
                .add(event.path("definitionKey").asText());
          }
        }
      }
    }
    return covered;
  }

  static List<Coverage> summarize(Map<String, ProcessModel> models, Map<String, Set<String>> reached) {
    List<Coverage> result = new ArrayList<>();
    for (ProcessModel model : models.values()) {
      Set<String> covered = new TreeSet<>(reached.getOrDefault(model.key(), Set.of()));
      covered.retainAll(model.elements().keySet());
      Set<String> uncovered = new TreeSet<>(model.elements().keySet());
      uncovered.removeAll(covered);
      result.add(new Coverage(model, covered, uncovered));
    }
    return result;
  }

  static String percent(double ratio) {
    return String.format(Locale.ROOT, "%.0f%%", ratio * 100);
  }

  private static String html(List<Coverage> coverage, List<Path> reports) {
    StringBuilder html = new StringBuilder("""
        <!DOCTYPE html>
        <html lang="zh-CN"><head><meta charset="utf-8"><title>流程测试覆盖率 Process test coverage</title>
        <style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;
        padding:4px 8px;text-align:left;vertical-align:top}.low{color:#b00}</style></head><body>
        <h1>流程测试覆盖率 (Process test coverage)</h1>
        <p>Flow nodes and sequence flows of each process in <code>bpmn/</code> that the tests of this build
        (unit and integration tests, reports written since it started) passed through. Open a test class's report for the diagram with the covered paths.</p>
        <table><tr><th>Process</th><th>Coverage</th><th>Not reached by any test</th></tr>
        """);
    for (Coverage c : coverage) {
      html.append("<tr><td>").append(esc(c.process().name())).append("<br><code>").append(esc(c.process().key()))
          .append("</code></td><td").append(c.ratio() < 1 ? " class=\"low\">" : ">").append(percent(c.ratio()))
          .append(" (").append(c.covered().size()).append('/').append(c.process().elements().size())
          .append(")</td><td>");
      for (String id : c.uncovered()) {
        html.append("<code>").append(esc(id)).append("</code> ").append(esc(c.process().elements().get(id))).append("<br>");
      }
      html.append("</td></tr>\n");
    }
    html.append("</table>\n<h2>Reports per test class</h2><ul>\n");
    for (Path report : reports) {
      String dir = report.getParent().getFileName().toString();
      html.append("<li><a href=\"").append(esc(dir)).append("/report.html\">").append(esc(dir)).append("</a></li>\n");
    }
    return html.append("</ul></body></html>\n").toString();
  }

  private static String esc(String text) {
    return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
