package com.smeloanflow.campaign;

import com.smeloanflow.identity.BranchDirectory;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.platform.ChineseDates;
import com.smeloanflow.platform.FormText;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Task listener (create) of "联系白名单客户": what the form and Tasklist's list show about the prospect, as
 * read-only task-local values (the columns 企业, 预估额度, 产品, 网点 among them), and the values the form
 * starts with for an application (the suggested product and the estimated limit as amount).
 */
@Component("prospectSummary")
public class ProspectSummaryListener implements TaskListener {

  /** The task-local values it shows, by the names the form uses. */
  public static final List<String> FORM_VALUES = List.of("prospectId", "campaignId", "enterpriseName", "creditCode", "legalRepName",
      "legalRepMobile", "estimatedLimit", "productName", "branchName", "sourceText", "contactsText");
  /** The form's starting values of input fields, removed again when the form is submitted. */
  static final List<String> PREFILLED = List.of("loanProduct", "loanAmount", "legalRepIdNumber");

  private final CampaignService campaigns;
  private final BranchDirectory branches;

  public ProspectSummaryListener(CampaignService campaigns, BranchDirectory branches) {
    this.campaigns = campaigns;
    this.branches = branches;
  }

  @Override
  public void notify(DelegateTask task) {
    Prospect prospect = campaigns.prospect(task.getExecution().getProcessBusinessKey());
    Prospect.Data data = prospect.data();
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("prospectId", prospect.id());
    values.put("campaignId", prospect.campaignId());
    values.put("enterpriseName", data.enterpriseName());
    values.put("creditCode", data.creditCode());
    values.put("legalRepName", data.legalRepName());
    values.put("legalRepMobile", data.mobile());
    values.put("estimatedLimit", data.estimatedLimit().toPlainString());
    values.put("productName", data.suggestedProduct().label());
    values.put("branchName", branches.find(prospect.branchCode()).map(BranchDirectory.Branch::name).orElse(prospect.branchCode()));
    values.put("sourceText", data.sourceModel() + " (" + ChineseDates.day(data.sourceDate()) + ")");
    List<CampaignRepository.Contact> contacts = campaigns.contactsOf(prospect.id());
    List<String> entries = new ArrayList<>();
    for (int i = 0; i < contacts.size(); i++) {
      CampaignRepository.Contact c = contacts.get(i);
      entries.add(ChineseDates.day(LocalDate.ofInstant(c.contactedAt(), BusinessClock.BANK_ZONE)) + " " + c.contactedBy() + ": "
          + c.outcome().label() + (c.notes() == null ? "" : " — " + c.notes()) + (i < contacts.size() - 1 ? "; " : ""));
    }
    // within what the engine stores in a string variable: the newest contacts, and how many earlier ones are left out
    values.put("contactsText", contacts.isEmpty() ? "首次联系" : FormText.newestRows("", entries, "联系记录"));
    values.put("loanProduct", data.suggestedProduct().name());
    values.put("loanAmount", data.estimatedLimit().toPlainString());
    if (data.legalRepIdNumber() != null) {
      values.put("legalRepIdNumber", data.legalRepIdNumber());
    }
    task.setVariablesLocal(values);
  }
}
