package com.smeloanflow.monitoring;

import com.smeloanflow.platform.ProcessEndListener.Cancellation;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One post-loan check ({@code post_loan_check}); its id is the business key of its post-loan-check.
 *
 * @param checkId       e.g. PC20261201000003
 * @param loanId        the loan
 * @param kind          first, periodic or for signals
 * @param method        remote, or on site when a signal is serious
 * @param methodReason  why this method
 * @param status        {@link #OPEN}, {@link #DONE} or {@link #CANCELLED}
 * @param openedOn      business date it was opened
 * @param outcome       what the checker concluded (when done)
 * @param findings      the checker's notes
 * @param checklist     what the checker ticked
 * @param lineMeasure   REDUCE or FREEZE, with {@link #outcome} RESTRICT_LINE
 * @param reducedLimit  the limit a REDUCE leaves
 * @param callInDueOn   with CALL_IN: the day the borrower must repay by
 * @param checkedBy     who checked
 * @param checkedOn     the business date it was done
 * @param openedAt      when it was opened
 * @param checkedAt     when it was done
 * @param cancelReason  why it was cancelled (monitoring ended; 由预警信号核查代替 for a periodic check a signal's check took
 *                      over; 核查流程已由运维人员终止 for a check whose instance an operator cancelled)
 * @param cancelledBy   who cancelled it (the reporter of the signal whose check took over), when known
 * @param cancelledAt   when it was cancelled, when known
 * @param withdrawal    why it was cancelled, as the code reads it (with {@link #CANCELLED})
 */
public record PostLoanCheck(String checkId, String loanId, CheckKind kind, CheckMethod method, String methodReason,
    String status, LocalDate openedOn, CheckOutcome outcome, String findings, List<String> checklist,
    LineMeasure lineMeasure, BigDecimal reducedLimit, LocalDate callInDueOn, String checkedBy, LocalDate checkedOn,
    Instant openedAt, Instant checkedAt, String cancelReason, String cancelledBy, Instant cancelledAt, Withdrawal withdrawal) {

  public static final String OPEN = "OPEN";
  public static final String DONE = "DONE";
  public static final String CANCELLED = "CANCELLED";

  /** Why an open check was withdrawn ({@code post_loan_check.withdrawal}). */
  public enum Withdrawal {
    /** A check of warning signals took the periodic check over (its reason names that check). */
    SUPERSEDED,
    /** Monitoring ended: the loan was settled or written off. */
    MONITORING_ENDED,
    /**
     * Its post-loan-check instance was cancelled by an operator (or deleted by a migration or modification) while
     * monitoring went on: a check of signals handed its open signals to a new check (its reason names who cancelled it
     * and that check); a periodic check's period was scheduled again (its reason names who cancelled it).
     */
    PROCESS_CANCELLED
  }

  public PostLoanCheck {
    checklist = checklist == null ? List.of() : List.copyOf(checklist);
  }

  /**
   * Why a check whose post-loan-check instance an operator cancelled was withdrawn, as staff read it: who, when the engine
   * knew, and the delete reason when one was given (abbreviated to 80 characters: the check's reason holds 200 with the
   * rest of it), e.g. 核查流程已由运维人员 admin 终止 (误操作).
   */
  static String cancelledByOperator(Cancellation cancelled) {
    return "核查流程已由运维人员" + (cancelled.userId() == null ? "" : " " + cancelled.userId() + " ") + "终止"
        + (cancelled.reason() == null || cancelled.reason().isBlank() ? "" : " (" + abbreviated(cancelled.reason()) + ")");
  }

  private static String abbreviated(String reason) {
    String line = reason.strip().replaceAll("\\s+", " ");
    return line.length() <= 80 ? line : line.substring(0, 79) + "…";
  }
}
