package com.smeloanflow.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The kill test's figures, written as {@code target/chaos/report.md}: what ran, what was done to the
 * cluster, and what came out (the counts the README's "Running a cluster" quotes).
 */
final class ChaosReport {

  /** One kill -9: when in the run, which node, how (mode), the jobs it held, how long until they had run. */
  record Kill(int number, Duration at, String node, String mode, int jobsHeld, Duration recovery, Duration restart) {}

  final Map<String, String> setup = new LinkedHashMap<>();
  final List<Kill> kills = new ArrayList<>();
  final Map<String, String> outcome = new LinkedHashMap<>();
  final List<String> events = new ArrayList<>();
  final List<String> problems = new ArrayList<>();

  void event(Duration at, String what) {
    events.add(seconds(at) + " " + what);
  }

  static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
  }

  Duration slowestRecovery() {
    return kills.stream().map(Kill::recovery).max(Comparator.naturalOrder()).orElse(Duration.ZERO);
  }

  void write(Path file) {
    StringBuilder md = new StringBuilder("# Kill test report\n\n");
    md.append(problems.isEmpty() ? "**Result: passed.**\n\n" : "**Result: FAILED** (" + problems.size() + " problems, below).\n\n");
    md.append("## Setup\n\n");
    setup.forEach((name, value) -> md.append("- ").append(name).append(": ").append(value).append('\n'));
    md.append("\n## Outcome\n\n| figure | value |\n|---|---|\n");
    outcome.forEach((name, value) -> md.append("| ").append(name).append(" | ").append(value).append(" |\n"));
    md.append("\n## Kills\n\n| # | at | node | moment | jobs it held | recovered after | restart to ready |\n|---|---|---|---|---|---|---|\n");
    for (Kill kill : kills) {
      md.append("| ").append(kill.number()).append(" | ").append(seconds(kill.at())).append(" | ").append(kill.node())
          .append(" | ").append(kill.mode()).append(" | ").append(kill.jobsHeld()).append(" | ")
          .append(kill.jobsHeld() == 0 ? "-" : seconds(kill.recovery())).append(" | ").append(seconds(kill.restart())).append(" |\n");
    }
    md.append("\n## Other events\n\n");
    events.forEach(event -> md.append("- ").append(event).append('\n'));
    if (!problems.isEmpty()) {
      md.append("\n## Problems\n\n");
      problems.forEach(problem -> md.append("- ").append(problem).append('\n'));
    }
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, md, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
