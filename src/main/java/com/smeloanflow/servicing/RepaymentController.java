package com.smeloanflow.servicing;

import com.smeloanflow.identity.BranchAccess;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The repayment feed of core banking: repayments and their reversals, and money received for a written-off loan booked
 * as a recovery (核销后收回) of its claim (core-banking and channel-gateway system users).
 */
@RestController
@RequestMapping("/api/loans/{loanId}/repayments")
@Tag(name = "Repayments", description = "Repayment feed from core banking")
public class RepaymentController {

  private final RepaymentService repayments;

  public RepaymentController(RepaymentService repayments) {
    this.repayments = repayments;
  }

  /** A repayment core banking debited. */
  public record RepaymentRequest(String transactionId, BigDecimal amount, LocalDate valueDate) {}

  /** Why core banking reverses a repayment. */
  public record ReversalRequest(String reason) {}

  @PostMapping(consumes = "application/json", produces = "application/json")
  @Operation(summary = "Report a repayment",
      description = "Applied once per transactionId, in the loan's allocation order (decision table repayment-allocation,"
          + " by product and guarantee type);"
          + " what is left after the overdue and the current instalment prepays principal and recomputes the later"
          + " instalments. An amount above the payoff amount is refused (400, field amount): no credit balance is held."
          + " The valueDate is today or earlier (China Standard Time) and not before the loan's disbursement day"
          + " (400 IN_FUTURE, BEFORE_DISBURSEMENT)."
          + " A repayment reported after the daily close of its value date (or of later dates) is applied as of its value"
          + " date: the penalty interest those closes charged on the principal it paid is reversed (penaltyReversed,"
          + " penaltyReversals per instalment: the closes' dates and days, the amount), an instalment due on the value date"
          + " or later is paid as the current one, and the payoff amount it is held to is the value date's; money paid on"
          + " the due date D and reported after D's close owes no penalty interest, paid on D+1 one day's."
          + " The transactionId is unique in the bank and its case carries no meaning: tx-001 and TX-001 are one bank"
          + " transaction, credited to one loan once, kept as first reported."
          + " The same transactionId with the same body answers 200 with the repayment applied; with another body 409"
          + " (detail [TRANSACTION_ID_REUSED], in Chinese, naming the first report's loan, amount and value date), also"
          + " when reported for another loan, in any case, and when two loans' reports of it race; a settled"
          + " loan 409 [LOAN_SETTLED]. While a renewal posting of the loan is under way (无还本续贷 at maturity), the"
          + " principal due at maturity it repays is taken as repaid: the payoff amount leaves it out (400 EXCEEDS_PAYOFF,"
          + " 正由续贷归还), and a repayment that would still change it (a prepayment recomputing the schedule) is 409"
          + " [RENEWAL_POSTING], nothing stored: report it again once the renewal is booked."
          + " On a written-off loan (核销) the money is a recovery (kind RECOVERY, 核销后收回) of the claim the bank kept:"
          + " it pays the principal written off first, then the interest due and unpaid at the write-off, then the penalty"
          + " interest then unpaid (field recovery); the instalments stay as written off and the loan stays WRITTEN_OFF."
          + " A recovery above the claim remaining is 400 (field amount, EXCEEDS_CLAIM, naming it), one dated before the"
          + " write-off 400 (field valueDate, BEFORE_WRITE_OFF, naming the write-off day); nothing is stored.")
  @ApiResponse(responseCode = "201", description = "Applied")
  @ApiResponse(responseCode = "200", description = "Already applied: the same report again")
  @ApiResponse(responseCode = "400", description = "Bad field (application/problem+json naming it); nothing stored",
      content = @Content(mediaType = "application/problem+json"))
  @ApiResponse(responseCode = "404", description = "No such loan", content = @Content(mediaType = "application/problem+json"))
  @ApiResponse(responseCode = "409", description = "Transaction id reused with another body (another loan too, in any"
      + " case), the loan is settled, or a"
      + " renewal posting under way would have its principal due at maturity changed",
      content = @Content(mediaType = "application/problem+json"))
  public ResponseEntity<RepaymentView> receive(@PathVariable("loanId") String loanId, @RequestBody RepaymentRequest request,
      Authentication caller) {
    RepaymentService.Receipt receipt = repayments.receive(new ReceiveRepayment(loanId, request.transactionId(),
        request.amount(), request.valueDate(), caller.getName()));
    return ResponseEntity.status(receipt.replayed() ? HttpStatus.OK : HttpStatus.CREATED)
        .body(forCaller(RepaymentView.of(receipt.repayment()), caller));
  }

  @PostMapping(path = "/{transactionId}/reversal", consumes = "application/json", produces = "application/json")
  @Operation(summary = "Reverse a repayment (冲正, e.g. a bounced payment)",
      description = "What the repayment paid is owed again: overdue instalments it paid are overdue again (the penalty"
          + " interest of the days daily closes took it as paid is charged at once: penaltyChargedByReversal, and"
          + " reversalPenaltyCharges per instalment with the reversal's business date chargedOn, the days chargedFrom to"
          + " chargedThrough and the amount; the loan's repayments show them too), a prepayment's"
          + " recomputed instalments are restored (only while no later repayment is posted: 409 LATER_REPAYMENT_POSTED), a settled loan is active again."
          + " A reversal that would change the principal due at maturity while a renewal posting of the loan is under way"
          + " is 409 [RENEWAL_POSTING], nothing written: report it again once the renewal is booked."
          + " Reversing twice answers 200 with the reversed repayment. A written-off loan stays written off: a repayment"
          + " made before the write-off is not reversed (409 LOAN_WRITTEN_OFF: what it paid would be owed again while"
          + " the write-off keeps what the loan owed then as written off; the bank corrects the write-off first), nothing is written. A"
          + " recovery (kind RECOVERY, received after the write-off) is reversed: what it paid of the claim is owed again"
          + " and the borrower is mailed; the loan stays written off.")
  @ApiResponse(responseCode = "200", description = "Reversed")
  @ApiResponse(responseCode = "400", description = "No reason, or one over 200 characters (field reason); nothing written",
      content = @Content(mediaType = "application/problem+json"))
  @ApiResponse(responseCode = "404", description = "No such loan or repayment", content = @Content(mediaType = "application/problem+json"))
  @ApiResponse(responseCode = "409", description = "Later repayments rest on its prepayment, it was made before the loan"
      + " was written off, or a renewal posting under way would have its principal due at maturity changed",
      content = @Content(mediaType = "application/problem+json"))
  public RepaymentView reverse(@PathVariable("loanId") String loanId, @PathVariable("transactionId") String transactionId,
      @RequestBody ReversalRequest request, Authentication caller) {
    return forCaller(RepaymentView.of(repayments.reverse(new ReverseRepayment(loanId, transactionId, request.reason(),
        caller.getName())).repayment()), caller);
  }

  /** The channel's answer leaves out who received the repayment and the bank's reversal note ({@link RepaymentView#forChannel()}). */
  private static RepaymentView forCaller(RepaymentView view, Authentication caller) {
    return BranchAccess.isChannel(caller) ? view.forChannel() : view;
  }
}
