package com.smeloanflow.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.smeloanflow.platform.DefaultCharsetCheck;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.FileReader;
import java.io.FileWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Scanner;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The shape of the code: packages by the bank's stages, in the order an application goes through them,
 * plus neutral packages every stage may use. A stage depends only on earlier stages and neutral
 * packages; a neutral package on no stage; nothing in a circle. A later stage that must answer an
 * earlier one (servicing's loans for processing's exposure, approval's decision for intake's status
 * page) implements an interface the earlier stage declares.
 */
class ArchitectureTest {

  private static final String BASE = "com.smeloanflow";

  /** The stages, earliest first. */
  static final List<String> STAGES = List.of("intake", "processing", "verification", "approval", "disbursement", "servicing",
      "monitoring", "creditline", "renewal", "collections", "campaign", "accountability", "dashboard");

  /** Packages every stage may use: the engine declarations, identity, platform, the case file, mail, the score model. */
  static final List<String> NEUTRAL = List.of("process", "identity", "platform", "casefile", "notification", "scoring",
      "operations");

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(BASE);
  }

  @TestFactory
  List<DynamicTest> aStageDependsOnlyOnEarlierStagesAndNeutralPackages() {
    List<DynamicTest> tests = new ArrayList<>();
    for (int i = 0; i < STAGES.size(); i++) {
      String stage = STAGES.get(i);
      List<String> later = STAGES.subList(i + 1, STAGES.size());
      if (later.isEmpty()) {
        continue;
      }
      tests.add(DynamicTest.dynamicTest(stage + " does not depend on " + later, () -> noClasses()
          .that().resideInAPackage(pkg(stage))
          .should().dependOnClassesThat().resideInAnyPackage(later.stream().map(ArchitectureTest::pkg).toArray(String[]::new))
          .allowEmptyShould(true)
          .because("a stage depends only on the stages before it; a later stage answers through an interface of the earlier one")
          .check(classes)));
    }
    return tests;
  }

  @Test
  void neutralPackagesDependOnNoStage() {
    noClasses().that().resideInAnyPackage(NEUTRAL.stream().map(ArchitectureTest::pkg).toArray(String[]::new))
        .should().dependOnClassesThat().resideInAnyPackage(STAGES.stream().map(ArchitectureTest::pkg).toArray(String[]::new))
        .because("platform, identity, process declarations, the case file, mail and the score model serve every stage")
        .check(classes);
  }

  @Test
  void noPackagesDependOnEachOtherInACircle() {
    slices().matching(BASE + ".(*)..").should().beFreeOfCycles().check(classes);
  }

  @Test
  void theScoreModelIsPureJava() {
    noClasses().that().resideInAPackage(pkg("scoring"))
        .should().dependOnClassesThat().resideInAnyPackage("org.camunda..", "org.springframework..", "javax.sql..", "java.sql..")
        .because("the four-dimension model is deterministic computation, testable without an engine or a database")
        .check(classes);
  }

  /**
   * Text is read and written in a charset the code names (UTF-8), never the JVM's default one: on Java 17 that follows
   * the server's locale, US-ASCII under {@code LANG=C}, where Chinese became {@code ?} or U+FFFD (README, "UTF-8").
   */
  @Test
  void textIsDecodedAndEncodedInANamedCharset() {
    // DefaultCharsetCheck reads the default charset to refuse a start without UTF-8
    noClasses().that().doNotBelongToAnyOf(DefaultCharsetCheck.class).should().callMethod(Charset.class, "defaultCharset")
        .orShould().callConstructor(String.class, byte[].class)
        .orShould().callConstructor(String.class, byte[].class, int.class, int.class)
        .orShould().callMethod(String.class, "getBytes")
        .orShould().callMethod(ByteArrayOutputStream.class, "toString")
        .orShould().callConstructor(InputStreamReader.class, InputStream.class)
        .orShould().callConstructor(OutputStreamWriter.class, OutputStream.class)
        .orShould().callConstructor(PrintStream.class, OutputStream.class)
        .orShould().callConstructor(PrintStream.class, OutputStream.class, boolean.class)
        .orShould().callConstructor(PrintWriter.class, OutputStream.class)
        .orShould().callConstructor(FileReader.class, String.class)
        .orShould().callConstructor(FileReader.class, File.class)
        .orShould().callConstructor(FileWriter.class, String.class)
        .orShould().callConstructor(FileWriter.class, File.class)
        .orShould().callConstructor(Scanner.class, InputStream.class)
        .because("the default charset follows the server's locale (US-ASCII under LANG=C on Java 17): name UTF-8")
        .check(classes);
  }

  @Test
  void everyPackageIsAStageOrNeutral() {
    classes.stream().map(c -> c.getPackageName())
        .filter(p -> p.startsWith(BASE + "."))
        .map(p -> p.substring(BASE.length() + 1).split("\\.")[0])
        .distinct()
        .forEach(top -> org.assertj.core.api.Assertions.assertThat(STAGES.contains(top) || NEUTRAL.contains(top))
            .as("package %s.%s is neither a stage nor neutral: add it to ArchitectureTest in its place", BASE, top).isTrue());
  }

  /**
   * docs/security.md lists every file that uses the engine's internals ({@code impl} packages), with why and what a fork
   * of Camunda 7 would need: a new use not in its table would make a migration to a fork look cheaper than it is. The
   * same search its grep line gives: the source, so that an inlined constant of {@code impl} counts too.
   */
  @Test
  void everyUseOfTheEnginesInternalsIsListedInTheSecurityNotes() throws IOException {
    Pattern internal = Pattern.compile("org\\.camunda\\.bpm\\.[a-z.]*impl|camundajar\\.impl");
    String notes = Files.readString(Path.of("docs/security.md"));
    String table = notes.substring(notes.indexOf("| where | engine internal used |"));
    table = table.substring(0, table.indexOf("\n\n"));
    List<String> unlisted = new ArrayList<>();
    try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
      for (Path source : sources.filter(f -> f.toString().endsWith(".java")).toList()) {
        String name = source.getFileName().toString().replace(".java", "");
        if (internal.matcher(Files.readString(source)).find() && !Pattern.compile("\\b" + name + "\\b").matcher(table).find()) {
          unlisted.add(source.toString());
        }
      }
    }
    org.assertj.core.api.Assertions.assertThat(unlisted)
        .as("files using org.camunda.bpm..impl or camundajar.impl but not in docs/security.md's table of engine internals")
        .isEmpty();
  }

  private static String pkg(String name) {
    return BASE + "." + name + "..";
  }
}
