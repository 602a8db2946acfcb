package com.smeloanflow.monitoring;

import com.smeloanflow.servicing.Classification;
import java.time.Instant;

/**
 * A reclassification a person proposed ({@code reclassification_proposal}); a second person decides it.
 *
 * @param proposalId            e.g. RC20261201000001
 * @param loanId                the loan
 * @param classification        what the proposer asks for
 * @param currentClassification the classification when proposed
 * @param reason                why (required)
 * @param proposedBy            who proposed; may not approve it
 * @param proposedAt            when
 * @param status                {@link #PENDING}, {@link #APPROVED}, {@link #REJECTED} or {@link #CANCELLED}
 * @param decidedBy             who approved or rejected it
 * @param decisionNote          the decider's note
 * @param decidedAt             when
 * @param collectionsNote       once approved: what the loan's open collection case did with it (Chinese), or null
 */
public record ReclassificationProposal(String proposalId, String loanId, Classification classification,
    Classification currentClassification, String reason, String proposedBy, Instant proposedAt, String status,
    String decidedBy, String decisionNote, Instant decidedAt, String collectionsNote) {

  public static final String PENDING = "PENDING";
  public static final String APPROVED = "APPROVED";
  public static final String REJECTED = "REJECTED";
  /** Monitoring ended before a decision. */
  public static final String CANCELLED = "CANCELLED";
}
