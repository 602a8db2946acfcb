package com.smeloanflow.processing;

import com.smeloanflow.casefile.ApplicationHistory;
import com.smeloanflow.casefile.CaseFiles;
import com.smeloanflow.intake.LoanApplication;
import com.smeloanflow.intake.LoanApplicationRepository;
import java.math.BigDecimal;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Duplicate and concurrent applications, and the borrower's exposure: another open application of the
 * same enterprise is flagged to the processing centre instead of being processed twice; the exposure
 * over the enterprise and its legal representative's other enterprises is what the approval authority
 * applies to.
 */
@Service
public class DuplicateCheckService {

  private final LoanApplicationRepository applications;
  private final CaseFiles caseFiles;
  private final ProcessingOutcomes outcomes;
  private final ExposureService exposure;
  private final ApplicationHistory history;

  public DuplicateCheckService(LoanApplicationRepository applications, CaseFiles caseFiles, ProcessingOutcomes outcomes,
      ExposureService exposure, ApplicationHistory history) {
    this.applications = applications;
    this.caseFiles = caseFiles;
    this.outcomes = outcomes;
    this.exposure = exposure;
    this.history = history;
  }

  /** @return the other open applications of the enterprise (empty: no duplicate) */
  public List<String> check(String applicationId) {
    LoanApplication application = applications.get(applicationId);
    List<String> others = caseFiles.openAmong(applications.applicationsOfEnterprise(application.creditCode())).stream()
        .filter(id -> !id.equals(applicationId)).toList();
    if (!others.isEmpty()) {
      String listed = listed(others);
      outcomes.saveDuplicates(applicationId, listed);
      history.record(applicationId, "system", "DUPLICATE_FLAGGED", "同一企业的其他在途申请: " + listed);
    }
    BigDecimal total = exposure.exposureOf(application);
    outcomes.saveExposure(applicationId, total);
    history.record(applicationId, "system", "EXPOSURE", "借款人授信敞口(在途申请 + 未结清贷款, 含本笔) " + total.toPlainString() + " 元");
    return others;
  }

  /** How many other applications are named; more are counted (the column and the reviewer's form stay readable). */
  static final int LISTED_DUPLICATES = 20;

  /** The other applications' ids, at most {@link #LISTED_DUPLICATES} of them, then how many there are. */
  static String listed(List<String> others) {
    if (others.size() <= LISTED_DUPLICATES) {
      return String.join(",", others);
    }
    return String.join(",", others.subList(0, LISTED_DUPLICATES)) + ",… (共 " + others.size() + " 件)";
  }
}
