package com.smeloanflow.renewal;

import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.platform.FieldViolation;
import com.smeloanflow.platform.InputHygiene;
import com.smeloanflow.platform.InvalidFieldsException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The channel reports the borrower's signature of the renewal contract. */
@RestController
@Tag(name = "Renewal")
public class RenewalSigningController {

  private static final Duration REPORT_PAST = Duration.ofDays(90);
  private static final Duration REPORT_AHEAD = Duration.ofMinutes(10);

  private final RenewalContractService contracts;
  private final BusinessClock clock;

  public RenewalSigningController(RenewalContractService contracts, BusinessClock clock) {
    this.contracts = contracts;
    this.clock = clock;
  }

  public record RenewalSignatureReport(@Schema(example = "SIG-5d7c2f0e-8a1b-4c55-9e0b-1f2a3b4c5d6e") String signatureId,
      @Schema(example = "2026-12-20T10:15:30+08:00", description = "ISO-8601 with offset; a number (seconds since 1970) is refused as INVALID_TYPE") OffsetDateTime signedAt) {}

  public record SignatureAnswer(String loanId, RenewalStatus status, String statusLabel) {}

  @PostMapping(path = "/api/loans/{loanId}/renewal/signature", consumes = "application/json", produces = "application/json")
  @Operation(summary = "The borrower signed the renewal contract",
      description = "Called by the channel after the e-signature service confirmed the legal representative's signature;"
          + " the bank verifies it with the service. The same report again answers as before. 409 when the renewal is not"
          + " awaiting a signature (not approved, or lapsed at maturity). The channel only.")
  @ApiResponse(responseCode = "200", description = "Signed: the old loan is renewed at maturity")
  @ApiResponse(responseCode = "400", description = "Bad or unknown signature", content = @Content(mediaType = "application/problem+json"))
  @ApiResponse(responseCode = "404", description = "No such loan or renewal", content = @Content(mediaType = "application/problem+json"))
  @ApiResponse(responseCode = "409", description = "Not awaiting a signature", content = @Content(mediaType = "application/problem+json"))
  public SignatureAnswer signature(@PathVariable("loanId") String loanId, @RequestBody RenewalSignatureReport report) {
    InputHygiene.refuseIfAny(InputHygiene.singleLine("signatureId", report.signatureId(), 128),
        InputHygiene.instantNear("signedAt", report.signedAt() == null ? null : report.signedAt().toInstant(), clock.now(),
            REPORT_PAST, REPORT_AHEAD));
    if (report.signatureId() == null || report.signatureId().isBlank() || report.signedAt() == null) {
      throw new InvalidFieldsException(List.of(new FieldViolation(report.signedAt() == null ? "signedAt" : "signatureId",
          "REQUIRED", "不能为空")));
    }
    RenewalStatus status = contracts.signatureReceived(loanId, report.signatureId(), report.signedAt().toInstant());
    return new SignatureAnswer(loanId, status, status.label());
  }
}
