package com.smeloanflow.intake;

import com.smeloanflow.casefile.ApplicationStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** The applicant uploaded documents the bank asked for through a channel. */
@RestController
@Tag(name = "Applications")
public class DocumentsController {

  private final AcceptanceService acceptance;

  public DocumentsController(AcceptanceService acceptance) {
    this.acceptance = acceptance;
  }

  public record DocumentsUpload(
      @Schema(example = "[\"BANK_STATEMENTS\", \"FINANCIAL_STATEMENTS\"]",
          description = "document types: those of acceptance (BUSINESS_LICENCE, ...) or those disbursement asked for (PURCHASE_CONTRACT, ...)")
      List<String> documents) {}

  public record UploadResponse(String applicationId, ApplicationStatus status,
      @Schema(example = "[]", description = "document types of the upload the application was not waiting for (not asked "
          + "for, or already received): not recorded; empty when every one was")
      List<String> notAwaitedDocuments) {}

  @PostMapping(path = "/api/applications/{id}/documents", consumes = "application/json")
  @Operation(summary = "Documents uploaded",
      description = "The applicant uploaded the documents the bank asked for (missing at acceptance, or asked for before "
          + "disbursement); once everything asked for is uploaded, the branch or disbursement operations check them. An upload "
          + "of part of them answers DOCUMENTS_MISSING: the application keeps waiting for the rest, which GET "
          + "/api/applications/{id} lists in missingDocuments. Documents of the upload the application is not waiting for "
          + "(not asked for, or already received) are not recorded and listed in notAwaitedDocuments. 409 when the "
          + "application is not waiting for documents, or when the upload names none of the documents it still awaits "
          + "(detail: 申请 … 不需要上传 … (未要求补充或已收到), 仍需补充: …; 本次上传未予记录); nothing is recorded then. "
          + "A retry with the same Idempotency-Key and body is answered as the first upload was (header "
          + "Idempotent-Replayed: true) and records nothing more, also once the application stopped waiting for documents.")
  @ApiResponse(responseCode = "202", description = "Taken: the status after the upload (AWAITING_ACCEPTANCE or"
      + " AWAITING_DISBURSEMENT once everything asked for is there, else DOCUMENTS_MISSING) and the documents not recorded")
  @ApiResponse(responseCode = "400", description = "No document, or an unknown document type (application/problem+json"
      + " naming it); nothing recorded", content = @Content(mediaType = "application/problem+json"))
  @ApiResponse(responseCode = "404", description = "No such application", content = @Content(mediaType = "application/problem+json"))
  @ApiResponse(responseCode = "409", description = "Not waiting for documents, or none of the upload's documents is awaited;"
      + " nothing recorded", content = @Content(mediaType = "application/problem+json"))
  @ApiResponse(responseCode = "422", description = "Idempotency-Key used before for another upload; nothing recorded",
      content = @Content(mediaType = "application/problem+json"))
  public ResponseEntity<UploadResponse> upload(@PathVariable("id") String id, @RequestBody DocumentsUpload upload,
      @Parameter(description = "Makes retries safe: the same key and body answer as the first upload did")
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
      Principal principal) {
    AcceptanceService.UploadAnswer answer = acceptance.documentsUploaded(new AcceptanceService.DocumentsUpload(id,
        upload == null ? null : upload.documents(), principal.getName(),
        idempotencyKey == null || idempotencyKey.isBlank() ? null : idempotencyKey.trim()));
    return ResponseEntity.accepted().header("Idempotent-Replayed", String.valueOf(answer.replayed()))
        .body(new UploadResponse(id, answer.status(), answer.notAwaited()));
  }
}
