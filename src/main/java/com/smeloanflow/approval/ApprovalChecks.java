package com.smeloanflow.approval;

import com.smeloanflow.casefile.ApplicationChecks;

/** Check types (see {@code ApplicationChecks}) recorded by the approval stage. */
public final class ApprovalChecks {

  public static final String APPROVAL = "APPROVAL";
  public static final String COMMITTEE_VOTE = "COMMITTEE_VOTE";
  public static final String DEADLOCK_RESOLUTION = "DEADLOCK_RESOLUTION";
  public static final String INFORMATION_PROVIDED = "INFORMATION_PROVIDED";
  public static final String DISBURSEMENT_CHECK = "DISBURSEMENT_CHECK";

  private ApprovalChecks() {}
}
