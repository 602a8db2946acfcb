package com.smeloanflow.disbursement;

import com.smeloanflow.approval.ApprovalDecisions;
import com.smeloanflow.casefile.ApplicationHistory;
import com.smeloanflow.intake.Guarantor;
import com.smeloanflow.intake.LoanApplication;
import com.smeloanflow.intake.LoanApplicationRepository;
import com.smeloanflow.platform.BusinessClock;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The loan contract and the guarantors' guarantee contracts: generated from the approval (amount, rate,
 * term, repayment method, guarantee, conditions), sent to the e-signature service, marked signed and —
 * for mortgages — registered; cancelled (and the mortgage released) when the loan is not paid out.
 */
@Service
public class ContractService {

  /** A loan contract as stored in {@code loan_contract}. */
  public record Contract(String applicationId, String contractNumber, String text, String envelopeId, Instant generatedAt,
      String status, String signatureId, Instant signedAt, String mortgageRegistrationNumber, Instant mortgageRegisteredAt,
      Instant cancelledAt, Instant mortgageReleasedAt) {

    public boolean signed() {
      return signatureId != null;
    }
  }

  /** A guarantor's guarantee contract ({@code guarantee_contract}). */
  public record GuaranteeContract(String applicationId, int seq, String contractNumber, String guarantorName, String guarantorId,
      String envelopeId, String status, String signatureId, Instant signedAt) {

    public boolean signed() {
      return signatureId != null;
    }
  }

  /** Who must sign a guarantee contract. */
  record Signer(String name, String partyId) {}

  private final LoanApplicationRepository applications;
  private final ApprovalDecisions approvals;
  private final ESignatureService eSignature;
  private final MortgageRegistry mortgageRegistry;
  private final ApplicationHistory history;
  private final JdbcClient jdbc;
  private final BusinessClock clock;

  public ContractService(LoanApplicationRepository applications, ApprovalDecisions approvals, ESignatureService eSignature,
      MortgageRegistry mortgageRegistry, ApplicationHistory history, JdbcClient jdbc, BusinessClock clock) {
    this.applications = applications;
    this.approvals = approvals;
    this.eSignature = eSignature;
    this.mortgageRegistry = mortgageRegistry;
    this.history = history;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * Generates the contract and the guarantee contracts and sends them for signing; generating again
   * returns the existing contract (the e-signature service answers a repeated envelope with the first).
   */
  public Contract generate(String applicationId) {
    Optional<Contract> existing = find(applicationId);
    if (existing.isPresent()) {
      return existing.get();
    }
    LoanApplication application = applications.get(applicationId);
    ApprovalDecisions.Approval approval = approvals.find(applicationId).filter(ApprovalDecisions.Approval::confirmed)
        .orElseThrow(() -> new IllegalStateException("Application " + applicationId + " is not approved; no contract can be generated"));
    String contractNumber = "HT" + applicationId.substring(2);
    String text = contractText(contractNumber, application, approval);
    String envelopeId = eSignature.send(new ESignatureService.Envelope(contractNumber, application.legalRepName(),
        application.legalRepIdNumber(), text));
    jdbc.sql("""
        INSERT INTO loan_contract (application_id, contract_number, contract_text, envelope_id, generated_at, status)
        VALUES (:a, :n, :t, :e, :at, 'SENT')
        """)
        .param("a", applicationId).param("n", contractNumber).param("t", text).param("e", envelopeId)
        .param("at", Timestamp.from(clock.now()))
        .update();
    List<Signer> signers = signers(application, approval);
    for (int i = 0; i < signers.size(); i++) {
      Signer signer = signers.get(i);
      String number = "BZ" + applicationId.substring(2) + "-" + (i + 1);
      String guaranteeText = "保证合同 (编号 " + number + ", 主合同 " + contractNumber + ")\n保证人: " + signer.name() + " (" + signer.partyId()
          + ")\n被担保债务: " + application.enterpriseName() + " 借款本金人民币 " + approval.approvedAmount().toPlainString()
          + " 元及利息、罚息、实现债权的费用\n保证方式: 连带责任保证\n保证期间: 主债务履行期届满之日起三年";
      String guaranteeEnvelope = eSignature.send(new ESignatureService.Envelope(number, signer.name(), signer.partyId(), guaranteeText));
      jdbc.sql("""
          INSERT INTO guarantee_contract (application_id, seq, contract_number, guarantor_name, guarantor_id, envelope_id, status)
          VALUES (:a, :seq, :n, :name, :id, :e, 'SENT')
          """)
          .param("a", applicationId).param("seq", i + 1).param("n", number).param("name", signer.name())
          .param("id", signer.partyId()).param("e", guaranteeEnvelope)
          .update();
    }
    history.record(applicationId, "system", "CONTRACT_GENERATED", contractNumber + ", 电子签约信封 " + envelopeId
        + (signers.isEmpty() ? "" : ", 保证合同 " + signers.size() + " 份"));
    return find(applicationId).orElseThrow();
  }

  /** The guarantors who sign: those of the application and one an approval added as a condition. */
  private List<Signer> signers(LoanApplication application, ApprovalDecisions.Approval approval) {
    List<Signer> signers = new ArrayList<>();
    for (Guarantor guarantor : applications.guarantorsOf(application.id())) {
      signers.add(new Signer(guarantor.name(), guarantor.partyId()));
    }
    if (approval.extraGuarantor() != null) {
      signers.add(new Signer(approval.extraGuarantor().name(), approval.extraGuarantor().partyId()));
    }
    return signers;
  }

  String contractText(String number, LoanApplication a, ApprovalDecisions.Approval approval) {
    return """
        借款合同 (编号 %s)
        借款人: %s (统一社会信用代码 %s)
        法定代表人: %s
        贷款产品: %s
        借款金额: 人民币 %s 元
        借款期限: %d 个月
        年利率: %s%% (贷款市场报价利率 %s%% 加 %s%%)
        还款方式: %s
        担保方式: %s%s%s
        借款用途: %s
        """.formatted(number, a.enterpriseName(), a.creditCode(), a.legalRepName(), a.product().label(),
        approval.approvedAmount().toPlainString(), a.termMonths(),
        approval.annualRatePercent().stripTrailingZeros().toPlainString(),
        approval.lprPercent().stripTrailingZeros().toPlainString(),
        approval.spreadPercent().stripTrailingZeros().toPlainString(),
        approval.repaymentMethod().contractWording(), approval.guaranteeType().label(),
        approval.extraGuarantor() == null ? "" : " (追加保证人 " + approval.extraGuarantor().name() + ")",
        approval.conditions() == null ? "" : "\n批准条件: " + approval.conditions(), a.purpose());
  }

  public Optional<Contract> find(String applicationId) {
    return jdbc.sql("SELECT * FROM loan_contract WHERE application_id = :a")
        .param("a", applicationId)
        .query((rs, row) -> new Contract(applicationId, rs.getString("contract_number"), rs.getString("contract_text"),
            rs.getString("envelope_id"), instant(rs.getObject("generated_at", OffsetDateTime.class)), rs.getString("status"),
            rs.getString("signature_id"), instant(rs.getObject("signed_at", OffsetDateTime.class)),
            rs.getString("mortgage_registration_number"), instant(rs.getObject("mortgage_registered_at", OffsetDateTime.class)),
            instant(rs.getObject("cancelled_at", OffsetDateTime.class)), instant(rs.getObject("mortgage_released_at", OffsetDateTime.class))))
        .optional();
  }

  public List<GuaranteeContract> guarantees(String applicationId) {
    return jdbc.sql("SELECT * FROM guarantee_contract WHERE application_id = :a ORDER BY seq")
        .param("a", applicationId)
        .query((rs, row) -> new GuaranteeContract(applicationId, rs.getInt("seq"), rs.getString("contract_number"),
            rs.getString("guarantor_name"), rs.getString("guarantor_id"), rs.getString("envelope_id"), rs.getString("status"),
            rs.getString("signature_id"), instant(rs.getObject("signed_at", OffsetDateTime.class))))
        .list();
  }

  public boolean allGuaranteesSigned(String applicationId) {
    return guarantees(applicationId).stream().allMatch(GuaranteeContract::signed);
  }

  void markSigned(String applicationId, String signatureId, Instant signedAt) {
    jdbc.sql("UPDATE loan_contract SET signature_id = :s, signed_at = :at, status = 'SIGNED' WHERE application_id = :a")
        .param("s", signatureId).param("at", Timestamp.from(signedAt)).param("a", applicationId).update();
  }

  void markGuaranteeSigned(String applicationId, int seq, String signatureId, Instant signedAt) {
    jdbc.sql("UPDATE guarantee_contract SET signature_id = :s, signed_at = :at, status = 'SIGNED' WHERE application_id = :a AND seq = :seq")
        .param("s", signatureId).param("at", Timestamp.from(signedAt)).param("a", applicationId).param("seq", seq).update();
  }

  void markMortgageRegistered(String applicationId, String registrationNumber, Instant registeredAt) {
    jdbc.sql("UPDATE loan_contract SET mortgage_registration_number = :n, mortgage_registered_at = :at WHERE application_id = :a")
        .param("n", registrationNumber).param("at", Timestamp.from(registeredAt)).param("a", applicationId).update();
  }

  /** Which application a mortgage registration already secures, if any. */
  Optional<String> applicationSecuredBy(String registrationNumber) {
    return jdbc.sql("SELECT application_id FROM loan_contract WHERE mortgage_registration_number = :n")
        .param("n", registrationNumber).query(String.class).optional();
  }

  /**
   * The loan is not paid out after all: the loan and guarantee contracts are cancelled in the
   * e-signature service and a registered mortgage is released. Safe to repeat (each outside call is
   * idempotent, and what was done is recorded).
   */
  public void cancel(String applicationId) {
    Contract contract = find(applicationId).orElse(null);
    if (contract == null) {
      return;
    }
    if (contract.cancelledAt() == null) {
      eSignature.cancel(contract.envelopeId());
      for (GuaranteeContract guarantee : guarantees(applicationId)) {
        eSignature.cancel(guarantee.envelopeId());
      }
      jdbc.sql("UPDATE loan_contract SET status = 'CANCELLED', cancelled_at = :at WHERE application_id = :a")
          .param("at", Timestamp.from(clock.now())).param("a", applicationId).update();
      jdbc.sql("UPDATE guarantee_contract SET status = 'CANCELLED' WHERE application_id = :a").param("a", applicationId).update();
      history.record(applicationId, "system", "CONTRACT_CANCELLED", contract.contractNumber());
    }
    if (contract.mortgageRegistrationNumber() != null && contract.mortgageReleasedAt() == null) {
      mortgageRegistry.release(contract.mortgageRegistrationNumber());
      jdbc.sql("UPDATE loan_contract SET mortgage_released_at = :at WHERE application_id = :a")
          .param("at", Timestamp.from(clock.now())).param("a", applicationId).update();
      history.record(applicationId, "system", "MORTGAGE_RELEASED", contract.mortgageRegistrationNumber());
    }
  }

  private static Instant instant(OffsetDateTime value) {
    return value == null ? null : value.toInstant();
  }
}
