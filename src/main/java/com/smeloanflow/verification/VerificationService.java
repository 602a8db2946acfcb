package com.smeloanflow.verification;

import com.smeloanflow.casefile.ApplicationChecks;
import com.smeloanflow.casefile.ApplicationHistory;
import com.smeloanflow.casefile.CheckType;
import com.smeloanflow.casefile.CustomerReason;
import com.smeloanflow.casefile.DeclineService;
import com.smeloanflow.casefile.Stage;
import com.smeloanflow.platform.InvalidTaskInputException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Remote verification by the remote banking centre and field investigation by the branch's customer
 * managers (贷前信息核实). A confirmed verification needs all four checks; an unreachable applicant is
 * called again (3 attempts); a failed verification goes to field investigation; a failed investigation
 * declines the application: staff keep the findings, the applicant is told the information could not
 * be verified.
 */
@Service
public class VerificationService {

  /** What a call found. */
  public enum CallOutcome {
    CONFIRMED, UNREACHABLE, FAILED
  }

  /** What an investigation on site found. */
  public enum InvestigationOutcome {
    CONFIRMED, FAILED
  }

  /** What a remote verification confirms, by form checkbox. */
  public static final Map<String, String> CALL_CHECKS = new LinkedHashMap<>();

  static {
    CALL_CHECKS.put("identityConfirmed", "身份核实一致");
    CALL_CHECKS.put("businessOperating", "企业正常经营");
    CALL_CHECKS.put("purposeConfirmed", "贷款用途属实");
    CALL_CHECKS.put("consentRecorded", "已取得授权并录音");
  }

  /** One call as the verifier recorded it; {@code confirmed} holds the ticked checks of {@link #CALL_CHECKS}. */
  public record Call(String applicationId, String verifier, CallOutcome outcome, java.util.Set<String> confirmed, String notes) {}

  public record Investigation(String applicationId, String manager, InvestigationOutcome outcome, String findings) {}

  private final ApplicationChecks checks;
  private final ApplicationHistory history;
  private final DeclineService declines;

  public VerificationService(ApplicationChecks checks, ApplicationHistory history, DeclineService declines) {
    this.checks = checks;
    this.history = history;
    this.declines = declines;
  }

  /** @return the number of this attempt (1 for the first call) */
  public int recordCall(Call call) {
    StringBuilder details = new StringBuilder();
    for (Map.Entry<String, String> check : CALL_CHECKS.entrySet()) {
      boolean ok = call.confirmed().contains(check.getKey());
      details.append(check.getValue()).append(ok ? "✓ " : "✗ ");
      if (call.outcome() == CallOutcome.CONFIRMED && !ok) {
        throw new InvalidTaskInputException("核实通过前须确认: " + check.getValue() + " (" + check.getKey() + " must be checked)");
      }
    }
    if (call.outcome() != CallOutcome.CONFIRMED && (call.notes() == null || call.notes().isBlank())) {
      throw new InvalidTaskInputException("请填写核实情况说明 (verificationNotes is required unless confirmed)");
    }
    int attempt = checks.count(call.applicationId(), CheckType.REMOTE_VERIFICATION) + 1;
    checks.record(call.applicationId(), CheckType.REMOTE_VERIFICATION, attempt, call.outcome().name(), call.verifier(),
        details.toString().trim(), call.notes());
    history.record(call.applicationId(), call.verifier(), "REMOTE_VERIFICATION_" + call.outcome(),
        "第 " + attempt + " 次; " + details.toString().trim());
    return attempt;
  }

  public void recordInvestigation(Investigation investigation) {
    if (investigation.findings() == null || investigation.findings().isBlank()) {
      throw new InvalidTaskInputException("请填写实地调查情况 (investigationFindings is required)");
    }
    checks.record(investigation.applicationId(), CheckType.FIELD_INVESTIGATION, 1, investigation.outcome().name(),
        investigation.manager(), null, investigation.findings());
    history.record(investigation.applicationId(), investigation.manager(), "FIELD_INVESTIGATION_" + investigation.outcome(),
        investigation.findings());
    if (investigation.outcome() == InvestigationOutcome.FAILED) {
      declines.decline(DeclineService.Decline.rejection(investigation.applicationId(), Stage.VERIFICATION,
          investigation.manager(), "实地调查不属实: " + investigation.findings(), CustomerReason.INFORMATION_NOT_VERIFIED));
    }
  }
}
