package com.smeloanflow.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** The report's arithmetic and its chart (no time is measured here). */
class ReportTest {

  @Test
  void percentilesAreTheNearestRankOfTheSamples() {
    List<Long> nanos = new ArrayList<>();
    for (long ms = 100; ms >= 1; ms--) {
      nanos.add(ms * 1_000_000);
    }
    Latency latency = Latency.ofNanos(nanos);

    assertThat(latency.samples()).isEqualTo(100);
    assertThat(latency.p50()).isEqualTo(50.0);
    assertThat(latency.p95()).isEqualTo(95.0);
    assertThat(latency.p99()).isEqualTo(99.0);
    assertThat(latency.max()).isEqualTo(100.0);
  }

  @Test
  void unfinishedJourneysAreNotLatencies() {
    assertThat(Latency.ofNanos(List.of(-1L, -1L)).samples()).isZero();
    assertThat(Latency.ofNanos(List.of(-1L, 5_000_000L)).p99()).isEqualTo(5.0);
  }

  @Test
  void chartIsAStandaloneSvgWithAPointPerOfferedRate() throws Exception {
    List<SvgChart.Point> auto = List.of(new SvgChart.Point(5, 5, 400, true), new SvgChart.Point(10, 9.5, 700, true),
        new SvgChart.Point(20, 11, 9000, false));
    List<SvgChart.Point> bare = List.of(new SvgChart.Point(10, 10, 200, true), new SvgChart.Point(40, 25, 3000, false));

    String svg = SvgChart.render("h2: throughput and p95 against offered rate",
        List.of(new SvgChart.Series("AUTO", "#1f77b4", auto), new SvgChart.Series("bare <engine>", "#7f7f7f", bare)));

    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    Document document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    assertThat(document.getDocumentElement().getLocalName()).isEqualTo("svg");
    assertThat(document.getElementsByTagName("path").getLength()).as("one line per series and panel").isEqualTo(4);
    assertThat(document.getElementsByTagName("circle").getLength()).as("points, and a legend mark per series")
        .isEqualTo(2 * (auto.size() + bare.size()) + 2);
    assertThat(svg).doesNotContain("<script").doesNotContain("http://www.w3.org/1999/xlink").contains("bare &lt;engine&gt;");
  }

  @Test
  void aStepThatStartedBeforeTheEngineWasQuietSaysSoInItsVerdict() {
    OpenModel.Step step = new OpenModel.Step("AUTO", 5, 6, 30, 30, 0, 0, 5.0, true, "sustained", Map.of(), Map.of(),
        Map.of(), null, List.of());

    assertThat(step.startedOn(null)).isSameAs(step);
    OpenModel.Step busy = step.startedOn("12 due jobs still waiting after 60 s");
    assertThat(busy.verdict()).isEqualTo("sustained; started on a busy engine: 12 due jobs still waiting after 60 s");
    assertThat(busy).usingRecursiveComparison().ignoringFields("verdict").isEqualTo(step);
  }

  @Test
  void niceAxisLimitsRoundUpToOneTwoOrFiveTimesAPowerOfTen() {
    assertThat(SvgChart.nice(7)).isEqualTo(10);
    assertThat(SvgChart.nice(42)).isEqualTo(50);
    assertThat(SvgChart.nice(180)).isEqualTo(200);
    assertThat(SvgChart.nice(0.3)).isEqualTo(0.5);
    assertThat(SvgChart.nice(2400)).isEqualTo(2500);
  }

  @Test
  void theJarAsItShipsAndTheClassDataSharingStartAreSeparateFigures() {
    Benchmark.DatabaseRun run = new Benchmark.DatabaseRun("h2", "H2", List.of(
        new Target.Startup(Target.Launch.JAR, false, 20_000, 45.0), new Target.Startup(Target.Launch.JAR, true, 15_000, 40.0),
        new Target.Startup(ClassDataSharing.LAUNCH, false, 12_000, 30.0),
        new Target.Startup(ClassDataSharing.LAUNCH, true, 9_000, 25.0)),
        Map.of(), Map.of(), Map.of(), List.of());

    assertThat(run.startupFigures()).containsExactly(
        Map.entry("h2: " + Benchmark.STARTUP, 20_000.0), Map.entry("h2: startup to ready, CPU (s)", 45.0),
        Map.entry("h2: restart to ready (ms)", 15_000.0), Map.entry("h2: restart to ready, CPU (s)", 40.0),
        Map.entry("h2: startup to ready with CDS (ms)", 12_000.0),
        Map.entry("h2: startup to ready with CDS, CPU (s)", 30.0),
        Map.entry("h2: restart to ready with CDS (ms)", 9_000.0),
        Map.entry("h2: restart to ready with CDS, CPU (s)", 25.0));
    assertThat(Report.TARGETS).extracting(Report.Target::figure)
        .contains(Benchmark.STARTUP, "restart to ready with CDS (ms)");
  }
}
