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

  /** Why the enterprise is no prospect: an open application, or a loan; empty when neither. */
  Optional<String[]> relation(String creditCode) {
    List<String> ids = applications.applicationsOfEnterprise(creditCode);
    if (ids.isEmpty()) {
      return Optional.empty();
    }
    List<String> open = caseFiles.openAmong(ids);
    if (!open.isEmpty()) {
      return Optional.of(new String[] {"OPEN_APPLICATION", "该企业已有在办贷款申请 " + String.join("、", open.subList(0, Math.min(3, open.size())))});
    }
    Optional<String> disbursed = ids.stream()
        .filter(id -> caseFiles.status(id).filter(status -> status == ApplicationStatus.DISBURSED).isPresent()).findFirst();
    return disbursed.map(id -> new String[] {"EXISTING_CUSTOMER", "该企业已是我行贷款客户 (申请 " + id + " 已放款)"});
  }
}
