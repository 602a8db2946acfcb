package com.smeloanflow.disbursement;

import com.smeloanflow.platform.InvalidFieldsException;
import com.smeloanflow.platform.FieldViolation;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.platform.InputHygiene;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.util.List;
import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Demo and test profiles: lets a tester play the outside world of signing — the applicant signing
 * an envelope in the e-signature service, the registry registering a mortgage.
 */
@RestController
@Profile({"demo", "test"})
@Tag(name = "Sandbox")
public class SandboxSigningController {

  private final SandboxESignature eSignature;
  private final SandboxMortgageRegistry registry;
  private final ContractService contracts;
  private final BusinessClock clock;

  public SandboxSigningController(SandboxESignature eSignature, SandboxMortgageRegistry registry, ContractService contracts,
      BusinessClock clock) {
    this.eSignature = eSignature;
    this.registry = registry;
    this.contracts = contracts;
    this.clock = clock;
  }

  @PostMapping("/api/sandbox/e-signature/applications/{id}/sign")
  @Operation(summary = "Sandbox: the applicant signs the contract of an application in the e-signature service")
  public ESignatureService.Signature sign(@PathVariable("id") String applicationId) {
    ContractService.Contract contract = contracts.find(applicationId).orElseThrow(() -> new InvalidFieldsException(
        List.of(new FieldViolation("id", "NO_CONTRACT", "申请 " + applicationId + " 还没有生成合同"))));
    return eSignature.sign(contract.envelopeId());
  }

  public record RegistrationRequest(String creditCode, String collateralDescription, BigDecimal securedAmount) {}

  @PutMapping("/api/sandbox/mortgage-registrations/{number}")
  @Operation(summary = "Sandbox: the mortgage registry records a registration")
  public MortgageRegistry.Registration register(@PathVariable("number") String number, @RequestBody RegistrationRequest request) {
    InputHygiene.refuseIfAny(InputHygiene.singleLine("number", number, 64),
        InputHygiene.singleLine("creditCode", request.creditCode(), 18),
        InputHygiene.singleLine("collateralDescription", request.collateralDescription(), 500));
    if (request.creditCode() == null || request.securedAmount() == null || request.securedAmount().signum() <= 0) {
      throw new InvalidFieldsException(List.of(new FieldViolation("securedAmount", "REQUIRED",
          "creditCode 与 securedAmount (大于0) 必填")));
    }
    MortgageRegistry.Registration registration = new MortgageRegistry.Registration(number, request.creditCode(),
        request.collateralDescription() == null ? "" : request.collateralDescription(), request.securedAmount(), clock.now());
    registry.register(registration);
    return registration;
  }
}
