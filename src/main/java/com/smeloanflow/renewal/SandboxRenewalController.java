package com.smeloanflow.renewal;

import com.smeloanflow.disbursement.ESignatureService;
import com.smeloanflow.disbursement.SandboxESignature;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.platform.FieldViolation;
import com.smeloanflow.platform.InvalidFieldsException;
import com.smeloanflow.platform.StateConflictException;
import com.smeloanflow.process.RenewalOfferScanProcess;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Demo and test profiles only: the daily renewal offer scan is made due now, so a tester sees the offers
 * within seconds (the job executor runs it, as it runs the daily one).
 */
@RestController
@Profile({"demo", "test"})
@Tag(name = "Sandbox", description = "Sandbox outside systems for tests and demos")
public class SandboxRenewalController {

  private final ManagementService management;
  private final BusinessClock clock;
  private final RenewalRepository renewals;
  private final SandboxESignature eSignature;

  public SandboxRenewalController(ManagementService management, BusinessClock clock, RenewalRepository renewals,
      SandboxESignature eSignature) {
    this.management = management;
    this.clock = clock;
    this.renewals = renewals;
    this.eSignature = eSignature;
  }

  @PostMapping(path = "/api/sandbox/e-signature/renewals/{loanId}/sign", produces = "application/json")
  @Operation(summary = "Sandbox: the legal representative signs the renewal contract of a loan in the e-signature service")
  public ESignatureService.Signature sign(@PathVariable("loanId") String loanId) {
    String envelopeId = renewals.find(loanId).map(LoanRenewal::envelopeId).orElseThrow(() -> new InvalidFieldsException(
        List.of(new FieldViolation("loanId", "NO_CONTRACT", "借据 " + loanId + " 还没有续贷合同"))));
    return eSignature.sign(envelopeId);
  }

  /** When the scan was made due. */
  public record ScanDue(Instant dueAt) {}

  @PostMapping(path = "/api/sandbox/renewals/scan", produces = "application/json")
  @ResponseStatus(HttpStatus.ACCEPTED)
  @Operation(summary = "Run the renewal offer scan now",
      description = "The daily scan's timer becomes due now; the job executor runs it within seconds (the demo). Loans"
          + " maturing 30 to 60 days from today are evaluated: see GET /api/loans/{loanId}/renewal. The timer then keeps its"
          + " daily rhythm.")
  public ScanDue scanNow() {
    Job timer = management.createJobQuery().processDefinitionKey(RenewalOfferScanProcess.KEY).timers()
        .activityId(RenewalOfferScanProcess.Elements.START_SCAN_DUE).singleResult();
    if (timer == null) {
      throw new StateConflictException("The renewal offer scan has no timer (is renewal-offer-scan deployed?)");
    }
    Date now = Date.from(clock.now());
    management.setJobDuedate(timer.getId(), now);
    return new ScanDue(now.toInstant());
  }
}
