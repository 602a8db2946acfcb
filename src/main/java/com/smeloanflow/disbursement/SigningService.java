package com.smeloanflow.disbursement;

import static com.smeloanflow.process.LoanOriginationProcess.Variables.GUARANTEES_REQUIRED;

import com.smeloanflow.approval.ApprovalDecisions;
import com.smeloanflow.casefile.ApplicantEvents;
import com.smeloanflow.casefile.ApplicationHistory;
import com.smeloanflow.casefile.ApplicationStatus;
import com.smeloanflow.casefile.CaseFiles;
import com.smeloanflow.intake.LoanApplication;
import com.smeloanflow.intake.LoanApplicationRepository;
import com.smeloanflow.platform.FieldViolation;
import com.smeloanflow.platform.InvalidFieldsException;
import com.smeloanflow.platform.StateConflictException;
import com.smeloanflow.process.LoanOriginationProcess;
import com.smeloanflow.process.ProcessVariable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The channel reports that the applicant signed the loan contract, that a guarantor signed a
 * guarantee contract, or that the mortgage was registered. Each report is verified with the outside
 * service before the process moves on; repeating a report that was already taken answers as before.
 * The status a channel sees is set where the process waits for the report, so a channel that sees
 * AWAITING_SIGNATURE can report the signature.
 *
 * <p>Each report takes the application's row lock first: the borrower's signature and the last guarantor's, reported
 * at the same moment, take turns, so the second sees the first. Without it each read the other's contract as unsigned
 * (READ COMMITTED): the borrower's report left the loan waiting for the guarantors, the guarantor's found the process not
 * waiting for them yet and told it nothing, and the loan waited until 签约已超期 withdrew it.
 */
@Service
public class SigningService {

  private final LoanApplicationRepository applications;
  private final ContractService contracts;
  private final ApprovalDecisions approvals;
  private final ESignatureService eSignature;
  private final MortgageRegistry mortgageRegistry;
  private final CaseFiles caseFiles;
  private final ApplicationHistory history;
  private final RuntimeService runtimeService;
  private final String mortgagee;

  public SigningService(LoanApplicationRepository applications, ContractService contracts, ApprovalDecisions approvals,
      ESignatureService eSignature, MortgageRegistry mortgageRegistry, CaseFiles caseFiles, ApplicationHistory history,
      RuntimeService runtimeService, @Value("${smeloan.bank.name}") String mortgagee) {
    this.applications = applications;
    this.contracts = contracts;
    this.approvals = approvals;
    this.eSignature = eSignature;
    this.mortgageRegistry = mortgageRegistry;
    this.caseFiles = caseFiles;
    this.history = history;
    this.runtimeService = runtimeService;
    this.mortgagee = mortgagee;
  }

  /** @return the application's status after the report */
  @Transactional
  public ApplicationStatus signatureReceived(String applicationId, String signatureId, Instant signedAt, String reportedBy) {
    requireFields("signatureId", signatureId, "signedAt", signedAt);
    LoanApplication application = applications.lock(applicationId);
    ContractService.Contract contract = contracts.find(applicationId).orElse(null);
    if (contract != null && signatureId.equals(contract.signatureId())) {
      return status(applicationId); // the same report again
    }
    ApplicationStatus status = status(applicationId);
    if (status != ApplicationStatus.AWAITING_SIGNATURE || contract == null) {
      throw new StateConflictException("申请 " + applicationId + " 当前状态为" + status.label() + " (" + status + "), 不在待签署"
          + "合同状态, 签署报送不予受理 (application " + applicationId + " is " + status + ", not awaiting a signature)");
    }
    ESignatureService.Signature signature = verified(signatureId, contract.contractNumber(), application.legalRepIdNumber(),
        "电子签名服务中没有该合同 (" + contract.contractNumber() + ") 由法定代表人完成的签名");
    contracts.markSigned(applicationId, signature.signatureId(), signature.signedAt());
    history.record(applicationId, reportedBy, ApplicantEvents.CONTRACT_SIGNED, contract.contractNumber() + ", 签名 " + signatureId);
    // Guarantors may have signed before the borrower: then nothing is awaited from them.
    correlate(LoanOriginationProcess.Messages.CONTRACT_SIGNED, applicationId,
        Map.of(GUARANTEES_REQUIRED.name(), !contracts.allGuaranteesSigned(applicationId)));
    return status(applicationId);
  }

  /**
   * A guarantor signed their guarantee contract. Taken any time after the contracts were sent; when the
   * last guarantor signed and the process waits for them, it moves on.
   *
   * @return the application's status after the report
   */
  @Transactional
  public ApplicationStatus guaranteeSignatureReceived(String applicationId, String contractNumber, String signatureId,
      Instant signedAt, String reportedBy) {
    requireFields("signatureId", signatureId, "signedAt", signedAt);
    applications.lock(applicationId);
    ContractService.GuaranteeContract guarantee = contracts.guarantees(applicationId).stream()
        .filter(g -> g.contractNumber().equals(contractNumber)).findFirst()
        .orElseThrow(() -> new InvalidFieldsException(List.of(new FieldViolation("contractNumber", "UNKNOWN_CONTRACT",
            "申请 " + applicationId + " 没有编号为 " + contractNumber + " 的保证合同"))));
    if (signatureId.equals(guarantee.signatureId())) {
      return status(applicationId);
    }
    if (!"SENT".equals(guarantee.status())) {
      throw new StateConflictException("保证合同 " + contractNumber + " " + contractState(guarantee.status()) + " ("
          + guarantee.status() + "), 不在待签署状态, 签署报送不予受理 (guarantee contract " + contractNumber + " is "
          + guarantee.status() + ", not awaiting a signature)");
    }
    ESignatureService.Signature signature = verified(signatureId, contractNumber, guarantee.guarantorId(),
        "电子签名服务中没有该保证合同 (" + contractNumber + ") 由保证人完成的签名");
    contracts.markGuaranteeSigned(applicationId, guarantee.seq(), signature.signatureId(), signature.signedAt());
    history.record(applicationId, reportedBy, ApplicantEvents.GUARANTEE_SIGNED, contractNumber + " (" + guarantee.guarantorName() + "), 签名 " + signatureId);
    boolean waiting = runtimeService.createExecutionQuery().processInstanceBusinessKey(applicationId)
        .activityId(LoanOriginationProcess.Elements.WAIT_GUARANTEE_SIGNATURES).count() > 0;
    if (waiting && contracts.allGuaranteesSigned(applicationId)) {
      correlate(LoanOriginationProcess.Messages.GUARANTEES_SIGNED, applicationId, Map.of());
    }
    return status(applicationId);
  }

  /** @return the application's status after the report */
  @Transactional
  public ApplicationStatus mortgageRegistered(String applicationId, String registrationNumber, Instant registeredAt,
      String reportedBy) {
    requireFields("registrationNumber", registrationNumber, "registeredAt", registeredAt);
    LoanApplication application = applications.get(applicationId);
    ContractService.Contract contract = contracts.find(applicationId).orElse(null);
    if (contract != null && registrationNumber.equals(contract.mortgageRegistrationNumber())) {
      return status(applicationId);
    }
    ApplicationStatus status = status(applicationId);
    if (status != ApplicationStatus.AWAITING_MORTGAGE_REGISTRATION || contract == null) {
      throw new StateConflictException("申请 " + applicationId + " 当前状态为" + status.label() + " (" + status + "), 不在待办理"
          + "抵押登记状态, 抵押登记报送不予受理 (application " + applicationId + " is " + status
          + ", not awaiting a mortgage registration)");
    }
    MortgageRegistry.Registration registration = mortgageRegistry.find(registrationNumber)
        .filter(r -> r.releasedAt() == null)
        .filter(r -> r.creditCode().equals(application.creditCode()))
        .orElseThrow(() -> refused("UNKNOWN_REGISTRATION", "抵押登记系统中没有该企业有效的这笔抵押登记"));
    if (!mortgagee.equals(registration.mortgagee())) {
      throw refused("WRONG_MORTGAGEE", "抵押权人应为" + mortgagee + ", 登记的是 " + registration.mortgagee());
    }
    if (application.collateralType() == null || !application.collateralType().name().equals(registration.collateralType())
        || !normalized(application.collateralDescription()).equals(normalized(registration.collateralDescription()))) {
      throw refused("OTHER_COLLATERAL", "登记的抵押物 (" + registration.collateralDescription() + ") 不是申请中的抵押物 ("
          + application.collateralDescription() + ")");
    }
    var approvedAmount = approvals.get(applicationId).approvedAmount();
    if (registration.securedAmount().compareTo(approvedAmount) < 0) {
      throw refused("INSUFFICIENT_SECURED_AMOUNT", "登记的担保债权数额 " + registration.securedAmount().toPlainString()
          + " 元低于批准金额 " + approvedAmount.toPlainString() + " 元");
    }
    contracts.applicationSecuredBy(registrationNumber).ifPresent(other -> {
      throw refused("ALREADY_SECURES_ANOTHER_LOAN", "该抵押登记已用于申请 " + other + ", 一笔抵押登记只能担保一笔贷款");
    });
    contracts.markMortgageRegistered(applicationId, registrationNumber, registration.registeredAt());
    history.record(applicationId, reportedBy, ApplicantEvents.MORTGAGE_REGISTERED, registrationNumber);
    correlate(LoanOriginationProcess.Messages.MORTGAGE_REGISTERED, applicationId, Map.of());
    return status(applicationId);
  }

  private ESignatureService.Signature verified(String signatureId, String contractNumber, String signerId, String message) {
    return eSignature.findSignature(signatureId)
        .filter(s -> s.contractNumber().equals(contractNumber))
        .filter(s -> s.signerIdNumber().equals(signerId))
        .orElseThrow(() -> new InvalidFieldsException(List.of(new FieldViolation("signatureId", "UNKNOWN_SIGNATURE", message))));
  }

  private ApplicationStatus status(String applicationId) {
    return caseFiles.status(applicationId).orElseThrow();
  }

  /** Moves the process on; the status said it waits, so a mismatch means a concurrent change: retry. */
  private void correlate(String message, String applicationId, Map<String, Object> variables) {
    try {
      ProcessVariable.trusted(() -> {
        runtimeService.createMessageCorrelation(message).processInstanceBusinessKey(applicationId).setVariables(variables).correlate();
        return null;
      });
    } catch (MismatchingMessageCorrelationException e) {
      throw new StateConflictException("申请 " + applicationId + " 的流程此刻未在等待这项报送, 请一分钟后重试 (application "
          + applicationId + " is not waiting for " + message + "; retry in a minute)");
    }
  }

  /** A contract's status as staff and the channel read it ({@code SIGNED}, {@code CANCELLED}). */
  private static String contractState(String status) {
    return switch (status) {
      case "SIGNED" -> "已签署";
      case "CANCELLED" -> "已作废";
      default -> "状态为 " + status;
    };
  }

  private static InvalidFieldsException refused(String code, String message) {
    return new InvalidFieldsException(List.of(new FieldViolation("registrationNumber", code, message)));
  }

  private static String normalized(String text) {
    return text == null ? "" : text.replaceAll("\\s+", "");
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
  }
}
