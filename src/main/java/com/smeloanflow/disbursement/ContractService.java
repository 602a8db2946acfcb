package com.smeloanflow.disbursement;

import com.smeloanflow.approval.ApprovalRepository;
import com.smeloanflow.casefile.ApplicationHistory;
import com.smeloanflow.intake.ApplicationStatus;
import com.smeloanflow.intake.ApplicationStatusUpdater;
import com.smeloanflow.intake.GuaranteeType;
import com.smeloanflow.intake.LoanApplication;
import com.smeloanflow.intake.LoanApplicationRepository;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.processing.ProcessingOutcomeRepository;
import com.smeloanflow.servicing.RepaymentMethod;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The loan contract: generated from the approval (amount, rate, term, repayment method, guarantee,
 * conditions), sent to the e-signature service, and marked signed and — for mortgages — registered.
 */
@Service
public class ContractService {

  private final LoanApplicationRepository applications;
  private final ApprovalRepository approvals;
  private final ProcessingOutcomeRepository outcomes;
  private final ESignatureService eSignature;
  private final ApplicationStatusUpdater status;
  private final ApplicationHistory history;
  private final JdbcClient jdbc;
  private final BusinessClock clock;

  public ContractService(LoanApplicationRepository applications, ApprovalRepository approvals,
      ProcessingOutcomeRepository outcomes, ESignatureService eSignature, ApplicationStatusUpdater status,
      ApplicationHistory history, JdbcClient jdbc, BusinessClock clock) {
    this.applications = applications;
    this.approvals = approvals;
    this.outcomes = outcomes;
    this.eSignature = eSignature;
    this.status = status;
    this.history = history;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** A contract as stored in {@code loan_contract}. */
  public record Contract(String applicationId, String contractNumber, String text, String envelopeId, Instant generatedAt,
      String signatureId, Instant signedAt, String mortgageRegistrationNumber, Instant mortgageRegisteredAt) {}

  /** Generates the contract and sends it for signing; generating again returns the existing contract. */
  public Contract generate(String applicationId) {
    Optional<Contract> existing = find(applicationId);
    if (existing.isPresent()) {
      return existing.get();
    }
    LoanApplication application = applications.get(applicationId);
    ApprovalRepository.Approval approval = approvals.find(applicationId).orElseThrow(() ->
        new IllegalStateException("Application " + applicationId + " is not approved; no contract can be generated"));
    ProcessingOutcomeRepository.Outcome outcome = outcomes.find(applicationId).orElseThrow();
    String contractNumber = "HT" + applicationId.substring(2);
    String text = contractText(contractNumber, application, approval, outcome);
    String envelopeId = eSignature.send(new ESignatureService.Envelope(contractNumber, application.legalRepName(),
        application.legalRepIdNumber(), text));
    jdbc.sql("""
        INSERT INTO loan_contract (application_id, contract_number, contract_text, envelope_id, generated_at)
        VALUES (:a, :n, :t, :e, :at)
        """)
        .param("a", applicationId).param("n", contractNumber).param("t", text).param("e", envelopeId)
        .param("at", Timestamp.from(clock.now()))
        .update();
    history.record(applicationId, "system", "CONTRACT_GENERATED", contractNumber + ", 电子签约信封 " + envelopeId);
    status.set(applicationId, ApplicationStatus.AWAITING_SIGNATURE);
    return find(applicationId).orElseThrow();
  }

  String contractText(String number, LoanApplication a, ApprovalRepository.Approval approval,
      ProcessingOutcomeRepository.Outcome outcome) {
    String guarantee = GuaranteeType.valueOf(approval.guaranteeType()).label();
    return """
        借款合同 (编号 %s)
        借款人: %s (统一社会信用代码 %s)
        法定代表人: %s
        贷款产品: %s
        借款金额: 人民币 %s 元
        借款期限: %d 个月
        年利率: %s%% (贷款市场报价利率 %s%% 加 %s%%)
        还款方式: %s
        担保方式: %s%s
        借款用途: %s
        """.formatted(number, a.enterpriseName(), a.creditCode(), a.legalRepName(), a.product().label(),
        approval.approvedAmount().toPlainString(), a.termMonths(),
        outcome.annualRatePercent().stripTrailingZeros().toPlainString(),
        outcome.lprPercent().stripTrailingZeros().toPlainString(),
        outcome.spreadPercent().stripTrailingZeros().toPlainString(),
        RepaymentMethod.valueOf(approval.repaymentMethod()).contractWording(), guarantee,
        approval.conditions() == null ? "" : "\n批准条件: " + approval.conditions(), a.purpose());
  }

  public Optional<Contract> find(String applicationId) {
    return jdbc.sql("SELECT * FROM loan_contract WHERE application_id = :a")
        .param("a", applicationId)
        .query((rs, row) -> new Contract(applicationId, rs.getString("contract_number"), rs.getString("contract_text"),
            rs.getString("envelope_id"), instant(rs.getObject("generated_at", OffsetDateTime.class)),
            rs.getString("signature_id"), instant(rs.getObject("signed_at", OffsetDateTime.class)),
            rs.getString("mortgage_registration_number"),
            instant(rs.getObject("mortgage_registered_at", OffsetDateTime.class))))
        .optional();
  }

  void markSigned(String applicationId, String signatureId, Instant signedAt) {
    jdbc.sql("UPDATE loan_contract SET signature_id = :s, signed_at = :at WHERE application_id = :a")
        .param("s", signatureId).param("at", Timestamp.from(signedAt)).param("a", applicationId).update();
  }

  void markMortgageRegistered(String applicationId, String registrationNumber, Instant registeredAt) {
    jdbc.sql("UPDATE loan_contract SET mortgage_registration_number = :n, mortgage_registered_at = :at WHERE application_id = :a")
        .param("n", registrationNumber).param("at", Timestamp.from(registeredAt)).param("a", applicationId).update();
  }

  private static Instant instant(OffsetDateTime value) {
    return value == null ? null : value.toInstant();
  }
}
