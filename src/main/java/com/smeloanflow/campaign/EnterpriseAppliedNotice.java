package com.smeloanflow.campaign;

import com.smeloanflow.intake.Channel;
import com.smeloanflow.intake.LoanApplication;
import com.smeloanflow.intake.NewApplicationListener;
import com.smeloanflow.platform.BusinessClock;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * An enterprise that is an open prospect submitted a loan application through another channel (the mobile app, online
 * banking, a branch counter): its whitelist-prospect hears {@code ProspectEnterpriseApplied} and ends as converted
 * wherever it is, its open contact task withdrawn. The prospect's own application (channel WHITELIST, submitted by its
 * contact) is not one.
 *
 * <p>The conversion is recorded with the application, in the registering transaction ({@code prospect_applied_notice},
 * V155), and told to the prospect's process once the application has committed, in a transaction of its own
 * ({@link EnterpriseAppliedDelivery}): a prospect busy at that moment never refuses the enterprise's application, and a
 * conversion whose message fails then (or that a stopping node never sent) is delivered by a later poll. The prospect's
 * row is locked in the registering transaction so that a contact recorded at the same moment waits for the application
 * and sees it ({@link CampaignService#recordContact}: no second application, the prospect ends as converted).
 */
@Component
class EnterpriseAppliedNotice implements NewApplicationListener {

  private final CampaignRepository repository;
  private final EnterpriseAppliedDelivery delivery;
  private final BusinessClock clock;

  EnterpriseAppliedNotice(CampaignRepository repository, EnterpriseAppliedDelivery delivery, BusinessClock clock) {
    this.repository = repository;
    this.delivery = delivery;
    this.clock = clock;
  }

  @Override
  public void registered(LoanApplication application) {
    if (application.channel() == Channel.WHITELIST) {
      return;
    }
    // Locked: a contact being recorded for the prospect right now finishes first (and ends it, the message is then not
    // needed), or waits for this application to commit and then finds it (CampaignService#recordContact).
    Prospect prospect = repository.lockOpenProspectOf(application.creditCode()).orElse(null);
    if (prospect == null) {
      return;
    }
    CampaignRepository.AppliedNotice notice = new CampaignRepository.AppliedNotice(prospect.id(), application.id());
    repository.insertAppliedNotice(notice.prospectId(), notice.applicationId(), clock.now());
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          delivery.deliver(notice);
        }
      });
    } else {
      delivery.deliver(notice);
    }
  }
}
