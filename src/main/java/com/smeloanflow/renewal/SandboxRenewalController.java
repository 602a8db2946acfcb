package com.smeloanflow.renewal;

import com.smeloanflow.disbursement.ESignatureService;
import com.smeloanflow.disbursement.SandboxESignature;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.platform.FieldViolation;
import com.smeloanflow.platform.InvalidFieldsException;
import com.smeloanflow.platform.StateConflictException;
import com.smeloanflow.process.LoanRenewalProcess;
import com.smeloanflow.process.ProcessVariable;
import com.smeloanflow.process.RenewalOfferScanProcess;
import com.smeloanflow.servicing.LoanAccount;
import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.servicing.LoanNotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Demo and test profiles only: a renewal played through within minutes. The daily renewal offer scan is made due now,
 * so a tester sees the offers within seconds (the job executor runs it, as it runs the daily one); one loan is
 * evaluated now whatever its maturity; the legal representative signs the renewal contract in the sandbox e-signature
 * service; the renewal's maturity falls due now.
 */
@RestController
@Profile({"demo", "test"})
@Tag(name = "Sandbox", description = "Sandbox outside systems for tests and demos")
public class SandboxRenewalController {

  private final ManagementService management;
  private final RuntimeService runtime;
  private final BusinessClock clock;
  private final RenewalRepository renewals;
  private final SandboxESignature eSignature;
  private final RenewalOfferService offers;
  private final LoanAccountService loans;
  private final RenewalApplicationService applications;

  public SandboxRenewalController(ManagementService management, RuntimeService runtime, BusinessClock clock, RenewalRepository renewals,
      SandboxESignature eSignature, RenewalOfferService offers, LoanAccountService loans,
      RenewalApplicationService applications) {
    this.management = management;
    this.runtime = runtime;
    this.clock = clock;
    this.renewals = renewals;
    this.eSignature = eSignature;
    this.offers = offers;
    this.loans = loans;
    this.applications = applications;
  }

  @PostMapping(path = "/api/sandbox/renewals/loans/{loanId}/evaluation", produces = "application/json")
  @Operation(summary = "Sandbox: evaluate one loan for renewal now, whatever its maturity",
      description = "For the demo, where no loan is 30 to 60 days from maturity yet: the loan is evaluated as the daily scan"
          + " would (eligibility table, offer mail), the offer open until 30 days before its maturity. 409 when it was"
          + " evaluated already or is not an active working-capital loan.")
  @ApiResponse(responseCode = "200", description = "The loan's renewal as evaluated")
  @ApiResponse(responseCode = "404", description = "No such loan", content = @Content(mediaType = "application/problem+json"))
  @ApiResponse(responseCode = "409", description = "Evaluated already, or not an active working-capital loan", content = @Content(mediaType = "application/problem+json"))
  public RenewalView evaluateNow(@PathVariable("loanId") String loanId) {
    LoanAccount loan = loans.find(loanId).orElseThrow(() -> new LoanNotFoundException(loanId));
    if (!LoanAccount.ACTIVE.equals(loan.status()) || !RenewalPolicy.WORKING_CAPITAL_PRODUCTS.contains(loan.product())) {
      throw new StateConflictException("借据 " + loanId + " 不是未结清的流动资金贷款, 不能评估续贷 (loan " + loanId
          + " is not an active working-capital loan)");
    }
    if (renewals.find(loanId).isPresent() || offers.evaluate(loanId, clock.today()) == null) {
      throw new StateConflictException("借据 " + loanId + " 已评估过续贷, 不再重新评估 (loan " + loanId
          + " was evaluated for renewal already)");
    }
    return applications.view(loanId).orElseThrow();
  }

  @PostMapping(path = "/api/sandbox/renewals/loans/{loanId}/maturity", produces = "application/json")
  @ResponseStatus(HttpStatus.ACCEPTED)
  @Operation(summary = "Sandbox: the renewal's maturity timer falls due now",
      description = "For the demo: the renewal process acts as at the old loan's maturity within seconds (the job executor"
          + " runs it): a signed renewal is posted (or, after a prepayment since signing, goes to 复核续贷金额 or ends with nothing"
          + " to renew), an unsigned one lapses, and so does one still awaiting its decision (审批续贷申请, the committee's votes"
          + " or the chair's resolution: the tasks are cancelled). From now on the renewal process takes now for the maturity (a review's"
          + " 按到期应还本金续贷 then goes on to the posting at once, as after a real maturity). A signed renewal whose maturity"
          + " date is no working day first runs, at once, the check of the last working day before it: after a prepayment"
          + " since signing 复核续贷金额 opens (the posting follows its decision), otherwise the maturity falls due as above."
          + " 409 when the renewal waits for no maturity (e.g. for 复核续贷金额).")
  @ApiResponse(responseCode = "202", description = "The maturity (or the check before it) is due now")
  @ApiResponse(responseCode = "409", description = "The renewal waits for no maturity", content = @Content(mediaType = "application/problem+json"))
  public ScanDue maturityNow(@PathVariable("loanId") String loanId) {
    ProcessInstance renewal = runtime.createProcessInstanceQuery().processDefinitionKey(LoanRenewalProcess.KEY)
        .processInstanceBusinessKey(loanId).singleResult();
    Job check = renewal == null ? null : timer(renewal, LoanRenewalProcess.Elements.TIMER_AMOUNT_CHECK_DUE);
    Job maturity = renewal == null ? null : maturityTimer(renewal);
    String waitsForNoMaturity = "借据 " + loanId + " 的续贷没有在等待到期 (the renewal of loan " + loanId
        + " waits for no maturity)";
    if (check == null && maturity == null) {
      throw new StateConflictException(waitsForNoMaturity);
    }
    Date now = Date.from(clock.now());
    ProcessVariable.trusted(() -> {
      runtime.setVariable(renewal.getId(), LoanRenewalProcess.Variables.MATURES_AT.name(), now);
      return null;
    });
    if (check != null) {
      // The check of the last working day before a maturity nobody works, now. It opens 复核续贷金额 (the posting follows
      // its decision) or goes on to the maturity timer, which it creates due at the maturity set above, now: the job
      // executor is told of it and may be running it already, so it is left alone (moving its due date as well made
      // that run fail on the changed timer and wait minutes for a retry).
      management.executeJob(check.getId());
      return new ScanDue(now.toInstant());
    }
    return dueNow(maturity, waitsForNoMaturity);
  }

  /** The renewal's timer that waits for its maturity (signed, unsigned or undecided), if it waits for one. */
  private Job maturityTimer(ProcessInstance renewal) {
    return Stream.of(LoanRenewalProcess.Elements.TIMER_LOAN_MATURES,
            LoanRenewalProcess.Elements.BOUNDARY_MATURED_UNSIGNED, LoanRenewalProcess.Elements.BOUNDARY_MATURED_UNDECIDED)
        .map(activityId -> timer(renewal, activityId)).filter(Objects::nonNull).findFirst().orElse(null);
  }

  private Job timer(ProcessInstance renewal, String activityId) {
    return management.createJobQuery().processInstanceId(renewal.getId()).timers().activityId(activityId).singleResult();
  }


  @PostMapping(path = "/api/sandbox/e-signature/renewals/{loanId}/sign", produces = "application/json")
  @Operation(summary = "Sandbox: the legal representative signs the renewal contract of a loan in the e-signature service")
  @ApiResponse(responseCode = "200", description = "The signature")
  @ApiResponse(responseCode = "400", description = "The loan has no renewal contract (NO_CONTRACT)", content = @Content(mediaType = "application/problem+json"))
  public ESignatureService.Signature sign(@PathVariable("loanId") String loanId) {
    String envelopeId = renewals.find(loanId).map(LoanRenewal::envelopeId).orElseThrow(() -> new InvalidFieldsException(
        List.of(new FieldViolation("loanId", "NO_CONTRACT", "借据 " + loanId + " 还没有续贷合同"))));
    return eSignature.sign(envelopeId);
  }

  /** When the timer was made due. */
  public record ScanDue(Instant dueAt) {}

  @PostMapping(path = "/api/sandbox/renewals/scan", produces = "application/json")
  @ResponseStatus(HttpStatus.ACCEPTED)
  @Operation(summary = "Run the renewal offer scan now",
      description = "The daily scan's timer becomes due now; the job executor runs it within seconds (the demo). Loans"
          + " maturing 30 to 60 days from today are evaluated: see GET /api/loans/{loanId}/renewal. The timer then keeps its"
          + " daily rhythm.")
  @ApiResponse(responseCode = "202", description = "The scan is due now")
  @ApiResponse(responseCode = "409", description = "No scan timer (renewal-offer-scan not deployed)", content = @Content(mediaType = "application/problem+json"))
  public ScanDue scanNow() {
    Job timer = management.createJobQuery().processDefinitionKey(RenewalOfferScanProcess.KEY).timers()
        .activityId(RenewalOfferScanProcess.Elements.START_SCAN_DUE).singleResult();
    return dueNow(timer, "续贷邀请扫描没有定时器, 请确认流程 renewal-offer-scan 已部署 (the renewal offer scan has no"
        + " timer: is renewal-offer-scan deployed?)");
  }

  /** The timer falls due now; the job executor runs it within seconds. */
  private ScanDue dueNow(Job timer, String missing) {
    if (timer == null) {
      throw new StateConflictException(missing);
    }
    Date now = Date.from(clock.now());
    management.setJobDuedate(timer.getId(), now);
    return new ScanDue(now.toInstant());
  }
}
