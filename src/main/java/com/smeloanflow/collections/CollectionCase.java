package com.smeloanflow.collections;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A collection case ({@code collection_case}): one per loan while it is overdue.
 *
 * @param caseId            CC + opening date + number
 * @param loanId            the loan (business key of its collection process)
 * @param branchCode        the loan's branch
 * @param status            {@link #OPEN}, {@link #LEGAL_ACTION}, {@link #CURED} or {@link #WRITTEN_OFF}
 * @param ladderStep        the highest rung reached (see {@link CollectionAction#step()})
 * @param lastAction        the last action the strategy table chose other than waiting
 * @param openedOn          business date of the daily close that opened it
 * @param openedDaysPastDue days past due then
 * @param openedAt          when
 * @param processInstanceId its collection process
 * @param closedOn          business date it was closed, else null
 * @param closeReason       why it was closed, else null
 */
public record CollectionCase(
    String caseId,
    String loanId,
    String branchCode,
    String status,
    int ladderStep,
    String lastAction,
    LocalDate openedOn,
    int openedDaysPastDue,
    Instant openedAt,
    String processInstanceId,
    LocalDate closedOn,
    String closeReason) {

  public static final String OPEN = "OPEN";
  public static final String LEGAL_ACTION = "LEGAL_ACTION";
  public static final String CURED = "CURED";
  public static final String WRITTEN_OFF = "WRITTEN_OFF";

  public boolean open() {
    return closedOn == null;
  }

  public String statusLabel() {
    return switch (status) {
      case OPEN -> "催收中";
      case LEGAL_ACTION -> "诉讼中";
      case CURED -> "已结清";
      case WRITTEN_OFF -> "已核销";
      default -> status;
    };
  }
}
