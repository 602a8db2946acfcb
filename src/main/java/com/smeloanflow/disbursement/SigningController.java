package com.smeloanflow.disbursement;

import com.smeloanflow.casefile.ApplicationStatus;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.platform.InputHygiene;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The channel reports the applicant's contract signature and the online mortgage registration. */
@RestController
@Tag(name = "Applications")
public class SigningController {

  /** How far back a reported signature or registration may lie (the longest wait is 30 days), and ahead (clock skew). */
  private static final Duration REPORT_PAST = Duration.ofDays(90);
  private static final Duration REPORT_AHEAD = Duration.ofMinutes(10);

  private final SigningService signing;
  private final BusinessClock clock;

  public SigningController(SigningService signing, BusinessClock clock) {
    this.signing = signing;
    this.clock = clock;
  }

  public record SignatureReport(@Schema(example = "SIG-5d7c2f0e-8a1b-4c55-9e0b-1f2a3b4c5d6e") String signatureId,
      @Schema(example = "2026-11-23T10:15:30+08:00", description = "ISO-8601 with offset; a number (seconds since 1970) is refused as INVALID_TYPE") OffsetDateTime signedAt) {}

  public record MortgageRegistrationReport(@Schema(example = "黔(2026)汇川区不动产证明第0012345号") String registrationNumber,
      @Schema(example = "2026-11-25T09:00:00+08:00", description = "ISO-8601 with offset; a number (seconds since 1970) is refused as INVALID_TYPE")
      OffsetDateTime registeredAt) {}

  public record GuaranteeSignatureReport(@Schema(example = "BZ20261123000001-1") String contractNumber,
      @Schema(example = "SIG-7a1c0e55-3b2d-4f60-9d8e-0c1b2a3d4e5f") String signatureId,
      @Schema(example = "2026-11-23T11:00:00+08:00", description = "ISO-8601 with offset; a number (seconds since 1970) is refused as INVALID_TYPE") OffsetDateTime signedAt) {}

  public record StatusResponse(String applicationId, ApplicationStatus status) {}

  @PostMapping(path = "/api/applications/{id}/signature", consumes = "application/json")
  @Operation(summary = "The applicant signed the contract",
      description = "Called by the channel after the e-signature service confirmed the signature; the bank verifies it "
          + "with the service. 409 when the application is not awaiting a signature.")
  @ApiResponse(responseCode = "200", description = "Signed (or the same report again): the application's status")
  @ApiResponse(responseCode = "400", description = "A missing field, or a signature the e-signature service does not know"
      + " as the legal representative's of this contract (UNKNOWN_SIGNATURE)", content = @Content(mediaType = "application/problem+json"))
  @ApiResponse(responseCode = "404", description = "No such application", content = @Content(mediaType = "application/problem+json"))
  @ApiResponse(responseCode = "409", description = "Not awaiting a signature", content = @Content(mediaType = "application/problem+json"))
  public StatusResponse signature(@PathVariable("id") String id, @RequestBody SignatureReport report, Principal principal) {
    InputHygiene.refuseIfAny(InputHygiene.singleLine("signatureId", report.signatureId(), 64),
        InputHygiene.instantNear("signedAt", report.signedAt() == null ? null : report.signedAt().toInstant(), clock.now(),
            REPORT_PAST, REPORT_AHEAD));
    return new StatusResponse(id, signing.signatureReceived(id, report.signatureId(),
        report.signedAt() == null ? null : report.signedAt().toInstant(), principal.getName()));
  }

  @PostMapping(path = "/api/applications/{id}/mortgage-registration", consumes = "application/json")
  @Operation(summary = "The mortgage was registered online (线上办抵)",
      description = "Verified with the mortgage registry: the registration must be this enterprise's, in favour of the bank, "
          + "over the application's collateral, secure at least the approved amount and secure no other loan. 409 when the "
          + "application is not awaiting a registration.")
  @ApiResponse(responseCode = "200", description = "Registered (or the same report again): the application's status")
  @ApiResponse(responseCode = "400", description = "A missing field, or a registration the registry refuses"
      + " (UNKNOWN_REGISTRATION, WRONG_MORTGAGEE, OTHER_COLLATERAL, INSUFFICIENT_SECURED_AMOUNT,"
      + " ALREADY_SECURES_ANOTHER_LOAN)", content = @Content(mediaType = "application/problem+json"))
  @ApiResponse(responseCode = "404", description = "No such application", content = @Content(mediaType = "application/problem+json"))
  @ApiResponse(responseCode = "409", description = "Not awaiting a mortgage registration", content = @Content(mediaType = "application/problem+json"))
  public StatusResponse mortgageRegistration(@PathVariable("id") String id, @RequestBody MortgageRegistrationReport report,
      Principal principal) {
    InputHygiene.refuseIfAny(InputHygiene.singleLine("registrationNumber", report.registrationNumber(), 64),
        InputHygiene.instantNear("registeredAt", report.registeredAt() == null ? null : report.registeredAt().toInstant(),
            clock.now(), REPORT_PAST, REPORT_AHEAD));
    return new StatusResponse(id, signing.mortgageRegistered(id, report.registrationNumber(),
        report.registeredAt() == null ? null : report.registeredAt().toInstant(), principal.getName()));
  }

  @PostMapping(path = "/api/applications/{id}/guarantee-signatures", consumes = "application/json")
  @Operation(summary = "A guarantor signed a guarantee contract",
      description = "Called by the channel after the e-signature service confirmed a guarantor's signature; verified with the "
          + "service (the signer must be the guarantor the contract names). Taken any time after the contracts were sent; "
          + "when the last guarantor has signed, the loan goes on to registration or disbursement. 409 when the contract "
          + "is not awaiting a signature (signed with another signature, or cancelled).")
  @ApiResponse(responseCode = "200", description = "Signed (or the same report again): the application's status")
  @ApiResponse(responseCode = "400", description = "A missing field, a contract number the application does not have"
      + " (UNKNOWN_CONTRACT), or a signature the e-signature service does not know as the guarantor's of this contract"
      + " (UNKNOWN_SIGNATURE)", content = @Content(mediaType = "application/problem+json"))
  @ApiResponse(responseCode = "404", description = "No such application", content = @Content(mediaType = "application/problem+json"))
  @ApiResponse(responseCode = "409", description = "The contract is not awaiting a signature", content = @Content(mediaType = "application/problem+json"))
  public StatusResponse guaranteeSignature(@PathVariable("id") String id, @RequestBody GuaranteeSignatureReport report,
      Principal principal) {
    InputHygiene.refuseIfAny(InputHygiene.singleLine("contractNumber", report.contractNumber(), 64),
        InputHygiene.singleLine("signatureId", report.signatureId(), 64),
        InputHygiene.instantNear("signedAt", report.signedAt() == null ? null : report.signedAt().toInstant(), clock.now(),
            REPORT_PAST, REPORT_AHEAD));
    return new StatusResponse(id, signing.guaranteeSignatureReceived(id, report.contractNumber(), report.signatureId(),
        report.signedAt() == null ? null : report.signedAt().toInstant(), principal.getName()));
  }
}
