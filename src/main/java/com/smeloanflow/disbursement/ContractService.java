package com.smeloanflow.disbursement;

import com.smeloanflow.approval.ApprovalDecisions;
import com.smeloanflow.casefile.ApplicationHistory;
import com.smeloanflow.intake.ApplicationView;
import com.smeloanflow.intake.GuaranteeContractLookup;
import com.smeloanflow.intake.Guarantor;
import com.smeloanflow.intake.LoanApplication;
import com.smeloanflow.intake.LoanApplicationRepository;
import com.smeloanflow.intake.Product;
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
public class ContractService implements GuaranteeContractLookup {

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
      String guaranteeText = guaranteeText(number, contractNumber, signer, application, approval);
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

  /**
   * The contract the applicant signs: a loan contract (借款合同) for a term loan, paid out once; for a
   * REVOLVING_LINE a credit-line contract (循环额度借款合同): the approved amount is a limit drawn on and repaid
   * at will during the line's validity, each drawdown its own loan on the approved rate and repayment method.
   */
  String contractText(String number, LoanApplication a, ApprovalDecisions.Approval approval) {
    return a.product() == Product.REVOLVING_LINE ? lineContractText(number, a, approval) : """
        借款合同 (编号 %s)
        借款人: %s (统一社会信用代码 %s)
        法定代表人: %s
        贷款产品: %s
        借款金额: 人民币 %s 元
        借款期限: %d 个月
        年利率: %s
        还款方式: %s
        担保方式: %s%s%s
        借款用途: %s
        """.formatted(number, a.enterpriseName(), a.creditCode(), a.legalRepName(), a.product().label(),
        approval.approvedAmount().toPlainString(), a.termMonths(), rate(approval), approval.repaymentMethod().contractWording(),
        approval.guaranteeType().label(), extraGuarantor(approval), conditions(approval), a.purpose());
  }

  /**
   * A line's validity is its term from the day it opens (creditline's {@code CreditLine.validUntil}: three years
   * less a day, the 36 months every REVOLVING_LINE application carries); a drawdown's term is 1 to the product's
   * longest term and may not mature after the line's last day (creditline's drawdown rules).
   */
  private static String lineContractText(String number, LoanApplication a, ApprovalDecisions.Approval approval) {
    return """
        循环额度借款合同 (编号 %s)
        借款人: %s (统一社会信用代码 %s)
        法定代表人: %s
        贷款产品: %s
        授信额度: 人民币 %s 元 (可循环使用, 任一时点未归还的提款本金合计不超过授信额度)
        额度有效期: %d 个月, 自额度开立之日起算, 至开立日 %d 个月后的前一日止
        提款方式: 额度有效期内随借随还, 借款人通过手机银行或小程序申请提款, 每笔提款不超过当时的可用额度, 期限 1 至 %d 个月, 到期日不晚于额度有效期的最后一日; 已归还的本金可再次提款
        年利率: 每笔提款按 %s 单独计息
        还款方式: 每笔提款单独还款, %s
        额度管理: 额度每年年审一次, 贷款人可根据年审及贷后检查结果维持、压降、冻结或终止额度; 已发放的提款按原约定还款
        担保方式: %s%s%s%s
        借款用途: %s
        """.formatted(number, a.enterpriseName(), a.creditCode(), a.legalRepName(), a.product().label(),
        approval.approvedAmount().toPlainString(), a.termMonths(), a.termMonths(), a.product().maxTermMonths(), rate(approval),
        approval.repaymentMethod().contractWording(), approval.guaranteeType().label(), maximumAmountSecurity(approval),
        approval.extraGuarantor() == null ? "" : " (追加保证人 " + approval.extraGuarantor().name() + ", 最高额保证)",
        conditions(approval), a.purpose());
  }

  /**
   * A guarantor's contract. For a term loan it secures the loan's principal; for a line it is a maximum-amount
   * guarantee (最高额保证合同) of every drawdown made during the line's validity, up to the limit.
   */
  static String guaranteeText(String number, String contractNumber, Signer signer, LoanApplication a,
      ApprovalDecisions.Approval approval) {
    if (a.product() == Product.REVOLVING_LINE) {
      return "最高额保证合同 (编号 " + number + ", 主合同 循环额度借款合同 " + contractNumber + ")\n保证人: " + signer.name() + " ("
          + signer.partyId() + ")\n被担保债权: 贷款人依主合同在额度有效期内向 " + a.enterpriseName()
          + " 发放的各笔提款形成的债权\n最高债权额: 本金余额人民币 " + approval.approvedAmount().toPlainString()
          + " 元及相应的利息、罚息、实现债权的费用\n保证方式: 连带责任保证\n保证期间: 每笔提款债务履行期届满之日起三年";
    }
    return "保证合同 (编号 " + number + ", 主合同 " + contractNumber + ")\n保证人: " + signer.name() + " (" + signer.partyId()
        + ")\n被担保债务: " + a.enterpriseName() + " 借款本金人民币 " + approval.approvedAmount().toPlainString()
        + " 元及利息、罚息、实现债权的费用\n保证方式: 连带责任保证\n保证期间: 主债务履行期届满之日起三年";
  }

  /** A line's guarantors and collateral secure every drawdown up to the limit: 最高额保证 / 最高额抵押. */
  private static String maximumAmountSecurity(ApprovalDecisions.Approval approval) {
    return switch (approval.guaranteeType()) {
      case GUARANTEE, JOINT_GUARANTEE -> " (最高额保证)";
      case MORTGAGE -> " (最高额抵押)";
      case CREDIT -> "";
    };
  }

  /** e.g. "4.35% (贷款市场报价利率 3.45% 加 0.9%)". */
  private static String rate(ApprovalDecisions.Approval approval) {
    return approval.annualRatePercent().stripTrailingZeros().toPlainString() + "% (贷款市场报价利率 "
        + approval.lprPercent().stripTrailingZeros().toPlainString() + "% 加 "
        + approval.spreadPercent().stripTrailingZeros().toPlainString() + "%)";
  }

  private static String extraGuarantor(ApprovalDecisions.Approval approval) {
    return approval.extraGuarantor() == null ? "" : " (追加保证人 " + approval.extraGuarantor().name() + ")";
  }

  private static String conditions(ApprovalDecisions.Approval approval) {
    return approval.conditions() == null ? "" : "\n批准条件: " + approval.conditions();
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

  /** For the channel's view of the application: the guarantee contracts not cancelled, their number, guarantor and signature. */
  @Override
  public List<ApplicationView.GuaranteeContract> guaranteeContractsOf(String applicationId) {
    return guarantees(applicationId).stream().filter(g -> !"CANCELLED".equals(g.status()))
        .map(g -> new ApplicationView.GuaranteeContract(g.contractNumber(), g.guarantorName(), g.signed())).toList();
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
