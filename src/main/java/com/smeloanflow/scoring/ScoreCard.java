package com.smeloanflow.scoring;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The result of the four-dimension model for one application, stored with it so the decision can be
 * explained later: the total of 0–1000 and its grade, the four sub-scores, the limit the model
 * suggests, the red flags and the reasons behind every point.
 *
 * @param totalScore 0–1000, the sum of the four sub-scores
 * @param grade "A".."E" by the bands of {@link Grade}; "E" whenever a hard red flag is raised
 * @param operatingScore 0–300
 * @param creditScore 0–350
 * @param behaviourScore 0–200
 * @param scenarioScore 0–150
 * @param suggestedLimit CNY, 2 decimals, rounded down to whole thousands; 0 on grade E
 * @param redFlags hard flags first, in the order of {@link RedFlagCode}
 * @param reasons every finding with its points, by dimension
 * @param modelVersion the model that scored, e.g. {@code 4D-1.0}
 */
public record ScoreCard(
    int totalScore,
    String grade,
    int operatingScore,
    int creditScore,
    int behaviourScore,
    int scenarioScore,
    BigDecimal suggestedLimit,
    List<RedFlag> redFlags,
    List<Reason> reasons,
    String modelVersion) {

  public ScoreCard {
    redFlags = List.copyOf(redFlags);
    reasons = List.copyOf(reasons);
  }

  /** A flag that makes the application ineligible (the decision table rejects it). */
  public boolean hasHardRedFlag() {
    return redFlags.stream().anyMatch(RedFlag::hard);
  }

  /** Any red flag, hard or soft. */
  public boolean hasRedFlag() {
    return !redFlags.isEmpty();
  }

  /** The red flag codes joined by commas, e.g. {@code DISHONEST_DEBTOR,DATA_GAP}; empty when none. */
  public String redFlagCodes() {
    return redFlags.stream().map(RedFlag::code).collect(Collectors.joining(","));
  }

  /** The reason codes given, in order. */
  public List<String> reasonCodes() {
    return reasons.stream().map(Reason::code).toList();
  }
}
