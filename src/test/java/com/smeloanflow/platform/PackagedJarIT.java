package com.smeloanflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * What the jar as it ships carries for the bank's vulnerability scanner (docs/security.md): the CycloneDX bill of
 * materials at {@code META-INF/sbom/application.cdx.json}, named in the manifest, listing the engine and the framework
 * the jar runs. Runs after the package phase (failsafe), on the jar that phase built.
 */
class PackagedJarIT {

  private static final String SBOM = "META-INF/sbom/application.cdx.json";

  @Test
  void theJarCarriesItsBillOfMaterialsNamedInTheManifest() throws Exception {
    Path jar = Path.of(System.getProperty("app.jar", "target/sme-loan-flow-0.1.0-SNAPSHOT.jar"));
    Path made = Path.of(System.getProperty("app.classes", "target/classes")).resolve(SBOM);
    assertThat(jar).as("the jar the package phase built").exists();
    // The CycloneDX plugin needs the network and skips itself in an offline build (./mvnw -o); .ci/run is online.
    Assumptions.assumeTrue(Files.exists(made), "no bill of materials was made (an offline build skips the plugin)");

    try (JarFile file = new JarFile(jar.toFile())) {
      ZipEntry entry = file.getEntry(SBOM);
      assertThat(entry).as("%s in %s (made before the jar, in prepare-package)", SBOM, jar.getFileName()).isNotNull();
      assertThat(file.getManifest().getMainAttributes().getValue("Sbom-Location")).isEqualTo(SBOM);
      JsonNode bom;
      try (InputStream in = file.getInputStream(entry)) {
        bom = new ObjectMapper().readTree(in);
      }
      assertThat(bom.path("bomFormat").asText()).isEqualTo("CycloneDX");
      assertThat(bom.path("metadata").path("component").path("name").asText()).isEqualTo("sme-loan-flow");
      List<String> components = new ArrayList<>();
      bom.path("components").forEach(c -> components.add(
          c.path("group").asText() + ":" + c.path("name").asText() + ":" + c.path("version").asText()));
      assertThat(components)
          .anyMatch(c -> c.startsWith("org.camunda.bpm:camunda-engine:7.24"))
          .anyMatch(c -> c.startsWith("org.springframework.boot:spring-boot:3.5"))
          .anyMatch(c -> c.startsWith("org.postgresql:postgresql:"));
    }
  }
}
