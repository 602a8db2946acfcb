package com.smeloanflow.casefile;

/**
 * The history event types an applicant is shown ({@link ApplicantTimeline.Milestone}), as the stages record them in
 * {@link ApplicationHistory}. Recording sites and the timeline share these constants, so renaming one renames both: a
 * stage that recorded another name would silently drop the step from the applicant's history.
 */
public final class ApplicantEvents {

  public static final String SUBMITTED = "SUBMITTED";
  public static final String ACCEPTED = "ACCEPTED";
  public static final String DOCUMENTS_RECEIVED = "DOCUMENTS_RECEIVED";
  public static final String DOCUMENTS_PARTLY_RECEIVED = "DOCUMENTS_PARTLY_RECEIVED";
  public static final String DISBURSEMENT_DOCUMENTS_RECEIVED = "DISBURSEMENT_DOCUMENTS_RECEIVED";
  public static final String DISBURSEMENT_DOCUMENTS_PARTLY_RECEIVED = "DISBURSEMENT_DOCUMENTS_PARTLY_RECEIVED";
  public static final String CONTRACT_SIGNED = "CONTRACT_SIGNED";
  public static final String GUARANTEE_SIGNED = "GUARANTEE_SIGNED";
  public static final String MORTGAGE_REGISTERED = "MORTGAGE_REGISTERED";

  private ApplicantEvents() {}
}
