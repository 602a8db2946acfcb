package com.smeloanflow.campaign;

import static com.smeloanflow.process.WhitelistProspectProcess.Variables.APPLIED_APPLICATION_ID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Service tasks "结束已转化的白名单客户": after the check found the enterprise applied or a customer
 * ({@link CampaignService#closeAsConverted}), or in 企业自行申请 with the application the message brought
 * ({@link CampaignService#closeOnApplication}).
 */
@Component("closeConvertedProspect")
public class CloseConvertedProspectDelegate implements JavaDelegate {

  private final CampaignService campaigns;

  public CloseConvertedProspectDelegate(CampaignService campaigns) {
    this.campaigns = campaigns;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String applicationId = APPLIED_APPLICATION_ID.fromOrNull(execution);
    if (applicationId != null) {
      campaigns.closeOnApplication(execution.getProcessBusinessKey(), applicationId);
    } else {
      campaigns.closeAsConverted(execution.getProcessBusinessKey());
    }
  }
}
