package com.smeloanflow.campaign;

import com.smeloanflow.intake.Product;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A whitelist prospect (table {@code prospect}): an enterprise of an imported whitelist, assigned to a
 * customer manager of the branch whose grid covers it, worked in the {@code whitelist-prospect} process
 * (business key = {@link #id}).
 */
public record Prospect(
    String id,
    String campaignId,
    int line,
    Data data,
    String divisionCode,
    String branchCode,
    String customerManager,
    Status status,
    int contacts,
    ContactOutcome lastOutcome,
    LocalDate followUpOn,
    String applicationId,
    Instant assignedAt) {

  /** What the whitelist says about the enterprise. The ID number of the legal representative is optional. */
  public record Data(String creditCode, String enterpriseName, String legalRepName, String legalRepIdNumber, String mobile,
      BigDecimal estimatedLimit, Product suggestedProduct, String sourceModel, LocalDate sourceDate) {}

  public enum Status {
    /** Being worked: a contact task is open or a follow-up date ahead. */
    OPEN("跟进中"),
    /** Became a loan application. */
    APPLIED("已申请"),
    /** The manager found it does not qualify. */
    NOT_ELIGIBLE("不符合条件");

    private final String label;

    Status(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }
}
