package com.smeloanflow.servicing;

import com.smeloanflow.identity.BranchAccess;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Loan accounts: one loan with its ledger, and pages of loans for staff. Branch staff read only their branch's loans. */
@RestController
@RequestMapping("/api/loans")
@Tag(name = "Loans", description = "Loan accounts, schedules, arrears, classification and collection")
public class LoanController {

  private final LoanQueryService loans;
  private final BranchAccess branchAccess;

  public LoanController(LoanQueryService loans, BranchAccess branchAccess) {
    this.loans = loans;
    this.branchAccess = branchAccess;
  }

  @GetMapping(path = "/{loanId}", produces = "application/json")
  @Operation(summary = "A loan with its schedule, arrears, classification, repayments and collection case",
      description = "Terms; every instalment with what was paid of it, penalty interest and its state (DUE, OVERDUE, PAID);"
          + " a loan called in by a post-loan check (acceleratedOn, its repay-by date) has every instalment not yet due"
          + " re-dated to that date, the period under way with its interest up to it, the later ones with none;"
          + " outstanding principal and interest, arrears, penalty interest, today's payoff amount; days past due and the"
          + " five-tier classification with the history and reason of each change; repayments with their allocation (a"
          + " reversed one with the penalty interest its reversal charged, reversalPenaltyCharges); the"
          + " open collection case (every case with its whole history: GET /api/loans/{loanId}/collection-cases); for a written-off loan (writeOff) the claim kept at the write-off (principal written off,"
          + " interest and penalty interest then unpaid), what was recovered since and what remains, and each recovery"
          + " (核销后收回) with its value date and amount. Branch staff read only their own branch's loans (403 otherwise). The"
          + " channel (channel-gateway) gets what the borrower may be shown: the classification changes without their"
          + " reasons, the collection case without its rung (ladderStep, ladderLabel null) and its open tasks (empty).")
  @ApiResponse(responseCode = "200", description = "The loan")
  @ApiResponse(responseCode = "403", description = "A loan of another branch", content = @Content(mediaType = "application/problem+json",
      examples = @ExampleObject(value = """
          {"type":"https://smeloan.example.com/problems/forbidden","title":"无权访问","status":403,
           "detail":"无权查看网点 ZY002 的借据 LN20261123000001 (user zy001-acceptor may not read loan LN20261123000001 of branch ZY002)",
           "instance":"/api/loans/LN20261123000001"}""")))
  @ApiResponse(responseCode = "404", description = "No loan with this id (application/problem+json)",
      content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(value = """
          {"type":"https://smeloan.example.com/problems/not-found","title":"贷款不存在","status":404,
           "detail":"借据 LN19990101999999 不存在 (loan LN19990101999999 does not exist)","instance":"/api/loans/LN19990101999999"}""")))
  public LoanView get(@PathVariable("loanId") String loanId, Authentication caller) {
    LoanAccount account = loans.account(loanId).orElseThrow(() -> new LoanNotFoundException(loanId));
    branchAccess.requireMayRead(account.branchCode(), caller, "借据 " + loanId, "loan " + loanId);
    LoanView view = loans.view(account);
    return BranchAccess.isChannel(caller) ? view.forChannel() : view;
  }

  @GetMapping(produces = "application/json")
  @Operation(summary = "Loans for staff, a page at a time",
      description = "Filters: branchCode, status (ACTIVE, SETTLED, WRITTEN_OFF), minDaysPastDue; page from 0, size 1-200"
          + " (default 20), ordered by loan id. Branch staff see only their branch's loans; asking for another branch is 403.")
  @ApiResponse(responseCode = "200", description = "A page of loans")
  @ApiResponse(responseCode = "400", description = "Bad query parameter", content = @Content(mediaType = "application/problem+json"))
  @ApiResponse(responseCode = "403", description = "Another branch's loans asked for by branch staff",
      content = @Content(mediaType = "application/problem+json"))
  public LoanPage list(@RequestParam(name = "branchCode", required = false) String branchCode,
      @RequestParam(name = "status", required = false) String status,
      @RequestParam(name = "minDaysPastDue", required = false) Integer minDaysPastDue,
      @RequestParam(name = "page", required = false) Integer page,
      @RequestParam(name = "size", required = false) Integer size, Authentication caller) {
    if (branchCode != null) {
      branchAccess.requireMayRead(branchCode, caller, "贷款", "loans");
    }
    return loans.list(new LoanQueryService.LoanFilter(branchCode, status, minDaysPastDue, page, size),
        branchAccess.readableBranches(caller));
  }
}
