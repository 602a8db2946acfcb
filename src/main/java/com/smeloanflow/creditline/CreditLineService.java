package com.smeloanflow.creditline;

import com.smeloanflow.approval.ApprovalDecisions;
import com.smeloanflow.casefile.ApplicationHistory;
import com.smeloanflow.casefile.ApplicationStatus;
import com.smeloanflow.casefile.CaseFiles;
import com.smeloanflow.disbursement.CoreBankingGateway;
import com.smeloanflow.disbursement.CorePosting;
import com.smeloanflow.disbursement.DisbursementOrder;
import com.smeloanflow.disbursement.DisbursementService;
import com.smeloanflow.intake.LoanApplication;
import com.smeloanflow.intake.LoanApplicationRepository;
import com.smeloanflow.intake.Product;
import com.smeloanflow.monitoring.PostLoanMonitoringStarter;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.platform.DatabaseSequences;
import com.smeloanflow.platform.FieldViolation;
import com.smeloanflow.platform.IdempotencyConflictException;
import com.smeloanflow.platform.InputHygiene;
import com.smeloanflow.platform.InvalidFieldsException;
import com.smeloanflow.platform.StateConflictException;
import com.smeloanflow.process.CreditLineReviewProcess;
import com.smeloanflow.process.ProcessVariable;
import com.smeloanflow.servicing.LoanAccount;
import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.servicing.OpenLoanAccount;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.support.incrementer.DataFieldMaxValueIncrementer;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Credit lines (循环额度): opens the line of an approved REVOLVING_LINE application instead of paying the limit
 * out, and draws on it. The line keeps no "used" counter: what is used is the outstanding principal of its
 * drawdowns in servicing's ledger, so a repayment of principal restores the available limit by itself.
 * A drawdown locks the line's row (SELECT … FOR UPDATE) until it commits: concurrent drawdowns on one line
 * run one after the other and never exceed the limit, on H2 and on PostgreSQL alike.
 */
@Service
public class CreditLineService {

  private static final Logger log = LoggerFactory.getLogger(CreditLineService.class);
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");
  static final int MAX_REQUEST_ID_LENGTH = 64;

  /** A drawdown and whether it was made before (the same request id again: nothing posted this time). */
  public record DrawdownReceipt(Drawdown drawdown, boolean replayed) {}

  private final CreditLineRepository lines;
  private final LoanApplicationRepository applications;
  private final ApprovalDecisions approvals;
  private final CoreBankingGateway coreBanking;
  private final LoanAccountService loans;
  private final CaseFiles caseFiles;
  private final ApplicationHistory history;
  private final RuntimeService runtimeService;
  private final PostLoanMonitoringStarter monitoring;
  private final BusinessClock clock;
  private final DataFieldMaxValueIncrementer lineNumbers;
  private final DataFieldMaxValueIncrementer drawdownNumbers;
  private final TransactionTemplate savepoint;

  public CreditLineService(CreditLineRepository lines, LoanApplicationRepository applications, ApprovalDecisions approvals,
      CoreBankingGateway coreBanking, LoanAccountService loans, CaseFiles caseFiles, ApplicationHistory history,
      RuntimeService runtimeService, PostLoanMonitoringStarter monitoring, BusinessClock clock, DataSource dataSource,
      PlatformTransactionManager transactionManager) {
    this.lines = lines;
    this.applications = applications;
    this.approvals = approvals;
    this.coreBanking = coreBanking;
    this.loans = loans;
    this.caseFiles = caseFiles;
    this.history = history;
    this.runtimeService = runtimeService;
    this.monitoring = monitoring;
    this.clock = clock;
    this.lineNumbers = DatabaseSequences.of(dataSource, "credit_line_seq");
    this.drawdownNumbers = DatabaseSequences.of(dataSource, "credit_line_drawdown_seq");
    this.savepoint = new TransactionTemplate(transactionManager);
    this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
  }

  /**
   * Opens the line of an approved, signed REVOLVING_LINE application (or answers with the line opened before):
   * the approved amount is the limit, valid for three years from today; nothing is paid out. The application
   * is DISBURSED (its credit is granted).
   */
  public CreditLine open(String applicationId) {
    Optional<CreditLine> earlier = lines.findByApplication(applicationId);
    if (earlier.isPresent()) {
      return earlier.get();
    }
    LoanApplication application = applications.get(applicationId);
    if (application.product() != Product.REVOLVING_LINE) {
      throw new IllegalStateException("Application " + applicationId + " is a " + application.product() + ", not a credit line");
    }
    ApprovalDecisions.Approval approval = approvals.find(applicationId).filter(ApprovalDecisions.Approval::confirmed)
        .orElseThrow(() -> new IllegalStateException("Application " + applicationId + " is not approved; no line is opened"));
    LocalDate today = clock.today();
    CreditLine line = new CreditLine("CL" + DAY.format(today) + String.format("%06d", lineNumbers.nextLongValue() % 1_000_000),
        applicationId, application.creditCode(), application.enterpriseName(), application.branchCode(),
        approval.approvedAmount().setScale(2), approval.annualRatePercent(), approval.repaymentMethod(), today,
        CreditLine.validUntil(today), CreditLineStatus.ACTIVE, null);
    try {
      savepoint.executeWithoutResult(status -> lines.insert(line, clock.now()));
    } catch (DataAccessException e) {
      // A raced step opened it first (application_id UNIQUE).
      return lines.findByApplication(applicationId).orElseThrow(() -> e);
    }
    history.record(applicationId, "system", "CREDIT_LINE_OPENED", "额度 " + line.lineId() + ", " + line.limit().toPlainString()
        + " 元, 有效期至 " + line.validUntil());
    caseFiles.setStatus(applicationId, ApplicationStatus.DISBURSED);
    startAnnualReview(line);
    log.info("Application {}: credit line {} opened, limit {} CNY, valid until {}", applicationId, line.lineId(),
        line.limit().toPlainString(), line.validUntil());
    return line;
  }

  /**
   * Freezes the line: no further drawdowns; what is drawn is repaid as scheduled.
   *
   * @throws CreditLineNotFoundException no such line
   * @throws StateConflictException      the line is expired or closed
   */
  @Transactional
  public CreditLine freeze(String lineId, String reason) {
    CreditLine line = lines.lock(lineId).orElseThrow(() -> new CreditLineNotFoundException(lineId));
    if (line.status() == CreditLineStatus.EXPIRED || line.status() == CreditLineStatus.CLOSED) {
      throw new StateConflictException("额度" + line.status().label() + ", 不能冻结 (line " + lineId + ")");
    }
    lines.update(lineId, line.limit(), CreditLineStatus.FROZEN, reason);
    log.info("Line {}: frozen ({})", lineId, reason);
    return lines.find(lineId).orElseThrow();
  }

  public Optional<CreditLine> find(String lineId) {
    return lines.find(lineId);
  }

  public Optional<CreditLine> findByApplication(String applicationId) {
    return lines.findByApplication(applicationId);
  }

  public List<Drawdown> drawdowns(String lineId) {
    return lines.drawdowns(lineId);
  }

  /** What each drawdown's loan still owes in principal (0 once settled or written off), from servicing's ledger. */
  public Map<String, BigDecimal> outstandingByLoan(List<Drawdown> drawdowns) {
    return loans.outstandingPrincipalByLoan(drawdowns.stream().map(Drawdown::loanId).toList());
  }

  /** Used = the outstanding principal of the line's drawdowns. */
  public static BigDecimal used(Map<String, BigDecimal> outstandingByLoan) {
    return outstandingByLoan.values().stream().reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
  }

  /** Available = limit − used, never below 0 (a limit reduced below what is drawn leaves nothing available). */
  public static BigDecimal available(CreditLine line, BigDecimal used) {
    return line.limit().subtract(used).max(BigDecimal.ZERO).setScale(2);
  }

  /**
   * Draws on the line: one core banking posting (key: line id and request id, so a retry after a lost answer
   * is posted once), the drawdown's own loan account with its schedule, post-loan monitoring started. The
   * same request id again answers with the first drawdown and posts nothing.
   *
   * @throws InvalidFieldsException       a bad field, the amount above what is available, or a term maturing after
   *                                      the line's validity (400, nothing stored)
   * @throws CreditLineNotFoundException  no such line (404)
   * @throws StateConflictException       the line is frozen, expired, closed or past its validity (409)
   * @throws IdempotencyConflictException the request id was used for another amount or term (422)
   */
  @Transactional
  public DrawdownReceipt draw(DrawCreditLine command) {
    refuseBadFields(command);
    CreditLine line = lines.lock(command.lineId()).orElseThrow(() -> new CreditLineNotFoundException(command.lineId()));
    Optional<Drawdown> earlier = lines.findDrawdown(line.lineId(), command.requestId());
    if (earlier.isPresent()) {
      Drawdown first = earlier.get();
      if (first.amount().compareTo(command.amount()) != 0 || first.termMonths() != command.termMonths()) {
        throw new IdempotencyConflictException(command.requestId());
      }
      return new DrawdownReceipt(first, true);
    }
    LocalDate today = clock.today();
    if (line.status() != CreditLineStatus.ACTIVE) {
      throw new StateConflictException("额度" + line.status().label() + ", 不能提款"
          + (line.statusReason() == null ? "" : ": " + line.statusReason()) + " (line " + line.lineId() + ")");
    }
    if (today.isAfter(line.validUntil())) {
      throw new StateConflictException("额度已过有效期 (" + line.validUntil() + "), 不能提款 (line " + line.lineId() + ")");
    }
    List<FieldViolation> violations = new ArrayList<>();
    LocalDate maturity = today.plusMonths(command.termMonths());
    if (maturity.isAfter(line.validUntil().plusDays(1))) {
      violations.add(new FieldViolation("termMonths", "BEYOND_LINE_VALIDITY",
          "借款到期日 " + maturity + " 晚于额度有效期 " + line.validUntil() + ", 请缩短期限"));
    }
    BigDecimal available = available(line, used(outstandingByLoan(lines.drawdowns(line.lineId()))));
    if (command.amount().compareTo(available) > 0) {
      violations.add(new FieldViolation("amount", "EXCEEDS_AVAILABLE",
          "提款金额超过可用额度 " + available.toPlainString() + " 元"));
    }
    refuseIfAny(violations);
    return new DrawdownReceipt(payOut(line, command, today), false);
  }

  private Drawdown payOut(CreditLine line, DrawCreditLine command, LocalDate today) {
    LoanApplication application = applications.get(line.applicationId());
    String drawdownId = "DD" + DAY.format(today) + String.format("%06d", drawdownNumbers.nextLongValue() % 1_000_000);
    String key = Drawdown.coreIdempotencyKey(line.lineId(), command.requestId());
    BigDecimal amount = command.amount().setScale(2);
    CorePosting posting = coreBanking.disburse(new DisbursementOrder(key, line.applicationId(), line.borrowerName(),
        line.creditCode(), DisbursementService.settlementAccount(application), amount));
    LoanAccount loan = loans.openDrawdown(drawdownId, new OpenLoanAccount(line.applicationId(), line.creditCode(),
        line.borrowerName(), amount, line.annualRatePercent(), command.termMonths(), line.repaymentMethod(), today,
        posting.postingReference()));
    Drawdown drawdown = new Drawdown(drawdownId, line.lineId(), command.requestId(), amount, command.termMonths(),
        loan.loanId(), key, posting.postingReference(), command.caller(), today, clock.now());
    lines.insertDrawdown(drawdown);
    monitoring.start(loan.loanId());
    history.record(line.applicationId(), command.caller(), "CREDIT_LINE_DRAWDOWN", "额度 " + line.lineId() + " 提款 "
        + amount.toPlainString() + " 元, " + command.termMonths() + " 个月, 借据 " + loan.loanId() + ", 核心记账 "
        + posting.postingReference() + (posting.replayed() ? " (核心系统已记账, 本次为重试确认)" : ""));
    log.info("Line {}: drawdown {} of {} CNY for {} months, loan {}, posting {}{}", line.lineId(), drawdownId,
        amount.toPlainString(), command.termMonths(), loan.loanId(), posting.postingReference(),
        posting.replayed() ? " (replayed by core banking)" : "");
    return drawdown;
  }

  /** The line's annual review (credit-line-review, business key = line id) runs from its opening to its end. */
  private void startAnnualReview(CreditLine line) {
    ProcessVariable.trusted(() -> runtimeService.createMessageCorrelation(CreditLineReviewProcess.Messages.CREDIT_LINE_OPENED)
        .processInstanceBusinessKey(line.lineId())
        .setVariable(CreditLineReviewProcess.Variables.BRANCH_CODE.name(), line.branchCode())
        .correlateStartMessage());
  }

  private static void refuseBadFields(DrawCreditLine command) {
    List<FieldViolation> violations = new ArrayList<>();
    if (command.requestId() == null || command.requestId().isBlank()) {
      violations.add(new FieldViolation("requestId", "REQUIRED", "请求编号必填"));
    } else {
      InputHygiene.singleLine("requestId", command.requestId(), MAX_REQUEST_ID_LENGTH).ifPresent(violations::add);
    }
    if (command.amount() == null) {
      violations.add(new FieldViolation("amount", "REQUIRED", "提款金额必填"));
    } else if (command.amount().signum() <= 0 || command.amount().stripTrailingZeros().scale() > 2) {
      violations.add(new FieldViolation("amount", "INVALID_AMOUNT", "提款金额须大于 0 元, 最多两位小数"));
    }
    Product product = Product.REVOLVING_LINE;
    if (command.termMonths() == null) {
      violations.add(new FieldViolation("termMonths", "REQUIRED", "借款期限必填"));
    } else if (command.termMonths() < 1 || command.termMonths() > product.maxTermMonths()) {
      violations.add(new FieldViolation("termMonths", "OUT_OF_RANGE",
          "借款期限须为 1 至 " + product.maxTermMonths() + " 个月"));
    }
    refuseIfAny(violations);
  }

  private static void refuseIfAny(List<FieldViolation> violations) {
    if (!violations.isEmpty()) {
      throw new InvalidFieldsException(violations, "提款申请有误: " + violations.stream()
          .map(v -> v.field() + " " + v.message()).collect(java.util.stream.Collectors.joining("; ")));
    }
  }
}
