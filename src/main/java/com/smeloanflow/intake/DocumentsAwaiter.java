package com.smeloanflow.intake;

/**
 * A later stage that may also wait for documents from the applicant (disbursement asks for
 * supplements before paying out). The channel reports every upload to
 * {@code POST /api/applications/{id}/documents}; intake hands it to the stage that is waiting.
 */
public interface DocumentsAwaiter {

  /** Whether {@code documentType} is a document this stage may ask for. */
  boolean knows(String documentType);

  /**
   * Takes the upload if this stage is waiting for documents of the application.
   *
   * @return false when this stage is not waiting; intake's own acceptance then takes it
   */
  boolean documentsUploaded(String applicationId, String reportedBy, String detail);
}
