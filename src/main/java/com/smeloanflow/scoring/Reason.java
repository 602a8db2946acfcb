package com.smeloanflow.scoring;

/**
 * Why the score is what it is: one finding of the model, the points it gave in its dimension, and
 * an explanation in Chinese a member of staff can read to the applicant or an auditor. The points
 * of the reasons of a dimension add up to that dimension's sub-score.
 *
 * @param code e.g. {@code FLOW_STABLE_12M}, see {@link ReasonCode}
 * @param dimension {@code OPERATING}, {@code CREDIT}, {@code BEHAVIOUR} or {@code SCENARIO}
 * @param points points given (0 when the finding cost the applicant the points of its block)
 * @param explanation e.g. "近12个月经营流水稳定, 月均流入 52.3 万元"
 */
public record Reason(String code, String dimension, int points, String explanation) {}
