package com.smeloanflow.servicing;

import com.smeloanflow.identity.BranchAccess;
import com.smeloanflow.intake.LoanApplicationRepository;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Loan accounts opened at disbursement, with their repayment schedules. A loan belongs to the branch
 * of the application it came from; branch staff read only their own branch's loans (identity.BranchAccess).
 */
@RestController
@RequestMapping("/api/loans")
@Tag(name = "Loans", description = "Loan accounts and repayment schedules")
public class LoanController {

  private final LoanAccountService loans;
  private final LoanApplicationRepository applications;
  private final BranchAccess branchAccess;

  public LoanController(LoanAccountService loans, LoanApplicationRepository applications, BranchAccess branchAccess) {
    this.loans = loans;
    this.applications = applications;
    this.branchAccess = branchAccess;
  }

  @GetMapping(path = "/{id}", produces = "application/json")
  @Operation(summary = "A loan account and its repayment schedule",
      description = "Terms, core banking posting and every instalment (due date, principal, interest, total, principal remaining)."
          + " Branch staff read only their own branch's loans (403 otherwise).")
  @ApiResponse(responseCode = "200", description = "The loan account")
  @ApiResponse(responseCode = "403", description = "A loan of another branch (application/problem+json)",
      content = @Content(mediaType = "application/problem+json"))
  @ApiResponse(responseCode = "404", description = "No loan with this id (application/problem+json)",
      content = @Content(mediaType = "application/problem+json"))
  public LoanView get(@PathVariable("id") String id, Authentication caller) {
    LoanAccount loan = loans.find(id).orElseThrow(() -> new LoanNotFoundException(id));
    // A loan always comes from an application; were it missing, only central staff would read the loan.
    String branchCode = applications.findById(loan.applicationId()).map(a -> a.branchCode()).orElse("(none)");
    branchAccess.requireMayRead(branchCode, caller, "loan " + id);
    return LoanView.of(loan);
  }
}
