package com.smeloanflow.model;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rules of each decision table that the rule-by-rule DMN tests made fire, in this JVM: the tables' test
 * evaluators ({@code DecisionTableTester}, {@code DmnTable}) record every rule that fired after the hit policy
 * (the first one for FIRST, each one for COLLECT), and {@link DecisionRuleCoverageTest} compares them with the rules
 * of the table.
 */
public final class FiredRules {

  private static final Map<String, Set<String>> FIRED = new ConcurrentHashMap<>();

  private FiredRules() {
  }

  public static void record(String decisionKey, String ruleId) {
    FIRED.computeIfAbsent(decisionKey, key -> ConcurrentHashMap.newKeySet()).add(ruleId);
  }

  static Set<String> of(String decisionKey) {
    return Set.copyOf(FIRED.getOrDefault(decisionKey, Set.of()));
  }
}
