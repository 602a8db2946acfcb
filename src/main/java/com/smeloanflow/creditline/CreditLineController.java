package com.smeloanflow.creditline;

import com.smeloanflow.disbursement.CoreBankingUnavailableException;
import com.smeloanflow.identity.BranchAccess;
import com.smeloanflow.platform.ApiProblemHandler;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Credit lines over the API: the line with its drawdowns (channel and staff), and drawdowns (channel). */
@RestController
@RequestMapping("/api/lines/{lineId}")
@Tag(name = "Credit lines", description = "Revolving credit lines (循环额度): limit, available limit, drawdowns")
public class CreditLineController {

  private final CreditLineService lines;
  private final CreditLineReviewService reviews;
  private final BranchAccess branchAccess;

  public CreditLineController(CreditLineService lines, CreditLineReviewService reviews, BranchAccess branchAccess) {
    this.lines = lines;
    this.reviews = reviews;
    this.branchAccess = branchAccess;
  }

  /** A drawdown the borrower asked for in a channel. */
  public record DrawdownRequest(String requestId, BigDecimal amount, Integer termMonths) {}

  @GetMapping(produces = "application/json")
  @Operation(summary = "The credit line",
      description = "Limit, used (outstanding principal of the drawdowns, from the servicing ledger), reserved (drawdown"
          + " requests core banking has not answered yet, listed in pendingDrawdowns), available (limit − used − reserved,"
          + " never below 0.00), overLimit (used + reserved − limit, never below 0.00: what is drawn above the limit, e.g."
          + " when a repayment bounced after its principal was drawn again; while it is above 0.00 nothing can be drawn"
          + " until the borrower repays more than it), minimumDrawdown (the smallest amount of one drawdown: a term of the"
          + " line's product, 1000.00 unless the product sets another), status (ACTIVE, FROZEN, EXPIRED, CLOSED), validity"
          + " and the drawdowns (each with lineLimitAfter and lineAvailableAfter: the limit and what was left to draw right"
          + " after it was booked; null, so left out, for a drawdown booked before V125). Staff also get the annual reviews"
          + " (reviews: each year's facts, usedAtReview among them, the table's and the final outcome, who decided and why);"
          + " the channel gets neither them nor the status reason. The channel, central staff and the line's own branch.")
  @ApiResponse(responseCode = "200", description = "The line")
  @ApiResponse(responseCode = "403", description = "A line of another branch", content = @Content(mediaType = "application/problem+json"))
  @ApiResponse(responseCode = "404", description = "No such line", content = @Content(mediaType = "application/problem+json"))
  public CreditLineView get(@PathVariable("lineId") String lineId, Authentication caller) {
    CreditLine line = lines.find(lineId).orElseThrow(() -> new CreditLineNotFoundException(lineId));
    branchAccess.requireMayRead(line.branchCode(), caller, "额度 " + lineId, "credit line " + lineId);
    List<Drawdown> drawdowns = lines.drawdowns(lineId);
    CreditLineView view = CreditLineView.of(line, drawdowns, lines.outstandingByLoan(drawdowns), lines.pendingRequests(lineId),
        reviews.reviewsOf(lineId));
    return BranchAccess.isChannel(caller) ? view.forChannel() : view;
  }

  @PostMapping(path = "/drawdowns", consumes = "application/json", produces = "application/json")
  @Operation(summary = "Draw on the line (提款)",
      description = "amount (CNY, 2 decimals, at least the line's minimumDrawdown) within the available limit, termMonths 1–36 maturing no later than the"
          + " line's validity, requestId (the channel's id, 1–64 characters). Each drawdown is its own loan account with"
          + " its own schedule, posted to core banking once; the borrower is mailed its payout notice (循环额度提款已放款:"
          + " amount, rate, term, maturity, repayment schedule, what is left to draw) once it is booked. The answer"
          + " states what the line stood at right after this drawdown: lineLimitAfter (the limit then) and"
          + " lineAvailableAfter (what was left to draw, 本次提款后可用额度), read under the line's lock when it was booked"
          + " and kept with it, the figures the payout notice states (so the channel need not read the line again, where"
          + " a later drawdown may already show); both null, so left out, for a drawdown booked before V125. The same"
          + " requestId again answers 200 with the first answer, unchanged however late (outstandingPrincipal is what the"
          + " drawdown owed when booked, its amount, not what it owes after repayments since: the line's drawdowns and"
          + " GET /api/loans/{loanId} say that), posts nothing and mails nothing; with another amount or term 422.")
  @ApiResponse(responseCode = "201", description = "Drawn: the drawdown with its loan id and what was left to draw right after it")
  @ApiResponse(responseCode = "200", description = "The same request again: the first answer, the drawdown as it was booked"
      + " (its outstandingPrincipal and line figures those of its booking), nothing posted")
  @ApiResponse(responseCode = "400", description = "A bad field, the amount below the line's minimumDrawdown (BELOW_MINIMUM, naming it) or above the available limit"
      + " (EXCEEDS_AVAILABLE), the line drawn above its limit (OVER_LIMIT, naming the excess to repay first), or a term past"
      + " the validity (application/problem+json naming it); nothing stored", content = @Content(mediaType = "application/problem+json"))
  @ApiResponse(responseCode = "404", description = "No such line", content = @Content(mediaType = "application/problem+json"))
  @ApiResponse(responseCode = "409", description = "The line is frozen, expired, closed or past its validity, or one of its"
      + " drawdowns is in arrears (额度项下借据 … 逾期未还 … 元: drawable again once the arrears are repaid) or written off with its"
      + " claim still owed (已核销, 尚欠 … 元); nothing stored."
      + " A pending requestId sent again is checked again as a new request (400 or 409) and not posted again: when core"
      + " banking booked its earlier attempt it is booked (201); when it booked nothing its reservation is released and"
      + " the detail says so (预留额度已释放)",
      content = @Content(mediaType = "application/problem+json"))
  @ApiResponse(responseCode = "422", description = "The requestId was used for another amount or term",
      content = @Content(mediaType = "application/problem+json"))
  @ApiResponse(responseCode = "503", description = "Core banking did not answer: the request stays pending with its amount"
      + " reserved (pendingDrawdowns of the line). Retry with the same requestId; if it is not retried, the bank asks core"
      + " banking what it booked within minutes and either stores the drawdown (and mails its payout notice then) or"
      + " releases the reservation (no mail)",
      content = @Content(mediaType = "application/problem+json"))
  public ResponseEntity<CreditLineView.DrawdownView> draw(@PathVariable("lineId") String lineId,
      @RequestBody DrawdownRequest request, Authentication caller) {
    CreditLineService.DrawdownReceipt receipt = lines.draw(new DrawCreditLine(lineId, request.requestId(), request.amount(),
        request.termMonths(), caller.getName()));
    // The booking's answer, the same for a replay: a retry after a lost answer shows the borrower what the first would have.
    return ResponseEntity.status(receipt.replayed() ? HttpStatus.OK : HttpStatus.CREATED)
        .body(CreditLineView.DrawdownView.asBooked(receipt.drawdown()));
  }

  /** What the channel may show the borrower; the failure itself (the adapter's words) is in the service's log. */
  @ExceptionHandler(CoreBankingUnavailableException.class)
  public ProblemDetail coreBankingUnavailable(CoreBankingUnavailableException e) {
    return ApiProblemHandler.problem(HttpStatus.SERVICE_UNAVAILABLE, "core-banking-unavailable", "核心系统暂不可用",
        "核心系统未应答, 提款尚未完成, 额度已预留; 请以同一 requestId 重试. 如不重试, 系统将向核心系统核实: 已记账则补记借据,"
            + " 未记账则释放预留额度");
  }
}
