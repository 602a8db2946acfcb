package com.smeloanflow.renewal;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** 筛查续贷客户 (renewal-offer-scan): the daily offer scan. */
@Component("scanRenewalOffers")
public class ScanRenewalOffersDelegate implements JavaDelegate {

  private final RenewalOfferService offers;

  public ScanRenewalOffersDelegate(RenewalOfferService offers) {
    this.offers = offers;
  }

  @Override
  public void execute(DelegateExecution execution) {
    offers.scan();
  }
}
