package com.smeloanflow.monitoring;

import com.smeloanflow.servicing.Classification;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * One change of the risk review's classification ({@code risk_classification_change}): who, why and
 * the inputs.
 *
 * @param businessDate   the business date
 * @param cause          what made the table decide again (a check, a signal, the floor, a reclassification)
 * @param causeRef       the check, signal or proposal
 * @param classification the new classification
 * @param previous       the one before
 * @param inputs         the table's inputs
 * @param matchedRules   the rules of risk-classification that fired
 * @param reason         why, in the words staff read
 * @param decidedBy      {@code risk-classification} (the table), or for an approved reclassification its approver
 * @param requestedBy    who caused it: the checker, the reporter, the proposer, {@code system}
 * @param decidedAt      when
 */
public record RiskClassificationChange(LocalDate businessDate, String cause, String causeRef, Classification classification,
    Classification previous, Map<String, Object> inputs, List<String> matchedRules, String reason, String decidedBy,
    String requestedBy, Instant decidedAt) {}
