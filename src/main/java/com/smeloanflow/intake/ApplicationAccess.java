package com.smeloanflow.intake;

import com.smeloanflow.identity.BranchAccess;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/** Who may read an application over the API: {@link BranchAccess} applied to the application's branch. */
@Component
public class ApplicationAccess {

  private final BranchAccess branches;

  public ApplicationAccess(BranchAccess branches) {
    this.branches = branches;
  }

  public void requireMayRead(LoanApplication application, Authentication caller) {
    branches.requireMayRead(application.branchCode(), caller, "申请 " + application.id(), "application " + application.id());
  }
}
