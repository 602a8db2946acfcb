package com.smeloanflow.creditline;

import com.smeloanflow.approval.RepaymentMethod;
import com.smeloanflow.platform.FormText;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A revolving credit line (循环额度) opened for an approved REVOLVING_LINE application: the borrower draws on
 * it within the limit until {@code validUntil}; each drawdown is its own loan on the approval's terms.
 *
 * @param lineId            e.g. CL20261201000001
 * @param applicationId     the approved application (one line per application)
 * @param creditCode        the borrower's unified social credit code
 * @param borrowerName      the borrowing enterprise
 * @param branchCode        the branch that took the application (whose staff may read the line)
 * @param limit             the approved limit, CNY, 2 decimals
 * @param annualRatePercent the priced rate every drawdown carries
 * @param repaymentMethod   how every drawdown is repaid
 * @param minimumDrawdown   the smallest drawdown, CNY, 2 decimals: its product's setting when it opened
 *                          ({@link LineProductTerms}), kept for the line's life
 * @param openedOn          the business day the line opened
 * @param validUntil        the last day a drawdown may be made (3 years from opening, less a day)
 * @param status            ACTIVE, FROZEN, EXPIRED or CLOSED
 * @param statusReason      why it is not ACTIVE (null while ACTIVE); a frozen line's reasons for its freeze, the earliest
 *                          first (a review's 冻结额度 or a post-loan check's 冻结 of a line frozen already adds its own;
 *                          a review's 终止额度 of a frozen line adds why it was closed, {@link #keepingFreezeReasonWith}), at
 *                          most {@value #MAX_STATUS_REASON} characters ({@link #keepingFreezeReasonWith}); each freeze's own
 *                          reason is in the line's history ({@code CREDIT_LINE_FROZEN})
 * @param frozenBy          who froze it last (a checker, a customer manager, system); null while not frozen, and for a
 *                          line frozen before this was kept
 * @param frozenAt          when it was frozen last; null as {@code frozenBy}
 */
public record CreditLine(
    String lineId,
    String applicationId,
    String creditCode,
    String borrowerName,
    String branchCode,
    BigDecimal limit,
    BigDecimal annualRatePercent,
    RepaymentMethod repaymentMethod,
    BigDecimal minimumDrawdown,
    LocalDate openedOn,
    LocalDate validUntil,
    CreditLineStatus status,
    String statusReason,
    String frozenBy,
    Instant frozenAt) {

  /** How long a line is valid from the day it opens. */
  public static final int VALIDITY_YEARS = 3;

  /** The most {@code statusReason} holds: the column's width (V149). */
  public static final int MAX_STATUS_REASON = 4100;

  /**
   * The line's reason once it is frozen (again), or closed by an annual review's 终止额度, for {@code added}: a line frozen
   * already keeps why it was frozen and the new reason follows ("贷后检查 PC… 冻结额度: …; 贷后检查 PC… 冻结额度: …"); any
   * other line has the new reason alone. Within {@value #MAX_STATUS_REASON} characters however often the line is frozen:
   * the new reason whole (a check's 2,044 characters at most, a review's 1,011), the earlier ones shortened at their end
   * ({@link FormText#CUT}) to what is left; every freeze's reason stays in the line's history.
   */
  public String keepingFreezeReasonWith(String added) {
    String separator = "; ";
    int room = MAX_STATUS_REASON - separator.length() - added.length();
    if (status != CreditLineStatus.FROZEN || statusReason == null || room <= FormText.CUT.length()) {
      return FormText.shorten(added, MAX_STATUS_REASON);
    }
    return FormText.shorten(statusReason, room) + separator + added;
  }

  /**
   * Which freeze the line is under, to tell whether it is still the one a person was shown: empty while the line is not
   * frozen; the instant it was frozen; {@code FROZEN} for a line frozen before the instant was kept.
   */
  public String freezeMark() {
    if (status != CreditLineStatus.FROZEN) {
      return "";
    }
    return frozenAt == null ? CreditLineStatus.FROZEN.name() : frozenAt.toString();
  }

  /** The last day of a line opened on {@code openedOn}. */
  public static LocalDate validUntil(LocalDate openedOn) {
    return openedOn.plusYears(VALIDITY_YEARS).minusDays(1);
  }
}
