package com.smeloanflow.campaign;

import static com.smeloanflow.process.WhitelistProspectProcess.Variables.ENTERPRISE_CONVERTED;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Service task "核查企业在我行的申请与贷款", before every contact task: tells the gateway whether the enterprise has
 * applied or become a customer meanwhile ({@link CampaignService#enterpriseConverted}).
 */
@Component("checkProspectRelation")
public class CheckProspectRelationDelegate implements JavaDelegate {

  private final CampaignService campaigns;

  public CheckProspectRelationDelegate(CampaignService campaigns) {
    this.campaigns = campaigns;
  }

  @Override
  public void execute(DelegateExecution execution) {
    ENTERPRISE_CONVERTED.set(execution, campaigns.enterpriseConverted(execution.getProcessBusinessKey()));
  }
}
