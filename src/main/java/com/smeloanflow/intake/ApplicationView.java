package com.smeloanflow.intake;

import com.smeloanflow.casefile.ApplicationStatus;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * What {@code GET /api/applications/{id}} answers: what a channel shows the applicant. {@code outcome}
 * is set once the application ended without a loan, with the reviewed customer reason; {@code loanId} once the
 * loan was paid out, {@code lineId} once a revolving line was opened instead (the channel draws on it with
 * {@code POST /api/lines/{lineId}/drawdowns}). {@code missingDocuments} names, as the applicant is mailed, what the
 * application waits for: the documents acceptance found missing, or those the disbursement check asked for, less those
 * already uploaded; empty once all of them are supplied, and whenever the status is not {@code DOCUMENTS_MISSING}.
 * {@code guaranteeContracts} names, while the application awaits signatures ({@code AWAITING_SIGNATURE}), each
 * guarantor's guarantee contract, the number the channel reports a guarantor's signature with, and whether it is
 * signed; empty otherwise and for an application without guarantors. The channel's view
 * ({@link ApplicationQueryService#viewForApplicant}) has the decision as the applicant may be shown it, and the stage and
 * open tasks in the applicant's words ({@link ApplicantProgress}), never staff's task names.
 */
public record ApplicationView(
    String applicationId,
    ApplicationStatus status,
    String statusLabel,
    String product,
    BigDecimal requestedAmount,
    int termMonths,
    String branchCode,
    @ArraySchema(arraySchema = @Schema(description = "The bank's stages the application is in: staff read the stages'"
        + " names (网点受理, 集中作业, …), the channel texts for the applicant (网点受理, 审查中, 核实中, 审批中, 签约放款)"))
    List<String> currentStage,
    @ArraySchema(arraySchema = @Schema(description = "The open tasks: staff read their names (受理贷款申请, 复核异常申请, …),"
        + " the channel what the applicant waits for, in the applicant's words, once each (等待网点受理您的申请, 等待您补充资料,"
        + " 银行审查中, 银行审批中, …; 银行处理中 for a task without a text of its own)"))
    List<String> openTasks,
    List<String> missingDocuments,
    @ArraySchema(schema = @Schema(implementation = GuaranteeContract.class), arraySchema = @Schema(description = "While the"
        + " application awaits signatures (status AWAITING_SIGNATURE): each guarantor's guarantee contract, the contractNumber"
        + " to report the guarantor's signature with (POST /api/applications/{id}/guarantee-signatures) and whether it is"
        + " signed; empty in any other status and for an application without guarantors"))
    List<GuaranteeContract> guaranteeContracts,
    Object decision,
    Outcome outcome,
    String loanId,
    String lineId,
    Instant submittedAt) {

  /** A guarantor's guarantee contract awaiting (or having) the guarantor's signature. */
  public record GuaranteeContract(
      @Schema(example = "BZ20261123000001-1", description = "the guarantee contract's number, as reported with the guarantor's signature") String contractNumber,
      @Schema(example = "李强", description = "the guarantor who signs it") String guarantorName,
      @Schema(example = "false", description = "whether the guarantor's signature was reported and verified") boolean signed) {}

  /** Why the application ended without a loan, as the applicant is told. */
  public record Outcome(String result, String reasonCode, String reason) {}
}
