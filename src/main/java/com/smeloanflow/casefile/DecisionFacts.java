package com.smeloanflow.casefile;

import java.util.Map;
import java.util.Set;

/**
 * The facts a stage gives its decision tables: {@link DecisionFactsListener} puts them, before a
 * business rule task evaluates, into one transient variable {@code facts} (never stored), which the
 * tables read as {@code facts.grade}, {@code facts.borrowerExposure}, ...
 */
public interface DecisionFacts {

  /** The business rule task ids this stage gives facts to. */
  Set<String> activities();

  Map<String, Object> facts(String applicationId, String activityId);
}
