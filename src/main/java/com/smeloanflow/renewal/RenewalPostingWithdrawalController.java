package com.smeloanflow.renewal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators (camunda-admin) withdraw the record of a renewal posting under way that nothing will end any more (its
 * repayments of the principal due at maturity are refused with 409 {@code RENEWAL_POSTING} meanwhile), instead of
 * editing {@code loan_account} by hand.
 */
@RestController
@Tag(name = "Administration")
public class RenewalPostingWithdrawalController {

  private final RenewalPostingWithdrawals withdrawals;

  public RenewalPostingWithdrawalController(RenewalPostingWithdrawals withdrawals) {
    this.withdrawals = withdrawals;
  }

  @PostMapping(path = "/api/admin/renewal-postings/{loanId}/withdrawal", produces = "application/json")
  @Operation(summary = "Withdraw a renewal posting left recorded as under way on a loan",
      description = "While a renewal's maturity posting is under way the loan records it (renewal_posting_principal), and"
          + " repayments or reversals that would change the principal due at maturity are refused (409 [RENEWAL_POSTING])."
          + " The posting job ends the record itself, and so does the end of the renewal's process however it ends; this"
          + " withdraws one left behind otherwise. Refused (409) while the renewal's posting job is still there (running,"
          + " waiting for a retry, or stopped in an incident: retry it, or cancel the renewal's process), while the record is"
          + " younger than the job lock time (camunda.bpm.job-execution.lock-time-in-millis: the run that wrote it may still"
          + " be waiting for core banking to post; the detail says from when it may be withdrawn), and when core"
          + " banking booked the posting under RENEWAL-<loanId> (money moved: an operator books it, nothing is withdrawn)"
          + " or cannot say. Core banking is asked before anything is withdrawn, and only the record read before it asked:"
          + " one a run of the posting wrote meanwhile stays (409).")
  @ApiResponse(responseCode = "200", description = "Withdrawn: the principal due at maturity is owed as agreed again")
  @ApiResponse(responseCode = "404", description = "No such loan, or no renewal posting recorded on it",
      content = @Content(mediaType = "application/problem+json"))
  @ApiResponse(responseCode = "409", description = "The posting job is still there, the record is younger than the job"
      + " lock time, core banking booked the posting or"
      + " cannot say, or the record changed meanwhile", content = @Content(mediaType = "application/problem+json"))
  public RenewalPostingWithdrawals.Withdrawal withdraw(@PathVariable("loanId") String loanId, Principal principal) {
    return withdrawals.withdraw(loanId, principal.getName());
  }
}
