package com.smeloanflow.renewal;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** 办理续贷转贷 (after a save point, at maturity): the one renewal posting (RenewalPostingService). */
@Component("postRenewal")
public class PostRenewalDelegate implements JavaDelegate {

  private final RenewalPostingService postings;

  public PostRenewalDelegate(RenewalPostingService postings) {
    this.postings = postings;
  }

  @Override
  public void execute(DelegateExecution execution) {
    postings.post(execution.getProcessBusinessKey());
  }
}
