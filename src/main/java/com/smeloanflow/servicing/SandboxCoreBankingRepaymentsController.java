package com.smeloanflow.servicing;

import com.smeloanflow.platform.BusinessClock;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.context.annotation.Profile;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Demo and test profiles only: the sandbox core banking system plays repayments and bounced payments
 * (it reports them to the repayment feed as the real one would, as user {@code core-banking}), and an
 * administrator runs the daily close up to a chosen business date, so the collection ladder can be
 * walked in minutes.
 */
@RestController
@Profile({"demo", "test"})
@Tag(name = "Sandbox", description = "Sandbox outside systems for tests and demos")
public class SandboxCoreBankingRepaymentsController {

  static final String CORE_BANKING_USER = "core-banking";

  private final RepaymentService repayments;
  private final DailyCloseService dailyClose;
  private final BusinessClock clock;

  public SandboxCoreBankingRepaymentsController(RepaymentService repayments, DailyCloseService dailyClose,
      BusinessClock clock) {
    this.repayments = repayments;
    this.dailyClose = dailyClose;
    this.clock = clock;
  }

  /** A repayment the borrower makes; the value date defaults to today. */
  public record SandboxRepayment(BigDecimal amount, LocalDate valueDate) {}

  /** Why the payment bounced; defaults to 退票. */
  public record Bounce(String reason) {}

  @PostMapping(path = "/api/sandbox/core-banking/loans/{loanId}/repayments", consumes = "application/json",
      produces = "application/json")
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(summary = "The borrower repays: core banking reports it to the repayment feed",
      description = "A new transaction id each call (SBX...), reported by core-banking; the feed's rules apply (400/404/409).")
  @ApiResponse(responseCode = "201", description = "Applied")
  @ApiResponse(responseCode = "400", description = "Bad field, as the feed answers it", content = @Content(mediaType = "application/problem+json"))
  @ApiResponse(responseCode = "404", description = "No such loan", content = @Content(mediaType = "application/problem+json"))
  @ApiResponse(responseCode = "409", description = "The loan is settled, or a renewal posting under way", content = @Content(mediaType = "application/problem+json"))
  public RepaymentView repay(@PathVariable("loanId") String loanId, @RequestBody SandboxRepayment repayment) {
    String transactionId = "SBX" + UUID.randomUUID().toString().replace("-", "").substring(0, 20).toUpperCase();
    return RepaymentView.of(repayments.receive(new ReceiveRepayment(loanId, transactionId, repayment.amount(),
        repayment.valueDate() == null ? clock.today() : repayment.valueDate(), CORE_BANKING_USER)).repayment());
  }

  @PostMapping(path = "/api/sandbox/core-banking/loans/{loanId}/repayments/{transactionId}/bounce",
      produces = "application/json")
  @Operation(summary = "The payment bounced: core banking reverses it", description = "What it paid is owed again.")
  @ApiResponse(responseCode = "200", description = "Reversed")
  @ApiResponse(responseCode = "404", description = "No such loan or repayment", content = @Content(mediaType = "application/problem+json"))
  @ApiResponse(responseCode = "409", description = "Refused as the feed's reversal refuses it", content = @Content(mediaType = "application/problem+json"))
  public RepaymentView bounce(@PathVariable("loanId") String loanId, @PathVariable("transactionId") String transactionId,
      @RequestBody(required = false) Bounce bounce) {
    String reason = bounce == null || bounce.reason() == null ? "退票" : bounce.reason();
    return RepaymentView.of(repayments.reverse(new ReverseRepayment(loanId, transactionId, reason, CORE_BANKING_USER))
        .repayment());
  }

  @PostMapping(path = "/api/sandbox/daily-close", produces = "application/json")
  @Operation(summary = "Run the daily close up to a business date (administrators)",
      description = "Closes every business date from the day after the last completed close up to businessDate, in order,"
          + " as the 00:30 timer does for yesterday, after resuming any earlier date whose close crashed: overdue"
          + " instalments, penalty interest, days past due, classification, settlement, collection cases. Answers the runs;"
          + " 409 while another close runs, and when more dates are unclosed than smeloan.daily-close.max-catch-up-days"
          + " (nothing closed).")
  @ApiResponse(responseCode = "200", description = "The runs, one per business date")
  @ApiResponse(responseCode = "409", description = "Another close runs, or more dates to catch up on than allowed",
      content = @Content(mediaType = "application/problem+json"))
  public List<DailyCloseRun> closeThrough(
      @RequestParam("businessDate") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate businessDate) {
    return dailyClose.closeThrough(businessDate);
  }
}
