package com.smeloanflow.monitoring;

import java.math.BigDecimal;
import java.util.List;

/**
 * What a checker recorded in a check's form.
 *
 * @param checkId      the check
 * @param outcome      the conclusion; null when none was chosen
 * @param findings     what the checker found (required)
 * @param checklist    what the checker ticked
 * @param lineMeasure  with RESTRICT_LINE: reduce or freeze
 * @param reducedLimit with REDUCE: the limit that remains
 * @param checkedBy    who checked
 */
public record CompleteCheck(String checkId, CheckOutcome outcome, String findings, List<String> checklist,
    LineMeasure lineMeasure, BigDecimal reducedLimit, String checkedBy) {}
