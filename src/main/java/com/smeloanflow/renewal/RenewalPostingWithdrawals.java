package com.smeloanflow.renewal;

import com.smeloanflow.disbursement.CoreBankingGateway;
import com.smeloanflow.disbursement.CorePosting;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.platform.ChineseDates;
import com.smeloanflow.platform.StaffText;
import com.smeloanflow.platform.StateConflictException;
import com.smeloanflow.process.LoanRenewalProcess;
import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.servicing.LoanAccountService.RenewalPostingUnderWay;
import com.smeloanflow.servicing.LoanNotFoundException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Withdraws the record of a renewal posting under way ({@link LoanAccountService#renewalPostingStarted}) that no run of
 * the posting will end any more, so that repayments of the loan's principal due at maturity are booked again instead of
 * being refused with 409 {@code RENEWAL_POSTING}:
 * <ul>
 *   <li>when the renewal's process ends in any way but renewed ({@link RenewalEndedListener}: declined, withdrawn,
 *       lapsed, prepaid, overdue at maturity, or the instance cancelled in Cockpit while its posting job had failed
 *       after recording the posting);</li>
 *   <li>by an operator ({@code POST /api/admin/renewal-postings/{loanId}/withdrawal}) for a record left behind
 *       otherwise, refused while the renewal's posting job is still there (it will book or end the record itself).</li>
 * </ul>
 * Either way core banking is asked first what it booked under the renewal's key ({@code RENEWAL-<loanId>}): if it
 * booked the posting, money moved that the ledger does not show yet, and the record stays until an operator books it.
 * Only the record read before that question is withdrawn: one a run of the posting wrote meanwhile stays.
 *
 * <p>Neither withdraws a record younger than the job executor's lock time ({@code
 * camunda.bpm.job-execution.lock-time-in-millis}): the run that wrote it may still be waiting for core banking's answer
 * to its posting (the instance cancelled, or the job deleted, under it), so core banking's "nothing booked" says nothing
 * yet; the posting may land a moment later. A run is in flight only while its job's lock is held, and core banking's
 * client must time out well within that lock time; after it, core banking's answer is final.
 */
@Service
public class RenewalPostingWithdrawals {

  private static final Logger log = LoggerFactory.getLogger(RenewalPostingWithdrawals.class);

  private final LoanAccountService loans;
  private final CoreBankingGateway coreBanking;
  private final RuntimeService runtimeService;
  private final ManagementService managementService;
  private final BusinessClock clock;
  private final TransactionTemplate ownTransaction;
  /** How long a run of the posting job may be in flight: its job's lock time. */
  private final RenewalPostingLockTime lockTime;

  public RenewalPostingWithdrawals(LoanAccountService loans, CoreBankingGateway coreBanking, RuntimeService runtimeService,
      ManagementService managementService, BusinessClock clock, PlatformTransactionManager transactionManager,
      RenewalPostingLockTime lockTime) {
    this.lockTime = lockTime;
    this.loans = loans;
    this.coreBanking = coreBanking;
    this.runtimeService = runtimeService;
    this.managementService = managementService;
    this.clock = clock;
    this.ownTransaction = new TransactionTemplate(transactionManager);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /**
   * A withdrawn record of a renewal posting under way.
   *
   * @param principal   the principal due at maturity it had taken as being repaid
   * @param recordedAt  when the posting's run recorded it
   * @param withdrawnBy the operator
   */
  public record Withdrawal(String loanId, BigDecimal principal, Instant recordedAt, String withdrawnBy, Instant withdrawnAt) {}

  /**
   * The renewal of the loan ended otherwise than renewed (its process ended, or was cancelled): a posting recorded as
   * under way is withdrawn, in the caller's transaction, unless core banking booked it (then it stays, logged at ERROR
   * for an operator) or core banking cannot say (it stays, logged at WARN: an operator withdraws it once core banking
   * answers). A record younger than the lock time stays too, logged at WARN with the time from which an operator may
   * withdraw it: its run may still be waiting for core banking to post. Never throws for core banking: the renewal's
   * end is not held up by it.
   */
  public void renewalEnded(String loanId, String how) {
    Optional<RenewalPostingUnderWay> record = loans.renewalPostingUnderWay(loanId);
    if (record.isEmpty()) {
      return;
    }
    Instant withdrawable = lockTime.endableFrom(record.get());
    if (clock.now().isBefore(withdrawable)) {
      log.warn("Loan {}: the renewal ended ({}) with its posting of {} CNY recorded as under way since {}, less than the "
          + "job lock time {} ago: the posting's run may still be waiting for core banking to post, so the record stays; "
          + "repayments of the principal due at maturity are refused until an operator withdraws it (POST "
          + "/api/admin/renewal-postings/{}/withdrawal) from {} on", loanId, how, record.get().principal().toPlainString(),
          record.get().since(), lockTime.duration(), loanId, withdrawable);
      return;
    }
    String key = RenewalPostingService.idempotencyKey(loanId);
    Optional<CorePosting> booked;
    try {
      booked = coreBanking.find(key);
    } catch (RuntimeException e) {
      log.warn("Loan {}: the renewal ended ({}) with its posting of {} CNY recorded as under way since {}; core banking "
          + "could not say what it booked under {} ({}), so the record stays: repayments of the principal due at maturity "
          + "are refused until an operator withdraws it (POST /api/admin/renewal-postings/{}/withdrawal)", loanId, how,
          record.get().principal().toPlainString(), record.get().since(), key, e.toString(), loanId);
      return;
    }
    if (booked.isPresent()) {
      log.error("Loan {}: the renewal ended ({}) but core banking booked its posting {} of {} CNY under {}: money moved "
          + "that the ledger does not show; the posting stays recorded as under way (repayments of the principal due at "
          + "maturity refused) until an operator books it", loanId, how, booked.get().postingReference(),
          booked.get().amount().toPlainString(), key);
      return;
    }
    if (loans.renewalPostingEnded(loanId, record.get().since())) {
      log.info("Loan {}: the renewal ended ({}); its posting of {} CNY recorded as under way since {} was never booked and "
          + "is withdrawn: the principal due at maturity is owed as agreed", loanId, how,
          record.get().principal().toPlainString(), record.get().since());
    }
  }

  /**
   * An operator withdraws the record of a renewal posting under way that no run will end.
   *
   * @throws LoanNotFoundException  no such loan, or no renewal posting recorded on it (404)
   * @throws StateConflictException the renewal's posting job is still there (it books or ends the record itself), the
   *     record is younger than the lock time (its run may still be waiting for core banking to post), core banking booked the posting (money moved: an operator books it), core banking cannot say, or a run of the posting
   *     recorded it anew meanwhile (409)
   */
  public Withdrawal withdraw(String loanId, String operator) {
    RenewalPostingUnderWay record = loans.renewalPostingUnderWay(loanId)
        .orElseThrow(() -> new LoanNotFoundException(loanId, "正在办理的续贷转贷入账记录", "renewal posting recorded as under way"));
    refuseWhilePostingJobExists(loanId);
    refuseWhileARunMayBeInFlight(loanId, record);
    String key = RenewalPostingService.idempotencyKey(loanId);
    Optional<CorePosting> booked;
    try {
      booked = coreBanking.find(key);
    } catch (RuntimeException e) {
      throw new StateConflictException(StaffText.of("核心系统暂时无法查询幂等键 " + key + " 下的入账, 无法确认续贷转贷是否已入账, 记录保留, 请稍后重试",
          "core banking cannot say what it booked under " + key + " (" + e.getMessage() + "); the record stays, try again later"));
    }
    if (booked.isPresent()) {
      CorePosting posting = booked.get();
      log.error("Loan {}: {} asked to withdraw its renewal posting recorded as under way, but core banking booked it under {} "
          + "(posting {}, {} CNY): refused, an operator must book it", loanId, operator, key, posting.postingReference(),
          posting.amount().toPlainString());
      throw new StateConflictException(StaffText.of("核心系统已按幂等键 " + key + " 入账借据 " + loanId + " 的续贷转贷 (流水号 "
              + posting.postingReference() + ", 金额 " + posting.amount().toPlainString() + " 元), 资金已划转, 不能撤销该记录;"
              + " 须由运维人员按该笔入账登记续贷",
          "core banking booked the renewal posting of loan " + loanId + " under " + key + " (" + posting.postingReference()
              + ", " + posting.amount().toPlainString() + " CNY): money moved, the record is not withdrawn; an operator must"
              + " book it"));
    }
    Boolean ended = ownTransaction.execute(status -> loans.renewalPostingEnded(loanId, record.since()));
    if (!Boolean.TRUE.equals(ended)) {
      throw new StateConflictException(StaffText.of("借据 " + loanId + " 的续贷转贷入账记录已在查询期间变更 (续贷转贷作业重新记录或已入账), 未撤销, 请重新查询",
          "the renewal posting record of loan " + loanId + " changed meanwhile; nothing withdrawn"));
    }
    Instant now = clock.now();
    log.info("Loan {}: {} withdrew its renewal posting of {} CNY recorded as under way since {} (no posting job left, "
        + "nothing booked under {}): the principal due at maturity is owed as agreed", loanId, operator,
        record.principal().toPlainString(), record.since(), key);
    return new Withdrawal(loanId, record.principal(), record.since(), operator, now);
  }

  private void refuseWhileARunMayBeInFlight(String loanId, RenewalPostingUnderWay record) {
    Instant withdrawable = lockTime.endableFrom(record);
    if (clock.now().isBefore(withdrawable)) {
      String since = ChineseDates.second(record.since());
      String from = ChineseDates.second(withdrawable);
      Duration held = lockTime.duration();
      throw new StateConflictException(StaffText.of("借据 " + loanId + " 的续贷转贷入账记录于" + since + " 写入, 不足作业锁定时长 "
              + (held.toSeconds() % 60 == 0 ? held.toMinutes() + " 分钟" : held.toSeconds() + " 秒") + ", 写入它的作业可能仍在等待核心系统入账, 暂不能撤销; 请于" + from + " 之后再撤销",
          "the renewal posting of loan " + loanId + " was recorded at " + record.since() + ", less than the job lock time "
              + held + " ago: its run may still be waiting for core banking to post; it may be withdrawn from "
              + withdrawable));
    }
  }

  private void refuseWhilePostingJobExists(String loanId) {
    List<String> instances = runtimeService.createProcessInstanceQuery().processDefinitionKey(LoanRenewalProcess.KEY)
        .processInstanceBusinessKey(loanId).list().stream().map(instance -> instance.getId()).toList();
    for (String instance : instances) {
      for (Job job : managementService.createJobQuery().processInstanceId(instance)
          .activityId(LoanRenewalProcess.Elements.TASK_POST_RENEWAL).list()) {
        String state = job.getRetries() > 0
            ? "仍在运行或等待重试 (剩余 " + job.getRetries() + " 次), 将由该作业入账或撤销此记录"
            : "已停止重试 (Cockpit 中有事件), 请先在 Cockpit 重试该作业 (重试将重新判断并入账或撤销此记录) 或取消该续贷流程 (取消时撤销此记录)";
        throw new StateConflictException(StaffText.of("借据 " + loanId + " 的续贷转贷作业 " + job.getId() + " " + state
                + ", 不能手工撤销",
            "the renewal posting job " + job.getId() + " of loan " + loanId + " is still there (" + job.getRetries()
                + " retries left); it books or ends the record itself"));
      }
    }
  }
}
