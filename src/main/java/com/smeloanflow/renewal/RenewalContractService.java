package com.smeloanflow.renewal;

import com.smeloanflow.disbursement.ESignatureService;
import com.smeloanflow.intake.LoanApplication;
import com.smeloanflow.intake.LoanApplicationRepository;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.platform.ChineseDates;
import com.smeloanflow.platform.FieldViolation;
import com.smeloanflow.platform.InvalidFieldsException;
import com.smeloanflow.platform.StateConflictException;
import com.smeloanflow.process.LoanRenewalProcess;
import com.smeloanflow.process.ProcessVariable;
import com.smeloanflow.servicing.LoanAccount;
import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.servicing.LoanNotFoundException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The renewal contract: sent to the e-signature service once approved (disbursement's interface, the same
 * service the loan contract was signed in), signed by the legal representative before the old loan
 * matures (reported by the channel, verified with the service), cancelled when the renewal lapses (and, unsigned,
 * after an operator cancelled the renewal: {@link RenewalEnvelopeCancellations}).
 */
@Service
public class RenewalContractService {

  private static final Logger log = LoggerFactory.getLogger(RenewalContractService.class);

  private final RenewalRepository renewals;
  private final LoanAccountService loans;
  private final LoanApplicationRepository applications;
  private final ESignatureService eSignature;
  private final RuntimeService runtimeService;
  private final BusinessClock clock;
  private final RenewalAmountReviewService reviews;

  public RenewalContractService(RenewalRepository renewals, LoanAccountService loans, LoanApplicationRepository applications,
      ESignatureService eSignature, RuntimeService runtimeService, BusinessClock clock, RenewalAmountReviewService reviews) {
    this.reviews = reviews;
    this.renewals = renewals;
    this.loans = loans;
    this.applications = applications;
    this.eSignature = eSignature;
    this.runtimeService = runtimeService;
    this.clock = clock;
  }

  /** The renewal contract's number: XD + the old loan's number (one renewal per loan). */
  static String contractNumber(String loanId) {
    return "XD" + loanId.substring(2);
  }

  /** Sends the contract for signing; sending again returns the same envelope (the service is idempotent by number). */
  @Transactional
  public String send(String loanId) {
    LoanRenewal renewal = renewals.find(loanId).orElseThrow();
    LoanAccount loan = loans.find(loanId).orElseThrow();
    LoanApplication application = applications.get(loan.applicationId());
    String number = contractNumber(loanId);
    String text = contractText(number, loan, renewal.renewalAmount());
    String envelopeId = eSignature.send(new ESignatureService.Envelope(number, application.legalRepName(),
        application.legalRepIdNumber(), text));
    renewals.contractSent(loanId, number, envelopeId);
    log.info("Loan {}: renewal contract {} sent for signing (envelope {})", loanId, number, envelopeId);
    return envelopeId;
  }

  /**
   * The text the legal representative signs: the old loan and its maturity date, the renewal amount and the new loan's
   * terms. Its date reads as every date a borrower reads ({@link ChineseDates}: 到期日2027年1月7日, touching the Chinese
   * around it); ids and amounts are set off by one space.
   */
  static String contractText(String number, LoanAccount loan, BigDecimal renewalAmount) {
    return "无还本续贷合同 (编号 " + number + ")\n借款人: " + loan.borrowerName() + " (" + loan.creditCode() + ")\n"
        + "原借据: " + loan.loanId() + ", 到期日" + ChineseDates.day(loan.maturityDate()) + "\n续贷金额: 人民币 "
        + renewalAmount.toPlainString() + " 元, 于原贷款到期日发放并用于归还原贷款本金; 期限 " + loan.termMonths()
        + " 个月, 年利率 " + loan.annualRatePercent().stripTrailingZeros().toPlainString() + "%, "
        + loan.repaymentMethod().label() + "。\n原贷款截至到期日的利息由借款人按原合同归还。";
  }

  /** The process waits for the signature: the renewal is APPROVED (待签署续贷合同). */
  @Transactional
  public void awaitSignature(String loanId) {
    LoanRenewal renewal = renewals.find(loanId).orElseThrow();
    renewals.decided(loanId, RenewalStatus.APPROVED, renewal.decidedBy(), renewal.decisionNote(), null,
        renewal.decidedAt() != null ? renewal.decidedAt() : clock.now(), null);
  }

  /**
   * The channel reports the legal representative's signature. Verified with the e-signature service; the
   * same report again answers as before.
   *
   * @throws LoanNotFoundException  no such loan, or no renewal
   * @throws InvalidFieldsException the service knows no such signature of this contract by the legal representative
   * @throws StateConflictException the renewal is not awaiting a signature (not approved, or lapsed)
   */
  @Transactional
  public RenewalStatus signatureReceived(String loanId, String signatureId, Instant signedAt) {
    LoanAccount loan = loans.find(loanId).orElseThrow(() -> new LoanNotFoundException(loanId));
    LoanRenewal renewal = renewals.lock(loanId).orElseThrow(() -> LoanRenewal.notFound(loanId));
    if (signatureId.equals(renewal.signatureId())) {
      return renewal.status();
    }
    if (renewal.status() != RenewalStatus.APPROVED || renewal.contractNumber() == null) {
      throw new StateConflictException("[NOT_AWAITING_SIGNATURE] 借据 " + loanId + " 的续贷不在待签约状态: "
          + renewal.status().label() + " (the renewal of loan " + loanId + " is " + renewal.status()
          + ", not awaiting a signature)");
    }
    String legalRepId = applications.get(loan.applicationId()).legalRepIdNumber();
    ESignatureService.Signature signature = eSignature.findSignature(signatureId)
        .filter(s -> s.contractNumber().equals(renewal.contractNumber()))
        .filter(s -> s.signerIdNumber().equals(legalRepId))
        .orElseThrow(() -> new InvalidFieldsException(List.of(new FieldViolation("signatureId", "UNKNOWN_SIGNATURE",
            "电子签名服务中没有该续贷合同 (" + renewal.contractNumber() + ") 由法定代表人完成的签名"))));
    renewals.signed(loanId, signature.signatureId(), signature.signedAt());
    try {
      Date amountCheckAt = reviews.amountCheckAt(renewal.maturityDate());
      ProcessVariable.trusted(() -> runtimeService.createMessageCorrelation(LoanRenewalProcess.Messages.CONTRACT_SIGNED)
          .processInstanceBusinessKey(loanId).setVariable(LoanRenewalProcess.Variables.AMOUNT_CHECK_AT.name(), amountCheckAt)
          .correlateWithResult());
    } catch (MismatchingMessageCorrelationException e) {
      throw new StateConflictException("借据 " + loanId + " 的续贷流程此刻未在等待签约, 请一分钟后重试 (renewal of loan "
          + loanId + " is not waiting for a signature; retry in a minute)");
    }
    log.info("Loan {}: renewal contract {} signed ({})", loanId, renewal.contractNumber(), signatureId);
    return RenewalStatus.SIGNED;
  }

  /**
   * The renewal's process ended ({@code how}); if the renewal is still under way (applied, approved, signed or in 复核续贷金额),
   * no end of the process recorded it: an operator cancelled the instance. It is recorded CANCELLED, closed today, so that
   * staff and the channel no longer see it as under way. A contract sent and not signed is cancelled in the e-signature
   * service once this has committed ({@link RenewalEnvelopeCancellations}), never here: the service being down must not
   * fail the cancellation. A renewal at an end already is left as it is. In the caller's transaction (the engine's).
   *
   * @return whether it was recorded cancelled now
   */
  @Transactional
  public boolean processEnded(String loanId, String how) {
    Optional<LoanRenewal> found = renewals.lock(loanId);
    if (found.isEmpty() || !found.get().status().underWay()) {
      return false;
    }
    renewals.closed(loanId, RenewalStatus.CANCELLED, clock.today());
    log.warn("Loan {}: the renewal's process ended while the renewal was {} ({}): recorded CANCELLED by an operator; "
        + "nothing more is posted for it, the old loan falls due as agreed{}", loanId, found.get().status(), how,
        found.get().envelopeId() != null && found.get().signatureId() == null
            ? "; its unsigned contract's envelope " + found.get().envelopeId() + " is cancelled in the e-signature service next"
            : "");
    return true;
  }

  /**
   * Not signed by maturity, or not even decided (a person's approval or the committee's still open when the old loan
   * matured): the renewal lapses and a contract sent is cancelled; the old loan falls due as agreed.
   */
  @Transactional
  public void lapse(String loanId) {
    LoanRenewal renewal = renewals.lock(loanId).orElseThrow();
    if (renewal.envelopeId() != null) {
      eSignature.cancel(renewal.envelopeId());
      renewals.envelopeCancelled(loanId, clock.now());
    }
    renewals.closed(loanId, RenewalStatus.LAPSED, clock.today());
    if (renewal.contractNumber() == null) {
      log.info("Loan {}: renewal lapsed, still undecided ({}) when the loan matured {}", loanId, renewal.approvalRoute(),
          renewal.maturityDate());
    } else {
      log.info("Loan {}: renewal lapsed, contract {} not signed by maturity {}", loanId, renewal.contractNumber(),
          renewal.maturityDate());
    }
  }
}
