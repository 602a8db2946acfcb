package com.smeloanflow.casefile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The applicant's timeline cannot lose a step to a renamed event: every event type a {@link ApplicantTimeline.Milestone}
 * lists is an {@link ApplicantEvents} constant, and production code outside the case file records each of them through
 * that constant, never as a string literal the timeline would not follow.
 */
class ApplicantEventsTest {

  private static final Path MAIN = Path.of("src/main/java/com/smeloanflow");
  /** A call {@code ….record(…)} up to its statement's end. */
  private static final Pattern RECORD_CALL = Pattern.compile("\\.record\\(([^;]*);", Pattern.DOTALL);

  private static Map<Path, List<String>> recordCalls;

  @BeforeAll
  static void readRecordCalls() throws IOException {
    try (Stream<Path> files = Files.walk(MAIN)) {
      recordCalls = files.filter(file -> file.toString().endsWith(".java"))
          .filter(file -> !file.startsWith(MAIN.resolve("casefile")))
          .collect(Collectors.toMap(file -> file, ApplicantEventsTest::recordCallsIn));
    }
  }

  @Test
  void everyMilestoneEventTypeIsAnApplicantEventAndEveryApplicantEventAMilestone() {
    List<String> listed = Arrays.stream(ApplicantTimeline.Milestone.values())
        .flatMap(milestone -> milestone.eventTypes().stream()).toList();

    assertThat(listed).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(constants().values());
  }

  @Test
  void everyApplicantEventIsRecordedByAStageThroughItsConstant() {
    assertThat(recordCalls.values().stream().mapToLong(List::size).sum()).as("the stages' record calls are found").isPositive();
    constants().keySet().forEach(name -> assertThat(recordCalls.values()).as("a stage records ApplicantEvents.%s", name)
        .anySatisfy(calls -> assertThat(calls).anyMatch(call -> call.matches("(?s).*\\bApplicantEvents\\." + name + "\\b.*"))));
  }

  @Test
  void noStageRecordsAnApplicantEventAsAStringLiteral() {
    constants().values().forEach(type -> recordCalls.forEach((file, calls) -> assertThat(calls)
        .as("%s records \"%s\" as a literal; use ApplicantEvents", file, type).noneMatch(call -> call.contains('"' + type + '"'))));
  }

  /** The constants of {@link ApplicantEvents}, by field name. */
  private static Map<String, String> constants() {
    return Arrays.stream(ApplicantEvents.class.getDeclaredFields())
        .filter(field -> Modifier.isStatic(field.getModifiers()) && field.getType() == String.class)
        .collect(Collectors.toMap(Field::getName, ApplicantEventsTest::valueOf));
  }

  private static String valueOf(Field field) {
    try {
      return (String) field.get(null);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> recordCallsIn(Path file) {
    try {
      Matcher calls = RECORD_CALL.matcher(Files.readString(file));
      return calls.results().map(call -> call.group(1)).toList();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
