package com.smeloanflow.intake;

import com.smeloanflow.casefile.ApplicationHistory;

import com.smeloanflow.platform.BusinessClock;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Service;

/** Branch acceptance: the document checklist and what follows from it. */
@Service
public class AcceptanceService {

  private final LoanApplicationRepository applications;
  private final ApplicationStatusUpdater status;
  private final ApplicationHistory history;
  private final BusinessClock clock;

  public AcceptanceService(LoanApplicationRepository applications, ApplicationStatusUpdater status,
      ApplicationHistory history, BusinessClock clock) {
    this.applications = applications;
    this.status = status;
    this.history = history;
    this.clock = clock;
  }

  /**
   * Records which required documents the branch has, by the person who checked them.
   *
   * @return the documents still missing; empty when the application is accepted
   */
  public List<RequiredDocument> recordChecklist(String applicationId, Set<RequiredDocument> received, String acceptor,
      String notes) {
    LoanApplication application = applications.get(applicationId);
    List<RequiredDocument> missing = application.requiredDocuments().stream()
        .filter(document -> !received.contains(document))
        .toList();
    applications.updateMissingDocuments(applicationId, missing, clock.now());
    String detail = (missing.isEmpty() ? "资料齐全" : "缺少: " + labels(missing)) + (notes == null || notes.isBlank() ? "" : "; 备注: " + notes);
    if (missing.isEmpty()) {
      history.record(applicationId, acceptor, "ACCEPTED", detail);
      status.set(applicationId, ApplicationStatus.IN_PROCESSING);
    } else {
      history.record(applicationId, acceptor, "DOCUMENTS_MISSING", detail);
      status.set(applicationId, ApplicationStatus.DOCUMENTS_MISSING);
    }
    return missing;
  }

  /** The missing documents arrived, at the branch or through a channel; the branch checks them again. */
  public void documentsReceived(String applicationId, String receivedBy, String detail) {
    history.record(applicationId, receivedBy, "DOCUMENTS_RECEIVED", detail);
    status.set(applicationId, ApplicationStatus.AWAITING_ACCEPTANCE);
  }

  /** Nothing arrived in time: the application is withdrawn. */
  public void withdrawForMissingDocuments(String applicationId) {
    history.record(applicationId, "system", "WITHDRAWN", "补件期限届满, 未收到: " + labels(applications.get(applicationId).missingDocuments()));
    status.set(applicationId, ApplicationStatus.WITHDRAWN);
  }

  static String labels(List<RequiredDocument> documents) {
    return String.join("、", documents.stream().map(RequiredDocument::label).toList());
  }
}
