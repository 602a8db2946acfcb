package com.smeloanflow.intake;

import java.util.List;

/**
 * A later stage that may also wait for documents from the applicant (disbursement asks for
 * supplements before paying out). The channel reports every upload to
 * {@code POST /api/applications/{id}/documents}; intake hands it to the stage that is waiting, and
 * {@code GET /api/applications/{id}} lists what the stage waits for in {@code missingDocuments}.
 */
public interface DocumentsAwaiter {

  /** Whether {@code documentType} is a document this stage may ask for. */
  boolean knows(String documentType);

  /**
   * Takes the upload if this stage is waiting for documents of the application: it keeps those it asked for and
   * moves on only once everything it asked for is there; until then it keeps waiting (and its deadline runs on).
   *
   * @param documents the uploaded document types
   * @return false when this stage is not waiting; intake's own acceptance then takes it
   */
  boolean documentsUploaded(String applicationId, List<String> documents, String reportedBy, String detail);

  /**
   * What this stage waits for from the applicant, in the words the applicant is mailed (labels); empty when it
   * is not waiting for documents of the application (never asked, or supplied). Documents already uploaded are not
   * listed.
   */
  List<String> awaitedDocuments(String applicationId);
}
