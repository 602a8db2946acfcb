package com.smeloanflow.processing.source;

/**
 * Water, power and gas billing of the enterprise's premises (水电气缴费). All fields {@code null}:
 * no data.
 */
public record UtilityRecord(Integer monthsOfHistory, Integer latePaymentsLast24m) {

  public static UtilityRecord noData() {
    return new UtilityRecord(null, null);
  }
}
