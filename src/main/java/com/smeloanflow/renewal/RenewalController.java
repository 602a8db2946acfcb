package com.smeloanflow.renewal;

import com.smeloanflow.identity.BranchAccess;
import com.smeloanflow.servicing.LoanAccount;
import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.servicing.LoanNotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Renewal without repaying principal (无还本续贷) over the API: the borrower's application and the renewal's state. */
@RestController
@RequestMapping("/api/loans/{loanId}")
@Tag(name = "Renewal", description = "Renewal without repaying principal (无还本续贷): offer, application, approval, maturity")
public class RenewalController {

  private final RenewalApplicationService applications;
  private final LoanAccountService loans;
  private final BranchAccess branchAccess;

  public RenewalController(RenewalApplicationService applications, LoanAccountService loans, BranchAccess branchAccess) {
    this.applications = applications;
    this.loans = loans;
    this.branchAccess = branchAccess;
  }

  /** The borrower's application, as the channel sends it. */
  public record RenewalApplicationRequest(
      @Schema(description = "the channel's id of this request; a retry sends the same", example = "MB-RN-20261201-0001")
      String requestId) {}

  @PostMapping(path = "/renewal-applications", consumes = "application/json", produces = "application/json")
  @Operation(summary = "The borrower applies for renewal without repaying principal (无还本续贷)",
      description = "Taken while the loan's renewal is offered (the daily offer scan found it eligible 30 to 60 days before"
          + " maturity) and the offer has not expired (30 days before maturity). Starts approval (loan-renewal): 201. The same"
          + " requestId again answers 200 with the renewal as it is now and starts nothing. 409 with a code in the detail:"
          + " [NOT_IN_WINDOW] not a working-capital loan 30-60 days before maturity, [NOT_OFFERED] not offered (not eligible),"
          + " [OFFER_EXPIRED], [PRINCIPAL_CHANGED] a prepayment changed the principal due at maturity since the offer,"
          + " [ALREADY_APPLIED] another request applied, [CALLED_IN] a post-loan check called the loan in,"
          + " [REQUEST_ID_REUSED] the requestId was used for another loan. The channel only.")
  @ApiResponse(responseCode = "201", description = "Applied; approval started")
  @ApiResponse(responseCode = "200", description = "The same request again: the renewal as it is now")
  @ApiResponse(responseCode = "400", description = "No or a bad requestId (application/problem+json naming it); nothing stored",
      content = @Content(mediaType = "application/problem+json"))
  @ApiResponse(responseCode = "404", description = "No such loan", content = @Content(mediaType = "application/problem+json"))
  @ApiResponse(responseCode = "409", description = "Refused: not in the window, not offered, expired, the principal due"
      + " changed since the offer, called in, already applied, or the requestId used for another loan",
      content = @Content(mediaType = "application/problem+json"))
  public ResponseEntity<RenewalView> apply(@PathVariable("loanId") String loanId, @RequestBody RenewalApplicationRequest request,
      Authentication caller) {
    RenewalApplicationService.Applied applied = applications.apply(
        new ApplyForRenewal(loanId, request.requestId(), caller.getName()));
    return ResponseEntity.status(applied.created() ? HttpStatus.CREATED : HttpStatus.OK).body(forCaller(applied.renewal(), caller));
  }

  @GetMapping(path = "/renewal", produces = "application/json")
  @Operation(summary = "The loan's renewal: offer, application, approval, contract, maturity posting or amount review",
      description = "404 until the offer scan evaluated the loan; to the channel also for a loan the scan found not"
          + " eligible (NOT_ELIGIBLE: nothing is offered or told to the borrower), with the same detail either way (借据 …"
          + " 没有续贷邀请). renewalAmount is the signed amount; a prepayment after"
          + " signing that changed the principal due at maturity shows in principalDueAtMaturity and the status (AMOUNT_REVIEW"
          + " while the approver group reviews the amount, WITHDRAWN when not renewed, PRINCIPAL_PREPAID when all of it was"
          + " prepaid); MATURITY_OVERDUE when the daily close had counted the maturity principal overdue before the posting"
          + " ran (not renewed); CANCELLED when an operator cancelled the renewal's process before it reached an end;"
          + " CALLED_IN when a post-loan check called the loan in while the renewal was under way (never renewed);"
          + " renewedAmount is what the new loan lent (RENEWED). Staff also see the eligibility table's inputs and"
          + " reason (eligibility), while the maturity posting fails what happens next (postingProblem), and for a"
          + " CANCELLED or CALLED_IN renewal whose contract was sent and not signed whether the e-signature service has"
          + " cancelled its envelope yet (envelopeCancellation: status CANCELLED or WAITING, statusLabel, cancelledAt,"
          + " attempts refused, lastError: 电子签约服务拒绝撤销续贷合同: and the service's own text, lastTriedAt)."
          + " Staff also see every vote the committee's members cast (committeeVotes: round, 1 for the first vote and one"
          + " more after each reopening; member; vote APPROVE or REJECT; voteLabel 同意 or 反对; comment, the member's"
          + " reasons; votedAt), the first first,"
          + " and each time the committee's chair reopened a vote nobody cast by its deadline"
          + " (committeeRevotes: reopenedBy, reopenedAt, reason; 提交贷审会重新表决)."
          + " The channel sees none of these. Central staff, the channel and the loan's own"
          + " branch.")
  @ApiResponse(responseCode = "200", description = "The renewal")
  @ApiResponse(responseCode = "403", description = "A loan of another branch", content = @Content(mediaType = "application/problem+json"))
  @ApiResponse(responseCode = "404", description = "No such loan, or not evaluated for renewal (for the channel, also not"
      + " eligible)",
      content = @Content(mediaType = "application/problem+json"))
  public RenewalView get(@PathVariable("loanId") String loanId, Authentication caller) {
    LoanAccount loan = loans.find(loanId).orElseThrow(() -> new LoanNotFoundException(loanId));
    branchAccess.requireMayRead(loan.branchCode(), caller, "借据 " + loanId + " 的续贷", "the renewal of loan " + loanId);
    boolean channel = BranchAccess.isChannel(caller);
    RenewalView view = applications.view(loanId)
        .filter(renewal -> !channel || renewal.status() != RenewalStatus.NOT_ELIGIBLE)
        .orElseThrow(() -> channel ? LoanRenewal.noOffer(loanId) : LoanRenewal.notFound(loanId));
    return forCaller(view, caller);
  }

  /**
   * The channel shows the borrower: no internal eligibility facts or maturity decline reason, no committee votes or revotes, no posting problem, no envelope cancellation (an
   * operator's matter, with the e-signature service's own error texts), and the status in the borrower's words
   * ({@link RenewalStatus#customerLabel}: a cancelled renewal does not tell of the bank's operators).
   */
  private static RenewalView forCaller(RenewalView view, Authentication caller) {
    if (!BranchAccess.isChannel(caller)) {
      return view;
    }
    return new RenewalView(view.loanId(), view.status(), view.status().customerLabel(), view.maturityDate(), view.offerExpiresOn(),
        view.offerOpen(), view.renewalAmount(), view.requestId(), view.appliedAt(), null, null, view.customerReasonText(),
        view.contractNumber(), view.signedAt(), view.newLoanId(), view.principalDueAtMaturity(), view.renewedAmount(),
        view.closedOn(), null, null, null, null, null, null);
  }
}
