package com.smeloanflow.collections;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.springframework.core.io.ClassPathResource;

/**
 * A migration script run on PostgreSQL statement by statement, each data statement's plan read before it runs: the
 * plan tests of the collection migrations ({@link ContactMailBackfillPlanPostgresIT}, {@link ReminderWithdrawalPlanPostgresIT})
 * find a statement that would read the bank's tables again for each row it writes.
 */
final class MigrationScriptPlans {

  private MigrationScriptPlans() {
  }

  /**
   * Runs the script's statements in order; an UPDATE or INSERT whose plan has a subplan matching {@code perRow} is not
   * run (it would take minutes at a bank's size) but returned with its plan.
   *
   * @param perRow what makes a subplan (run again for each row of the node it belongs to) too costly
   * @return the statements not run, each followed by its plan
   */
  static List<String> runRefusingSubplans(Statement sql, String script, Predicate<String> perRow)
      throws SQLException, IOException {
    List<String> refused = new ArrayList<>();
    for (String statement : statements(script)) {
      if (statement.startsWith("UPDATE") || statement.startsWith("INSERT")) {
        String plan = explain(sql, statement);
        if (subplans(plan).stream().anyMatch(perRow)) {
          refused.add(statement + "\n" + plan);
          continue;
        }
      }
      sql.execute(statement);
    }
    return refused;
  }

  /** The script's statements, its comment lines left out; a semicolon inside a quoted text ends none. */
  static List<String> statements(String script) throws IOException {
    String text = new ClassPathResource(script).getContentAsString(StandardCharsets.UTF_8).lines()
        .filter(line -> !line.strip().startsWith("--")).collect(Collectors.joining("\n"));
    List<String> statements = new ArrayList<>();
    StringBuilder statement = new StringBuilder();
    boolean quoted = false;
    for (char c : text.toCharArray()) {
      if (c == '\'') {
        quoted = !quoted;
      }
      if (c == ';' && !quoted) {
        statements.add(statement.toString().strip());
        statement.setLength(0);
      } else {
        statement.append(c);
      }
    }
    statements.add(statement.toString().strip());
    return statements.stream().filter(s -> !s.isEmpty()).toList();
  }

  private static String explain(Statement sql, String statement) throws SQLException {
    List<String> lines = new ArrayList<>();
    try (ResultSet plan = sql.executeQuery("EXPLAIN " + statement)) {
      while (plan.next()) {
        lines.add(plan.getString(1));
      }
    }
    return String.join("\n", lines);
  }

  /**
   * The parts of a plan under a "SubPlan n" heading: a subquery that refers to the row of the node it belongs to, run
   * again for each of its rows ("hashed SubPlan n", run once, is not one).
   */
  private static List<String> subplans(String plan) {
    List<String> subplans = new ArrayList<>();
    List<String> lines = plan.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      String heading = lines.get(i);
      if (heading.strip().startsWith("SubPlan ")) {
        int indent = heading.indexOf("SubPlan");
        StringBuilder subplan = new StringBuilder();
        for (int j = i + 1; j < lines.size() && indentOf(lines.get(j)) > indent; j++) {
          subplan.append(lines.get(j)).append('\n');
        }
        subplans.add(subplan.toString());
      }
    }
    return subplans;
  }

  private static int indentOf(String line) {
    return line.length() - line.stripLeading().length();
  }
}
