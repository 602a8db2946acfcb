package com.smeloanflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The coverage page counts the reports of this build, not those an earlier run left beside them; the process coverage
 * counts the test classes every test JVM of this build ran.
 */
class ProcessCoverageSummaryTest {

  private static final String MODEL = """
      <?xml version="1.0" encoding="UTF-8"?>
      <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
        <bpmn:process id="p" name="示例流程" isExecutable="true">
          <bpmn:startEvent id="Start" name="开始"/>
          <bpmn:sequenceFlow id="Flow" sourceRef="Start" targetRef="End"/>
          <bpmn:endEvent id="End" name="结束"/>
        </bpmn:process>
      </bpmn:definitions>
      """;

  @Test
  void aReportAnEarlierRunLeftDoesNotCountOnThePage(@TempDir Path dir) throws Exception {
    Path models = Files.createDirectories(dir.resolve("bpmn"));
    Files.writeString(models.resolve("p.bpmn"), MODEL, StandardCharsets.UTF_8);
    Path reports = Files.createDirectories(dir.resolve("process-test-coverage"));
    Instant buildStart = Instant.now().minusSeconds(60);
    Path earlier = report(reports, "com.example.EarlierTest", "Start", "Flow", "End");
    Files.setLastModifiedTime(earlier, FileTime.from(buildStart.minusSeconds(3600)));
    report(reports, "com.example.ThisBuildTest", "Start");

    List<ProcessCoverageSummary.Coverage> coverage = ProcessCoverageSummary.writePage(reports, models, buildStart);

    assertThat(coverage).singleElement().satisfies(c -> {
      assertThat(c.covered()).containsExactly("Start");
      assertThat(c.uncovered()).containsExactly("End", "Flow");
      assertThat(ProcessCoverageSummary.percent(c.ratio())).isEqualTo("33%");
    });
    String page = Files.readString(reports.resolve("index.html"));
    assertThat(page).contains("33% (1/3)", "com.example.ThisBuildTest").doesNotContain("com.example.EarlierTest");
  }

  @Test
  void withOnlyAnEarlierRunsReportsNoPageIsWritten(@TempDir Path dir) throws Exception {
    Path models = Files.createDirectories(dir.resolve("bpmn"));
    Files.writeString(models.resolve("p.bpmn"), MODEL, StandardCharsets.UTF_8);
    Path reports = Files.createDirectories(dir.resolve("process-test-coverage"));
    Instant buildStart = Instant.now();
    Path earlier = report(reports, "com.example.EarlierTest", "Start", "Flow", "End");
    Files.setLastModifiedTime(earlier, FileTime.from(buildStart.minusSeconds(3600)));

    assertThat(ProcessCoverageSummary.writePage(reports, models, buildStart)).isEmpty();
    assertThat(reports.resolve("index.html")).doesNotExist();
  }

  @Test
  void aReportAnEarlierRunWroteInTheSecondThisBuildStartedDoesNotCount(@TempDir Path dir) throws Exception {
    String since = System.getProperty("process.coverage.since");
    assertThat(since).as("process.coverage.since, Maven's build timestamp the pom passes (run with ./mvnw test)").isNotNull()
        .as("to the millisecond, not the whole second before the build started").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    Instant buildStart = ProcessCoverageSummary.buildStart();
    assertThat(buildStart).isEqualTo(Instant.parse(since));
    Path models = Files.createDirectories(dir.resolve("bpmn"));
    Files.writeString(models.resolve("p.bpmn"), MODEL, StandardCharsets.UTF_8);
    Path reports = Files.createDirectories(dir.resolve("process-test-coverage"));
    Path earlier = report(reports, "com.example.EarlierTest", "Start", "Flow", "End");
    Files.setLastModifiedTime(earlier, FileTime.from(buildStart.minusMillis(1)));
    report(reports, "com.example.ThisBuildTest", "Start");

    assertThat(ProcessCoverageSummary.writePage(reports, models, buildStart)).singleElement()
        .satisfies(c -> assertThat(c.covered()).containsExactly("Start"));
  }

  @Test
  void theTestClassesOfTheBuildsOtherJvmsCountNotThoseAnEarlierRunListed(@TempDir Path dir) throws Exception {
    Instant buildStart = Instant.now().minusSeconds(60);
    Files.write(dir.resolve("101.txt"), List.of("com.example.FirstJvmTest", "com.example.SecondTest"));
    Files.write(dir.resolve("102.txt"), List.of("com.example.OtherJvmTest"));
    Path earlier = Files.write(dir.resolve("99.txt"), List.of("com.example.EarlierRunTest"));
    Files.setLastModifiedTime(earlier, FileTime.from(buildStart.minusMillis(1)));

    assertThat(ProcessCoverageSummary.classesListedSince(dir, buildStart))
        .containsExactly("com.example.FirstJvmTest", "com.example.OtherJvmTest", "com.example.SecondTest");
  }

  private static Path report(Path reports, String testClass, String... reached) throws Exception {
    StringBuilder events = new StringBuilder();
    for (String id : reached) {
      events.append(events.isEmpty() ? "" : ",").append("{\"definitionKey\":\"").append(id)
          .append("\",\"modelKey\":\"p\"}");
    }
    Path report = Files.createDirectories(reports.resolve(testClass)).resolve("report.json");
    Files.writeString(report, "{\"suites\":[{\"id\":\"" + testClass + "\",\"runs\":[{\"events\":[" + events + "]}]}]}");
    return report;
  }
}
