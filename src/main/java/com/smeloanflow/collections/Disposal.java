package com.smeloanflow.collections;

import java.time.Instant;

/** A legal-action or write-off proposal and its decision ({@code collection_disposal}). */
public record Disposal(long id, DisposalType type, String reason, String proposedBy, Instant proposedAt, String decision,
    String decidedBy, Instant decidedAt, String decisionComment) {

  public static final String APPROVED = "APPROVED";
  public static final String REJECTED = "REJECTED";

  public boolean pending() {
    return decision == null;
  }
}
