package com.smeloanflow.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code POST /api/applications} alone: counter applications (MORTGAGE_QUICK at branch ZY001),
 * each a fresh enterprise, stepped up like the AUTO search. Each accepted application also starts
 * its process, which runs one job and waits for branch acceptance: that work is part of intake.
 * PostgreSQL only (the production database; its overloaded steps' backlog took 90 s to search on H2 as well, which
 * the command's 15 minutes could not hold).
 */
final class IntakeScenario implements Scenario {

  @Override
  public boolean appliesTo(String database) {
    return database.equals("postgres");
  }

  record Result(RateSearch.Result intake) implements Scenario.Result {
    @Override
    public java.util.Map<String, Double> keyFigures() {
      return java.util.Map.of("intake requests/s", intake.sustainedPerSecond());
    }

    @Override
    public List<String> markdown() {
      List<String> md = new ArrayList<>();
      md.add(String.format(Locale.ROOT, "- **Intake sustained: %.1f requests/s** (the search %s)", intake.sustainedPerSecond(),
          intake.resolution()));
      md.add("");
      md.addAll(Report.stepsTable(intake, LoanJourneys.INTAKE_MILESTONES));
      return md;
    }
  }

  @Override
  public String id() {
    return "intake";
  }

  @Override
  public String title() {
    return "Intake alone (POST /api/applications)";
  }

  @Override
  public Result run(Context context) throws Exception {
    LoanJourneys loans = new LoanJourneys(context.http(), context.timer(), context.pace());
    BenchmarkSettings settings = context.settings();
    // Intake is cheaper than a whole application: start the search higher (it kept up with 80/s in every run so
    // far), one bisection (no target rests on this rate).
    BenchmarkSettings faster = settings.withSearch(Math.max(5, settings.stepSeconds() / 2),
        Math.max(5, settings.halfRateSeconds() / 2), settings.startRate() * 8, settings.maxRate() * 4, 1);
    RateSearch search = new RateSearch(new OpenModel(context.http(), context.cpu(), context.settings().latencyBoundSeconds()), faster, context::settle);
    return new Result(search.search("intake", (rate, count) -> i -> loans.intake(), LoanJourneys.INTAKE_MILESTONES, 15));
  }
}
