package com.smeloanflow.notification;

import java.util.Map;
import java.util.Optional;

/**
 * Contributes placeholder values for the applicant mails from one stage's data (e.g. the
 * application, the contract, the loan account). {@link MailOutbox} merges every provider's values
 * when it renders a mail. Exactly one provider, the stage that holds the applicant's contact data,
 * also names the {@linkplain #recipient recipient}; notification itself knows no stage.
 */
public interface MailValueProvider {

  Map<String, String> values(String applicationId);

  /** The applicant's mail address, from the one provider that holds it; empty from all others. */
  default Optional<String> recipient(String applicationId) {
    return Optional.empty();
  }
}
