package com.smeloanflow.intake;

import com.smeloanflow.casefile.ApplicantTimeline;
import com.smeloanflow.casefile.ApplicationHistory;
import com.smeloanflow.casefile.ApplicationStatus;
import com.smeloanflow.casefile.CaseFiles;
import com.smeloanflow.casefile.DeclineService;
import com.smeloanflow.platform.ChineseDates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;

/**
 * Reads an application with where it stands: the case file (status, the one process instance that
 * works it), its open tasks and current stage from the engine, the decision from the later stages.
 * Reads never fail on data the product allowed to exist: with no instance, or its history cleaned
 * up, the view has no stage and no tasks, and the business history stays.
 */
@Service
public class ApplicationQueryService {

  /** The status label of a revolving line's application once its line is open (DISBURSED, nothing paid out). */
  static final String LINE_OPENED_LABEL = "额度已开通";

  private final LoanApplicationRepository applications;
  private final CaseFiles caseFiles;
  private final DeclineService declines;
  private final TaskService taskService;
  private final HistoryService historyService;
  private final List<ApplicationDecisionReader> decisions;
  private final List<LoanLookup> loans;
  private final List<CreditLineLookup> lines;
  private final List<DocumentsAwaiter> otherAwaiters;
  private final List<GuaranteeContractLookup> guarantees;
  private final ApplicationHistory history;
  private final ApplicantTimeline applicantTimeline;
  private final String openTasksSql;
  private final String openStagesSql;

  public ApplicationQueryService(LoanApplicationRepository applications, CaseFiles caseFiles, DeclineService declines,
      TaskService taskService, HistoryService historyService, ManagementService managementService,
      List<ApplicationDecisionReader> decisions, List<LoanLookup> loans, List<CreditLineLookup> lines,
      List<DocumentsAwaiter> otherAwaiters, List<GuaranteeContractLookup> guarantees, ApplicationHistory history,
      ApplicantTimeline applicantTimeline) {
    this.applications = applications;
    this.caseFiles = caseFiles;
    this.declines = declines;
    this.taskService = taskService;
    this.historyService = historyService;
    this.decisions = decisions;
    this.loans = loans;
    this.lines = lines;
    this.otherAwaiters = otherAwaiters;
    this.guarantees = guarantees;
    this.history = history;
    this.applicantTimeline = applicantTimeline;
    // The channel polls this view (every 50-250 ms while an application moves): Camunda's task query built its
    // large dynamic SQL on every call (a third of a poll's CPU). These two native queries have the same
    // conditions, order and rows as the queries they replace (the stages' "still open" is tested in Java, below;
    // docs/performance.md, "The AUTO path").
    openTasksSql = "SELECT * FROM " + managementService.getTableName(Task.class)
        + " WHERE PROC_INST_ID_ = #{instance} ORDER BY CREATE_TIME_ ASC";
    openStagesSql = "SELECT * FROM " + managementService.getTableName(HistoricActivityInstance.class)
        + " WHERE PROC_INST_ID_ = #{instance} AND ACT_TYPE_ = 'subProcess' ORDER BY START_TIME_ ASC";
  }

  /**
   * One entry of the application's history. Staff's: {@code actor} (a user id, {@code system} or a group),
   * {@code what} (the event type, or {@code TASK} and the task's name) and {@code detail} (notes included). The
   * applicant's ({@link #historyForApplicant}): no actor, {@code what} the status change or milestone, {@code label}
   * what the applicant reads, {@code detail} only the customer reason of a rejection or withdrawal.
   */
  public record HistoryEntry(Instant at, String actor, String what, String label, String detail) {}

  /**
   * Who did what when, for staff: the application's business events and its tasks (who worked them, from when to
   * when), in time order, with staff's notes. Takes the application its caller has read (and checked the reader's
   * access to), so the request reads its row once.
   */
  public List<HistoryEntry> history(LoanApplication application) {
    String applicationId = application.id();
    List<HistoryEntry> entries = new ArrayList<>();
    history.of(applicationId).forEach(e -> entries.add(new HistoryEntry(e.occurredAt(), e.actor(), e.eventType(), null, e.detail())));
    caseFiles.processInstanceId(applicationId).ifPresent(instance ->
        historyService.createHistoricTaskInstanceQuery().processInstanceId(instance).list().forEach(t ->
            entries.add(new HistoryEntry(t.getStartTime().toInstant(), t.getAssignee() == null ? "-" : t.getAssignee(),
                "TASK " + t.getName(), null, t.getEndTime() == null ? "进行中" : "完成于" + ChineseDates.minute(t.getEndTime().toInstant())
                    + (t.getDeleteReason() == null || "completed".equals(t.getDeleteReason()) ? "" : " (" + t.getDeleteReason() + ")")))));
    entries.sort(Comparator.comparing(HistoryEntry::at));
    return entries;
  }

  /**
   * The history the channel shows the applicant ({@link ApplicantTimeline}): the status changes, labelled as
   * {@link #view}'s {@code statusLabel}, and the applicant's milestones, in time order; no staff, no notes, no tasks.
   */
  public List<HistoryEntry> historyForApplicant(LoanApplication application) {
    return applicantTimeline.of(application.id(), status -> statusLabel(application, status)).stream()
        .map(entry -> new HistoryEntry(entry.at(), null, entry.what(), entry.label(), entry.detail()))
        .toList();
  }

  /** What the channel and staff see of the application. */
  public ApplicationView view(String applicationId) {
    return view(applications.get(applicationId));
  }

  /**
   * What staff see of the application its caller has read (and checked the reader's access to), so a poll reads the
   * application's row once.
   */
  public ApplicationView view(LoanApplication application) {
    return view(application, false);
  }

  /**
   * What the channel shows the applicant of the application its caller has read: as {@link #view(LoanApplication)}, with
   * the decision as {@link ApplicationDecisionReader#decisionForApplicant} gives it (no internal route reason, red flags,
   * decision tables, borrower's exposure or collateral cap), and the stage and the open tasks in texts written for the
   * applicant ({@link ApplicantProgress}: 等待网点受理您的申请, 银行审查中, …), not staff's task names (受理贷款申请,
   * 复核异常申请, …), which name the bank's internal steps.
   */
  public ApplicationView viewForApplicant(LoanApplication application) {
    return view(application, true);
  }

  private ApplicationView view(LoanApplication application, boolean forApplicant) {
    String applicationId = application.id();
    CaseFiles.State caseFile = caseFiles.state(applicationId)
        .orElse(new CaseFiles.State(ApplicationStatus.SUBMITTED, null));
    ApplicationStatus status = caseFile.status();
    String instance = caseFile.processInstanceId();
    // the channel reads the applicant's texts (ApplicantProgress), never staff's task and stage names
    List<String> openTasks = instance == null ? List.of() : taskService.createNativeTaskQuery()
        .sql(openTasksSql).parameter("instance", instance)
        .list().stream().map(task -> forApplicant ? ApplicantProgress.task(task.getTaskDefinitionKey()) : task.getName())
        .toList();
    if (forApplicant) {
      // one text for tasks that read alike to the applicant: the committee's votes (a task per member) tell no size
      openTasks = openTasks.stream().distinct().toList();
    }
    List<String> stage = instance == null ? List.of() : historyService.createNativeHistoricActivityInstanceQuery()
        .sql(openStagesSql).parameter("instance", instance)
        .list().stream()
        // "still open" is tested here, not in the SQL: with END_TIME_ IS NULL in the statement H2 walks the index of
        // every unfinished activity of every running instance (post-loan monitoring keeps one per loan) instead of
        // the instance's own few rows (docs/performance.md, "The AUTO path")
        .filter(activity -> activity.getEndTime() == null)
        .filter(activity -> activity.getActivityName() != null && !activity.getActivityName().isBlank())
        .map(activity -> forApplicant ? ApplicantProgress.stage(activity.getActivityId()) : activity.getActivityName())
        .distinct()
        .toList();
    // only a declined application has a decline (ApplicationStatus.isDeclined): the others skip the read
    ApplicationView.Outcome outcome = !status.isDeclined() ? null : declines.find(applicationId)
        .map(d -> new ApplicationView.Outcome(d.outcome().name(), d.customerReason().name(), d.customerReason().text()))
        .orElse(null);
    return new ApplicationView(application.id(), status, statusLabel(application, status),
        application.product().name(), application.requestedAmount(), application.termMonths(),
        application.branchCode(), stage, openTasks,
        missingDocuments(application, status),
        // only an application awaiting signatures has guarantee contracts to sign: the other polls skip the read
        status != ApplicationStatus.AWAITING_SIGNATURE ? List.of()
            : guarantees.stream().flatMap(lookup -> lookup.guaranteeContractsOf(applicationId).stream()).toList(),
        firstAnswer(decisions, reader -> forApplicant ? reader.decisionForApplicant(applicationId) : reader.decision(applicationId)),
        outcome,
        firstAnswer(loans, lookup -> lookup.loanIdOf(applicationId)),
        // only a revolving line opens a line: other products' polls do not ask
        application.product() != Product.REVOLVING_LINE ? null
            : firstAnswer(lines, lookup -> lookup.lineIdOf(applicationId)),
        application.submittedAt());
  }

  /** What the channel calls the status: a revolving line's application ends DISBURSED when the line opens, nothing paid out. */
  private static String statusLabel(LoanApplication application, ApplicationStatus status) {
    return status == ApplicationStatus.DISBURSED && application.product() == Product.REVOLVING_LINE
        ? LINE_OPENED_LABEL : status.label();
  }

  /**
   * What the applicant is asked to supply: the documents acceptance found missing, or those a later stage asked for
   * (disbursement's supplement), in the words of the mail. Only an application waiting for documents
   * ({@link ApplicationStatus#DOCUMENTS_MISSING}) asks for any: the other polls skip the read, and documents nobody
   * waits for any more are not asked for (acceptance's once the branch registered them at the counter, or once the
   * application was withdrawn without them, though its record keeps them for the acceptance form and the withdrawal;
   * a supplement that ended without them, the loan declined).
   */
  private List<String> missingDocuments(LoanApplication application, ApplicationStatus status) {
    if (status != ApplicationStatus.DOCUMENTS_MISSING) {
      return List.of();
    }
    List<String> missing = new ArrayList<>(application.missingDocuments().stream().map(RequiredDocument::label).toList());
    otherAwaiters.forEach(awaiter -> missing.addAll(awaiter.awaitedDocuments(application.id())));
    return List.copyOf(missing);
  }

  /** The first answer of the later stages that implement one of intake's lookups; null when none answers. */
  private static <T, R> R firstAnswer(List<T> sources, Function<T, Optional<R>> ask) {
    return sources.stream().map(ask).flatMap(Optional::stream).findFirst().orElse(null);
  }
}
