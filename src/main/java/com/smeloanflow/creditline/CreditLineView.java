package com.smeloanflow.creditline;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A credit line as the channel and staff read it: limit, used (the outstanding principal of its drawdowns),
 * reserved (drawdown requests core banking has not answered yet), available (limit − used − reserved, never
 * below 0), overLimit (used + reserved − limit, never below 0: what is drawn above the limit, e.g. after a bounced
 * repayment of a redrawn line; at most one of available and overLimit is above 0), the smallest drawdown (a term of
 * the line's product, so the channel can tell the borrower before a drawdown is refused), status and validity, every
 * drawdown with what it still owes, the pending requests and, for staff, the status reason, who froze the line last and
 * when, and the annual reviews.
 */
public record CreditLineView(
    String lineId,
    String applicationId,
    String creditCode,
    String borrowerName,
    String branchCode,
    CreditLineStatus status,
    String statusLabel,
    String statusReason,
    @Schema(description = "Who froze the line last (a checker, a customer manager, system): the latest freeze, each of"
        + " which the application's history records (CREDIT_LINE_FROZEN, GET /api/applications/{id}/history). Staff only;"
        + " null (left out) while the line is not frozen, and for a line frozen before V149",
        nullable = true, example = "remote-verifier") String frozenBy,
    @Schema(description = "When the line was frozen last; null as frozenBy", nullable = true) Instant frozenAt,
    BigDecimal limit,
    BigDecimal used,
    BigDecimal reserved,
    BigDecimal available,
    BigDecimal overLimit,
    BigDecimal minimumDrawdown,
    BigDecimal annualRatePercent,
    String repaymentMethod,
    LocalDate openedOn,
    LocalDate validUntil,
    List<DrawdownView> drawdowns,
    List<PendingDrawdownView> pendingDrawdowns,
    @Schema(description = "The line's annual reviews (年审), the first year first: what the review table saw (the new score,"
        + " the drawdowns' worst classification, longest days past due and open signals, and the limit and what was used"
        + " when it was reviewed), what it decided and what was decided in the end, by whom and why. Staff only: left out"
        + " for the channel (the borrower is mailed each outcome)",
        nullable = true) List<ReviewView> reviews) {

  /**
   * One annual review as staff read it: the facts the table decided on, among them the limit and what was drawn on the
   * line on the day of the review ({@code limitAtReview}, {@code usedAtReview}: the outstanding principal of the
   * drawdowns then, which a repayment or drawdown since does not change), the table's outcome, and the outcome applied
   * with who decided it and why (null until decided, while a customer manager reviews it).
   */
  public record ReviewView(int reviewYear, LocalDate reviewedOn, int newScore, String newGrade,
      String worstClassification, String worstClassificationLabel, int maxDaysPastDue, int openSignals,
      BigDecimal limitAtReview,
      @Schema(description = "What was used on the line when it was reviewed (CNY): the outstanding principal of its"
          + " drawdowns on reviewedOn, one of the facts beside the score; the line's used is what it is now",
          example = "200000.00") BigDecimal usedAtReview,
      String tableOutcome, String tableOutcomeLabel, Integer tableLimitSharePercent, String tableReason,
      boolean personReview, String outcome, String outcomeLabel, BigDecimal newLimit, String decidedBy,
      String decisionReason, Instant decidedAt) {

    static ReviewView of(CreditLineReview r) {
      return new ReviewView(r.reviewYear(), r.reviewedOn(), r.newScore(), r.newGrade(), r.worstClassification().name(),
          r.worstClassification().label(), r.maxDaysPastDue(), r.openSignals(), r.limitBefore(), r.usedAtReview(),
          r.tableOutcome().name(), r.tableOutcome().label(), r.tableLimitShare(), r.tableReason(), r.personReview(),
          r.outcome() == null ? null : r.outcome().name(), r.outcome() == null ? null : r.outcome().label(), r.newLimit(),
          r.decidedBy(), r.decisionReason(), r.decidedAt());
    }
  }

  /** A drawdown request waiting for core banking's answer: its amount is reserved; no loan yet. */
  public record PendingDrawdownView(String requestId, BigDecimal amount, int termMonths, Instant lastAttemptAt) {

    static PendingDrawdownView of(PendingDrawdown p) {
      return new PendingDrawdownView(p.requestId(), p.amount(), p.termMonths(), p.attemptedAt());
    }
  }

  /**
   * One drawdown, its loan's outstanding principal, and what its line stood at right after it was booked: the limit then
   * ({@code lineLimitAfter}) and what was left to draw ({@code lineAvailableAfter}), read under the line's lock and kept
   * with the drawdown, the figures its payout notice states. So a channel shows 本次提款后可用额度 without reading the
   * line again (where a later drawdown or repayment may already show). Both null (left out of the JSON) for a drawdown
   * booked before V125, which kept nothing.
   *
   * <p>The answer to a drawdown ({@link #asBooked}) is the drawdown as it was booked, the same whenever the channel sends
   * its requestId again: its outstanding principal is what it owed then, its amount. The line's {@code drawdowns}
   * ({@link #of}) state what each owes now (servicing's ledger) beside the figures kept from its booking.
   */
  public record DrawdownView(String drawdownId, String requestId, String loanId, BigDecimal amount, int termMonths,
      LocalDate drawnOn,
      @Schema(description = "The drawdown's outstanding principal (CNY). In the answer to a drawdown (201, and 200 for its"
          + " requestId sent again): what it owed when booked, its amount, so a replay answers exactly as the first did,"
          + " however much has been repaid since (GET /api/loans/{loanId} or the line tells what it owes now). In the"
          + " line's drawdowns: what it owes now, from the servicing ledger (0.00 once settled; written off, the principal of its"
          + " claim not yet recovered, which stays used on the line)",
          example = "300000.00") BigDecimal outstandingPrincipal,
      String corePostingReference,
      @Schema(description = "The line's limit when this drawdown was booked (CNY); null (left out) for a drawdown booked"
          + " before V125",
          nullable = true, example = "1000000.00") BigDecimal lineLimitAfter,
      @Schema(description = "What was left to draw on the line right after this drawdown was booked (本次提款后可用额度, CNY:"
          + " limit − the drawdowns' outstanding principal, this one included − what pending requests reserved, never below"
          + " 0.00), read under the line's lock and kept with the drawdown, the figure its payout notice states; a later"
          + " drawdown, repayment or limit change does not alter it. null (left out) for a drawdown booked before V125, which"
          + " kept nothing",
          nullable = true, example = "700000.00") BigDecimal lineAvailableAfter) {

    /** The drawdown as its booking answered: it owed its whole amount; the line's figures kept from then. */
    static DrawdownView asBooked(Drawdown d) {
      return of(d, d.amount());
    }

    /** The drawdown with what it owes now ({@code outstanding}, servicing's ledger), as the line's view lists it. */
    static DrawdownView of(Drawdown d, BigDecimal outstanding) {
      return new DrawdownView(d.drawdownId(), d.requestId(), d.loanId(), d.amount(), d.termMonths(), d.drawnOn(),
          outstanding, d.corePostingReference(), d.lineLimitAfter(), d.lineAvailableAfter());
    }
  }

  /**
   * The view the borrower's channel gets: the status without the staff's reason for it (a check's findings) or who froze
   * the line and when, and without
   * the annual reviews (the staff's reasons; the borrower is mailed each outcome).
   */
  CreditLineView forChannel() {
    return new CreditLineView(lineId, applicationId, creditCode, borrowerName, branchCode, status, statusLabel, null, null,
        null, limit,
        used, reserved, available, overLimit, minimumDrawdown, annualRatePercent, repaymentMethod, openedOn, validUntil, drawdowns,
        pendingDrawdowns, null);
  }

  static CreditLineView of(CreditLine line, List<Drawdown> drawdowns, Map<String, BigDecimal> outstandingByLoan,
      List<PendingDrawdown> pending, List<CreditLineReview> reviews) {
    BigDecimal used = CreditLineService.used(outstandingByLoan);
    BigDecimal reserved = CreditLineService.reserved(pending);
    return new CreditLineView(line.lineId(), line.applicationId(), line.creditCode(), line.borrowerName(), line.branchCode(),
        line.status(), line.status().label(), line.statusReason(), line.frozenBy(), line.frozenAt(), line.limit(), used, reserved,
        CreditLineService.available(line, used.add(reserved)), CreditLineService.overLimit(line, used.add(reserved)),
        line.minimumDrawdown(), line.annualRatePercent(), line.repaymentMethod().name(), line.openedOn(), line.validUntil(),
        drawdowns.stream().map(d -> DrawdownView.of(d, outstandingByLoan.getOrDefault(d.loanId(), BigDecimal.ZERO.setScale(2))))
            .toList(),
        pending.stream().map(PendingDrawdownView::of).toList(), reviews.stream().map(ReviewView::of).toList());
  }
}
