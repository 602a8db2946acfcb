package com.smeloanflow.intake;

import com.smeloanflow.notification.MailValueProvider;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Mail recipient and placeholders from the application: the legal representative's address, and
 * {@code applicationId}, {@code legalRepName}, {@code enterpriseName}, {@code productName},
 * {@code requestedAmount}, {@code termMonths}, {@code missingDocuments}.
 */
@Component
public class ApplicantMailValues implements MailValueProvider {

  private final LoanApplicationRepository applications;

  public ApplicantMailValues(LoanApplicationRepository applications) {
    this.applications = applications;
  }

  @Override
  public Map<String, String> values(String applicationId) {
    LoanApplication application = applications.get(applicationId);
    Map<String, String> values = new HashMap<>();
    values.put("applicationId", application.id());
    values.put("legalRepName", application.legalRepName());
    values.put("enterpriseName", application.enterpriseName());
    values.put("productName", application.product().label());
    values.put("requestedAmount", application.requestedAmount().toPlainString());
    values.put("termMonths", String.valueOf(application.termMonths()));
    values.put("missingDocuments", application.missingDocuments().stream()
        .map(doc -> "  - " + doc.label()).collect(Collectors.joining("\n")));
    return values;
  }

  @Override
  public Optional<String> recipient(String applicationId) {
    return Optional.of(applications.get(applicationId).legalRepEmail());
  }
}
