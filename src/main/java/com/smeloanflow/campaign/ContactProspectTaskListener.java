package com.smeloanflow.campaign;

import static com.smeloanflow.process.WhitelistProspectProcess.Variables.CONTACT_OUTCOME;
import static com.smeloanflow.process.WhitelistProspectProcess.Variables.CUSTOMER_MANAGER;
import static com.smeloanflow.process.WhitelistProspectProcess.Variables.ENTERPRISE_CONVERTED;
import static com.smeloanflow.process.WhitelistProspectProcess.Variables.FOLLOW_UP_AT;

import com.smeloanflow.platform.InvalidFieldsException;
import com.smeloanflow.platform.TaskActor;
import com.smeloanflow.platform.TaskForm;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * "联系白名单客户": on completion the manager's contact is recorded ({@link CampaignService#recordContact}) and
 * the process learns the outcome and, for NOT_NOW and NOT_REACHABLE, when to come back, or that the enterprise had
 * applied or become a customer meanwhile (the prospect is then closed as converted); on a reassignment
 * by a team lead the prospect changes hands ({@link CampaignService#handOver}).
 */
@Component("contactProspectTask")
public class ContactProspectTaskListener implements TaskListener {

  private final CampaignService campaigns;

  public ContactProspectTaskListener(CampaignService campaigns) {
    this.campaigns = campaigns;
  }

  @Override
  public void notify(DelegateTask task) {
    String prospectId = task.getExecution().getProcessBusinessKey();
    if (EVENTNAME_ASSIGNMENT.equals(task.getEventName())) {
      if (campaigns.handOver(prospectId, task.getAssignee(), TaskActor.of(task))) {
        CUSTOMER_MANAGER.set(task.getExecution(), task.getAssignee());
      }
      return;
    }
    // The prefilled values give way to what the form submitted (Tasklist sets it on the process instance).
    task.removeVariablesLocal(ProspectSummaryListener.PREFILLED);
    TaskForm form = TaskForm.of(task);
    ContactOutcome outcome = form.choice(ContactForm.RESULT, "联系结果", ContactOutcome.class);
    RecordContact contact = new RecordContact(prospectId, outcome, form.date(ContactForm.FOLLOW_UP_DATE, "回访日期"),
        form.text(ContactForm.NOTES), TaskActor.of(task), outcome == ContactOutcome.INTERESTED ? ContactForm.details(form) : null);
    CampaignService.ContactRecorded recorded;
    try {
      recorded = campaigns.recordContact(contact);
    } catch (InvalidFieldsException e) {
      throw ContactForm.refusal(e);
    }
    ENTERPRISE_CONVERTED.set(task.getExecution(), recorded.enterpriseConverted());
    CONTACT_OUTCOME.set(task.getExecution(), recorded.outcome().name());
    if (recorded.followUpAt() != null) {
      FOLLOW_UP_AT.set(task.getExecution(), Date.from(recorded.followUpAt()));
    }
    form.discard(ContactForm.inputs().toArray(String[]::new));
  }
}
