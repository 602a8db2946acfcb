package com.smeloanflow.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.support.AbstractPostgresIntegrationTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Measures (never asserts a time) the campaign funnel's statements on PostgreSQL over 500,000 prospects in four campaigns
 * (200,000 / 150,000 / 100,000 / 50,000), the bank's branches (the demo's two: 250,000 each) and 400 customer managers:
 * 60 % contacted, 20 % applied through the campaign, 8 % converted by an application through another channel and 2 % by
 * becoming a customer. Each statement of
 * {@link CampaignRepository} the funnel runs ({@code funnelByManager}, {@code appliedProspects},
 * {@code appliedElsewhereProspects}) for one campaign, one branch and the whole bank: its plan ({@code EXPLAIN ANALYZE})
 * and the median of 5 runs after a warm-up, without an index on {@code prospect.conversion}, with each candidate index,
 * and without again (the machine's noise). Run with
 * {@code ./mvnw -Pbenchmark test -DskipTests=false -Dtest=CampaignFunnelPostgresBenchmarkTest}; writes
 * {@code target/benchmark/campaign-funnel.md}. The rows are deleted afterwards.
 */
@Tag("benchmark")
class CampaignFunnelPostgresBenchmarkTest extends AbstractPostgresIntegrationTest {

  private static final int PROSPECTS = 500_000;
  private static final int RUNS = 5;
  private static final String CAMPAIGN = "C-BENCH-2";
  private static final String BRANCH = "ZY002";

  private static final Map<String, String> CANDIDATES = new LinkedHashMap<>();

  static {
    CANDIDATES.put("none", null);
    CANDIDATES.put("(conversion)", "CREATE INDEX bench_prospect_conversion_idx ON prospect (conversion)");
    CANDIDATES.put("(campaign_id, conversion)",
        "CREATE INDEX bench_prospect_campaign_conversion_idx ON prospect (campaign_id, conversion)");
    CANDIDATES.put("none, again", null);
  }

  private record Statement(String name, String sql, Map<String, Object> parameters) {}

  @Test
  void measuresTheFunnelsStatementsWithAndWithoutAnIndexOnTheConversion() throws IOException {
    List<String> branches = jdbc.sql("SELECT code FROM branch ORDER BY code").query(String.class).list();
    assertThat(branches).contains(BRANCH);
    try {
      seed(branches);
      List<String> report = new ArrayList<>(List.of("# campaign funnel on PostgreSQL, " + Instant.now() + ", "
          + Runtime.getRuntime().availableProcessors() + " cores, " + String.format("%,d", PROSPECTS) + " prospects", "",
          "| index | statement | scope | rows | median of " + RUNS + " | runs (ms) |", "|---|---|---|---|---|---|"));
      List<String> plans = new ArrayList<>();
      for (Map.Entry<String, String> candidate : CANDIDATES.entrySet()) {
        if (candidate.getValue() != null) {
          long start = System.nanoTime();
          jdbc.sql(candidate.getValue()).update();
          report.add("| " + candidate.getKey() + " | (built in " + (System.nanoTime() - start) / 1_000_000 + " ms) | | | | |");
        }
        jdbc.sql("ANALYZE prospect").update();
        for (Statement statement : statements()) {
          double[] times = new double[RUNS];
          int rows = run(statement);
          for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            run(statement);
            times[i] = (System.nanoTime() - start) / 1e6;
          }
          double[] sorted = times.clone();
          Arrays.sort(sorted);
          report.add(String.format("| %s | %s | %s | %,d | %.1f ms | %s |", candidate.getKey(), statement.name().split(" / ")[0],
              statement.name().split(" / ")[1], rows, sorted[RUNS / 2],
              String.join(", ", Arrays.stream(times).mapToObj(t -> String.format("%.1f", t)).toList())));
          plans.add("## " + candidate.getKey() + ": " + statement.name());
          plans.add("");
          plans.add("```");
          plans.addAll(jdbc.sql("EXPLAIN (ANALYZE, BUFFERS) " + statement.sql()).params(statement.parameters())
              .query(String.class).list());
          plans.add("```");
          plans.add("");
        }
        if (candidate.getValue() != null) {
          jdbc.sql("DROP INDEX " + candidate.getValue().split(" ")[2]).update();
        }
      }
      report.add("");
      report.addAll(plans);
      Path results = Path.of("target", "benchmark", "campaign-funnel.md");
      Files.createDirectories(results.getParent());
      Files.write(results, report, StandardCharsets.UTF_8);
    } finally {
      jdbc.sql("DELETE FROM prospect_contact WHERE prospect_id LIKE 'P-BENCH-%'").update();
      jdbc.sql("DELETE FROM prospect WHERE id LIKE 'P-BENCH-%'").update();
      jdbc.sql("DELETE FROM campaign WHERE id LIKE 'C-BENCH-%'").update();
    }
  }

  private int run(Statement statement) {
    return jdbc.sql(statement.sql()).params(statement.parameters()).query((rs, n) -> 1).list().size();
  }

  /** The funnel's three statements, as {@link CampaignRepository} builds them, for a campaign, a branch, the bank. */
  private static List<Statement> statements() {
    List<Statement> all = new ArrayList<>();
    for (String scope : List.of("one campaign (150,000)", "one branch (ZY002)", "whole bank")) {
      boolean campaign = scope.startsWith("one campaign");
      boolean branch = scope.startsWith("one branch");
      Map<String, Object> parameters = new LinkedHashMap<>();
      if (campaign) {
        parameters.put("campaign", CAMPAIGN);
      }
      if (branch) {
        parameters.put("branches", List.of(BRANCH));
      }
      all.add(new Statement("funnelByManager / " + scope, CampaignRepository.prospectsSql(CampaignRepository.FUNNEL_BY_MANAGER,
          List.of(), CampaignRepository.FUNNEL_BY_MANAGER_GROUP_BY, campaign, branch), parameters));
      all.add(new Statement("appliedProspects / " + scope, CampaignRepository.prospectsSql(CampaignRepository.APPLIED_PROSPECTS,
          CampaignRepository.APPLIED_PROSPECTS_WHERE, "", campaign, branch), parameters));
      all.add(new Statement("appliedElsewhereProspects / " + scope, CampaignRepository.prospectsSql(
          CampaignRepository.APPLIED_ELSEWHERE_PROSPECTS, CampaignRepository.APPLIED_ELSEWHERE_PROSPECTS_WHERE, "", campaign,
          branch), parameters));
    }
    return all;
  }

  private void seed(List<String> branches) {
    for (int c = 1; c <= 4; c++) {
      jdbc.sql("""
          INSERT INTO campaign (id, name, imported_by, imported_at, rows_total, rows_accepted, rows_refused)
          VALUES (:id, :name, 'campaign-manager', now(), 0, 0, 0)""").param("id", "C-BENCH-" + c).param("name", "基准营销 " + c)
          .update();
    }
    // the bank's branches (at most 40) in turn, 400 managers
    String branchOf = "(ARRAY[" + String.join(", ", branches.stream().limit(40).map(b -> "'" + b + "'").toList()) + "])[g % "
        + Math.min(40, branches.size()) + " + 1]";
    jdbc.sql("""
        INSERT INTO prospect (id, campaign_id, line_no, credit_code, enterprise_name, legal_rep_name, mobile, estimated_limit,
          suggested_product, source_model, source_date, division_code, branch_code, customer_manager, status, contacts,
          last_outcome, application_id, conversion, converted_application_id, closed_reason, closed_at, assigned_at, updated_at)
        SELECT 'P-BENCH-' || g,
          CASE WHEN g <= 200000 THEN 'C-BENCH-1' WHEN g <= 350000 THEN 'C-BENCH-2' WHEN g <= 450000 THEN 'C-BENCH-3' ELSE 'C-BENCH-4' END,
          g, lpad(g::text, 18, '9'), '企业' || g, '法人' || g, '13800000000', 500000, 'CREDIT_QUICK', 'whitelist-model',
          current_date, '520000', %s, 'bench-cm-' || (g %% 400),
          CASE WHEN g %% 100 < 10 THEN 'CONVERTED' WHEN g %% 100 < 30 THEN 'APPLIED' WHEN g %% 100 < 35 THEN 'NOT_ELIGIBLE'
               ELSE 'OPEN' END,
          CASE WHEN g %% 100 BETWEEN 10 AND 69 THEN 1 ELSE 0 END,
          CASE WHEN g %% 100 < 10 OR g %% 100 >= 70 THEN NULL WHEN g %% 100 < 30 THEN 'INTERESTED' WHEN g %% 100 < 35 THEN 'NOT_ELIGIBLE'
               ELSE 'NOT_NOW' END,
          CASE WHEN g %% 100 BETWEEN 10 AND 29 THEN 'SL-BENCH-' || g END,
          CASE WHEN g %% 100 < 8 THEN 'APPLIED_ELSEWHERE' WHEN g %% 100 < 10 THEN 'EXISTING_CUSTOMER' END,
          CASE WHEN g %% 100 < 10 THEN 'SL-BENCH-E' || g END,
          CASE WHEN g %% 100 < 10 THEN '基准' END,
          CASE WHEN g %% 100 < 10 THEN now() END,
          now(), now()
        FROM generate_series(1, %d) g""".formatted(branchOf, PROSPECTS)).update();
    jdbc.sql("""
        INSERT INTO prospect_contact (prospect_id, seq, outcome, follow_up_on, notes, contacted_by, contacted_at)
        SELECT p.id, 1, p.last_outcome, NULL, NULL, p.customer_manager, now()
        FROM prospect p WHERE p.id LIKE 'P-BENCH-%' AND p.contacts = 1""").update();
    // as autovacuum leaves a table at rest: statistics and the visibility map (index-only scans) up to date
    jdbc.sql("VACUUM ANALYZE prospect").update();
    jdbc.sql("VACUUM ANALYZE prospect_contact").update();
  }
}
