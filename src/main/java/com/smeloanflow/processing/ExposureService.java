package com.smeloanflow.processing;

import com.smeloanflow.casefile.CaseFiles;
import com.smeloanflow.intake.LoanApplication;
import com.smeloanflow.intake.LoanApplicationRepository;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * A borrower's exposure with the bank, which the approval authority applies to (not one application):
 * the requested amounts of open applications plus the outstanding principal of disbursed loans, over
 * the enterprise and every enterprise with the same legal representative. Splitting a loan into two
 * applications does not dodge the committee, and a second AUTO loan on top of a first is not AUTO if
 * the two together exceed the model's ceiling.
 */
@Service
public class ExposureService {

  private final LoanApplicationRepository applications;
  private final CaseFiles caseFiles;
  private final List<BorrowerExposure> loans;

  public ExposureService(LoanApplicationRepository applications, CaseFiles caseFiles, List<BorrowerExposure> loans) {
    this.applications = applications;
    this.caseFiles = caseFiles;
    this.loans = loans;
  }

  /** The exposure, this application's requested amount included. */
  public BigDecimal exposureOf(LoanApplication application) {
    List<String> related = applications.applicationsOfBorrower(application.creditCode(), application.legalRepIdNumber());
    Set<String> open = new HashSet<>(caseFiles.openAmong(related));
    open.add(application.id());
    BigDecimal requested = BigDecimal.ZERO;
    for (String id : open) {
      requested = requested.add(id.equals(application.id()) ? application.requestedAmount() : applications.get(id).requestedAmount());
    }
    List<String> others = related.stream().filter(id -> !open.contains(id)).toList();
    BigDecimal outstanding = others.isEmpty() ? BigDecimal.ZERO : loans.stream()
        .map(source -> source.outstandingPrincipal(others)).reduce(BigDecimal.ZERO, BigDecimal::add);
    return requested.add(outstanding).setScale(2, java.math.RoundingMode.UNNECESSARY);
  }
}
