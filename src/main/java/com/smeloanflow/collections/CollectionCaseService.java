package com.smeloanflow.collections;

import com.smeloanflow.notification.MailCaseType;
import com.smeloanflow.notification.MailOutbox;
import com.smeloanflow.notification.MailTemplate;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.platform.ChineseDates;
import com.smeloanflow.platform.DatabaseSequences;
import com.smeloanflow.platform.FieldViolation;
import com.smeloanflow.platform.InputHygiene;
import com.smeloanflow.platform.InvalidFieldsException;
import com.smeloanflow.platform.StaffText;
import com.smeloanflow.platform.StateConflictException;
import com.smeloanflow.servicing.Classification;
import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.servicing.LoanBalances;
import com.smeloanflow.servicing.LoanStanding;
import com.smeloanflow.servicing.RepaymentService;
import com.smeloanflow.servicing.StoredRepayment;
import com.smeloanflow.servicing.WriteOffLoan;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.support.incrementer.DataFieldMaxValueIncrementer;
import org.springframework.stereotype.Service;

/**
 * The rules of a collection case: one open case per loan, the next rung by the strategy table,
 * contacts and promises to pay (kept or broken), legal-action and write-off proposals decided by
 * someone other than the proposer, the write-off, and the cure. Delegates, task listeners and the
 * daily close's listener call it; they hold no rule of their own.
 *
 * <p>The case's business date is the business date of the last daily close that covered its loan.
 */
@Service
public class CollectionCaseService {

  private static final Logger log = LoggerFactory.getLogger(CollectionCaseService.class);
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

  private final CollectionRepository cases;
  private final LoanAccountService loans;
  private final RepaymentService repayments;
  private final CollectionStrategy strategy;
  private final DisposalApprovalAuthority authority;
  private final IdentityService identity;
  private final MailOutbox mails;
  private final BusinessClock clock;
  private final DataFieldMaxValueIncrementer caseNumbers;
  private final int graceDays;
  private final int maxPromiseDays;

  public CollectionCaseService(CollectionRepository cases, LoanAccountService loans, RepaymentService repayments,
      CollectionStrategy strategy, DisposalApprovalAuthority authority, IdentityService identity, MailOutbox mails,
      BusinessClock clock, DataSource dataSource,
      @Value("${smeloan.collections.promise-grace-days:3}") int graceDays,
      @Value("${smeloan.collections.max-promise-days:30}") int maxPromiseDays) {
    this.cases = cases;
    this.loans = loans;
    this.repayments = repayments;
    this.strategy = strategy;
    this.authority = authority;
    this.identity = identity;
    this.mails = mails;
    this.clock = clock;
    this.caseNumbers = DatabaseSequences.of(dataSource, "collection_case_seq");
    this.graceDays = graceDays;
    this.maxPromiseDays = maxPromiseDays;
  }

  public int graceDays() {
    return graceDays;
  }

  public int maxPromiseDays() {
    return maxPromiseDays;
  }

  // --- opening -----------------------------------------------------------------------------------

  /**
   * Opens the loan's case, or refuses when one is open: a loan has one case at a time. Its collection
   * process is started apart ({@link CollectionProcessStarts}): after the daily close's transaction, or
   * at once by the caller.
   *
   * @return the new case's id
   * @throws StateConflictException when the loan already has an open case
   */
  public String open(String loanId, String branchCode, LocalDate businessDate, int daysPastDue) {
    // The refusals here are in English: both callers lock the loan and look for its open case first (see StaffText).
    Optional<CollectionCase> open = cases.openCaseOf(loanId);
    if (open.isPresent()) {
      throw new StateConflictException("Loan " + loanId + " already has open collection case " + open.get().caseId());
    }
    String caseId = "CC" + DAY.format(clock.today()) + String.format("%06d", caseNumbers.nextLongValue() % 1_000_000);
    try {
      cases.insertCase(caseId, loanId, branchCode, businessDate, daysPastDue, clock.now());
    } catch (DuplicateKeyException e) {
      throw new StateConflictException("Loan " + loanId + " already has an open collection case");
    }
    log.info("Loan {}: collection case {} opened on {} at {} days past due", loanId, caseId, businessDate, daysPastDue);
    return caseId;
  }

  public Optional<CollectionCase> openCase(String loanId) {
    return cases.openCaseOf(loanId);
  }

  // --- the ladder --------------------------------------------------------------------------------

  /**
   * Resolves the latest promise (kept or broken by now?), asks the strategy table for the next rung,
   * records its decision and, unless it is to wait, the rung reached.
   */
  public StrategyDecision decideNext(String loanId) {
    CollectionCase collectionCase = requireOpen(loanId);
    Review review = review(loanId, collectionCase, true);
    CollectionFacts facts = review.facts();
    StrategyDecision decision = strategy.decide(facts);
    cases.recordDecision(collectionCase.caseId(), review.businessDate(), facts, decision, clock.now());
    if (decision.action() != CollectionAction.WAIT) {
      cases.reachStep(collectionCase.caseId(), decision.action().step(), decision.action());
      review.promise().filter(p -> p.status() != PromiseStatus.OPEN).ifPresent(p -> cases.promiseActedOn(p.id()));
    }
    if (decision.action() == CollectionAction.PROPOSE_DISPOSAL) {
      review.promise().filter(p -> p.status() == PromiseStatus.OPEN)
          .ifPresent(p -> closeRunning(loanId, p, PromiseStatus.SUPERSEDED, review.businessDate()));
    }
    log.info("Loan {}: case {} at {} days past due, {} CNY overdue, promise {}: {} ({})", loanId, collectionCase.caseId(),
        facts.daysPastDue(), facts.amountOverdue().toPlainString(), facts.promiseStatus(), decision.action(), decision.reason());
    return decision;
  }

  /**
   * What the loan's approved reclassification changes in its open case's next step, recording nothing (no decision, no
   * promise resolved, no row in the decision history: {@link CollectionStrategy#preview}; the case's review records the
   * one decision taken): the strategy table answers for the case's facts as they are now, once with the classification
   * the case last decided with (the step it is waiting to take) and once with the loan's classification now. Only a
   * different next action is a reason to review the case before its next review is due; which classes make a difference
   * stays the table's to say (a 可疑 or 损失 loan goes to disposal, even while a promise to pay runs).
   *
   * @return empty when the loan has no open case
   */
  public Optional<ReclassificationEffect> reclassificationEffect(String loanId) {
    Optional<CollectionCase> open = cases.openCaseOf(loanId);
    if (open.isEmpty()) {
      return Optional.empty();
    }
    CollectionFacts facts = review(loanId, open.get(), false).facts();
    StrategyDecision now = strategy.preview(facts);
    Optional<Classification> decidedWith = cases.latestDecidedClassification(open.get().caseId());
    boolean changes = decidedWith.isEmpty() || strategy.preview(facts.withClassification(decidedWith.get())).action() != now.action();
    log.info("Loan {}: reclassified {} (case {} last decided with {}): next step {} {}", loanId, facts.classification(),
        open.get().caseId(), decidedWith.orElse(null), now.action(), changes ? "changes" : "unchanged");
    return Optional.of(new ReclassificationEffect(facts.classification(), changes, now));
  }

  /**
   * What an approved reclassification changes in a case's next step.
   *
   * @param classification  the loan's classification now
   * @param changesNextStep whether the strategy table chooses another action than with the classification the case last
   *     decided with (or the case has not decided yet)
   * @param nextStep        the table's answer with the classification now
   */
  public record ReclassificationEffect(Classification classification, boolean changesNextStep, StrategyDecision nextStep) {}

  /** The facts the strategy table sees of the case now; the latest promise resolved and, if {@code record}, saved so. */
  private Review review(String loanId, CollectionCase collectionCase, boolean record) {
    LoanStanding standing = loans.standing(loanId).orElseThrow();
    LoanBalances balances = loans.balances(loanId);
    LocalDate businessDate = businessDate(standing);
    Optional<Promise> promise = latestUnacted(collectionCase.caseId()).map(p -> resolve(loanId, p, businessDate, record));
    List<Contact> contacts = cases.contacts(collectionCase.caseId());
    CollectionFacts facts = new CollectionFacts(standing.daysPastDue(), balances.arrears(), standing.classification(),
        promise.map(Promise::status).orElse(PromiseStatus.NONE), collectionCase.ladderStep(),
        contacts.isEmpty() ? null : contacts.get(contacts.size() - 1).outcome());
    return new Review(businessDate, promise, facts);
  }

  private record Review(LocalDate businessDate, Optional<Promise> promise, CollectionFacts facts) {}

  /**
   * Kept when repayments received after the promise cover it; broken once its date plus grace days has passed. Saved
   * so only when {@code record}.
   */
  private Promise resolve(String loanId, Promise promise, LocalDate businessDate, boolean record) {
    if (promise.status() != PromiseStatus.OPEN) {
      return promise;
    }
    BigDecimal received = repayments.receivedSince(loanId, promise.madeAt());
    PromiseStatus status = received.compareTo(promise.promisedAmount()) >= 0 ? PromiseStatus.KEPT
        : businessDate.isAfter(promise.keptBy()) ? PromiseStatus.BROKEN : PromiseStatus.OPEN;
    if (status == PromiseStatus.OPEN) {
      return promise;
    }
    if (record) {
      cases.resolvePromise(promise.id(), status, received, businessDate);
      log.info("Loan {}: promise to pay {} CNY by {} {} ({} CNY received)", loanId, promise.promisedAmount().toPlainString(),
          promise.promisedDate(), status, received.toPlainString());
    }
    return new Promise(promise.id(), promise.promisedAmount(), promise.promisedDate(), promise.graceDays(), promise.madeOn(),
        promise.madeAt(), status, received, businessDate, false);
  }

  /**
   * Closes a promise still running, neither kept nor broken: {@code closed} ({@link PromiseStatus#SUPERSEDED} when the
   * case goes to disposal, a 可疑 or 损失 loan; {@link PromiseStatus#CLEARED} or {@link PromiseStatus#WRITTENOFF} when
   * the case closes) with the repayments received towards it so far, and acted on, so that no report or later review
   * counts it as running; the forms still show it.
   */
  private void closeRunning(String loanId, Promise promise, PromiseStatus closed, LocalDate businessDate) {
    BigDecimal received = repayments.receivedSince(loanId, promise.madeAt());
    cases.resolvePromise(promise.id(), closed, received, businessDate);
    cases.promiseActedOn(promise.id());
    log.info("Loan {}: promise to pay {} CNY by {} closed {} ({}; {} CNY received)", loanId,
        promise.promisedAmount().toPlainString(), promise.promisedDate(), closed, closed.label(), received.toPlainString());
  }

  /**
   * The case closes while a promise runs: it is judged as a review would ({@link #resolve}: kept if the repayments
   * received since it cover it, broken if its date plus grace days has passed) and, still running, closed {@code
   * otherwise}: {@link PromiseStatus#CLEARED} when the case closes cured or settled, {@link PromiseStatus#WRITTENOFF}
   * when the loan is written off (a promise the borrower covered before the write-off is kept all the same, not shown
   * 未兑现). Saved in the close's transaction with what was received towards it, so that no form or report shows it
   * 履约期内 for ever.
   */
  private void closePromises(String loanId, String caseId, LocalDate businessDate, PromiseStatus otherwise) {
    for (Promise promise : cases.promises(caseId)) {
      if (promise.status() != PromiseStatus.OPEN) {
        continue;
      }
      Promise judged = resolve(loanId, promise, businessDate, true);
      if (judged.status() == PromiseStatus.OPEN) {
        closeRunning(loanId, promise, otherwise, businessDate);
      }
    }
  }

  private Optional<Promise> latestUnacted(String caseId) {
    List<Promise> promises = cases.promises(caseId);
    return promises.isEmpty() || promises.get(promises.size() - 1).actedOn() ? Optional.empty()
        : Optional.of(promises.get(promises.size() - 1));
  }

  // --- contacts ----------------------------------------------------------------------------------

  /**
   * Queues the borrower's overdue reminder (sent apart by the outbox) and records it as the case's
   * contact, in the caller's transaction. The contact names the mail ({@code mail_id}): staff read what became of it
   * ({@link Contact#resultLabel}), 提醒待发送 or 提醒发送失败, 待重发 until the SMTP server takes it.
   */
  public void remind(String loanId) {
    CollectionCase collectionCase = requireOpen(loanId);
    LoanStanding standing = loans.standing(loanId).orElseThrow();
    long mailId = mails.enqueue(loanId, MailTemplate.OVERDUE_REMINDER);
    cases.insertContact(collectionCase.caseId(), businessDate(standing), ContactChannel.MAIL, ContactOutcome.MAIL_SENT,
        "逾期第" + standing.daysPastDue() + "天提醒邮件", "system", clock.now(), mailId);
  }

  /**
   * Records a contact attempt and, with {@link ContactOutcome#PROMISE_TO_PAY}, the promise.
   *
   * @throws InvalidFieldsException naming the bad field (an outcome the channel cannot have, no notes,
   *     a promise without amount or date, a date before the business date or too far after it, an
   *     amount above the arrears)
   */
  public void recordContact(RecordContact command) {
    CollectionCase collectionCase = requireOpenUnderLoanLock(command.loanId());
    LocalDate businessDate = businessDate(loans.standing(command.loanId()).orElseThrow());
    List<FieldViolation> violations = new ArrayList<>();
    if (command.outcome() == null || !command.channel().outcomes().contains(command.outcome())) {
      violations.add(new FieldViolation("contactOutcome", "INVALID_CHOICE", "请选择" + command.channel().label() + "结果"));
    }
    if (command.notes() == null || command.notes().isBlank() || command.notes().length() > 2000) {
      violations.add(new FieldViolation("contactNotes", "REQUIRED", "请填写联系情况 (1-2000 字)"));
    } else {
      InputHygiene.multiLine("contactNotes", command.notes()).ifPresent(violations::add);
    }
    boolean promised = command.outcome() == ContactOutcome.PROMISE_TO_PAY;
    if (promised) {
      BigDecimal arrears = loans.balances(command.loanId()).arrears();
      if (command.promisedAmount() == null || command.promisedAmount().signum() <= 0) {
        violations.add(new FieldViolation("promisedAmount", "REQUIRED", "请填写承诺还款金额"));
      } else if (command.promisedAmount().compareTo(arrears) > 0) {
        violations.add(new FieldViolation("promisedAmount", "ABOVE_ARREARS", "承诺金额不能超过逾期欠款 " + arrears.toPlainString() + " 元"));
      }
      if (command.promisedDate() == null) {
        violations.add(new FieldViolation("promisedDate", "REQUIRED", "请填写承诺还款日期"));
      } else if (command.promisedDate().isBefore(businessDate) || command.promisedDate().isAfter(businessDate.plusDays(maxPromiseDays))) {
        violations.add(new FieldViolation("promisedDate", "OUT_OF_RANGE", "承诺还款日期应在" + ChineseDates.day(businessDate) + "至"
            + ChineseDates.day(businessDate.plusDays(maxPromiseDays)) + "之间"));
      }
    }
    refuseIfAny(violations);
    long contactId = cases.insertContact(collectionCase.caseId(), businessDate, command.channel(), command.outcome(),
        command.notes().trim(), command.contactedBy(), clock.now());
    if (promised) {
      cases.insertPromise(collectionCase.caseId(), contactId, command.promisedAmount(), command.promisedDate(), graceDays,
          businessDate, clock.now());
    }
    log.info("Loan {}: {} by {}: {}{}", command.loanId(), command.channel(), command.contactedBy(), command.outcome(),
        promised ? ", promise to pay " + command.promisedAmount().toPlainString() + " CNY by " + command.promisedDate() : "");
  }

  // --- disposal ----------------------------------------------------------------------------------

  public void propose(ProposeDisposal command) {
    CollectionCase collectionCase = requireOpenUnderLoanLock(command.loanId());
    List<FieldViolation> violations = new ArrayList<>();
    if (command.type() == null) {
      violations.add(new FieldViolation("disposalKind", "REQUIRED", "请选择处置方式"));
    }
    if (command.reason() == null || command.reason().isBlank() || command.reason().length() > 1000) {
      violations.add(new FieldViolation("disposalReason", "REQUIRED", "请填写处置理由 (1-1000 字)"));
    } else {
      InputHygiene.multiLine("disposalReason", command.reason()).ifPresent(violations::add);
    }
    refuseIfAny(violations);
    cases.insertDisposal(collectionCase.caseId(), command.type(), command.reason().trim(), command.proposedBy(), clock.now());
    log.info("Loan {}: {} proposed by {}", command.loanId(), command.type(), command.proposedBy());
  }

  /** The case's proposal waiting for a decision. */
  public Disposal pendingDisposal(String loanId) {
    List<Disposal> disposals = cases.disposals(requireOpen(loanId).caseId());
    if (disposals.isEmpty() || !disposals.get(disposals.size() - 1).pending()) {
      throw new StateConflictException("借据 " + loanId + " 已没有待审批的处置建议 (已审批), 无需再审批, 请刷新待办列表 (loan "
          + loanId + " has no proposal waiting for a decision)");
    }
    return disposals.get(disposals.size() - 1);
  }

  /**
   * Who may approve the pending proposal (审批权限), decided by the table {@code disposal-approval-authority} from its
   * type and the loan's outstanding principal now: called as the proposal is recorded, in the command that creates the
   * approval task, whose candidate group it becomes. Kept on the proposal's row in the same transaction (approver group,
   * principal, the table's reason), for as long as the bank keeps the case: the engine's decision history is cleaned up
   * after 180 days. Only a member of that group may decide, and never the proposer ({@link #requireMayDecide}).
   */
  public DisposalApprovalAuthority.Authority approvalAuthority(String loanId) {
    Disposal pending = pendingDisposal(loanId);
    BigDecimal outstanding = loans.balances(loanId).outstandingPrincipal();
    DisposalApprovalAuthority.Authority decided = authority.decide(pending.type(), outstanding);
    cases.recordApprovalAuthority(pending.id(), decided.approverGroup(), outstanding, decided.reason());
    log.info("Loan {}: {} proposed by {} to be approved by {} ({} CNY principal outstanding)", loanId, pending.type(),
        pending.proposedBy(), decided.approverGroup(), outstanding.toPlainString());
    return decided;
  }

  /**
   * Four eyes and the approval authority: the proposer of the pending proposal may neither take nor decide it, nor may
   * anyone outside the approver group kept with it ({@link #approvalAuthority}), whatever their engine rights (an
   * administrator's included). A proposal recorded before the group was kept (V142: null on its row) has it decided at
   * the application's start ({@link EarlierProposalAuthorities}); until then it is refused to everyone.
   *
   * @return the pending proposal, with the approver group it is decided by
   * @throws AuthorizationException when {@code person} proposed it or is not a member of its approver group
   * @throws StateConflictException when no proposal is pending, or the pending one keeps no approver group yet
   */
  public Disposal requireMayDecide(String loanId, String person) {
    Disposal pending = pendingDisposal(loanId);
    if (pending.proposedBy().equals(person)) {
      throw new AuthorizationException("四眼原则: " + person + " 提出了该处置建议, 不能审批自己的建议 (user " + person
          + " proposed the " + pending.type() + " of loan " + loanId + " and may not decide it)");
    }
    String group = pending.approverGroup();
    if (group == null) {
      throw new StateConflictException(StaffText.of("借据 " + loanId + " 的" + pending.type().label()
          + "建议尚未确定审批权限 (系统启动时确定), 暂不能审批, 请联系系统管理员",
          "the " + pending.type() + " proposal of loan " + loanId + " keeps no approval authority yet (decided at the"
              + " application's start); it may not be taken or decided until then"));
    }
    if (identity.createUserQuery().userId(person).memberOfGroup(group).count() == 0) {
      throw new AuthorizationException("审批权限: " + person + " 不属于" + DisposalApprovalAuthority.groupName(group) + " ("
          + group + "), 不能审批借据 " + loanId + " 的" + pending.type().label() + "建议 (user " + person
          + " is not a member of " + group + ", which approves the " + pending.type() + " of loan " + loanId + ")");
    }
    return pending;
  }

  /** The loans whose open case has a proposal waiting for a decision without an approval authority (recorded before V142). */
  public List<String> loansWithAProposalWithoutAuthority() {
    return cases.loansWithAPendingDisposalWithoutApproverGroup();
  }

  /**
   * The approval authority of a proposal recorded before it was kept with the proposal (V142: approver group null on its
   * row, as the migration left every proposal), decided once, at the application's start ({@link
   * EarlierProposalAuthorities}): by the table {@code disposal-approval-authority} as deployed then, on the loan's
   * principal outstanding then, and kept on its row in the caller's transaction, as {@link #approvalAuthority} keeps it
   * when a proposal is recorded; from then on it stays, whatever the table says later. Under the loan's row lock, taken
   * first ({@link #requireOpenUnderLoanLock}'s order): two nodes starting together keep one, the second finds it kept.
   *
   * @return the proposal with the authority this call kept; empty when there is nothing to keep (no open case, no
   *     proposal pending, or one whose authority is kept already)
   */
  public Optional<Disposal> keepApprovalAuthorityOfEarlierProposal(String loanId) {
    loans.lockIfExists(loanId);
    Optional<CollectionCase> open = cases.openCaseOf(loanId);
    if (open.isEmpty()) {
      return Optional.empty();
    }
    List<Disposal> disposals = cases.disposals(open.get().caseId());
    Disposal pending = disposals.isEmpty() ? null : disposals.get(disposals.size() - 1);
    if (pending == null || !pending.pending() || pending.approverGroup() != null) {
      return Optional.empty();
    }
    BigDecimal outstanding = loans.balances(loanId).outstandingPrincipal();
    DisposalApprovalAuthority.Authority decided = authority.decide(pending.type(), outstanding);
    if (!cases.recordApprovalAuthority(pending.id(), decided.approverGroup(), outstanding, decided.reason())) {
      return Optional.empty();
    }
    log.info("Loan {}: {} proposed by {} before its approval authority was kept: to be approved by {} ({} CNY principal"
        + " outstanding at this start)", loanId, pending.type(), pending.proposedBy(), decided.approverGroup(),
        outstanding.toPlainString());
    return Optional.of(pendingDisposal(loanId));
  }

  /**
   * Decides the pending proposal. An approved legal action puts the case in legal action.
   *
   * <p>Under the loan's row lock, taken before anything is written ({@link #requireOpenUnderLoanLock}): a decision that
   * meets the repayment that cures the case, the daily close that settles the loan or a second decision waits for it,
   * then finds the case as that left it. A case that ended meanwhile is refused ({@link #caseEnded}), nothing written;
   * the engine then rolls the task's completion back with it.
   *
   * @return the proposal as decided
   * @throws StateConflictException the case ended (cured, settled, written off), or its proposal was decided already
   */
  public Disposal decide(DecideDisposal command) {
    loans.lockIfExists(command.loanId());
    if (cases.openCaseOf(command.loanId()).isEmpty()) {
      throw caseEnded(command.loanId());
    }
    requireMayDecide(command.loanId(), command.decidedBy());
    Disposal pending = pendingDisposal(command.loanId());
    if (!command.approve() && (command.comment() == null || command.comment().isBlank())) {
      refuseIfAny(List.of(new FieldViolation("disposalComment", "REQUIRED", "驳回处置建议须填写理由")));
    }
    if (command.comment() != null && command.comment().length() > 1000) {
      refuseIfAny(List.of(new FieldViolation("disposalComment", "TOO_LONG", "审批意见不能超过 1000 字")));
    }
    refuseIfAny(InputHygiene.multiLine("disposalComment", command.comment()).stream().toList());
    String comment = command.comment() == null ? null : command.comment().trim();
    String decision = command.approve() ? Disposal.APPROVED : Disposal.REJECTED;
    cases.decideDisposal(pending.id(), decision, command.decidedBy(), comment, clock.now());
    if (command.approve() && pending.type() == DisposalType.LEGAL_ACTION) {
      cases.setStatus(requireOpen(command.loanId()).caseId(), CollectionCase.LEGAL_ACTION);
    }
    log.info("Loan {}: {} proposed by {} {} by {}", command.loanId(), pending.type(), pending.proposedBy(), decision,
        command.decidedBy());
    return cases.disposals(requireOpen(command.loanId()).caseId()).stream().filter(d -> d.id() == pending.id()).findFirst()
        .orElseThrow();
  }

  /** Records a legal follow-up as the case's contact. */
  public void recordLegalProgress(String loanId, LegalNextStep next, String notes, String by) {
    requireOpenUnderLoanLock(loanId);
    if (next == null || notes == null || notes.isBlank() || notes.length() > 2000) {
      refuseIfAny(List.of(new FieldViolation(next == null ? "legalProgress" : "legalNotes", "REQUIRED",
          "请选择诉讼后续并填写诉讼进展 (1-2000 字)")));
    }
    refuseIfAny(InputHygiene.multiLine("legalNotes", notes).stream().toList());
    CollectionCase collectionCase = requireOpen(loanId);
    cases.insertContact(collectionCase.caseId(), businessDate(loans.standing(loanId).orElseThrow()), ContactChannel.LEGAL,
        next == LegalNextStep.CONTINUE ? ContactOutcome.LEGAL_IN_PROGRESS : ContactOutcome.LEGAL_UNRECOVERABLE, notes.trim(),
        by, clock.now());
  }

  /**
   * Writes the loan off as the approved proposal says (a charge-off: the claim is kept) and closes the case; a promise
   * still running is kept if the repayments received since it cover it, else closed ({@link #closePromises}).
   *
   * @return the principal written off
   */
  public BigDecimal writeOff(String loanId) {
    // English refusal: the write-off job runs only after an approved write-off (see StaffText).
    CollectionCase collectionCase = requireOpenUnderLoanLock(loanId);
    Disposal approved = cases.disposals(collectionCase.caseId()).stream()
        .filter(d -> d.type() == DisposalType.WRITE_OFF && Disposal.APPROVED.equals(d.decision()))
        .reduce((first, second) -> second)
        .orElseThrow(() -> new StateConflictException("Loan " + loanId + " has no approved write-off"));
    LocalDate businessDate = businessDate(loans.standing(loanId).orElseThrow());
    BigDecimal principal = loans.writeOff(new WriteOffLoan(loanId, businessDate, approved.decidedBy(), approved.reason()));
    closePromises(loanId, collectionCase.caseId(), businessDate, PromiseStatus.WRITTENOFF);
    cases.close(collectionCase.caseId(), CollectionCase.WRITTEN_OFF, businessDate, "核销本金 " + principal.toPlainString()
        + " 元, 账销案存 (提出: " + approved.proposedBy() + ", 审批: " + approved.decidedBy() + authorityNote(approved) + ")",
        clock.now());
    return principal;
  }

  /** ", 审批权限: 贷审会主任委员 (credit-committee-chair)" when the proposal kept its authority, else nothing. */
  private static String authorityNote(Disposal approved) {
    return approved.approverGroup() == null ? ""
        : ", 审批权限: " + DisposalApprovalAuthority.groupName(approved.approverGroup()) + " (" + approved.approverGroup() + ")";
  }

  // --- cure --------------------------------------------------------------------------------------

  /** Notes the repayment that cleared the arrears on the open case (before its process is told). */
  public Optional<CollectionCase> noteCure(String loanId, String transactionId) {
    Optional<CollectionCase> open = cases.openCaseOf(loanId);
    open.ifPresent(c -> cases.noteCure(c.caseId(), transactionId));
    return open;
  }

  /**
   * Withdraws the cure {@code transactionId} noted on the loan's open case (its process not started yet), the repayment
   * being reversed: the case stays open and its process, when it starts, is not told of a cure.
   *
   * @return whether a cure was withdrawn
   */
  public boolean withdrawCure(String loanId, String transactionId) {
    Optional<CollectionCase> open = cases.openCaseOf(loanId);
    boolean withdrawn = open.isPresent() && cases.withdrawCure(open.get().caseId(), transactionId);
    if (withdrawn) {
      log.info("Loan {}: repayment {} reversed, the cure it brought to collection case {} is withdrawn; the case stays open",
          loanId, transactionId, open.get().caseId());
    }
    return withdrawn;
  }

  /**
   * Closes the cured case: the arrears were repaid. Its overdue reminders not sent yet are withdrawn in the same
   * transaction ({@link #withdrawReminders}); the close reason says so. A promise still running is kept or closed
   * ({@link #closePromises}).
   */
  public void closeCured(String loanId) {
    CollectionCase collectionCase = requireOpen(loanId);
    String transaction = cases.cureTransaction(collectionCase.caseId()).orElse(null);
    String cleared = "逾期欠款已结清" + (transaction == null ? "" : " (交易 " + transaction + ")");
    List<Long> withdrawn = withdrawReminders(collectionCase, cleared);
    LocalDate businessDate = businessDate(loans.standing(loanId).orElseThrow());
    closePromises(loanId, collectionCase.caseId(), businessDate, PromiseStatus.CLEARED);
    cases.close(collectionCase.caseId(), CollectionCase.CURED, businessDate, cleared + withdrawnNote(withdrawn), clock.now());
    log.info("Loan {}: collection case {} closed, arrears cleared by {}", loanId, collectionCase.caseId(), transaction);
  }

  /**
   * The case's overdue reminders ({@link MailTemplate#OVERDUE_REMINDER}, the only mail a case queues before it ends)
   * that are still in the outbox, PENDING or FAILED, are withdrawn: the borrower is no longer overdue, so they are never
   * sent, and an operator cannot re-queue them. A reminder the outbox has sent stays on record; one a dispatcher is
   * sending at this moment is sent. Mails of the loan queued by others (a call-in notice from monitoring, a reversal's
   * 还款已冲正, the cure notice) and reminders of the loan's earlier cases are not the case's and are left alone.
   *
   * <p>The case's contacts are not touched: each reminder's contact names its mail ({@code mail_id}, stored by
   * {@link #remind}), and staff read what became of it from the mail's status ({@link Contact#resultLabel}): 提醒已撤回
   * (未发出) once withdrawn, 已发送提醒 if a dispatcher that was sending it at this moment got it out after all.
   *
   * @return the ids of the reminders withdrawn
   */
  private List<Long> withdrawReminders(CollectionCase collectionCase, String why) {
    return mails.withdraw(MailCaseType.LOAN, collectionCase.loanId(), MailTemplate.OVERDUE_REMINDER,
        collectionCase.openedAt(), why + ", 催收案件 " + collectionCase.caseId() + " 已结案, 逾期还款提醒不再发送");
  }

  private static String withdrawnNote(List<Long> withdrawn) {
    return withdrawn.isEmpty() ? "" : "; 尚未发出的逾期还款提醒已撤回 (" + withdrawn.size() + " 封)";
  }

  /**
   * Closes the loan's open case because the daily close of {@code businessDate} settled the loan (结清) without a
   * repayment that cleared arrears, e.g. a called-in loan repaid in full before it fell overdue. A case whose process
   * has not started yet never starts one. Its overdue reminders not sent yet are withdrawn in the close's transaction,
   * as at a cure ({@link #withdrawReminders}), and a promise still running is kept or closed ({@link #closePromises}).
   *
   * @return whether a case was open (and is now closed)
   */
  public boolean closeSettled(String loanId, LocalDate businessDate) {
    Optional<CollectionCase> open = cases.openCaseOf(loanId);
    open.ifPresent(c -> {
      cases.cancelPendingStart(c.caseId());
      String settled = "贷款已结清 (" + ChineseDates.day(businessDate) + "日终)";
      List<Long> withdrawn = withdrawReminders(c, settled);
      closePromises(loanId, c.caseId(), businessDate, PromiseStatus.CLEARED);
      cases.close(c.caseId(), CollectionCase.CURED, businessDate, settled + withdrawnNote(withdrawn), clock.now());
      log.info("Loan {}: settled on {}; collection case {} closed", loanId, businessDate, c.caseId());
    });
    return open.isPresent();
  }

  /**
   * Queues what the borrower is told of the cure (the case is already closed): the arrears are cleared
   * ({@link MailTemplate#ARREARS_CLEARED}, 逾期款项已结清, 催收已终止). Not so when the repayment that cured the case was
   * paid on time ({@link StoredRepayment#paidOnTime}: on the due date, reported after that date's close opened the
   * case): the borrower was never overdue, so they get nothing when the case sent them no reminder, and
   * {@link MailTemplate#REPAYMENT_ON_TIME} (还款已按时入账, the reminder may be ignored) when it did. "Sent" is what the
   * outbox says of the case's reminders: SENT, or being sent when the cure withdrew it; a reminder withdrawn before
   * it left the outbox (the SMTP server down, or the cure before the next dispatch) never reached the borrower.
   */
  public void sendCureNotice(String loanId) {
    // English refusal: runs right after closeCured closed the case CURED (see StaffText).
    CollectionCase cured = cases.casesOf(loanId).stream().filter(c -> CollectionCase.CURED.equals(c.status())).findFirst()
        .orElseThrow(() -> new StateConflictException("Loan " + loanId + " has no cured case"));
    Optional<StoredRepayment> cure = cases.cureTransaction(cured.caseId()).flatMap(repayments::find);
    if (cure.isEmpty() || !cure.get().paidOnTime()) {
      mails.enqueue(loanId, MailTemplate.ARREARS_CLEARED);
      return;
    }
    boolean reminded = mails.sentOrBeingSent(MailCaseType.LOAN, loanId, MailTemplate.OVERDUE_REMINDER, cured.openedAt());
    if (reminded) {
      mails.enqueue(loanId, MailTemplate.REPAYMENT_ON_TIME);
    }
    log.info("Loan {}: collection case {} cured by {}, paid on time as of {}: {}", loanId, cured.caseId(),
        cure.get().transactionId(), cure.get().valueDate(),
        reminded ? "the borrower is told to ignore the reminder" : "no reminder was sent, nothing to tell the borrower");
  }

  // --- reading -----------------------------------------------------------------------------------

  /** Everything a collection task shows of the case. */
  public CaseFile caseFile(String loanId) {
    // English refusal: a collection process runs only for a loan whose case was opened (see StaffText).
    CollectionCase collectionCase = cases.openCaseOf(loanId)
        .or(() -> cases.casesOf(loanId).stream().findFirst())
        .orElseThrow(() -> new StateConflictException("Loan " + loanId + " has no collection case"));
    return caseFile(collectionCase);
  }

  private CaseFile caseFile(CollectionCase collectionCase) {
    return new CaseFile(collectionCase, cases.contacts(collectionCase.caseId()), cases.promises(collectionCase.caseId()),
        cases.disposals(collectionCase.caseId()), cases.latestActionReason(collectionCase.caseId()).orElse(""));
  }

  /** A case with its contacts, promises and proposals, oldest first, and why its current step came. */
  public record CaseFile(CollectionCase collectionCase, List<Contact> contacts, List<Promise> promises,
      List<Disposal> disposals, String actionReason) {}

  public List<CollectionCase> casesOf(String loanId) {
    return cases.casesOf(loanId);
  }

  /**
   * Every case of the loan, newest first, each with all its contacts, promises and proposals, oldest first: the whole
   * history, of which a collection task's form shows only the newest entries that fit ({@link CollectionFormValues}).
   */
  public List<CaseFile> caseFiles(String loanId) {
    return cases.casesOf(loanId).stream().map(this::caseFile).toList();
  }

  /**
   * What was received towards the promise: the repayments received after it was made, as recorded when it was resolved,
   * or, while it runs ({@link PromiseStatus#OPEN}), so far.
   */
  public BigDecimal receivedTowards(String loanId, Promise promise) {
    return promise.receivedAmount() != null ? promise.receivedAmount() : repayments.receivedSince(loanId, promise.madeAt());
  }

  /** Refuses bad task input: the message says what is wrong (in the words of the form) and names the fields. */
  private static void refuseIfAny(List<FieldViolation> violations) {
    if (!violations.isEmpty()) {
      throw new InvalidFieldsException(violations, String.join("; ", violations.stream().map(FieldViolation::message).toList())
          + " (" + String.join(", ", violations.stream().map(FieldViolation::field).toList()) + ")");
    }
  }

  /**
   * As {@link #requireOpen}, read under the loan's row lock ({@code loan_account}), taken first in the caller's
   * transaction (the task's completion, the write-off's job). Everything that ends a case takes that lock before it
   * closes the case: the repayment that cures it, the daily close that settles the loan, the write-off. A contact, a
   * proposal, a decision or a write-off meeting one of them waits for it and then finds the case closed, instead of
   * writing on a case being closed and failing on the engine's optimistic lock of the ended process (a server error).
   * The order is the loan's row, then the case's (as the repayment and the write-off take them).
   */
  private CollectionCase requireOpenUnderLoanLock(String loanId) {
    loans.lockIfExists(loanId);
    return requireOpen(loanId);
  }

  /**
   * Why a decision on the loan's proposal is refused: the case ended (cured, the loan settled or written off) after the
   * approver's form was read.
   */
  private StateConflictException caseEnded(String loanId) {
    Optional<CollectionCase> last = cases.casesOf(loanId).stream().findFirst();
    return new StateConflictException(StaffText.of("借据 " + loanId + " 的催收案件已结案 ("
        + last.map(CollectionCase::statusLabel).orElse("无催收案件") + "), 处置建议无需再审批, 请刷新待办列表",
        "the collection case of loan " + loanId + " is " + last.map(CollectionCase::status).orElse("missing")
            + ", no proposal awaits a decision; this decision is refused"));
  }

  private CollectionCase requireOpen(String loanId) {
    return cases.openCaseOf(loanId)
        .orElseThrow(() -> new StateConflictException("借据 " + loanId + " 已没有进行中的催收案件 (逾期已结清或已核销), "
            + "不能再登记, 请刷新待办列表 (loan " + loanId + " has no open collection case)"));
  }

  private LocalDate businessDate(LoanStanding standing) {
    return standing.lastClosedOn() != null ? standing.lastClosedOn() : clock.today();
  }
}
