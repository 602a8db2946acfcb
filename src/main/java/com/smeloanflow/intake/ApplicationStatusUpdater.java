package com.smeloanflow.intake;

import com.smeloanflow.casefile.ApplicationHistory;

import static com.smeloanflow.process.LoanOriginationProcess.Variables.APPLICATION_ID;

import com.smeloanflow.platform.BusinessClock;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Sets the status a channel shows, from the model: an execution listener
 * {@code ${applicationStatus.set(execution, 'IN_PROCESSING')}} where a stage begins, so a process
 * owner sees in the BPMN where each status starts.
 */
@Component("applicationStatus")
public class ApplicationStatusUpdater {

  private final LoanApplicationRepository applications;
  private final ApplicationHistory history;
  private final BusinessClock clock;

  public ApplicationStatusUpdater(LoanApplicationRepository applications, ApplicationHistory history, BusinessClock clock) {
    this.applications = applications;
    this.history = history;
    this.clock = clock;
  }

  public void set(DelegateExecution execution, String status) {
    set(APPLICATION_ID.from(execution), ApplicationStatus.valueOf(status));
  }

  public void set(String applicationId, ApplicationStatus status) {
    LoanApplication application = applications.get(applicationId);
    if (application.status() != status) {
      applications.updateStatus(applicationId, status, clock.now());
      history.record(applicationId, "system", "STATUS_" + status.name(), application.status() + " → " + status);
    }
  }
}
