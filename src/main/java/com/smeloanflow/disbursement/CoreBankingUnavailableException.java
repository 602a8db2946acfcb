package com.smeloanflow.disbursement;

/**
 * The core banking system failed or did not answer in time. Whether it posted is unknown to the
 * caller: the only safe reaction is to repeat the same order (same idempotency key) later. In the
 * process this is a technical failure: the job is retried with back-off and then becomes an
 * incident for operations, never a business outcome.
 */
public class CoreBankingUnavailableException extends RuntimeException {

  private final String applicationId;

  public CoreBankingUnavailableException(String applicationId, String failure) {
    super(message(applicationId, failure));
    this.applicationId = applicationId;
  }

  public CoreBankingUnavailableException(String applicationId, String failure, Throwable cause) {
    super(message(applicationId, failure), cause);
    this.applicationId = applicationId;
  }

  private CoreBankingUnavailableException(String message, Throwable cause, String applicationId) {
    super(message, cause);
    this.applicationId = applicationId;
  }

  /**
   * A look-up by idempotency key ({@link CoreBankingGateway#find}) failed: whether anything was booked under
   * the key is unknown; ask again later.
   */
  public static CoreBankingUnavailableException lookUp(String idempotencyKey, String failure, Throwable cause) {
    return new CoreBankingUnavailableException("Core banking unavailable for the look-up of idempotency key "
        + idempotencyKey + ": " + failure, cause, null);
  }

  /** The application whose disbursement failed; null when a look-up by idempotency key failed. */
  public String applicationId() {
    return applicationId;
  }

  private static String message(String applicationId, String failure) {
    return "Core banking unavailable for the disbursement of application " + applicationId + ": " + failure;
  }
}
