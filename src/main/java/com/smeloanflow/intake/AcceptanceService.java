package com.smeloanflow.intake;

import com.smeloanflow.casefile.ApplicantEvents;
import com.smeloanflow.casefile.ApplicationHistory;
import com.smeloanflow.casefile.ApplicationStatus;
import com.smeloanflow.casefile.CaseFiles;
import com.smeloanflow.casefile.CaseSummaryListener;
import com.smeloanflow.casefile.CustomerReason;
import com.smeloanflow.casefile.DeclineService;
import com.smeloanflow.casefile.Stage;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.platform.FieldViolation;
import com.smeloanflow.platform.IdempotencyConflictException;
import com.smeloanflow.platform.InvalidFieldsException;
import com.smeloanflow.platform.StateConflictException;
import com.smeloanflow.process.LoanOriginationProcess;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Branch acceptance: the document checklist, documents that arrive later (at the branch or through a
 * channel), and the withdrawal when they do not arrive in time.
 */
@Service
public class AcceptanceService {

  /**
   * The history event of a checklist that found documents missing. Not an {@link ApplicantEvents} milestone (the
   * applicant sees the status 待补充资料 instead); separation of duties counts its actor among those who accepted the
   * application.
   */
  public static final String DOCUMENTS_MISSING_EVENT = "DOCUMENTS_MISSING";

  /** The acceptor's checklist of an application. */
  public record Checklist(String applicationId, Set<RequiredDocument> received, String acceptor, String notes) {}

  /**
   * The applicant uploaded documents through a channel.
   *
   * @param idempotencyKey the channel's Idempotency-Key, or null: a retry with it is answered as the first upload was
   */
  public record DocumentsUpload(String applicationId, List<String> documents, String reportedBy, String idempotencyKey) {

    /** An upload without an Idempotency-Key. */
    public DocumentsUpload(String applicationId, List<String> documents, String reportedBy) {
      this(applicationId, documents, reportedBy, null);
    }
  }

  private final LoanApplicationRepository applications;
  private final CaseFiles caseFiles;
  private final ApplicationHistory history;
  private final DeclineService declines;
  private final RuntimeService runtimeService;
  private final List<DocumentsAwaiter> otherAwaiters;
  private final BusinessClock clock;
  private final CaseSummaryListener caseSummary;
  private final DocumentUploadRequests uploadRequests;
  private final TransactionTemplate transaction;

  public AcceptanceService(LoanApplicationRepository applications, CaseFiles caseFiles, ApplicationHistory history,
      DeclineService declines, RuntimeService runtimeService, List<DocumentsAwaiter> otherAwaiters, BusinessClock clock,
      CaseSummaryListener caseSummary, DocumentUploadRequests uploadRequests, TransactionTemplate transaction) {
    this.transaction = transaction;
    this.caseSummary = caseSummary;
    this.uploadRequests = uploadRequests;
    this.applications = applications;
    this.caseFiles = caseFiles;
    this.history = history;
    this.declines = declines;
    this.runtimeService = runtimeService;
    this.otherAwaiters = otherAwaiters;
    this.clock = clock;
  }

  /**
   * Records which required documents the branch has, by the person who checked them.
   *
   * @return the documents still missing; empty when the application is accepted
   */
  public List<RequiredDocument> recordChecklist(Checklist checklist) {
    LoanApplication application = applications.get(checklist.applicationId());
    List<RequiredDocument> missing = application.requiredDocuments().stream()
        .filter(document -> !checklist.received().contains(document))
        .toList();
    applications.updateMissingDocuments(application.id(), missing, clock.now());
    String notes = checklist.notes();
    String detail = (missing.isEmpty() ? "资料齐全" : "缺少: " + labels(missing)) + (notes == null || notes.isBlank() ? "" : "; 备注: " + notes);
    history.record(application.id(), checklist.acceptor(), missing.isEmpty() ? ApplicantEvents.ACCEPTED : DOCUMENTS_MISSING_EVENT, detail);
    caseFiles.setStatus(application.id(), missing.isEmpty() ? ApplicationStatus.IN_PROCESSING : ApplicationStatus.DOCUMENTS_MISSING);
    return missing;
  }

  /** The branch registered the missing documents at the counter; acceptance checks them again. */
  public void documentsBroughtToBranch(String applicationId, String receivedBy) {
    history.record(applicationId, receivedBy, ApplicantEvents.DOCUMENTS_RECEIVED, "网点登记补充资料已收到");
    caseFiles.setStatus(applicationId, ApplicationStatus.AWAITING_ACCEPTANCE);
  }

  /** How a channel upload came, as the history names it before the documents recorded. */
  private static final String VIA_CHANNEL = "渠道上传";

  /**
   * The applicant uploaded documents through a channel: the stage waiting for them (acceptance here,
   * or disbursement's supplement) keeps those it still awaits, and moves on once all of them are there; an upload of
   * part of them leaves the application waiting ({@link ApplicationStatus#DOCUMENTS_MISSING}) for the rest. Documents
   * of the upload the stage does not await (not asked for, or already received) are not recorded and named in the
   * answer.
   *
   * A retry of an upload with the same Idempotency-Key (a channel that lost the answer) is answered as the first upload
   * was, and records nothing more.
   *
   * @throws InvalidFieldsException naming unknown document types; nothing changes
   * @throws StateConflictException when no stage is waiting for documents, or the upload names none of the documents
   *     the stage still awaits (409); nothing changes
   * @throws IdempotencyConflictException when the Idempotency-Key was used before for another upload (422)
   */
  public UploadAnswer documentsUploaded(DocumentsUpload upload) {
    try {
      return transaction.execute(status -> checkedAndTaken(upload));
    } catch (DuplicateKeyException e) {
      // Another upload with the same key, to another application (whose lock this one did not wait for), wrote its key
      // after this one read none: this one's transaction is rolled back, nothing of it recorded; answered as if it came
      // after that upload (a retry of it, or 422), from the key's row, now committed.
      String key = upload.idempotencyKey();
      Optional<DocumentUploadRequests.Entry> earlier = key == null ? Optional.empty() : uploadRequests.find(upload.reportedBy(), key);
      if (earlier.isEmpty()) {
        throw e;
      }
      return replay(earlier.get(), key, DocumentUploadRequests.hash(upload.applicationId(), upload.documents()));
    }
  }

  /** The upload in its transaction: checked, then taken by the stage waiting for it, unless it is a retry. */
  private UploadAnswer checkedAndTaken(DocumentsUpload upload) {
    List<FieldViolation> violations = new ArrayList<>();
    if (upload.documents() == null || upload.documents().isEmpty()) {
      violations.add(new FieldViolation("documents", "REQUIRED", "至少上传一份资料"));
    } else {
      for (int i = 0; i < upload.documents().size(); i++) {
        String document = upload.documents().get(i);
        if (!knownDocument(document)) {
          violations.add(new FieldViolation("documents[" + i + "]", "UNKNOWN_VALUE", "未知的资料类型: " + document));
        }
      }
    }
    if (!violations.isEmpty()) {
      throw new InvalidFieldsException(violations);
    }
    String id = upload.applicationId();
    // Under the application's lock: an upload at the same moment (the rest of the documents, sent apart) waits for this
    // one and then reads the status and the missing documents this one left, so neither list loses what the other kept;
    // a retry of this one waits for it and then reads its answer.
    LoanApplication application = applications.lock(id);
    String key = upload.idempotencyKey();
    String requestHash = DocumentUploadRequests.hash(id, upload.documents());
    if (key != null) {
      Optional<DocumentUploadRequests.Entry> earlier = uploadRequests.find(upload.reportedBy(), key);
      if (earlier.isPresent()) {
        return replay(earlier.get(), key, requestHash);
      }
    }
    UploadAnswer answer = take(upload, application);
    if (key != null) {
      uploadRequests.insert(upload.reportedBy(), key, requestHash, id, answer.status(), answer.notAwaited(), clock.now());
    }
    return answer;
  }

  /** The answer to an upload whose key was used before: the first upload's answer if it was the same upload, else 422. */
  private static UploadAnswer replay(DocumentUploadRequests.Entry earlier, String key, String requestHash) {
    if (!earlier.requestHash().equals(requestHash)) {
      throw new IdempotencyConflictException(key);
    }
    return new UploadAnswer(earlier.status(), earlier.notAwaited(), true);
  }

  /** The upload taken by the stage waiting for documents, the application locked. */
  private UploadAnswer take(DocumentsUpload upload, LoanApplication application) {
    String id = application.id();
    ApplicationStatus status = caseFiles.status(id).orElseThrow();
    if (status != ApplicationStatus.DOCUMENTS_MISSING) {
      throw new StateConflictException("申请 " + id + " 当前状态为" + status.label() + " (" + status + "), 不在等待补充资料, "
          + "上传的资料不予受理 (application " + id + " is " + status + ", not waiting for documents)");
    }
    for (DocumentsAwaiter awaiter : otherAwaiters) {
      Optional<DocumentsAwaiter.Taken> taken = awaiter.documentsUploaded(id, upload.documents(), upload.reportedBy(), VIA_CHANNEL);
      if (taken.isPresent()) {
        return answer(id, upload.documents(), taken.get(), caseFiles.status(id).orElseThrow());
      }
    }
    // As at disbursement: the acceptor gets the application back once everything found missing is there; until then
    // the channel is shown the rest, and the five working days run on.
    List<RequiredDocument> recorded = application.missingDocuments().stream()
        .filter(document -> upload.documents().contains(document.name()))
        .toList();
    List<RequiredDocument> stillMissing = application.missingDocuments().stream()
        .filter(document -> !recorded.contains(document))
        .toList();
    DocumentsAwaiter.Taken taken = new DocumentsAwaiter.Taken(names(recorded), names(stillMissing));
    if (recorded.isEmpty() && !stillMissing.isEmpty()) {
      return answer(id, upload.documents(), taken, status); // refused: nothing is written
    }
    applications.updateMissingDocuments(id, stillMissing, clock.now());
    String detail = DocumentsAwaiter.uploadDetail(VIA_CHANNEL, names(recorded), upload.documents());
    if (!stillMissing.isEmpty()) {
      history.record(id, upload.reportedBy(), ApplicantEvents.DOCUMENTS_PARTLY_RECEIVED, detail + "; 仍缺: " + labels(stillMissing));
      return answer(id, upload.documents(), taken, ApplicationStatus.DOCUMENTS_MISSING);
    }
    history.record(id, upload.reportedBy(), ApplicantEvents.DOCUMENTS_RECEIVED, detail);
    caseFiles.setStatus(id, ApplicationStatus.AWAITING_ACCEPTANCE);
    try {
      runtimeService.createMessageCorrelation(LoanOriginationProcess.Messages.DOCUMENTS_RECEIVED)
          .processInstanceBusinessKey(id)
          .correlate();
    } catch (MismatchingMessageCorrelationException e) {
      // The status says DOCUMENTS_MISSING only where the wait is reached, so this means a concurrent change.
      throw new StateConflictException("申请 " + id + " 此刻不在等待补充资料, 请稍后重试 (application " + id
          + " is not waiting for documents; retry later)");
    }
    return answer(id, upload.documents(), taken, ApplicationStatus.AWAITING_ACCEPTANCE);
  }

  /**
   * What the channel is answered for an upload: the status after it, and the uploaded documents not recorded;
   * {@code replayed} when it repeats the answer to an earlier upload with the same Idempotency-Key.
   */
  public record UploadAnswer(ApplicationStatus status, List<String> notAwaited, boolean replayed) {

    public UploadAnswer(ApplicationStatus status, List<String> notAwaited) {
      this(status, notAwaited, false);
    }
  }

  /**
   * The answer to an upload, the same whichever stage waits: refused when it recorded nothing (every document of it
   * was not asked for or already received), naming what the application still awaits.
   */
  private UploadAnswer answer(String id, List<String> uploaded, DocumentsAwaiter.Taken taken, ApplicationStatus status) {
    List<String> notAwaited = DocumentsAwaiter.notRecorded(taken.recorded(), uploaded);
    if (taken.recorded().isEmpty()) {
      throw new StateConflictException("申请 " + id + " 不需要上传 " + documentLabels(notAwaited) + " (未要求补充或已收到), "
          + "仍需补充: " + (taken.stillAwaited().isEmpty() ? "无" : documentLabels(taken.stillAwaited()))
          + "; 本次上传未予记录 (application " + id + " is not waiting for " + String.join(", ", notAwaited)
          + ": not asked for or already received; still awaited: " + String.join(", ", taken.stillAwaited())
          + "; nothing recorded)");
    }
    if (status == ApplicationStatus.DOCUMENTS_MISSING) {
      caseSummary.refreshOpenTasks(id); // the branch's form lists what is still missing
    }
    return new UploadAnswer(status, notAwaited);
  }

  /** Nothing arrived in time: the application is withdrawn; the applicant is told which documents were missing. */
  public void withdrawForMissingDocuments(String applicationId) {
    List<RequiredDocument> missing = applications.get(applicationId).missingDocuments();
    declines.decline(DeclineService.Decline.withdrawal(applicationId, Stage.INTAKE, "补件期限届满, 未收到: " + labels(missing),
        CustomerReason.DOCUMENTS_NOT_SUPPLIED,
        "未补充的资料：" + labels(missing)));
  }

  private String documentLabels(List<String> documents) {
    return documents.stream().map(this::documentLabel).collect(Collectors.joining("、"));
  }

  private String documentLabel(String document) {
    try {
      return RequiredDocument.valueOf(document).label();
    } catch (IllegalArgumentException e) {
      return otherAwaiters.stream().filter(awaiter -> awaiter.knows(document)).findFirst()
          .map(awaiter -> awaiter.label(document)).orElse(document);
    }
  }

  private static List<String> names(List<RequiredDocument> documents) {
    return documents.stream().map(Enum::name).toList();
  }

  private boolean knownDocument(String document) {
    try {
      RequiredDocument.valueOf(String.valueOf(document));
      return true;
    } catch (IllegalArgumentException e) {
      return otherAwaiters.stream().anyMatch(awaiter -> awaiter.knows(document));
    }
  }

  static String labels(List<RequiredDocument> documents) {
    return documents.stream().map(RequiredDocument::label).collect(Collectors.joining("、"));
  }
}
