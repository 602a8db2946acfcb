package com.smeloanflow.campaign;

import com.smeloanflow.casefile.ApplicationStatus;
import com.smeloanflow.casefile.CaseFiles;
import com.smeloanflow.intake.LoanApplicationRepository;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * What the bank already has with an enterprise, by credit code, as read from the stages that own it:
 * its applications (intake) and where each stands (the case file). An application that was disbursed
 * makes the enterprise a customer (every loan of this system is disbursed by loan-origination); one
 * not yet disbursed, rejected or withdrawn is open.
 */
@Component
class EnterpriseRelations {

  private final LoanApplicationRepository applications;
  private final CaseFiles caseFiles;

  EnterpriseRelations(LoanApplicationRepository applications, CaseFiles caseFiles) {
    this.applications = applications;
    this.caseFiles = caseFiles;
  }

  /**
   * What the enterprise already has with the bank: {@code OPEN_APPLICATION} (the import's reason code) with the
   * newest open application, or {@code EXISTING_CUSTOMER} with the first disbursed one; the message as staff read it.
   */
  record Relation(String code, String applicationId, String message) {

    /** How a prospect of the enterprise converted without the campaign's contact. */
    Prospect.Conversion conversion() {
      return code.equals(OPEN_APPLICATION) ? Prospect.Conversion.APPLIED_ELSEWHERE : Prospect.Conversion.EXISTING_CUSTOMER;
    }
  }

  static final String OPEN_APPLICATION = "OPEN_APPLICATION";
  static final String EXISTING_CUSTOMER = "EXISTING_CUSTOMER";

  /** Why the enterprise is no prospect: an open application, or a loan; empty when neither. */
  Optional<Relation> relation(String creditCode) {
    List<String> ids = applications.applicationsOfEnterprise(creditCode);
    if (ids.isEmpty()) {
      return Optional.empty();
    }
    List<String> open = caseFiles.openAmong(ids);
    if (!open.isEmpty()) {
      return Optional.of(new Relation(OPEN_APPLICATION, open.get(open.size() - 1),
          "该企业已有在办贷款申请 " + String.join("、", open.subList(0, Math.min(3, open.size())))));
    }
    Optional<String> disbursed = ids.stream()
        .filter(id -> caseFiles.status(id).filter(status -> status == ApplicationStatus.DISBURSED).isPresent()).findFirst();
    return disbursed.map(id -> new Relation(EXISTING_CUSTOMER, id, "该企业已是我行贷款客户 (申请 " + id + " 已放款)"));
  }
}
