package com.smeloanflow.disbursement;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * An instruction to the core banking system to pay out an approved loan: credit the borrower's
 * settlement account with the approved amount. The idempotency key makes the instruction safe to
 * repeat: the core system posts once per key and answers a repeat with the first posting. The bank
 * uses the application id as the key, so an application is paid out at most once.
 *
 * @param idempotencyKey    the key the core system posts once for (the application id)
 * @param applicationId     the loan application being paid out
 * @param borrowerName      the enterprise that receives the money
 * @param creditCode        its unified social credit code
 * @param settlementAccount the borrower's account the loan is credited to
 * @param amount            CNY, more than zero, at most 2 decimals (kept with exactly 2)
 * @throws IllegalArgumentException naming the bad field when the order cannot be posted
 */
public record DisbursementOrder(
    String idempotencyKey,
    String applicationId,
    String borrowerName,
    String creditCode,
    String settlementAccount,
    BigDecimal amount) {

  public DisbursementOrder {
    requireText("idempotencyKey", idempotencyKey, 128, applicationId);
    requireText("applicationId", applicationId, 32, applicationId);
    requireText("borrowerName", borrowerName, 200, applicationId);
    requireText("creditCode", creditCode, 18, applicationId);
    requireText("settlementAccount", settlementAccount, 40, applicationId);
    if (amount == null || amount.signum() <= 0) {
      throw new IllegalArgumentException("Disbursement of application " + applicationId
          + ": amount must be more than 0 CNY, was " + amount);
    }
    if (amount.stripTrailingZeros().scale() > 2) {
      throw new IllegalArgumentException("Disbursement of application " + applicationId
          + ": amount must have at most 2 decimals, was " + amount.toPlainString());
    }
    amount = amount.setScale(2, RoundingMode.UNNECESSARY);
  }

  /** The bank's order for an application: the application id is the idempotency key. */
  public static DisbursementOrder forApplication(String applicationId, String borrowerName, String creditCode,
      String settlementAccount, BigDecimal amount) {
    return new DisbursementOrder(applicationId, applicationId, borrowerName, creditCode, settlementAccount, amount);
  }

  private static void requireText(String field, String value, int maxLength, String applicationId) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("Disbursement of application " + applicationId + ": " + field + " is required");
    }
    if (value.length() > maxLength) {
      throw new IllegalArgumentException("Disbursement of application " + applicationId + ": " + field
          + " is longer than " + maxLength + " characters");
    }
  }
}
