package com.smeloanflow.campaign;

import com.smeloanflow.intake.Channel;
import com.smeloanflow.intake.LoanApplication;
import com.smeloanflow.intake.NewApplicationListener;
import com.smeloanflow.process.ProcessVariable;
import com.smeloanflow.process.WhitelistProspectProcess;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An enterprise that is an open prospect submitted a loan application through another channel (the mobile app, online
 * banking, a branch counter): its whitelist-prospect hears {@code ProspectEnterpriseApplied} and ends as converted
 * wherever it is, its open contact task withdrawn. The prospect's own application (channel WHITELIST, submitted by its
 * contact) is not one.
 *
 * <p>The message is sent once the application has committed, in a transaction of its own: a prospect busy at that
 * moment (its manager completing the contact task) must not refuse the enterprise's application. It is not retried:
 * when it fails (or the node stops before it is sent), the contact task stays open, and the application is found when
 * the manager records the contact ({@link CampaignService#recordContact}: no second application, the prospect ends as
 * converted) or by the check before the prospect's next contact task. The prospect's row is locked in the registering
 * transaction so that a contact recorded at the same moment waits for the application and sees it.
 */
@Component
class EnterpriseAppliedNotice implements NewApplicationListener {

  private static final Logger log = LoggerFactory.getLogger(EnterpriseAppliedNotice.class);

  private final CampaignRepository repository;
  private final RuntimeService runtimeService;
  private final TransactionTemplate ownTransaction;

  EnterpriseAppliedNotice(CampaignRepository repository, RuntimeService runtimeService, PlatformTransactionManager transactions) {
    this.repository = repository;
    this.runtimeService = runtimeService;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
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
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          tell(prospect.id(), application.id());
        }
      });
    } else {
      tell(prospect.id(), application.id());
    }
  }

  private void tell(String prospectId, String applicationId) {
    try {
      int told = ownTransaction.execute(status -> ProcessVariable.trusted(() -> runtimeService
          .createMessageCorrelation(WhitelistProspectProcess.Messages.ENTERPRISE_APPLIED)
          .processInstanceBusinessKey(prospectId)
          .setVariable(WhitelistProspectProcess.Variables.APPLIED_APPLICATION_ID.name(), applicationId)
          .correlateAllWithResult().size()));
      log.info("Prospect {}: its enterprise applied ({}), {} process instance(s) told", prospectId, applicationId, told);
    } catch (RuntimeException e) {
      log.warn("Prospect {}: its enterprise applied ({}) but the prospect could not be ended now; the contact recorded next, or "
          + "the check before its next contact task, ends it", prospectId, applicationId, e);
    }
  }
}
