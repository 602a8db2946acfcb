package com.smeloanflow.collections;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A legal-action or write-off proposal and its decision ({@code collection_disposal}).
 *
 * @param approverGroup      who was entitled to approve it (审批权限), decided by {@code disposal-approval-authority} when it
 *                           was proposed; null on proposals recorded before that was kept (V142), until the application's
 *                           start decides it ({@link EarlierProposalAuthorities})
 * @param authorityPrincipal the loan's outstanding principal (CNY) the authority was decided on; null likewise
 * @param authorityReason    the decision table's reason, in Chinese; null likewise
 */
public record Disposal(long id, DisposalType type, String reason, String proposedBy, Instant proposedAt, String decision,
    String decidedBy, Instant decidedAt, String decisionComment, String approverGroup, BigDecimal authorityPrincipal,
    String authorityReason) {

  public static final String APPROVED = "APPROVED";
  public static final String REJECTED = "REJECTED";

  public boolean pending() {
    return decision == null;
  }
}
