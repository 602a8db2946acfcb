package com.smeloanflow.casefile;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Sets the status a channel shows from the model, where the wait state it names is reached:
 * {@code ${applicationStatus.set(execution, 'AWAITING_SIGNATURE')}} as a start listener of the wait,
 * so the status commits together with the wait state and a channel that sees it can act on it.
 */
@Component("applicationStatus")
public class StatusMarker {

  private final CaseFiles caseFiles;

  public StatusMarker(CaseFiles caseFiles) {
    this.caseFiles = caseFiles;
  }

  public void set(DelegateExecution execution, String status) {
    caseFiles.setStatus(execution.getProcessBusinessKey(), ApplicationStatus.valueOf(status));
  }
}
