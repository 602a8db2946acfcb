package com.smeloanflow.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The operator's start with class data sharing, exactly as docs/performance.md ("Startup to ready")
 * documents it: the jar extracted with Spring Boot's {@code jarmode=tools}, one training run that
 * stops after the application context is refreshed and writes a dynamic archive of the classes it
 * loaded ({@code -XX:ArchiveClassesAtExit}), and then every start maps that archive
 * ({@code -XX:SharedArchiveFile}). The training run uses the demo profile on a scratch H2 database,
 * so it needs no database server and no network; an archive is valid only for the JDK that made it.
 */
final class ClassDataSharing {

  static final String LAUNCH = "CDS";

  private ClassDataSharing() {}

  /** Extracts the jar under {@code <out>/cds}, runs the training run and returns the start command. */
  static Target.Launch prepare(BenchmarkSettings settings) throws IOException, InterruptedException {
    Path directory = settings.outputDirectory().resolve("cds").toAbsolutePath();
    Databases.deleteTree(directory);
    Files.createDirectories(directory);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path jar = settings.jar().toAbsolutePath();
    Path extracted = directory.resolve("app");
    run(directory, directory.resolve("extract.log"),
        List.of(java, "-Djarmode=tools", "-jar", jar.toString(), "extract", "--destination", extracted.toString()));
    Path application = extracted.resolve(jar.getFileName());
    Path archive = directory.resolve("app.jsa");
    Path scratch = Files.createTempDirectory("sme-loan-flow-cds-training");
    try {
      run(scratch, directory.resolve("training.log"), List.of(java, "-XX:ArchiveClassesAtExit=" + archive,
          "-Dfile.encoding=UTF-8", "-Dspring.context.exit=onRefresh", "-jar", application.toString(), "--server.port=0",
          "--smeloan.demo.embedded-smtp.port=0"));
    } finally {
      Databases.deleteTree(scratch);
    }
    if (!Files.isRegularFile(archive)) {
      throw new IllegalStateException("The training run wrote no archive, see " + directory.resolve("training.log"));
    }
    return new Target.Launch(LAUNCH, List.of("-XX:SharedArchiveFile=" + archive, "-jar", application.toString()));
  }

  private static void run(Path directory, Path log, List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(new ArrayList<>(command)).directory(directory.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!process.waitFor(10, TimeUnit.MINUTES)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new IllegalStateException("Not done within 10 minutes: " + String.join(" ", command) + ", see " + log);
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException("Exit " + process.exitValue() + ": " + String.join(" ", command) + ", see " + log);
    }
  }
}
