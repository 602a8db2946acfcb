package com.smeloanflow.intake;

import com.smeloanflow.platform.InvalidFieldsException;

import com.smeloanflow.platform.FieldViolation;

import com.smeloanflow.platform.StateConflictException;
import com.smeloanflow.process.LoanOriginationProcess;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The applicant uploaded the missing documents through a channel. */
@RestController
@Tag(name = "Applications")
public class DocumentsController {

  private final LoanApplicationRepository applications;
  private final AcceptanceService acceptance;
  private final RuntimeService runtimeService;

  public DocumentsController(LoanApplicationRepository applications, AcceptanceService acceptance,
      RuntimeService runtimeService) {
    this.applications = applications;
    this.acceptance = acceptance;
    this.runtimeService = runtimeService;
  }

  public record DocumentsUpload(
      @Schema(example = "[\"BANK_STATEMENTS\", \"FINANCIAL_STATEMENTS\"]") List<String> documents) {}

  @PostMapping(path = "/api/applications/{id}/documents", consumes = "application/json")
  @Operation(summary = "Missing documents uploaded",
      description = "The applicant uploaded documents through a channel; the branch checks them again. "
          + "409 when the application is not waiting for documents.")
  @Transactional
  public ResponseEntity<ApplicationStatusResponse> upload(@PathVariable("id") String id,
      @RequestBody DocumentsUpload upload, Principal principal) {
    List<FieldViolation> violations = new ArrayList<>();
    if (upload == null || upload.documents() == null || upload.documents().isEmpty()) {
      violations.add(new FieldViolation("documents", "REQUIRED", "至少上传一份资料"));
    } else {
      for (int i = 0; i < upload.documents().size(); i++) {
        String document = upload.documents().get(i);
        try {
          RequiredDocument.valueOf(String.valueOf(document));
        } catch (IllegalArgumentException e) {
          violations.add(new FieldViolation("documents[" + i + "]", "UNKNOWN_VALUE", "未知的资料类型: " + document));
        }
      }
    }
    if (!violations.isEmpty()) {
      throw new InvalidFieldsException(violations);
    }
    LoanApplication application = applications.get(id);
    if (application.status() != ApplicationStatus.DOCUMENTS_MISSING) {
      throw new StateConflictException("Application " + id + " is " + application.status() + ", not waiting for documents");
    }
    acceptance.documentsReceived(id, principal.getName(), "渠道上传: " + String.join(", ", upload.documents()));
    try {
      runtimeService.createMessageCorrelation(LoanOriginationProcess.Messages.DOCUMENTS_RECEIVED)
          .processInstanceBusinessKey(id)
          .correlate();
    } catch (MismatchingMessageCorrelationException e) {
      // Documents are missing, but the request for them is still being sent (asynchronous mail
      // task, e.g. SMTP down): nothing waits for them yet. Rolls back the status change above.
      throw new StateConflictException("Application " + id + " is not waiting for documents yet; retry later");
    }
    return ResponseEntity.accepted().body(new ApplicationStatusResponse(id, ApplicationStatus.AWAITING_ACCEPTANCE));
  }

  public record ApplicationStatusResponse(String applicationId, ApplicationStatus status) {}
}
