package com.smeloanflow.intake;

import com.smeloanflow.casefile.ApplicationStatus;
import com.smeloanflow.identity.BranchAccess;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.security.Principal;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The channel API (DESIGN.md §6): applications in, their status out. */
@RestController
@RequestMapping("/api/applications")
@Tag(name = "Applications", description = "Loan applications from the channels")
public class ApplicationController {

  private final IntakeService intake;
  private final ApplicationQueryService queries;

  private final LoanApplicationRepository applications;
  private final ApplicationAccess access;

  public ApplicationController(IntakeService intake, ApplicationQueryService queries,
      LoanApplicationRepository applications, ApplicationAccess access) {
    this.intake = intake;
    this.queries = queries;
    this.applications = applications;
    this.access = access;
  }

  public record SubmissionResponse(String applicationId, ApplicationStatus status) {}

  @PostMapping(consumes = "application/json", produces = "application/json")
  @Operation(summary = "Submit a loan application",
      description = "Validates every field, stores the application and starts loan-origination. "
          + "A retry with the same Idempotency-Key and body returns the first answer and starts nothing new, also when "
          + "a rule it passed then (the branch taking applications, a date) no longer holds.")
  @ApiResponse(responseCode = "201", description = "Application accepted for processing",
      content = @Content(examples = @ExampleObject(value = "{\"applicationId\":\"SL20261123000001\",\"status\":\"SUBMITTED\"}")))
  @ApiResponse(responseCode = "400", description = "Bad fields, each named (application/problem+json)",
      content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(value = """
          {"type":"https://smeloan.example.com/problems/invalid-request","title":"请求信息有误","status":400,
           "detail":"1 个字段有误: enterprise.creditCode","errors":[{"field":"enterprise.creditCode","code":"INVALID_CHECK_CHARACTER","message":"统一社会信用代码校验位错误(GB 32100)"}]}""")))
  @ApiResponse(responseCode = "422", description = "Idempotency-Key reused for a different request, or a well-formed"
      + " application refused: a legal representative or personal guarantor under 18 (UNDER_AGE, naming"
      + " legalRepresentative.idNumber or guarantors[i].idNumber); nothing"
      + " stored", content = @Content(mediaType = "application/problem+json"))
  public ResponseEntity<SubmissionResponse> submit(
      @RequestBody ApplicationRequest request,
      @Parameter(description = "Makes retries safe: the same key returns the first answer")
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
      Principal principal) {
    IntakeService.Submission submission = intake.submit(request, principal.getName(),
        idempotencyKey == null || idempotencyKey.isBlank() ? null : idempotencyKey.trim());
    return ResponseEntity.created(URI.create("/api/applications/" + submission.applicationId()))
        .header("Idempotent-Replayed", String.valueOf(submission.replayed()))
        .body(new SubmissionResponse(submission.applicationId(), submission.status()));
  }

  @GetMapping(path = "/{id}/history", produces = "application/json")
  @Operation(summary = "The application's history, in time order",
      description = "Staff (central staff and the application's own branch) get who did what when: every business event"
          + " with its actor (a user id, system or a group), what (the event type, e.g. FLAGS_OVERRIDDEN,"
          + " DISBURSEMENT_HOLD, COMMITTEE_VOTE_REJECT) and detail (their notes included), and the tasks from Camunda's"
          + " history (what: TASK and its name, actor: who worked it). The channel (channel-gateway) gets what the"
          + " applicant may be shown: the status changes (what: STATUS_ and the status, label: the status's label as"
          + " statusLabel of GET /api/applications/{id} says it) and the applicant's milestones (what: SUBMITTED,"
          + " ACCEPTED, DOCUMENTS_RECEIVED, DOCUMENTS_PARTLY_RECEIVED, CONTRACT_SIGNED, GUARANTEE_SIGNED,"
          + " MORTGAGE_REGISTERED; label: 申请已提交, 申请已受理, 补充资料已收到 …), without actor, staff's notes,"
          + " reviews, checks, committee votes, flags or tasks; detail only on STATUS_REJECTED and STATUS_WITHDRAWN: the"
          + " reviewed customer reason's text, as outcome.reason of GET /api/applications/{id} and the mail say it.")
  @ApiResponse(responseCode = "200", description = "The history", content = @Content(examples = {
      @ExampleObject(name = "channel", value = """
          [{"at":"2026-11-23T02:00:00Z","what":"SUBMITTED","label":"申请已提交"},
           {"at":"2026-11-23T02:00:01Z","what":"STATUS_IN_PROCESSING","label":"集中处理中"},
           {"at":"2026-11-24T06:30:00Z","what":"STATUS_REJECTED","label":"已拒绝","detail":"经我行综合评估, 暂不符合我行授信条件。"}]"""),
      @ExampleObject(name = "staff", value = """
          [{"at":"2026-11-23T02:00:00Z","actor":"channel","what":"SUBMITTED","detail":"手机银行 / 信用快贷 / 100000.00 元"},
           {"at":"2026-11-24T06:30:00Z","actor":"centre-processor","what":"REJECTED","detail":"集中作业: 集中作业中心复核拒绝: 执行案件涉及主要结算账户 [告知客户: OVERALL_ASSESSMENT]"}]""")}))
  @ApiResponse(responseCode = "403", description = "An application of another branch", content = @Content(mediaType = "application/problem+json"))
  @ApiResponse(responseCode = "404", description = "No such application", content = @Content(mediaType = "application/problem+json"))
  public java.util.List<ApplicationQueryService.HistoryEntry> history(@PathVariable("id") String id,
      org.springframework.security.core.Authentication caller) {
    LoanApplication application = applications.get(id);
    access.requireMayRead(application, caller);
    return BranchAccess.isChannel(caller) ? queries.historyForApplicant(application) : queries.history(application);
  }

  @GetMapping(path = "/{id}", produces = "application/json")
  @Operation(summary = "Status of an application", description = "Status, current stage, open tasks, the documents awaited, the guarantee contracts to sign while it awaits signatures (their numbers for POST .../guarantee-signatures), decision; the loan id once paid out, or the credit line id once a revolving line was opened. The channel (channel-gateway) gets currentStage and openTasks in texts written for the applicant (网点受理, 审查中, 审批中, …; 等待网点受理您的申请, 等待您补充资料, 银行审查中, …), never staff's task names, and the decision as the applicant may be shown it: only route, grade, totalScore and the four sub-scores, reasons, approvedAmount, approvedGuaranteeType, repaymentMethod, approvalConditions and the rate (annualRatePercent, lprTenor, lprPercent, spreadPercent). Staff also get the decision's routeReason (internal), redFlags, decisionTables, borrowerExposure (which adds up other applications and other enterprises of the same legal representative), collateralCap, suggestedLimit, scoringModel and approvalAuthority. A declined application's reason is outcome.reason, the reviewed customer reason")
  @ApiResponse(responseCode = "200", description = "The application")
  @ApiResponse(responseCode = "403", description = "An application of another branch", content = @Content(mediaType = "application/problem+json"))
  @ApiResponse(responseCode = "404", description = "No such application", content = @Content(mediaType = "application/problem+json"))
  public ApplicationView get(@PathVariable("id") String id, org.springframework.security.core.Authentication caller) {
    LoanApplication application = applications.get(id);
    access.requireMayRead(application, caller);
    return BranchAccess.isChannel(caller) ? queries.viewForApplicant(application) : queries.view(application);
  }
}
