package com.smeloanflow.notification;

import java.util.Map;

/**
 * Contributes placeholder values for the applicant mails from one stage's data (e.g. the contract,
 * the loan account). {@link ApplicantMailService} merges every provider's values.
 */
public interface MailValueProvider {

  Map<String, String> values(String applicationId);
}
