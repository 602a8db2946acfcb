package com.smeloanflow.campaign;

import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.process.ProcessVariable;
import com.smeloanflow.process.WhitelistProspectProcess;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tells a prospect's process that its enterprise applied through another channel (message {@code ProspectEnterpriseApplied}:
 * the prospect ends as converted, its open contact task withdrawn), from the notice {@link EnterpriseAppliedNotice}
 * recorded with the application ({@code prospect_applied_notice}, V155). Each delivery runs in a transaction of its own,
 * never in the application's: a prospect busy at that moment never refuses an enterprise's application.
 *
 * <ul>
 *   <li><b>Not lost.</b> The notice is sent right after the application commits; one that fails then (the prospect's
 *       process busy, suspended or not waiting, an optimistic lock, the engine down for a moment) or that a stopping node
 *       never sent stays to be delivered, and a poller on every node ({@link EnterpriseAppliedDeliverySchedule}) sends it
 *       again, for as long as it takes, the least recently tried first (one that keeps failing never holds back a newer
 *       one).</li>
 *   <li><b>Safe to repeat.</b> The prospect's row is locked while it is told (a contact recorded at that moment takes
 *       turns with it); a prospect no longer open (told already, or ended by its own contact or by the check before its
 *       next contact task) is not told again, and its notice counts as delivered. Two nodes delivering the same notice
 *       at once: one ends the prospect, the other fails on the engine's optimistic lock and then finds it ended.</li>
 *   <li><b>For an operator.</b> Each failure is logged at WARN and counted on the notice ({@code attempts}, the last in
 *       {@code last_error}); at the {@code alert-after-attempts}-th it is logged once at ERROR, naming the prospect, the
 *       application and the last error. Later polls still send it.</li>
 * </ul>
 */
@Service
public class EnterpriseAppliedDelivery {

  private static final Logger log = LoggerFactory.getLogger(EnterpriseAppliedDelivery.class);

  private final CampaignRepository repository;
  private final RuntimeService runtimeService;
  private final BusinessClock clock;
  private final TransactionTemplate ownTransaction;
  private final int batchSize;
  private final int alertAfterAttempts;

  EnterpriseAppliedDelivery(CampaignRepository repository, RuntimeService runtimeService, BusinessClock clock,
      PlatformTransactionManager transactions,
      @Value("${smeloan.campaign.applied-notice.batch-size:100}") int batchSize,
      @Value("${smeloan.campaign.applied-notice.alert-after-attempts:30}") int alertAfterAttempts) {
    if (batchSize < 1 || alertAfterAttempts < 1) {
      throw new IllegalArgumentException("smeloan.campaign.applied-notice.batch-size and alert-after-attempts must be at "
          + "least 1, were " + batchSize + " and " + alertAfterAttempts);
    }
    this.repository = repository;
    this.runtimeService = runtimeService;
    this.clock = clock;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.batchSize = batchSize;
    this.alertAfterAttempts = alertAfterAttempts;
  }

  /**
   * Delivers the notices not delivered yet, up to {@code batch-size} of them, the least recently tried first, each on its
   * own: one that fails is counted and goes to the back of the queue, the others go on.
   *
   * @return how many were delivered
   */
  public int deliverDue() {
    int delivered = 0;
    for (CampaignRepository.AppliedNotice notice : repository.appliedNoticesDue(batchSize)) {
      if (deliver(notice)) {
        delivered++;
      }
    }
    return delivered;
  }

  /**
   * Tells the prospect's process of the application, in a transaction of its own, unless the prospect is no longer open.
   *
   * Never throws: it runs after the application's commit, which it must not fail.
   *
   * @return whether the notice is delivered (false: it failed, counted, and stays to be delivered)
   */
  boolean deliver(CampaignRepository.AppliedNotice notice) {
    String prospectId = notice.prospectId();
    String applicationId = notice.applicationId();
    try {
      Prospect.Status status = ownTransaction.execute(tx -> {
        Prospect prospect = repository.lockProspect(prospectId).orElse(null);
        Prospect.Status found = prospect == null ? null : prospect.status();
        if (found == Prospect.Status.OPEN && correlate(prospectId, applicationId) == 0) {
          throw new IllegalStateException("no process instance of prospect " + prospectId + " waits for "
              + WhitelistProspectProcess.Messages.ENTERPRISE_APPLIED + " (suspended, or not started)");
        }
        repository.appliedNoticeDelivered(notice, clock.now());
        return found;
      });
      if (status == Prospect.Status.OPEN) {
        log.info("Prospect {}: its enterprise applied ({}), the prospect's process is told", prospectId, applicationId);
      } else {
        log.info("Prospect {}: its enterprise applied ({}); the prospect is {}, nothing to tell", prospectId, applicationId,
            status == null ? "gone" : status);
      }
      return true;
    } catch (RuntimeException e) {
      int attempts = counted(notice, e);
      log.warn("Prospect {}: its enterprise applied ({}) but the prospect could not be ended now (attempt {}); its contact "
          + "task stays open until a later poll delivers it", prospectId, applicationId, attempts, e);
      if (attempts == alertAfterAttempts) {
        log.error("Prospect {}: its enterprise applied ({}), and telling the prospect's process has failed {} times (last: "
            + "{}); its manager still has the contact task: have the process instance looked into (later polls still "
            + "send it)", prospectId, applicationId, attempts, e.toString());
      }
      return false;
    }
  }

  /** The failure counted on the notice: the attempts so far (0 when even that failed: the database is unreachable, say). */
  private int counted(CampaignRepository.AppliedNotice notice, RuntimeException failure) {
    try {
      return ownTransaction.execute(tx -> repository.appliedNoticeFailed(notice, clock.now(), failure.toString()));
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
      return 0;
    }
  }

  private int correlate(String prospectId, String applicationId) {
    return ProcessVariable.trusted(() -> runtimeService
        .createMessageCorrelation(WhitelistProspectProcess.Messages.ENTERPRISE_APPLIED)
        .processInstanceBusinessKey(prospectId)
        .setVariable(WhitelistProspectProcess.Variables.APPLIED_APPLICATION_ID.name(), applicationId)
        .correlateAllWithResult().size());
  }
}
