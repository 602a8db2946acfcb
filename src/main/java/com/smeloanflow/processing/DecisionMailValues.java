package com.smeloanflow.processing;

import com.smeloanflow.notification.MailValueProvider;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Mail placeholder from the route decided for the application: {@code routeReason} (why it was declined). */
@Component
public class DecisionMailValues implements MailValueProvider {

  /** The reason given when whoever declined gave none. */
  public static final String DEFAULT_REASON = "不符合贷款条件";

  private final ProcessingOutcomeRepository outcomes;

  public DecisionMailValues(ProcessingOutcomeRepository outcomes) {
    this.outcomes = outcomes;
  }

  @Override
  public Map<String, String> values(String applicationId) {
    String reason = outcomes.find(applicationId).map(ProcessingOutcomeRepository.Outcome::routeReason).orElse(null);
    return Map.of("routeReason", reason == null ? DEFAULT_REASON : reason);
  }
}
