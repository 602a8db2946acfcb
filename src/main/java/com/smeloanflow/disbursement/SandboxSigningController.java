package com.smeloanflow.disbursement;

import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.platform.FieldViolation;
import com.smeloanflow.platform.InputHygiene;
import com.smeloanflow.platform.InvalidFieldsException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Demo and test profiles: lets a tester play the outside world of signing — the applicant or a
 * guarantor signing in the e-signature service, the registry registering a mortgage.
 */
@RestController
@Profile({"demo", "test"})
@Tag(name = "Sandbox")
public class SandboxSigningController {

  private final SandboxESignature eSignature;
  private final SandboxMortgageRegistry registry;
  private final ContractService contracts;
  private final BusinessClock clock;
  private final String bankName;

  public SandboxSigningController(SandboxESignature eSignature, SandboxMortgageRegistry registry, ContractService contracts,
      BusinessClock clock, @Value("${smeloan.bank.name}") String bankName) {
    this.eSignature = eSignature;
    this.registry = registry;
    this.contracts = contracts;
    this.clock = clock;
    this.bankName = bankName;
  }

  @PostMapping("/api/sandbox/e-signature/applications/{id}/sign")
  @Operation(summary = "Sandbox: the applicant signs the loan contract of an application in the e-signature service")
  @ApiResponse(responseCode = "200", description = "The signature")
  @ApiResponse(responseCode = "400", description = "The application has no contract yet (NO_CONTRACT)", content = @Content(mediaType = "application/problem+json"))
  public ESignatureService.Signature sign(@PathVariable("id") String applicationId) {
    ContractService.Contract contract = contracts.find(applicationId).orElseThrow(() -> new InvalidFieldsException(
        List.of(new FieldViolation("id", "NO_CONTRACT", "申请 " + applicationId + " 还没有生成合同"))));
    return eSignature.sign(contract.envelopeId());
  }

  @PostMapping("/api/sandbox/e-signature/applications/{id}/guarantees/{contractNumber}/sign")
  @Operation(summary = "Sandbox: a guarantor signs their guarantee contract in the e-signature service")
  @ApiResponse(responseCode = "200", description = "The signature")
  @ApiResponse(responseCode = "400", description = "The application has no guarantee contract of that number (NO_CONTRACT)", content = @Content(mediaType = "application/problem+json"))
  public ESignatureService.Signature signGuarantee(@PathVariable("id") String applicationId,
      @PathVariable("contractNumber") String contractNumber) {
    ContractService.GuaranteeContract guarantee = contracts.guarantees(applicationId).stream()
        .filter(g -> g.contractNumber().equals(contractNumber)).findFirst()
        .orElseThrow(() -> new InvalidFieldsException(List.of(new FieldViolation("contractNumber", "NO_CONTRACT",
            "申请 " + applicationId + " 没有编号为 " + contractNumber + " 的保证合同"))));
    return eSignature.sign(guarantee.envelopeId());
  }

  public record RegistrationRequest(@Schema(example = "91520303MA6DKQ8X4A") String creditCode,
      @Schema(example = "INDUSTRIAL_PROPERTY") String collateralType, @Schema(example = "汇川区工业园3号厂房") String collateralDescription,
      @Schema(example = "2400000.00") BigDecimal securedAmount,
      @Schema(description = "the mortgagee; default: this bank (smeloan.bank.name)") String mortgagee) {}

  @PutMapping("/api/sandbox/mortgage-registrations/{number}")
  @Operation(summary = "Sandbox: the mortgage registry records a registration")
  @ApiResponse(responseCode = "200", description = "Recorded")
  @ApiResponse(responseCode = "400", description = "Bad fields, each named", content = @Content(mediaType = "application/problem+json"))
  public MortgageRegistry.Registration register(@PathVariable("number") String number, @RequestBody RegistrationRequest request) {
    InputHygiene.refuseIfAny(InputHygiene.singleLine("number", number, 64),
        InputHygiene.singleLine("creditCode", request.creditCode(), 18),
        InputHygiene.singleLine("collateralDescription", request.collateralDescription(), 500),
        InputHygiene.singleLine("collateralType", request.collateralType(), 30),
        InputHygiene.singleLine("mortgagee", request.mortgagee(), 200));
    List<FieldViolation> violations = new ArrayList<>();
    if (request.creditCode() == null || request.creditCode().isBlank()) {
      violations.add(new FieldViolation("creditCode", "REQUIRED", "不能为空"));
    }
    if (request.securedAmount() == null || request.securedAmount().signum() <= 0) {
      violations.add(new FieldViolation("securedAmount", "REQUIRED", "担保债权数额须大于0"));
    }
    if (!violations.isEmpty()) {
      throw new InvalidFieldsException(violations);
    }
    MortgageRegistry.Registration registration = new MortgageRegistry.Registration(number, request.creditCode(),
        request.mortgagee() == null || request.mortgagee().isBlank() ? bankName : request.mortgagee(), request.collateralType(),
        request.collateralDescription() == null ? "" : request.collateralDescription(), request.securedAmount(), clock.now(), null);
    registry.register(registration);
    return registration;
  }
}
