package com.smeloanflow.accountability;

import com.smeloanflow.approval.ApprovalAuthority;
import com.smeloanflow.approval.ApprovalDecisions;
import com.smeloanflow.approval.ApprovalOutcome;
import com.smeloanflow.casefile.ApplicationChecks;
import com.smeloanflow.casefile.CheckType;
import com.smeloanflow.intake.GuaranteeType;
import com.smeloanflow.monitoring.CheckRepository;
import com.smeloanflow.monitoring.LoanSummaryListener;
import com.smeloanflow.monitoring.PostLoanCheck;
import com.smeloanflow.monitoring.SignalRepository;
import com.smeloanflow.monitoring.WarningSignal;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.platform.ChineseDates;
import com.smeloanflow.platform.FormText;
import com.smeloanflow.platform.InputHygiene;
import com.smeloanflow.platform.InvalidTaskInputException;
import com.smeloanflow.platform.StateConflictException;
import com.smeloanflow.process.DueDiligenceReviewProcess;
import com.smeloanflow.process.ProcessVariable;
import com.smeloanflow.processing.ApprovalRoute;
import com.smeloanflow.processing.ProcessingOutcomes;
import com.smeloanflow.processing.ProcessingSummary;
import com.smeloanflow.processing.ScoreRepository;
import com.smeloanflow.renewal.LoanRenewal;
import com.smeloanflow.renewal.RenewalRepository;
import com.smeloanflow.scoring.ScoreCard;
import com.smeloanflow.scoring.ScoringInput;
import com.smeloanflow.servicing.Classification;
import com.smeloanflow.servicing.LoanAccount;
import com.smeloanflow.servicing.LoanAccountService;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.NativeTaskQuery;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Due-diligence exemption reviews (尽职免责认定): started once per loan when the risk review first classifies
 * it non-performing; the reviewer sees what each officer saw when they decided, assessed against the
 * exemption criteria ({@link DueDiligenceCriteria}), and records a finding per officer.
 */
@Service
public class DueDiligenceReviewService {

  private static final Logger log = LoggerFactory.getLogger(DueDiligenceReviewService.class);
  static final int MAX_REASON = 1000;
  /** The task-local values the review's form shows besides the loan summary. */
  public static final List<String> FORM_VALUES = List.of("applicationNumber", "classificationName",
      "previousClassificationName", "turnedOn", "criteriaText", "criteriaSuggestion", "scoreCardText", "dataSnapshotText",
      "verificationText", "decisionsText", "postLoanText", "officersText", "hasCustomerManager", "hasApprover",
      "hasPostLoanChecker");
  /** The task-local values whose absence marks a review task opened before the form hid a role without an officer. */
  private static final List<String> UPGRADE_VALUES = List.of("hasCustomerManager", "hasApprover", "hasPostLoanChecker");

  private final DueDiligenceFindings reviews;
  private final ManagedLoanRepository managedLoans;
  private final LoanAccountService loans;
  private final ApplicationChecks checks;
  private final ScoreRepository scores;
  private final ProcessingOutcomes processing;
  private final ApprovalDecisions approvals;
  private final RenewalRepository renewals;
  private final CheckRepository postLoanChecks;
  private final SignalRepository signals;
  private final LoanSummaryListener loanSummary;
  private final BusinessClock clock;
  private final RuntimeService runtime;
  private final TaskService tasks;
  private final IdentityService identity;
  private final TransactionTemplate ownTransaction;
  /** The open review tasks without {@link #UPGRADE_VALUES} (any one missing), in one statement. */
  private final String tasksToUpgradeSql;

  public DueDiligenceReviewService(DueDiligenceFindings reviews, ManagedLoanRepository managedLoans, LoanAccountService loans,
      ApplicationChecks checks, ScoreRepository scores, ProcessingOutcomes processing, ApprovalDecisions approvals,
      RenewalRepository renewals, CheckRepository postLoanChecks, SignalRepository signals, LoanSummaryListener loanSummary,
      BusinessClock clock, RuntimeService runtime, TaskService tasks, IdentityService identity, ManagementService management,
      PlatformTransactionManager transactions) {
    this.reviews = reviews;
    this.managedLoans = managedLoans;
    this.loans = loans;
    this.checks = checks;
    this.scores = scores;
    this.processing = processing;
    this.approvals = approvals;
    this.renewals = renewals;
    this.postLoanChecks = postLoanChecks;
    this.signals = signals;
    this.loanSummary = loanSummary;
    this.clock = clock;
    this.runtime = runtime;
    this.tasks = tasks;
    this.identity = identity;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    // the engine maps its variable table to the entity class only (not to the VariableInstance interface)
    String variables = management.getTableName(VariableInstanceEntity.class);
    this.tasksToUpgradeSql = "SELECT T.* FROM " + management.getTableName(Task.class) + " T JOIN "
        + management.getTableName(ProcessDefinition.class) + " D ON D.ID_ = T.PROC_DEF_ID_"
        + " WHERE D.KEY_ = #{process} AND T.TASK_DEF_KEY_ = #{task} AND ("
        + UPGRADE_VALUES.stream().map(value -> "NOT EXISTS (SELECT 1 FROM " + variables
            + " V WHERE V.TASK_ID_ = T.ID_ AND V.NAME_ = #{" + value + "})").collect(Collectors.joining(" OR "))
        + ") ORDER BY T.CREATE_TIME_, T.ID_";
  }

  // --- start --------------------------------------------------------------------------------------

  /**
   * The loan's classification changed: when it turned non-performing (from 正常 or 关注 to 次级, 可疑 or 损失)
   * and was never reviewed, a review starts (business key = loan id). Started by the system, whoever's
   * action turned the loan.
   *
   * @return whether a review started
   */
  public boolean classificationChanged(String loanId, Classification previous, Classification current,
      java.time.LocalDate businessDate) {
    if (!current.nonPerforming() || previous.nonPerforming()) {
      return false;
    }
    if (reviews.find(loanId).isPresent()) {
      log.info("Loan {}: non-performing again ({} -> {}); its due-diligence review exists already", loanId, previous, current);
      return false;
    }
    LoanAccount account = loans.find(loanId).orElseThrow(() -> new IllegalStateException("No loan " + loanId));
    reviews.insert(new DueDiligenceReview(loanId, account.applicationId(), account.branchCode(), current, previous,
        businessDate, DueDiligenceReview.OPEN, null, clock.now(), null, null));
    asSystem(() -> ProcessVariable.trusted(() -> runtime.createProcessInstanceByKey(DueDiligenceReviewProcess.KEY)
        .businessKey(loanId).setVariable(DueDiligenceReviewProcess.Variables.BRANCH_CODE.name(), account.branchCode())
        .execute()));
    log.info("Loan {}: turned non-performing ({} -> {}) on {}; due-diligence review started", loanId, previous, current,
        businessDate);
    return true;
  }

  // --- an open review follows the loan -------------------------------------------------------------

  /**
   * Someone may have become an officer of the loan while its review is open (a post-loan check was concluded: its
   * checker is a 贷后检查人 now): the open review's form is shown anew, officers and post-loan record ({@link #evidence};
   * the criteria stay those the review was opened under), so it lists everyone the completion asks a finding for. The
   * review covers the officers at the time it is decided, not those of the day it opened: a checker who concluded a
   * check of a loan already non-performing answers for it too.
   * Done by the system, whoever's action caused it (the checker cannot see the review task), in the caller's transaction
   * with the review's row locked, so a start-up upgrade or another refresh of it on another node waits for this one
   * instead of writing the same task-local values at once. A loan without an open review is left alone.
   */
  public void refreshOpenReview(String loanId) {
    if (!reviews.lockOpen(loanId)) {
      return;
    }
    asSystem(() -> {
      openReviewTasks().processInstanceBusinessKey(loanId).list().forEach(task -> showEvidence(task, loanId));
      return null;
    });
  }

  /**
   * Upgrade of the review tasks opened before their form hid the fields of a role without an officer (the 客户经理 of a
   * loan no customer manager answers for, the 审批人 of a model-approved loan, the 贷后检查人 of a loan no one checked):
   * such a task lacks the task-local {@code hasCustomerManager}, {@code hasApprover} or {@code hasPostLoanChecker}, so its
   * form asks, as a required field, for a finding the completion refuses. Each is shown anew ({@link #evidence}, the
   * criteria left as opened), which sets all three; a task that has all three is left alone, so running
   * this again changes nothing. Every start runs it: the tasks to upgrade are found in one statement (their loans in a
   * second, only when there are any). Nodes starting together each run it: each task is shown anew in its own
   * transaction with its review's row locked, and skipped when another node did it meanwhile. A task that cannot be
   * shown anew is logged and left for the next run; the others are upgraded.
   *
   * @return how many open review tasks this call showed anew
   */
  public int upgradeOpenReviews() {
    return asSystem(() -> {
      NativeTaskQuery query = tasks.createNativeTaskQuery().sql(tasksToUpgradeSql)
          .parameter("process", DueDiligenceReviewProcess.KEY)
          .parameter("task", DueDiligenceReviewProcess.Elements.TASK_REVIEW_DUE_DILIGENCE);
      UPGRADE_VALUES.forEach(value -> query.parameter(value, value));
      List<Task> lacking = query.list();
      if (lacking.isEmpty()) {
        return 0;
      }
      Map<String, String> loanOfInstance = runtime.createProcessInstanceQuery()
          .processInstanceIds(lacking.stream().map(Task::getProcessInstanceId).collect(Collectors.toSet())).list().stream()
          .filter(instance -> instance.getBusinessKey() != null)
          .collect(Collectors.toMap(ProcessInstance::getId, ProcessInstance::getBusinessKey));
      int upgraded = 0;
      for (Task task : lacking) {
        String loanId = loanOfInstance.get(task.getProcessInstanceId());
        if (loanId == null) {
          continue; // the review ended since the first statement
        }
        try {
          if (Boolean.TRUE.equals(ownTransaction.execute(status -> upgrade(task, loanId)))) {
            upgraded++;
          }
        } catch (RuntimeException e) {
          log.warn("Loan {}: due-diligence review task {} not upgraded, its form may still ask about a customer manager, an"
              + " approver or a checker: {}",
              loanId, task.getId(), e.toString());
        }
      }
      return upgraded;
    });
  }

  /**
   * Shows one task anew unless, once its review's row is locked, the review is concluded or the task has all the values
   * (another node's upgrade or a refresh did it while this one waited): the race of nodes starting together, no failure.
   */
  private boolean upgrade(Task task, String loanId) {
    if (!reviews.lockOpen(loanId)) {
      log.debug("Loan {}: due-diligence review concluded meanwhile, task {} left alone", loanId, task.getId());
      return false;
    }
    if (tasks.getVariablesLocal(task.getId(), UPGRADE_VALUES).size() == UPGRADE_VALUES.size()) {
      log.debug("Loan {}: due-diligence review task {} shown anew meanwhile (another node), left alone", loanId, task.getId());
      return false;
    }
    showEvidence(task, loanId);
    return true;
  }

  private org.camunda.bpm.engine.task.TaskQuery openReviewTasks() {
    return tasks.createTaskQuery().processDefinitionKey(DueDiligenceReviewProcess.KEY)
        .taskDefinitionKey(DueDiligenceReviewProcess.Elements.TASK_REVIEW_DUE_DILIGENCE);
  }

  private void showEvidence(Task task, String loanId) {
    Map<String, Object> values = evidence(loanId);
    tasks.setVariablesLocal(task.getId(), values);
    log.info("Loan {}: due-diligence review task {} shown anew; officers now:\n{}", loanId, task.getId(), values.get("officersText"));
  }

  /** Runs {@code work} as the system (no user's authorizations), then restores the caller. */
  private <R> R asSystem(Supplier<R> work) {
    Authentication caller = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      return work.get();
    } finally {
      if (caller != null) {
        identity.setAuthentication(caller);
      }
    }
  }

  public Optional<DueDiligenceReview> find(String loanId) {
    return reviews.find(loanId);
  }

  public List<DueDiligenceReview.Finding> findings(String loanId) {
    return reviews.findingsOf(loanId);
  }

  // --- what each officer saw ----------------------------------------------------------------------

  /**
   * The officers who decided on the loan, by role (a role without anyone is absent). The approver of a loan a renewal
   * opened (无还本续贷, on the old loan's application) is the person who decided that renewal (审批续贷申请, or the
   * chair signing the committee's resolution), not the application's approver, whose decision lent the old loan: none
   * when the decision table approved the renewal. Its post-loan checkers are those who concluded a check of the loan
   * itself, not the old loan's first checker the application's case file keeps. Whoever is named here may not review the
   * loan ({@link #conclude}).
   */
  public Map<OfficerRole, List<String>> officers(String loanId) {
    DueDiligenceReview review = review(loanId);
    return officers(loanId, review, lendingDecision(loanId, review));
  }

  /** {@link #officers(String)}, the review and the decision that lent the loan read by the caller. */
  private Map<OfficerRole, List<String>> officers(String loanId, DueDiligenceReview review, LendingDecision lent) {
    Map<OfficerRole, List<String>> officers = new EnumMap<>(OfficerRole.class);
    managedLoans.find(loanId).ifPresent(managed -> officers.put(OfficerRole.CUSTOMER_MANAGER, List.of(managed.customerManager())));
    lent.decidedByAPerson().ifPresent(approver -> officers.put(OfficerRole.APPROVER, List.of(approver)));
    LinkedHashSet<String> checkers = new LinkedHashSet<>();
    // the application's case file keeps the first post-loan check of the loan it lent: a loan a renewal opened has its
    // own checks only (the old loan's first checker never checked this one)
    if (lent.renewal().isEmpty()) {
      checks.of(review.applicationId(), CheckType.POST_LOAN_FIRST_CHECK).forEach(check -> checkers.add(check.performedBy()));
    }
    postLoanChecks.ofLoan(loanId).stream().filter(check -> PostLoanCheck.DONE.equals(check.status()))
        .map(PostLoanCheck::checkedBy).filter(by -> by != null).forEach(checkers::add);
    if (!checkers.isEmpty()) {
      officers.put(OfficerRole.POST_LOAN_CHECKER, List.copyOf(checkers));
    }
    return officers;
  }

  /**
   * The decision that lent the loan, read once per form build (an opening's criteria and form together) or check
   * ({@link #lendingDecision}): the renewal that opened it (无还本续贷, on the old loan's application: a person decided
   * it, or the renewal table), else the application's approval (a person's, or the model's).
   *
   * @param renewal the renewal that opened the loan; empty when the application's approval lent it
   * @param approval the application's approval, which for a renewed loan lent the first loan (the form shows both)
   */
  private record LendingDecision(Optional<LoanRenewal> renewal, Optional<ApprovalDecisions.Approval> approval) {

    /** Who decided it, the loan's approver; empty when the model decided it (or nobody is recorded). */
    Optional<String> decidedByAPerson() {
      return renewal.isPresent() ? renewal.get().decidedByAPerson()
          : approval.filter(a -> a.authority() != ApprovalAuthority.MODEL).map(ApprovalDecisions.Approval::decidedBy)
              .filter(by -> by != null && !by.isBlank());
    }

    /** Whether the model decided it: the renewal table (route AUTO), or the approval-authority table. */
    boolean decidedByTheModel() {
      return renewal.isPresent() ? renewal.get().decidedByTheModel()
          : approval.filter(a -> a.authority() == ApprovalAuthority.MODEL).isPresent();
    }
  }

  private LendingDecision lendingDecision(String loanId, DueDiligenceReview review) {
    return new LendingDecision(renewals.findByNewLoan(loanId), approvals.find(review.applicationId()));
  }

  /**
   * The criteria assessed on what was recorded. The procedure and the overrides are those of the decision that lent the
   * loan ({@link #lendingDecision}): for a loan a renewal opened (无还本续贷), that renewal's evaluation and decision
   * ({@link #unexplained(LoanRenewal)}), not the application's verification, the processing centre's exceptions or its
   * approval, which lent the old loan and whose officers do not answer for this one; else the application's (the
   * verification the table asked for, the centre's exceptions let through, an amount above the model's suggested limit,
   * 附条件批准 without conditions).
   */
  public DueDiligenceCriteria.Assessment assess(String loanId) {
    DueDiligenceReview review = review(loanId);
    return assess(loanId, review, lendingDecision(loanId, review));
  }

  /** {@link #assess(String)}, the review and the decision that lent the loan read by the caller. */
  private DueDiligenceCriteria.Assessment assess(String loanId, DueDiligenceReview review, LendingDecision lent) {
    String applicationId = review.applicationId();
    boolean required = false;
    boolean confirmed = false;
    List<String> unexplained = new ArrayList<>();
    if (lent.renewal().isPresent()) {
      unexplained.addAll(unexplained(lent.renewal().get()));
    } else {
      required = processing.find(applicationId).map(ProcessingOutcomes.Outcome::remoteVerificationRequired)
          .orElse(false) == Boolean.TRUE;
      confirmed = checks.of(applicationId, CheckType.REMOTE_VERIFICATION, CheckType.FIELD_INVESTIGATION).stream()
          .anyMatch(check -> "CONFIRMED".equals(check.outcome()));
      checks.of(applicationId, CheckType.CENTRE_REVIEW).stream()
          .filter(check -> "CONTINUE".equals(check.outcome()) && blank(check.notes()) && blank(check.details()))
          .forEach(check -> unexplained.add("集中作业复核放行 (" + check.performedBy() + ")"));
      lent.approval().ifPresent(approval -> unexplained.addAll(unexplained(applicationId, approval)));
    }
    List<DueDiligenceCriteria.CheckTiming> checkTimings = postLoanChecks.ofLoan(loanId).stream()
        .filter(check -> !PostLoanCheck.CANCELLED.equals(check.status()))
        .map(check -> new DueDiligenceCriteria.CheckTiming(check.checkId(), check.openedOn(), check.checkedOn())).toList();
    List<DueDiligenceCriteria.SignalTiming> signalTimings = signals.ofLoan(loanId).stream()
        .filter(signal -> !WarningSignal.DUPLICATE.equals(signal.status()) && !WarningSignal.CANCELLED.equals(signal.status()))
        .map(signal -> new DueDiligenceCriteria.SignalTiming(signal.signalId(),
            java.time.LocalDate.ofInstant(signal.raisedAt(), BusinessClock.BANK_ZONE),
            signal.checkId() == null ? null : postLoanChecks.find(signal.checkId()).map(PostLoanCheck::checkedOn).orElse(null)))
        .toList();
    return DueDiligenceCriteria.assess(new DueDiligenceCriteria.Facts(required, confirmed, unexplained, checkTimings,
        signalTimings, clock.today(), lent.renewal().map(LoanRenewal::loanId).orElse(null)));
  }

  /** The application's approval lent the loan: 附条件批准 without conditions, an amount above the model's suggestion unreasoned. */
  private List<String> unexplained(String applicationId, ApprovalDecisions.Approval approval) {
    List<String> unexplained = new ArrayList<>();
    boolean reasoned = !blank(approval.conditions()) || checks.of(applicationId, CheckType.APPROVAL).stream()
        .anyMatch(check -> !blank(check.notes()));
    if (approval.outcome() == ApprovalOutcome.APPROVE_WITH_CONDITIONS && blank(approval.conditions())) {
      unexplained.add("附条件批准未写明条件 (" + approval.decidedBy() + ")");
    }
    scores.find(applicationId).filter(c -> c.suggestedLimit() != null && approval.approvedAmount() != null
            && approval.approvedAmount().compareTo(c.suggestedLimit()) > 0 && !reasoned)
        .ifPresent(c -> unexplained.add("审批金额 " + money(approval.approvedAmount()) + " 元高于建议额度 "
            + money(c.suggestedLimit()) + " 元 (" + approval.decidedBy() + ")"));
    return unexplained;
  }

  /**
   * A renewal lent the loan: the amount it renewed above what the renewal's eligibility table suggested (its fresh score's
   * limit), with no reason from whoever decided it (the approver's or the chair's note; the table's route reason when the
   * table approved it). A renewal has no conditions (its amount is the principal due, which no condition may change).
   */
  private static List<String> unexplained(LoanRenewal renewal) {
    BigDecimal renewed = renewal.renewedAmount() != null ? renewal.renewedAmount() : renewal.amountToRenew();
    BigDecimal suggested = renewal.eligibility() == null ? null : renewal.eligibility().suggestedLimit();
    if (renewed == null || suggested == null || renewed.compareTo(suggested) <= 0 || !blank(renewal.decisionNote())) {
      return List.of();
    }
    return List.of("续贷审批金额 " + money(renewed) + " 元高于续贷评估建议额度 " + money(suggested) + " 元 ("
        + decider(renewal) + ")");
  }

  /** Who decided a renewal, as staff read it: 审批人 (route SINGLE), 贷审会主席 (COMMITTEE, the chair signed), else the name. */
  private static String decider(LoanRenewal renewal) {
    String route = renewal.approvalRoute();
    return (ApprovalRoute.SINGLE.name().equals(route) ? "审批人 " : ApprovalRoute.COMMITTEE.name().equals(route) ? "贷审会主席 " : "")
        + renewal.decidedBy();
  }

  /**
   * What the reviewer's form shows when the review's task is created, as task-local values: the {@link #evidence} and
   * the exemption criteria, assessed now and kept with the review. They are the criteria the review was opened under:
   * the bank judges the officers by the rules and the record of that day, so showing the form anew
   * ({@link #refreshOpenReview}, {@link #upgradeOpenReviews}) leaves them as they are, here and on the form.
   */
  public Map<String, Object> opening(String loanId) {
    // read once for both: saving the criteria changes neither what the form shows of the review nor who lent the loan
    DueDiligenceReview review = review(loanId);
    LendingDecision lent = lendingDecision(loanId, review);
    DueDiligenceCriteria.Assessment assessment = assess(loanId, review, lent);
    reviews.saveCriteria(loanId, assessment.text());
    Map<String, Object> values = evidence(loanId, review, lent);
    values.put("criteriaText", assessment.criteria().stream().map(c -> "- " + c.line()).collect(Collectors.joining("\n")));
    values.put("criteriaSuggestion", assessment.suggestion());
    return values;
  }

  /**
   * What the reviewer's form shows that follows the loan while the review is open, as task-local values: the loan,
   * the records of what each officer saw, the post-loan record and the officers; not the criteria ({@link #opening}).
   */
  public Map<String, Object> evidence(String loanId) {
    DueDiligenceReview review = review(loanId);
    return evidence(loanId, review, lendingDecision(loanId, review));
  }

  /** {@link #evidence(String)}, the review and the decision that lent the loan read by the caller. */
  private Map<String, Object> evidence(String loanId, DueDiligenceReview review, LendingDecision lent) {
    String applicationId = review.applicationId();
    Map<String, Object> values = loanSummary.values(loanId);
    values.put("applicationNumber", applicationId);
    values.put("classificationName", review.classification().label());
    values.put("previousClassificationName", review.previousClassification().label());
    values.put("turnedOn", ChineseDates.day(review.turnedOn()));
    values.put("scoreCardText", scoreCardText(applicationId));
    values.put("dataSnapshotText", dataSnapshotText(applicationId));
    values.put("verificationText", verificationText(applicationId));
    values.put("decisionsText", decisionsText(applicationId, lent));
    values.put("postLoanText", postLoanText(loanId));
    Map<OfficerRole, List<String>> officers = officers(loanId, review, lent);
    values.put("officersText", java.util.Arrays.stream(OfficerRole.values())
        .map(role -> "- " + role.label() + ": " + (officers.containsKey(role) ? String.join(", ", officers.get(role)) : "无"))
        .collect(Collectors.joining("\n")));
    // the form hides the finding and reason of a role without an officer (and requires them where it shows them): the
    // customer manager's for a loan no manager answers for, the approver's for a model approval, the checker's when no
    // post-loan check was concluded; the manager and the approver cannot change while the review is open, a post-loan
    // checker can be added (refreshOpenReview shows the form anew, its checker fields with it)
    values.put("hasCustomerManager", officers.containsKey(OfficerRole.CUSTOMER_MANAGER));
    values.put("hasApprover", officers.containsKey(OfficerRole.APPROVER));
    values.put("hasPostLoanChecker", officers.containsKey(OfficerRole.POST_LOAN_CHECKER));
    return values;
  }

  private String scoreCardText(String applicationId) {
    return scores.find(applicationId).map(card -> "总分 " + card.totalScore() + " · 等级 " + card.grade() + " · 建议额度 "
        + money(card.suggestedLimit()) + " 元 (模型 " + card.modelVersion() + ")\n- 经营 " + card.operatingScore() + " / 信用 "
        + card.creditScore() + " / 行为 " + card.behaviourScore() + " / 场景 " + card.scenarioScore()
        + "\n- 红旗: " + (card.redFlags().isEmpty() ? "无" : card.redFlags().stream()
            .map(flag -> flag.code() + (flag.hard() ? " (硬性)" : "") + " " + flag.explanation()).collect(Collectors.joining("; ")))
        + card.reasons().stream().map(r -> "\n- " + r.code() + " (" + (r.points() >= 0 ? "+" : "") + r.points() + "): "
            + r.explanation()).collect(Collectors.joining()))
        .orElse("无评分记录");
  }

  private String dataSnapshotText(String applicationId) {
    return scores.findInput(applicationId).map(DueDiligenceReviewService::snapshot).orElse("无数据快照");
  }

  private static String snapshot(ScoringInput in) {
    String inflow = in.monthlyInflows() == null || in.monthlyInflows().isEmpty() ? "无" : money(in.monthlyInflows().stream()
        .reduce(BigDecimal.ZERO, BigDecimal::add).divide(BigDecimal.valueOf(in.monthlyInflows().size()), 2, RoundingMode.HALF_UP));
    return "- 数据截至 " + ChineseDates.day(in.asOf()) + "; 申请 " + money(in.requestedAmount()) + " 元, " + in.termMonths() + " 个月, 担保 "
        + guaranteeName(in.guaranteeType()) + "\n- 登记状态 " + ProcessingSummary.dataName(in.registrationStatus()) + "; 纳税信用 " + in.taxRating() + "; 纳税销售额 "
        + money(in.taxAnnualSales()) + " 元\n- 征信: 当前逾期 " + money(in.bureauCurrentOverdueAmount()) + " 元, 近24月最长逾期 "
        + in.bureauMaxDpd24m() + " 天, 近3月查询 " + in.bureauEnquiriesLast3m() + " 次\n- 法院: 被执行案件 "
        + in.courtOpenEnforcementCases() + " 件, 失信被执行人 " + (Boolean.TRUE.equals(in.courtDishonestDebtor()) ? "是" : "否")
        + "\n- 月均经营流入 " + inflow + " 元; 水电费近24月逾期 " + in.utilityLatePaymentsLast24m() + " 次; 行业前景 "
        + ProcessingSummary.dataName(in.industryOutlook()) + "; 本行违约记录 " + in.internalDefaultCount() + " 次";
  }

  private static String guaranteeName(String guaranteeType) {
    return Arrays.stream(GuaranteeType.values()).filter(type -> type.name().equals(guaranteeType)).findFirst()
        .map(GuaranteeType::label).orElse(guaranteeType);
  }

  /**
   * Whether the decision table required a verification before the loan, then the remote verifications and field
   * investigations (oldest first), within {@link FormText#MAX_CHARACTERS} (each note may hold 2,000 characters and the
   * attempts repeat): the newest that fit, starting with how many earlier ones are left out.
   */
  private String verificationText(String applicationId) {
    String required = FormText.shorten(processing.find(applicationId)
        .map(outcome -> Boolean.TRUE.equals(outcome.remoteVerificationRequired())
            ? "决策表要求贷前核实" + (blank(outcome.verificationReason()) ? "" : ": " + outcome.verificationReason())
            : "决策表未要求贷前核实")
        .orElse("无处理记录"), FormText.MAX_CHARACTERS / 4);
    List<String> verifications = checks.of(applicationId, CheckType.REMOTE_VERIFICATION, CheckType.FIELD_INVESTIGATION)
        .stream().map(check -> "- " + check.describe()).toList();
    return required + "\n" + (verifications.isEmpty() ? "- 无核实记录"
        : FormText.newestLast(verifications, "核实记录", FormText.MAX_CHARACTERS - required.length() - 1));
  }

  /**
   * The approval route, the review, approval and disbursement checks (oldest first) and the approval's conclusion, within
   * {@link FormText#MAX_CHARACTERS} (a committee's votes and conditions grow with its members and rounds): the route and
   * the conclusion are always shown, the checks show the newest that fit and start saying how many earlier ones are left
   * out. A loan a renewal opened ends with that renewal's decision, the one that lent it.
   */
  private String decisionsText(String applicationId, LendingDecision lent) {
    String route = processing.find(applicationId).map(outcome -> "- 审批路径 "
        + (outcome.approvalRoute() == null ? "待定" : outcome.approvalRoute().label())
        + (blank(outcome.routeReason()) ? "" : ": " + outcome.routeReason())
        + (outcome.exceptionReviewed() ? " (经集中作业例外复核)" : "")).orElse("");
    List<String> checkLines = checks.of(applicationId, CheckType.CENTRE_REVIEW, CheckType.APPROVAL, CheckType.COMMITTEE_VOTE,
        CheckType.COMMITTEE_RESOLUTION, CheckType.DISBURSEMENT_CHECK).stream().map(check -> "- " + check.describe()).toList();
    Optional<BigDecimal> suggested = scores.find(applicationId).map(ScoreCard::suggestedLimit);
    String conclusion = lent.approval().map(a -> "- 审批结论: " + a.authority().label() + " " + a.outcome().label()
        + " " + money(a.approvedAmount()) + " 元" + suggested.map(limit -> " (模型建议额度 " + money(limit) + " 元"
            + (a.approvedAmount() != null && a.approvedAmount().compareTo(limit) > 0 ? ", 高于建议" : "") + ")").orElse("")
        + (blank(a.conditions()) ? "" : "; 条件: " + a.conditions()) + " — " + a.decidedBy()).orElse("")
        + lent.renewal().map(r -> (lent.approval().isPresent() ? "\n" : "") + "- 续贷审批 (原借据 " + r.loanId()
            + "): 批准续贷 " + money(r.renewedAmount()) + " 元" + (r.eligibility() == null || r.eligibility().suggestedLimit() == null
                ? "" : " (续贷评估建议额度 " + money(r.eligibility().suggestedLimit()) + " 元" + (r.renewedAmount() != null
                    && r.renewedAmount().compareTo(r.eligibility().suggestedLimit()) > 0 ? ", 高于建议" : "") + ")")
            + " — " + (r.decidedByTheModel() ? "模型自动审批"
                : r.decidedByAPerson().orElse("未记录"))).orElse("");
    if (route.isEmpty() && checkLines.isEmpty() && conclusion.isEmpty()) {
      return "无审查审批记录";
    }
    route = FormText.shorten(route, FormText.MAX_CHARACTERS / 4);
    conclusion = FormText.shorten(conclusion, FormText.MAX_CHARACTERS / 2);
    String checksText = FormText.newestLast(checkLines, "审查审批记录",
        FormText.MAX_CHARACTERS - route.length() - conclusion.length() - 2);
    return java.util.stream.Stream.of(route, checksText, conclusion).filter(part -> !part.isEmpty())
        .collect(Collectors.joining("\n"));
  }

  /**
   * The loan's post-loan checks, then its warning signals, each newest first, within {@link FormText#MAX_CHARACTERS}
   * (a check's findings run to 2,000 characters, a signal's evidence as far): the signals keep at least half of it, the
   * checks the rest, and the room the checks leave unused goes back to the signals; each part shows its newest entries
   * in full and ends saying how many earlier ones it leaves out.
   */
  private String postLoanText(String loanId) {
    List<String> checkLines = postLoanChecks.ofLoan(loanId).stream().map(check -> "- " + check.checkId() + " "
        + check.kind().label() + " " + check.method().label() + ", " + ChineseDates.day(check.openedOn()) + "发起; "
        + (PostLoanCheck.DONE.equals(check.status())
            ? ChineseDates.day(check.checkedOn()) + "由 " + check.checkedBy() + " 完成, 结论 " + check.outcome().label()
                + (blank(check.findings()) ? "" : ": " + check.findings())
            : PostLoanCheck.CANCELLED.equals(check.status()) ? "已取消" : "尚未完成")).toList();
    List<String> signalLines = signals.ofLoan(loanId).stream().map(signal -> "- 预警 " + signal.signalId() + " "
        + signal.describe() + (WarningSignal.CHECKED.equals(signal.status()) ? " 已核查"
            : WarningSignal.OPEN.equals(signal.status()) ? " 待核查" : "")).toList();
    if (checkLines.isEmpty() && signalLines.isEmpty()) {
      return "无贷后检查或预警信号";
    }
    int checksInFull = String.join("\n", checkLines).length() + 1;
    String signalsText = FormText.newestFirst(signalLines, "预警信号",
        Math.max(FormText.MAX_CHARACTERS / 2, FormText.MAX_CHARACTERS - checksInFull));
    String checksText = FormText.newestFirst(checkLines, "贷后检查",
        FormText.MAX_CHARACTERS - signalsText.length() - (signalsText.isEmpty() ? 0 : 1));
    // the checks shown whole seldom fill their room exactly: signals cut to their half get what is left (never less than
    // they had, as the checks fit beside them)
    signalsText = FormText.newestFirst(signalLines, "预警信号",
        FormText.MAX_CHARACTERS - checksText.length() - (checksText.isEmpty() ? 0 : 1));
    return checksText.isEmpty() ? signalsText : signalsText.isEmpty() ? checksText : checksText + "\n" + signalsText;
  }

  // --- the findings ---------------------------------------------------------------------------------

  /**
   * The reviewer's findings: one per officer, with the reason; a role without an officer takes none, and a
   * finding given for it is refused (a model approval has no approver to find on). The reviewer may not be one
   * of the officers (403).
   *
   * @throws InvalidTaskInputException a finding or reason missing or bad (Tasklist shows it)
   */
  public void conclude(ConcludeReview command) {
    DueDiligenceReview review = review(command.loanId());
    LendingDecision lent = lendingDecision(command.loanId(), review);
    Map<OfficerRole, List<String>> officers = officers(command.loanId(), review, lent);
    if (officers.values().stream().anyMatch(people -> people.contains(command.reviewer()))) {
      throw new AuthorizationException(command.reviewer() + " 是该笔贷款的经办人员, 不能认定自己的尽职免责 (user "
          + command.reviewer() + " decided on loan " + command.loanId() + " and may not review it)");
    }
    for (OfficerRole role : command.findings().keySet()) {
      if (!officers.containsKey(role)) {
        throw new InvalidTaskInputException(noOfficer(command.loanId(), role, lent));
      }
    }
    List<DueDiligenceReview.Finding> findings = new ArrayList<>();
    for (Map.Entry<OfficerRole, List<String>> entry : officers.entrySet()) {
      OfficerRole role = entry.getKey();
      ConcludeReview.RoleFinding given = command.findings().get(role);
      // the officers named: a reviewer whose form was opened before a checker was added sees who is asked about
      String who = role.label() + ": " + String.join(", ", entry.getValue()) + "; ";
      if (given == null || given.outcome() == null) {
        throw new InvalidTaskInputException("请选择" + role.label() + "认定结论 (" + who + role.outcomeField() + " is required)");
      }
      String reason = given.reason() == null ? null : given.reason().trim();
      if (reason == null || reason.isEmpty()) {
        throw new InvalidTaskInputException("请填写" + role.label() + "认定理由 (" + who + role.reasonField() + " is required)");
      }
      if (reason.length() > MAX_REASON) {
        throw new InvalidTaskInputException(role.label() + "认定理由不能超过 " + MAX_REASON + " 字 (" + role.reasonField() + ")");
      }
      InputHygiene.multiLine(role.reasonField(), reason).ifPresent(v -> {
        throw new InvalidTaskInputException(role.label() + "认定理由" + v.message() + " (" + role.reasonField() + ")");
      });
      entry.getValue().forEach(officer -> findings.add(new DueDiligenceReview.Finding(role, officer, given.outcome(), reason,
          command.reviewer(), clock.now())));
    }
    if (!reviews.conclude(command.loanId(), command.reviewer(), clock.now())) {
      throw new StateConflictException("借据 " + command.loanId() + " 的尽职免责认定已办结, 不能再次认定, 请刷新待办列表 "
          + "(due-diligence review of loan " + command.loanId() + " is concluded already)");
    }
    findings.forEach(finding -> reviews.insertFinding(command.loanId(), finding));
    log.info("Loan {}: due-diligence review concluded by {}: {}", command.loanId(), command.reviewer(), findings.stream()
        .map(f -> f.role() + " " + f.officer() + " " + f.outcome()).toList());
  }

  /** Why a finding for {@code role} is refused: the loan has no officer in it (a model approval has no approver). */
  private String noOfficer(String loanId, OfficerRole role, LendingDecision lent) {
    boolean byModel = role == OfficerRole.APPROVER && lent.decidedByTheModel();
    String roleName = role.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    return "该笔贷款" + (byModel ? "由模型自动审批, " : "") + "没有" + role.label() + ", 不能填写" + role.label() + "认定结论或理由 ("
        + role.outcomeField() + ", " + role.reasonField() + ": loan " + loanId + " has no " + roleName
        + (byModel ? ", it was approved by the model" : "") + ")";
  }

  private DueDiligenceReview review(String loanId) {
    return reviews.find(loanId).orElseThrow(() -> new IllegalStateException("Loan " + loanId + " has no due-diligence review"));
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }

  private static String money(BigDecimal amount) {
    return amount == null ? "—" : String.format("%,.2f", amount);
  }
}
