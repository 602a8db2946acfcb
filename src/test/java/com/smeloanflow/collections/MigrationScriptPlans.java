package com.smeloanflow.collections;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.core.io.ClassPathResource;

/**
 * A migration script run statement by statement, each data statement's plan read before it runs: the plan tests of the
 * collection migrations ({@link ContactMailBackfillPlanPostgresIT}, {@link ReminderWithdrawalPlanPostgresIT} on
 * PostgreSQL, {@link CollectionMigrationPlanTest} on H2) find a statement that would read the bank's tables again for
 * each row it writes.
 */
final class MigrationScriptPlans {

  /** A derived table's condition whose value comes from a column of another table of the join. */
  private static final Pattern H2_PARAMETER_FROM_A_ROW =
      Pattern.compile("\\?\\d+\\)?: \"?\\w+\"? = \"?\\w+\"?\\.\"?\\w+");

  private MigrationScriptPlans() {
  }

  /**
   * 2,000 cases cured on 2026-03-01, opened an hour apart from 2026-01-01 (case ids {@code CC<tag>1…}, loans
   * {@code LN<tag>1…}), as the plan tests' book.
   */
  static String curedCases(String tag) {
    return """
        INSERT INTO collection_case (case_id, loan_id, branch_code, status, ladder_step, opened_on, opened_days_past_due,
            opened_at, closed_on, closed_at, close_reason)
        SELECT 'CC%1$s' || i, 'LN%1$s' || i, 'ZY001', 'CURED', 2, DATE '2026-01-01', 1,
            TIMESTAMP WITH TIME ZONE '2026-01-01 01:00:00+00' + i * INTERVAL '1 hour', DATE '2026-03-01',
            TIMESTAMP WITH TIME ZONE '2026-01-01 01:00:00+00' + i * INTERVAL '1 hour' + INTERVAL '30 days', '逾期欠款已结清'
        FROM generate_series(1, 2000) i
        """.formatted(tag);
  }

  /** Three mail contacts of each of {@link #curedCases}'s cases, six days apart from its opening. */
  static String mailContacts(String tag) {
    return """
        INSERT INTO collection_contact (case_id, business_date, channel, outcome, notes, contacted_by, contacted_at)
        SELECT 'CC%1$s' || i, DATE '2026-01-07', 'MAIL', 'MAIL_SENT', '逾期提醒邮件', 'system',
            TIMESTAMP WITH TIME ZONE '2026-01-01 01:00:00+00' + i * INTERVAL '1 hour' + k * INTERVAL '6 days'
        FROM generate_series(1, 2000) i, generate_series(1, 3) k
        ORDER BY 7
        """.formatted(tag);
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
    return runRefusingPlans(sql, script, plan -> subplans(plan).stream().anyMatch(perRow));
  }

  /**
   * Runs the script's statements in order; an UPDATE or INSERT whose plan is {@code refused} is not run but returned
   * with its plan.
   *
   * @return the statements not run, each followed by its plan
   */
  static List<String> runRefusingPlans(Statement sql, String script, Predicate<String> refused)
      throws SQLException, IOException {
    List<String> notRun = new ArrayList<>();
    for (String statement : statements(script)) {
      if (statement.startsWith("UPDATE") || statement.startsWith("INSERT")) {
        String plan = explain(sql, statement);
        if (refused.test(plan)) {
          notRun.add(statement + "\n" + plan);
          continue;
        }
      }
      sql.execute(statement);
    }
    return notRun;
  }

  /**
   * Whether an H2 plan joins a numbered derived table (a subquery in the FROM clause with a window function) by the
   * values of another table's row. H2 then runs the subquery, numbering included, again for each of those rows: its
   * plan gives the derived table's query the other table's values as parameters
   * ({@code CASE_ID IS NOT DISTINCT FROM ?1): CASE_ID = R.CASE_ID}). A condition on a constant is no such join.
   */
  static boolean h2NumbersAgainPerRow(String plan) {
    List<String> lines = plan.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).strip().equals("/* SELECT")) {
        int indent = indentOf(lines.get(i));
        StringBuilder derived = new StringBuilder();
        for (int j = i + 1; j < lines.size() && !(indentOf(lines.get(j)) == indent && lines.get(j).strip().equals("*/"));
            j++) {
          derived.append(lines.get(j)).append('\n');
        }
        if (derived.toString().contains(" OVER (") && H2_PARAMETER_FROM_A_ROW.matcher(derived).find()) {
          return true;
        }
      }
    }
    return false;
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
