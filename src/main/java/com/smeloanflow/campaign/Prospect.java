package com.smeloanflow.campaign;

import com.smeloanflow.intake.Product;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A whitelist prospect (table {@code prospect}): an enterprise of an imported whitelist, assigned to a
 * customer manager of the branch whose grid covers it, worked in the {@code whitelist-prospect} process
 * (business key = {@link #id}).
 *
 * @param applicationId          the application the prospect's own contact submitted (有意向), if any
 * @param conversion             CONVERTED: how the enterprise converted without the campaign's contact
 * @param convertedApplicationId CONVERTED: the application that converted it (another channel's, or the loan's)
 * @param closedReason           CONVERTED: why the prospect ended, as staff read it
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
    Instant assignedAt,
    Conversion conversion,
    String convertedApplicationId,
    String closedReason) {

  /** What the whitelist says about the enterprise. The ID number of the legal representative is optional. */
  public record Data(String creditCode, String enterpriseName, String legalRepName, String legalRepIdNumber, String mobile,
      BigDecimal estimatedLimit, Product suggestedProduct, String sourceModel, LocalDate sourceDate) {}

  public enum Status {
    /** Being worked: a contact task is open or a follow-up date ahead. */
    OPEN("跟进中"),
    /** Became a loan application. */
    APPLIED("已申请"),
    /** The manager found it does not qualify. */
    NOT_ELIGIBLE("不符合条件"),
    /**
     * Ended without the campaign's contact: the enterprise applied through another channel or became a customer
     * while it was worked ({@link Conversion}); no contact task is offered again.
     */
    CONVERTED("已转化");

    private final String label;

    Status(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** How a prospect converted without the campaign's contact (the import's OPEN_APPLICATION and EXISTING_CUSTOMER). */
  public enum Conversion {
    /** An application of the enterprise not yet disbursed, rejected or withdrawn, submitted through another channel. */
    APPLIED_ELSEWHERE("已自行申请"),
    /** A loan of the enterprise paid out or a revolving line opened. */
    EXISTING_CUSTOMER("已是我行客户");

    private final String label;

    Conversion(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }
}
