package com.smeloanflow.disbursement;

import com.smeloanflow.intake.DocumentsAwaiter;
import com.smeloanflow.process.LoanOriginationProcess;
import com.smeloanflow.platform.StateConflictException;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/** The documents disbursement asked for, uploaded through a channel ({@code POST /api/applications/{id}/documents}). */
@Component
public class DisbursementDocuments implements DocumentsAwaiter {

  private final DisbursementCheckService checks;
  private final RuntimeService runtimeService;

  public DisbursementDocuments(DisbursementCheckService checks, RuntimeService runtimeService) {
    this.checks = checks;
    this.runtimeService = runtimeService;
  }

  @Override
  public boolean knows(String documentType) {
    return DisbursementDocument.knows(documentType);
  }

  @Override
  public List<String> awaitedDocuments(String applicationId) {
    return checks.openSupplement(applicationId).map(documents -> documents.stream().map(DisbursementDocument::label).toList())
        .orElse(List.of());
  }

  @Override
  public String label(String documentType) {
    return DisbursementDocument.valueOf(documentType).label();
  }

  @Override
  public Optional<Taken> documentsUploaded(String applicationId, List<String> documents, String reportedBy, String via) {
    Optional<DisbursementCheckService.SupplementUpload> upload = checks.documentsUploaded(applicationId, documents, reportedBy, via);
    if (upload.isEmpty()) {
      return Optional.empty(); // no supplement round open: not for the disbursement check
    }
    Taken taken = new Taken(names(upload.get().recorded()), names(upload.get().stillAwaited()));
    if (taken.recorded().isEmpty() || !taken.stillAwaited().isEmpty()) {
      return Optional.of(taken); // nothing it awaits (refused), or part of it: the supplement keeps waiting for the rest
    }
    try {
      runtimeService.createMessageCorrelation(LoanOriginationProcess.Messages.DISBURSEMENT_DOCUMENTS_RECEIVED)
          .processInstanceBusinessKey(applicationId).correlate();
    } catch (MismatchingMessageCorrelationException e) {
      throw new StateConflictException("申请 " + applicationId + " 此刻不在等待补充放款资料, 请稍后重试 (application "
          + applicationId + " is not waiting for documents; retry later)");
    }
    return Optional.of(taken);
  }

  private static List<String> names(List<DisbursementDocument> documents) {
    return documents.stream().map(Enum::name).toList();
  }
}
