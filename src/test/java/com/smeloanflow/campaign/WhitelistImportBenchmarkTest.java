package com.smeloanflow.campaign;

import static com.smeloanflow.campaign.Whitelists.HONGHUAGANG;
import static com.smeloanflow.campaign.Whitelists.HUICHUAN;
import static com.smeloanflow.campaign.Whitelists.creditCodeIn;
import static com.smeloanflow.campaign.Whitelists.whitelist;
import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.ApiClient.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Measures (never asserts a time) a whitelist import of the largest size a file may have, 5,000 enterprises,
 * over HTTP: every line checked against the bank's data, assigned, stored with its process, in one
 * transaction. Run with {@code ./mvnw -Pbenchmark test -DskipTests=false -Dtest=WhitelistImportBenchmarkTest}; writes {@code target/benchmark/whitelist-import.md}.
 */
@Tag("benchmark")
class WhitelistImportBenchmarkTest extends AbstractIntegrationTest {

  @Test
  void importsTheLargestWhitelistAFileMayHave() throws IOException {
    Whitelists file = whitelist();
    for (int i = 0; i < WhitelistFile.MAX_ROWS; i++) {
      file.enterprise(creditCodeIn(i % 2 == 0 ? HUICHUAN : HONGHUAGANG));
    }
    byte[] csv = file.csv().getBytes(StandardCharsets.UTF_8);

    long start = System.nanoTime();
    Response answer = api.postBytes("/api/campaigns?name=benchmark", "campaign-manager", "text/csv", csv);
    double seconds = (System.nanoTime() - start) / 1e9;

    assertThat(answer.status()).as(answer.body().substring(0, Math.min(500, answer.body().length()))).isEqualTo(201);
    assertThat(answer.json().path("campaign").path("rowsAccepted").asInt()).isEqualTo(WhitelistFile.MAX_ROWS);
    Path results = Path.of("target", "benchmark", "whitelist-import.md");
    Files.createDirectories(results.getParent());
    Files.write(results, List.of("# whitelist import, " + Instant.now() + ", " + Runtime.getRuntime().availableProcessors()
        + " cores, H2 in memory", "", "| what | size | time | per enterprise |", "|---|---|---|---|",
        String.format("| POST /api/campaigns (check, assign, store, start whitelist-prospect) | %,d enterprises, %,d KB | %.1f s | %.2f ms |",
            WhitelistFile.MAX_ROWS, csv.length / 1024, seconds, seconds * 1000 / WhitelistFile.MAX_ROWS)), StandardCharsets.UTF_8);
  }
}
