package com.smeloanflow.monitoring;

import com.smeloanflow.servicing.LoanAccount;
import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.servicing.LoanNotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Post-loan monitoring over the API: a loan's monitoring (rhythm, classification with its history,
 * signals, checks), early-warning signals reported by other systems and staff, and reclassifications
 * proposed by a person for a second person's approval.
 */
@RestController
@RequestMapping("/api/loans/{loanId}")
@Tag(name = "Post-loan monitoring", description = "Rhythm, early-warning signals, checks and five-tier classification")
public class MonitoringController {

  private final MonitoringQueryService monitoring;
  private final WarningSignalService signals;
  private final RiskClassificationService classification;
  private final LoanAccountService loans;
  private final MonitoringAccess access;

  public MonitoringController(MonitoringQueryService monitoring, WarningSignalService signals,
      RiskClassificationService classification, LoanAccountService loans, MonitoringAccess access) {
    this.monitoring = monitoring;
    this.signals = signals;
    this.classification = classification;
    this.loans = loans;
    this.access = access;
  }

  /** A signal another system or a member of staff reports. */
  public record SignalRequest(String eventId, String signalType, LocalDate observedOn, String summary, Evidence evidence) {}

  /** What the signal rests on; the measures feed the severity table. */
  public record Evidence(String reference, String details, String taxRating, BigDecimal overdueAmount,
      Integer openEnforcementCases, Integer inflowDropPercent) {}

  /** What became of a reported signal. */
  public record SignalAnswer(String signalId, String status, String outcome, String duplicateOf, String checkId,
      SignalSeverity severity, String severityLabel, String severityReason) {}

  /** A proposed reclassification. */
  public record ReclassificationRequest(String classification, String reason) {}

  @GetMapping(path = "/monitoring", produces = "application/json")
  @Operation(summary = "The loan's post-loan monitoring",
      description = "Status, watch list and rhythm (quarterly when 正常, monthly on the watch list), the next periodic"
          + " check, the risk review's classification with every change (cause, inputs, rules, reason, who decided, who"
          + " asked), the signals with their evidence and severity, the checks with their outcome, reclassification"
          + " proposals, line instructions and the open tasks. Once monitoring ended (status ENDED) no check is due: rhythm"
          + " and nextCheckDue are null, rhythmLabel 监控已结束, 不再定期检查 (lastCheckOn and the checks stay); closure SETTLED,"
          + " WRITTEN_OFF, or CANCELLED when an operator deleted or cancelled the monitoring instance (Cockpit, engine REST"
          + " API), closedOn (business date), closureLabel (why, in Chinese: 贷款已结清, 贷款已核销, 贷后监控流程已由运维人员 …"
          + " 终止), and for CANCELLED cancelledBy (the user the engine knew: the authenticated user, for a batch deletion"
          + " the user who created the batch; else null), cancelledAt and cancelReason (the delete reason given to the"
          + " engine, a batch deletion's included; 通过流程实例修改 for an instance a modification ended, which gives the"
          + " engine no reason; else null). loanStatus is the ledger's (ACTIVE, SETTLED, WRITTEN_OFF): a"
          + " monitoring cancelled by an operator keeps closure CANCELLED when the loan is settled or written off later,"
          + " and its closureLabel adds 其后贷款已结清 / 其后贷款已核销. Central staff and the loan's own branch; the borrowers'"
          + " channel (channel-gateway) gets 403, whatever the loan: check findings, evidence and reasons are staff's own"
          + " notes, never told to a borrower.")
  @ApiResponse(responseCode = "200", description = "The loan's monitoring")
  @ApiResponse(responseCode = "403", description = "A loan of another branch, or the borrowers' channel",
      content = @Content(mediaType = "application/problem+json"))
  @ApiResponse(responseCode = "404", description = "No such loan, or never under monitoring",
      content = @Content(mediaType = "application/problem+json"))
  public MonitoringView get(@PathVariable("loanId") String loanId, Authentication caller) {
    MonitoredLoan loan = monitoring.find(loanId).orElseThrow(() -> MonitoredLoan.notFound(loanId));
    access.requireMayRead(loan.branchCode(), caller, loanId);
    return monitoring.view(loanId);
  }

  @PostMapping(path = "/signals", consumes = "application/json", produces = "application/json")
  @Operation(summary = "Report an early-warning signal (预警信号)",
      description = "signalType: TAX_RATING_DROP, COURT_ENFORCEMENT, DISHONEST_DEBTOR, OVERDUE_ELSEWHERE, INFLOW_COLLAPSE,"
          + " LICENCE_STATUS_CHANGE, ACCOUNT_FROZEN, CONTROLLER_UNREACHABLE, NEGATIVE_NEWS. A new signal starts a check at"
          + " once (201): remote by the remote banking centre, on site by the branch's customer managers when the table"
          + " warning-signal-severity calls it serious. A signal of a type still open for the loan is kept as a duplicate and"
          + " starts nothing (200, duplicateOf). The same eventId from the same reporter again answers as the first time"
          + " (200); with other content 409. Core banking, the processing and remote banking centres, a central"
          + " team's leads, administrators, and the customer managers and leads of the loan's branch.")
  @ApiResponse(responseCode = "201", description = "A check started")
  @ApiResponse(responseCode = "200", description = "A duplicate of an open signal, or the same report again")
  @ApiResponse(responseCode = "400", description = "Bad field (application/problem+json naming it); nothing stored",
      content = @Content(mediaType = "application/problem+json"))
  @ApiResponse(responseCode = "403", description = "Not allowed for this loan's branch", content = @Content(mediaType = "application/problem+json"))
  @ApiResponse(responseCode = "404", description = "No such loan", content = @Content(mediaType = "application/problem+json"))
  @ApiResponse(responseCode = "409", description = "Not under monitoring, or the event id reused with other content",
      content = @Content(mediaType = "application/problem+json"))
  public ResponseEntity<SignalAnswer> report(@PathVariable("loanId") String loanId, @RequestBody SignalRequest request,
      Authentication caller) {
    access.requireMayReportSignal(branchOf(loanId), caller, loanId);
    Evidence e = request.evidence();
    SignalEvidence evidence = e == null ? null : new SignalEvidence(null, null, e.reference(), e.details(), e.taxRating(),
        e.overdueAmount(), e.openEnforcementCases(), e.inflowDropPercent());
    WarningSignalService.Report report = signals.report(new ReportSignal(loanId, request.eventId(), request.signalType(),
        request.observedOn(), request.summary(), evidence, caller.getName()));
    WarningSignal signal = report.signal();
    return ResponseEntity.status(report.outcome() == WarningSignalService.Outcome.CHECK_STARTED && !report.replayed()
            ? HttpStatus.CREATED : HttpStatus.OK)
        .body(new SignalAnswer(signal.signalId(), signal.status(), report.outcome().name(), signal.duplicateOf(),
            signal.checkId(), signal.severity(), signal.severity().label(), signal.severityReason()));
  }

  @PostMapping(path = "/reclassifications", consumes = "application/json", produces = "application/json")
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(summary = "Propose a reclassification (风险分类调整)",
      description = "classification: NORMAL, SPECIAL_MENTION, SUBSTANDARD, DOUBTFUL or LOSS, never below the floor by days"
          + " past due; reason required. A second person (credit-approvers or the leads of the loan's branch, not the"
          + " proposer) approves or rejects it in Tasklist (审批风险分类调整); approved, the table risk-classification decides again with it. One pending"
          + " proposal per loan (409). The remote banking centre, approvers, a central team's leads and the branch's customer"
          + " managers and leads.")
  @ApiResponse(responseCode = "201", description = "Proposed; the approval task is open")
  @ApiResponse(responseCode = "400", description = "Bad field (application/problem+json naming it); nothing stored",
      content = @Content(mediaType = "application/problem+json"))
  @ApiResponse(responseCode = "403", description = "Not allowed for this loan's branch", content = @Content(mediaType = "application/problem+json"))
  @ApiResponse(responseCode = "404", description = "No such loan", content = @Content(mediaType = "application/problem+json"))
  @ApiResponse(responseCode = "409", description = "Not under monitoring, or a proposal awaits a decision",
      content = @Content(mediaType = "application/problem+json"))
  public MonitoringView.ProposalView propose(@PathVariable("loanId") String loanId,
      @RequestBody ReclassificationRequest request, Authentication caller) {
    access.requireMayProposeReclassification(branchOf(loanId), caller, loanId);
    return MonitoringView.ProposalView.of(classification.propose(new ProposeReclassification(loanId,
        request.classification(), request.reason(), caller.getName())));
  }

  private String branchOf(String loanId) {
    return loans.find(loanId).map(LoanAccount::branchCode).orElseThrow(() -> new LoanNotFoundException(loanId));
  }
}
