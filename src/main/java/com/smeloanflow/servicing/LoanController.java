package com.smeloanflow.servicing;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Loan accounts opened at disbursement, with their repayment schedules. */
@RestController
@RequestMapping("/api/loans")
@Tag(name = "Loans", description = "Loan accounts and repayment schedules")
public class LoanController {

  private final LoanAccountService loans;

  public LoanController(LoanAccountService loans) {
    this.loans = loans;
  }

  @GetMapping(path = "/{id}", produces = "application/json")
  @Operation(summary = "A loan account and its repayment schedule",
      description = "Terms, core banking posting and every instalment (due date, principal, interest, total, principal remaining)")
  @ApiResponse(responseCode = "200", description = "The loan account")
  @ApiResponse(responseCode = "404", description = "No loan with this id (application/problem+json)",
      content = @Content(mediaType = "application/problem+json"))
  public LoanView get(@PathVariable("id") String id) {
    return loans.find(id).map(LoanView::of).orElseThrow(() -> new LoanNotFoundException(id));
  }
}
