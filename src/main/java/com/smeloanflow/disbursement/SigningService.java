package com.smeloanflow.disbursement;

import com.smeloanflow.approval.ApprovalRepository;
import com.smeloanflow.casefile.ApplicationHistory;
import com.smeloanflow.intake.ApplicationStatus;
import com.smeloanflow.platform.InvalidFieldsException;
import com.smeloanflow.platform.FieldViolation;
import com.smeloanflow.intake.LoanApplication;
import com.smeloanflow.intake.LoanApplicationRepository;
import com.smeloanflow.platform.StateConflictException;
import com.smeloanflow.process.LoanOriginationProcess;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The channel reports that the applicant signed the contract, or that the mortgage was registered.
 * Each report is verified with the outside service before the process moves on; repeating a report
 * that was already taken answers as before.
 */
@Service
public class SigningService {

  private final LoanApplicationRepository applications;
  private final ContractService contracts;
  private final ApprovalRepository approvals;
  private final ESignatureService eSignature;
  private final MortgageRegistry mortgageRegistry;
  private final ApplicationHistory history;
  private final RuntimeService runtimeService;

  public SigningService(LoanApplicationRepository applications, ContractService contracts, ApprovalRepository approvals,
      ESignatureService eSignature, MortgageRegistry mortgageRegistry, ApplicationHistory history,
      RuntimeService runtimeService) {
    this.applications = applications;
    this.contracts = contracts;
    this.approvals = approvals;
    this.eSignature = eSignature;
    this.mortgageRegistry = mortgageRegistry;
    this.history = history;
    this.runtimeService = runtimeService;
  }

  /** @return the application's status after the report */
  @Transactional
  public ApplicationStatus signatureReceived(String applicationId, String signatureId, Instant signedAt, String reportedBy) {
    requireFields("signatureId", signatureId, "signedAt", signedAt);
    LoanApplication application = applications.get(applicationId);
    ContractService.Contract contract = contracts.find(applicationId).orElse(null);
    if (contract != null && signatureId.equals(contract.signatureId())) {
      return application.status(); // the same report again
    }
    if (application.status() != ApplicationStatus.AWAITING_SIGNATURE || contract == null) {
      throw new StateConflictException("Application " + applicationId + " is " + application.status() + ", not awaiting a signature");
    }
    ESignatureService.Signature signature = eSignature.findSignature(signatureId)
        .filter(s -> s.contractNumber().equals(contract.contractNumber()))
        .filter(s -> s.signerIdNumber().equals(application.legalRepIdNumber()))
        .orElseThrow(() -> new InvalidFieldsException(List.of(new FieldViolation("signatureId", "UNKNOWN_SIGNATURE",
            "电子签名服务中没有该合同 (" + contract.contractNumber() + ") 由法定代表人完成的签名"))));
    contracts.markSigned(applicationId, signature.signatureId(), signature.signedAt());
    history.record(applicationId, reportedBy, "CONTRACT_SIGNED", contract.contractNumber() + ", 签名 " + signatureId);
    correlate(LoanOriginationProcess.Messages.CONTRACT_SIGNED, applicationId);
    return applications.get(applicationId).status();
  }

  /** @return the application's status after the report */
  @Transactional
  public ApplicationStatus mortgageRegistered(String applicationId, String registrationNumber, Instant registeredAt,
      String reportedBy) {
    requireFields("registrationNumber", registrationNumber, "registeredAt", registeredAt);
    LoanApplication application = applications.get(applicationId);
    ContractService.Contract contract = contracts.find(applicationId).orElse(null);
    if (contract != null && registrationNumber.equals(contract.mortgageRegistrationNumber())) {
      return application.status();
    }
    if (application.status() != ApplicationStatus.AWAITING_MORTGAGE_REGISTRATION || contract == null) {
      throw new StateConflictException("Application " + applicationId + " is " + application.status()
          + ", not awaiting a mortgage registration");
    }
    var approvedAmount = approvals.find(applicationId).orElseThrow().approvedAmount();
    MortgageRegistry.Registration registration = mortgageRegistry.find(registrationNumber)
        .filter(r -> r.creditCode().equals(application.creditCode()))
        .orElseThrow(() -> new InvalidFieldsException(List.of(new FieldViolation("registrationNumber",
            "UNKNOWN_REGISTRATION", "抵押登记系统中没有该企业的这笔抵押登记"))));
    if (registration.securedAmount().compareTo(approvedAmount) < 0) {
      throw new InvalidFieldsException(List.of(new FieldViolation("registrationNumber", "INSUFFICIENT_SECURED_AMOUNT",
          "登记的担保债权数额 " + registration.securedAmount().toPlainString() + " 元低于批准金额 " + approvedAmount.toPlainString() + " 元")));
    }
    contracts.markMortgageRegistered(applicationId, registrationNumber, registration.registeredAt());
    history.record(applicationId, reportedBy, "MORTGAGE_REGISTERED", registrationNumber);
    correlate(LoanOriginationProcess.Messages.MORTGAGE_REGISTERED, applicationId);
    return applications.get(applicationId).status();
  }

  /**
   * Moves the process on. The status may already show the wait while the step before it (e.g. the
   * contract mail) is still running: then nothing is waiting yet, the whole report is rolled back
   * and the channel is told to retry.
   */
  private void correlate(String message, String applicationId) {
    try {
      runtimeService.createMessageCorrelation(message).processInstanceBusinessKey(applicationId).correlate();
    } catch (MismatchingMessageCorrelationException e) {
      throw new StateConflictException("Application " + applicationId + " is not yet waiting for " + message
          + "; retry in a minute");
    }
  }

  private static void requireFields(String idField, String id, String timeField, Instant time) {
    List<FieldViolation> violations = new ArrayList<>();
    if (id == null || id.isBlank()) {
      violations.add(new FieldViolation(idField, "REQUIRED", "不能为空"));
    }
    if (time == null) {
      violations.add(new FieldViolation(timeField, "REQUIRED", "不能为空, ISO-8601 时间, 如 2026-11-23T10:15:30+08:00"));
    }
    if (!violations.isEmpty()) {
      throw new InvalidFieldsException(violations);
    }
    Objects.requireNonNull(id);
  }
}
