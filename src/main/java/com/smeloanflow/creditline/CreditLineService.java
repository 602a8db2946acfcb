package com.smeloanflow.creditline;

import com.smeloanflow.approval.ApprovalDecisions;
import com.smeloanflow.casefile.ApplicationHistory;
import com.smeloanflow.casefile.ApplicationStatus;
import com.smeloanflow.casefile.CaseFiles;
import com.smeloanflow.disbursement.CoreBankingGateway;
import com.smeloanflow.disbursement.CoreBankingUnavailableException;
import com.smeloanflow.disbursement.CorePosting;
import com.smeloanflow.disbursement.DisbursementOrder;
import com.smeloanflow.disbursement.DisbursementService;
import com.smeloanflow.intake.LoanApplication;
import com.smeloanflow.intake.LoanApplicationRepository;
import com.smeloanflow.intake.Product;
import com.smeloanflow.monitoring.LineMeasure;
import com.smeloanflow.monitoring.PostLoanMonitoringStarter;
import com.smeloanflow.notification.MailOutbox;
import com.smeloanflow.notification.MailTemplate;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.platform.ChineseDates;
import com.smeloanflow.platform.DatabaseSequences;
import com.smeloanflow.platform.FieldViolation;
import com.smeloanflow.platform.IdempotencyConflictException;
import com.smeloanflow.platform.InputHygiene;
import com.smeloanflow.platform.InvalidFieldsException;
import com.smeloanflow.platform.StaffText;
import com.smeloanflow.platform.StateConflictException;
import com.smeloanflow.process.CreditLineReviewProcess;
import com.smeloanflow.process.ProcessVariable;
import com.smeloanflow.servicing.LedgerLine;
import com.smeloanflow.servicing.LoanAccount;
import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.servicing.LoanBalances;
import com.smeloanflow.servicing.LoanStanding;
import com.smeloanflow.servicing.OpenLoanAccount;
import com.smeloanflow.servicing.WrittenOffClaim;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.support.incrementer.DataFieldMaxValueIncrementer;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Credit lines (循环额度): opens the line of an approved REVOLVING_LINE application instead of paying the limit
 * out, and draws on it. The line keeps no "used" counter: what is used is the outstanding principal of its
 * drawdowns in servicing's ledger (of a written-off drawdown, its claim's principal not yet recovered), so a repayment
 * of principal restores the available limit by itself.
 * A drawdown's check and reservation lock the line's row (SELECT … FOR UPDATE) for one short transaction:
 * concurrent drawdowns on one line never exceed the limit, on H2 and on PostgreSQL alike; core banking is
 * asked outside any lock ({@link #draw}).
 */
@Service
public class CreditLineService {

  private static final Logger log = LoggerFactory.getLogger(CreditLineService.class);
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");
  static final int MAX_REQUEST_ID_LENGTH = 64;
  /** Who books or cancels a request whose core banking answer never came. */
  private static final String RECONCILIATION = "system";
  /** What the channel is told when a pending request refused on its retry was not booked: its reservation is gone. */
  private static final Bilingual RESERVATION_RELEASED = new Bilingual("; 此前的提款请求核心系统未记账, 未予放款, 预留额度已释放",
      "; the earlier attempt was not booked by core banking: nothing paid out, its reservation released");
  /** ... and when core banking cannot tell yet whether it booked it. */
  private static final Bilingual RESERVATION_KEPT = new Bilingual(
      "; 此前的提款请求待核心系统确认, 系统将向核心系统核实: 已记账则补记借据, 未记账则释放预留额度",
      "; the earlier attempt awaits core banking's answer: booked, its loan is recorded; not booked, its reservation is released");

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
  private final MailOutbox mails;
  private final BusinessClock clock;
  private final DataFieldMaxValueIncrementer lineNumbers;
  private final DataFieldMaxValueIncrementer drawdownNumbers;
  private final TransactionTemplate ownTransaction;
  private final TransactionTemplate savepoint;
  /** How long an attempt goes unanswered before it is taken for lost, not under way (core banking's own time-out). */
  private final Duration unansweredFor;
  private final LineProductTerms productTerms;

  public CreditLineService(CreditLineRepository lines, LoanApplicationRepository applications, ApprovalDecisions approvals,
      CoreBankingGateway coreBanking, LoanAccountService loans, CaseFiles caseFiles, ApplicationHistory history,
      RuntimeService runtimeService, PostLoanMonitoringStarter monitoring, MailOutbox mails, BusinessClock clock,
      DataSource dataSource, PlatformTransactionManager transactionManager,
      @Value("${smeloan.credit-line.reconciliation.unanswered-for:PT5M}") Duration unansweredFor,
      LineProductTerms productTerms) {
    this.lines = lines;
    this.applications = applications;
    this.approvals = approvals;
    this.coreBanking = coreBanking;
    this.loans = loans;
    this.caseFiles = caseFiles;
    this.history = history;
    this.runtimeService = runtimeService;
    this.monitoring = monitoring;
    this.mails = mails;
    this.clock = clock;
    this.lineNumbers = DatabaseSequences.of(dataSource, "credit_line_seq");
    this.drawdownNumbers = DatabaseSequences.of(dataSource, "credit_line_drawdown_seq");
    this.ownTransaction = new TransactionTemplate(transactionManager);
    this.savepoint = new TransactionTemplate(transactionManager);
    this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    this.unansweredFor = unansweredFor;
    this.productTerms = productTerms;
  }

  /**
   * Opens the line of an approved, signed REVOLVING_LINE application (or answers with the line opened before):
   * the approved amount is the limit, valid for three years from today, with its product's terms (the smallest
   * drawdown, {@link LineProductTerms}; at most the limit, should the approval have lowered the limit below it); nothing
   * is paid out. The application is DISBURSED (its credit is granted).
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
    BigDecimal limit = approval.approvedAmount().setScale(2);
    CreditLine line = new CreditLine("CL" + DAY.format(today) + String.format("%06d", lineNumbers.nextLongValue() % 1_000_000),
        applicationId, application.creditCode(), application.enterpriseName(), application.branchCode(),
        limit, approval.annualRatePercent(), approval.repaymentMethod(),
        productTerms.minimumDrawdown(application.product()).min(limit), today,
        CreditLine.validUntil(today), CreditLineStatus.ACTIVE, null, null, null);
    try {
      savepoint.executeWithoutResult(status -> lines.insert(line, clock.now()));
    } catch (DataAccessException e) {
      // A raced step opened it first (application_id UNIQUE).
      return lines.findByApplication(applicationId).orElseThrow(() -> e);
    }
    history.record(applicationId, "system", "CREDIT_LINE_OPENED", "额度 " + line.lineId() + ", " + line.limit().toPlainString()
        + " 元, 有效期至" + ChineseDates.day(line.validUntil()));
    caseFiles.setStatus(applicationId, ApplicationStatus.DISBURSED);
    startAnnualReview(line);
    log.info("Application {}: credit line {} opened, limit {} CNY, valid until {}", applicationId, line.lineId(),
        line.limit().toPlainString(), line.validUntil());
    return line;
  }

  /**
   * Freezes the line (by {@code system}): no further drawdowns; what is drawn is repaid as scheduled.
   *
   * @throws CreditLineNotFoundException no such line
   * @throws StateConflictException      the line is expired or closed
   */
  @Transactional
  public CreditLine freeze(String lineId, String reason) {
    return freezeLocked(lockOpen(lineId, "冻结"), reason, CreditLineReviewService.SYSTEM);
  }

  /**
   * Lowers the line's limit to {@code newLimit}, never below what is drawn and reserved by pending drawdown
   * requests (then to that amount: nothing is available until the borrower repays, nothing is called in); a
   * limit already at or below it stays.
   *
   * @throws CreditLineNotFoundException no such line
   * @throws StateConflictException      the line is expired or closed
   */
  @Transactional
  public CreditLine reduce(String lineId, BigDecimal newLimit, String reason) {
    return reduceLocked(lockOpen(lineId, "压降"), newLimit, reason, CreditLineReviewService.SYSTEM);
  }

  /**
   * A post-loan check's 压降或冻结额度 on the line, decided under the line's lock: FREEZE freezes an active line and freezes
   * a frozen one again ({@link #freezeLocked}: its reason keeps the earlier one), REDUCE lowers the limit of an active or
   * frozen line ({@link #reduce}); an expired or closed line is left as it is (nothing more can be drawn from it anyway). Decided on the line as read before the lock, a line that
   * expired in this moment was refused as 额度已到期, 不能冻结, and the check's instruction failed. A reduction keeps the
   * line's status and its reason (a frozen line stays frozen for what froze it); the reduction itself is recorded in the
   * line's history ({@code CREDIT_LINE_REDUCED}, by {@code decidedBy}), and so is a freeze ({@code CREDIT_LINE_FROZEN}).
   *
   * @param decidedBy the checker who concluded the measure
   * @return the line as it stands afterwards
   * @throws CreditLineNotFoundException no such line
   */
  @Transactional
  public CreditLine restrict(String lineId, LineMeasure measure, BigDecimal reducedLimit, String reason, String decidedBy) {
    CreditLine line = lines.lock(lineId).orElseThrow(() -> new CreditLineNotFoundException(lineId));
    if (isEnded(line)) {
      log.info("Line {}: {} left as it is, the line is {} ({})", lineId, measure, line.status(), reason);
      return line;
    }
    // A frozen line is frozen again: the check's findings join the reason, and its history records this freeze too.
    if (measure == LineMeasure.FREEZE) {
      return freezeLocked(line, reason, decidedBy);
    }
    if (measure == LineMeasure.REDUCE && reducedLimit != null) {
      return reduceLocked(line, reducedLimit, reason, decidedBy);
    }
    return line;
  }

  private static boolean isEnded(CreditLine line) {
    return line.status() == CreditLineStatus.EXPIRED || line.status() == CreditLineStatus.CLOSED;
  }

  /** The line's row locked; an expired or closed line cannot be {@code measure}d (冻结, 压降). */
  private CreditLine lockOpen(String lineId, String measure) {
    CreditLine line = lines.lock(lineId).orElseThrow(() -> new CreditLineNotFoundException(lineId));
    if (isEnded(line)) {
      throw new StateConflictException("额度" + line.status().label() + ", 不能" + measure + " (line " + lineId + ")");
    }
    return line;
  }

  /**
   * Freezes {@code line}, read under its lock in this transaction and neither expired nor closed, for {@code reason}: the
   * line keeps who froze it and when (an annual review's 年审额度 opened before does not lift this freeze unseen), and its
   * history records it ({@code CREDIT_LINE_FROZEN}, by {@code frozenBy}). A line frozen already is frozen again: who and
   * when are this freeze's, the reason is the earlier one and then this one ({@link CreditLine#keepingFreezeReasonWith}), and the
   * history records this freeze beside the earlier.
   */
  private CreditLine freezeLocked(CreditLine line, String reason, String frozenBy) {
    boolean again = line.status() == CreditLineStatus.FROZEN;
    lines.freeze(line.lineId(), line.keepingFreezeReasonWith(reason), frozenBy, clock.now());
    history.record(line.applicationId(), frozenBy, "CREDIT_LINE_FROZEN", "额度 " + line.lineId()
        + (again ? " 已冻结, 再次冻结 (原冻结原因保留); " : " 冻结; ") + reason);
    log.info("Line {}: frozen {}by {} ({})", line.lineId(), again ? "again " : "", frozenBy, reason);
    return lines.find(line.lineId()).orElseThrow();
  }

  /**
   * Lowers the limit of {@code line}, read under its lock in this transaction and neither expired nor closed. The status
   * and its reason stay as they are: a frozen line keeps why it was frozen, an ACTIVE line gets no reason (it is not
   * restricted). Why the limit was lowered, from what to what, goes to the line's history ({@code CREDIT_LINE_REDUCED}).
   */
  private CreditLine reduceLocked(CreditLine line, BigDecimal newLimit, String reason, String decidedBy) {
    BigDecimal limit = newLimit.max(drawnOrReserved(line.lineId())).setScale(2, RoundingMode.DOWN);
    if (limit.compareTo(line.limit()) < 0) {
      lines.update(line.lineId(), limit, line.status(), line.statusReason());
      // The figures first, then the check's findings (2,000 characters at most): the history holds them whole (V153).
      history.record(line.applicationId(), decidedBy, "CREDIT_LINE_REDUCED", "额度 " + line.lineId() + " 由 "
          + line.limit().toPlainString() + " 元压降至 " + limit.toPlainString() + " 元 (" + line.status().label() + "); " + reason);
      log.info("Line {}: limit {} -> {} CNY ({})", line.lineId(), line.limit().toPlainString(), limit.toPlainString(),
          reason);
    }
    return lines.find(line.lineId()).orElseThrow();
  }

  public Optional<CreditLine> find(String lineId) {
    return lines.find(lineId);
  }

  /**
   * What was drawn on the lines opened for these applications (a campaign's lines, say): per application whose line drew
   * at least once, the drawdowns booked so far and their sum; a line never drawn on, or no line, is not in the map.
   */
  public Map<String, DrawnOnLine> drawnOnLinesOf(Collection<String> applicationIds) {
    return lines.drawnByApplication(applicationIds);
  }

  public Optional<CreditLine> findByApplication(String applicationId) {
    return lines.findByApplication(applicationId);
  }

  public List<Drawdown> drawdowns(String lineId) {
    return lines.drawdowns(lineId);
  }

  /** The line's drawdown requests core banking has not answered yet, oldest first. */
  public List<PendingDrawdown> pendingRequests(String lineId) {
    return lines.pendingRequests(lineId);
  }

  /**
   * The line's figures read now, together: the line, its drawdowns with what each still owes and its pending requests
   * (what a form shows of the line at one moment, {@link CreditLineReviewSummaryListener}).
   *
   * @throws CreditLineNotFoundException no such line
   */
  public LineFigures figures(String lineId) {
    CreditLine line = lines.find(lineId).orElseThrow(() -> new CreditLineNotFoundException(lineId));
    List<Drawdown> drawdowns = lines.drawdowns(lineId);
    return new LineFigures(line, drawdowns, outstandingByLoan(drawdowns), lines.pendingRequests(lineId), clock.now());
  }

  /**
   * What each drawdown's loan still owes in principal ({@link #principalOwedByLoan}): 0 once settled; written off, the
   * principal of its claim not yet recovered.
   */
  public Map<String, BigDecimal> outstandingByLoan(List<Drawdown> drawdowns) {
    return principalOwedByLoan(loans, drawdowns.stream().map(Drawdown::loanId).toList());
  }

  /**
   * What each of these drawdown loans still owes in principal: an active loan its outstanding principal in servicing's
   * ledger, a settled one 0, a written-off one (核销, 账销案存) the principal written off less what recoveries paid of it.
   * A write-off takes the loan off the books, not off the borrower: what it still owes stays drawn on the line, and only
   * what is recovered may be drawn again (a line whose drawdown was written off would otherwise lend the defaulted
   * principal out a second time).
   */
  static Map<String, BigDecimal> principalOwedByLoan(LoanAccountService loans, List<String> loanIds) {
    Map<String, BigDecimal> owed = new java.util.HashMap<>(loans.outstandingPrincipalByLoan(loanIds));
    loans.writeOffClaims(loanIds).forEach((loanId, claim) ->
        owed.put(loanId, claim.remainingParts().principal().max(BigDecimal.ZERO).setScale(2)));
    return owed;
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
   * Over limit = used − limit, never below 0 ({@code used} with what pending requests reserve): what is drawn above the
   * limit. A line is drawn within its limit, but a repayment reversed after its principal was drawn again (a bounced
   * payment) puts the principal back.
   */
  public static BigDecimal overLimit(CreditLine line, BigDecimal used) {
    return used.subtract(line.limit()).max(BigDecimal.ZERO).setScale(2);
  }

  /**
   * Draws on the line: one core banking posting (key: line id and request id, so a retry after a lost answer
   * is posted once), the drawdown's own loan account with its schedule, post-loan monitoring started, the
   * borrower's payout notice queued in the outbox. The same request id again answers with the first drawdown,
   * posts nothing and mails nothing.
   *
   * <p>Three short transactions, none open while core banking is asked: (1) under the line's row lock the
   * request is checked and stored PENDING, which reserves its amount on the line; (2) core banking posts;
   * (3) under the line's lock again the loan and the drawdown are stored and the request is DRAWN. A slow or
   * unreachable core banking system therefore holds no lock and no database connection: other drawdowns on
   * the line, its freeze or reduction and the rest of the application go on. A request whose answer never
   * came stays PENDING (still reserved) until the channel sends it again or {@link #reconcileUnanswered}
   * learns from core banking what it booked.
   *
   * <p>A PENDING request sent again is checked again as a new one would be (its own reservation aside): the line may
   * have been frozen, closed or expired since, its maturity counted from today may now fall after the line's last
   * day, the line may be drawn above its limit. Then it is not posted again: core banking is asked what it booked under
   * the key ({@link #settleRefusedRetry}). Booked on the first attempt, the money moved and the drawdown is stored
   * whatever the line's state; nothing booked, the request is cancelled, its reservation released and the channel
   * told why it is refused.
   *
   * @throws InvalidFieldsException          a bad field, the amount above what is available, or a term maturing
   *                                         after the line's validity (400, nothing stored)
   * @throws CreditLineNotFoundException     no such line (404)
   * @throws StateConflictException          the line is frozen, expired, closed or past its validity, or a drawdown of
   *                                         it is in arrears or written off and still owed (409)
   * @throws IdempotencyConflictException    the request id was used for another amount or term (422)
   * @throws CoreBankingUnavailableException core banking did not answer (503): the request stays PENDING
   */
  @Transactional(propagation = Propagation.NOT_SUPPORTED)
  public DrawdownReceipt draw(DrawCreditLine command) {
    // The line's smallest drawdown, so that every bad field is named at once; an unknown line is a 404 further on.
    refuseBadFields(command, lines.find(command.lineId()).map(CreditLine::minimumDrawdown));
    Reservation reservation = ownTransaction.execute(status -> reserve(command));
    if (reservation.earlier() != null) {
      return new DrawdownReceipt(reservation.earlier(), true);
    }
    PendingDrawdown request = reservation.request();
    if (reservation.refusal() != null) {
      return settleRefusedRetry(request, reservation.refusal(), command.caller());
    }
    CorePosting posting;
    try {
      posting = coreBanking.disburse(order(reservation.line(), request));
    } catch (CoreBankingUnavailableException e) {
      log.warn("Line {}: core banking did not answer drawdown request {} ({}); it stays pending", request.lineId(),
          request.requestId(), e.getMessage());
      throw e;
    }
    // Any other failure (core banking refusing the key because it booked it earlier for another account, say)
    // leaves the request PENDING too: the reconciliation books what core banking holds under the key, or
    // cancels the request when it holds nothing.
    return ownTransaction.execute(status -> book(request, posting, command.caller(), false));
  }

  /**
   * A PENDING request sent again that the line would now refuse as a new request: asks core banking what it booked
   * under the key, posts nothing. Booked (the first attempt paid out, its answer was lost): the drawdown is stored as
   * the reconciliation would, whatever the line's state now. Nothing booked: the request is cancelled, its reservation
   * released, and the refusal tells the channel why and that nothing was paid out. An attempt more recent than
   * {@code unansweredFor} may still be under way at core banking, and core banking down cannot tell: the request stays
   * PENDING for the reconciliation and the refusal says so.
   */
  private DrawdownReceipt settleRefusedRetry(PendingDrawdown request, Refusal refusal, String caller) {
    Optional<CorePosting> booked;
    try {
      booked = coreBanking.find(request.coreIdempotencyKey());
    } catch (CoreBankingUnavailableException e) {
      log.warn("Line {}: drawdown request {} sent again is refused ({}); core banking cannot be asked what it booked ({}),"
          + " it stays pending", request.lineId(), request.requestId(), refusal.reason(), e.getMessage());
      throw refusal.exception(RESERVATION_KEPT);
    }
    if (booked.isPresent()) {
      return ownTransaction.execute(status -> book(request, booked.get(), caller, true));
    }
    Instant before = clock.now().minus(unansweredFor);
    if (Boolean.TRUE.equals(ownTransaction.execute(status -> cancelUnbooked(request, before, caller, refusal.reason())))) {
      throw refusal.exception(RESERVATION_RELEASED);
    }
    // Not cancelled: attempted too recently, or settled meanwhile by a concurrent retry or the reconciliation.
    Optional<Drawdown> drawn = lines.findDrawdown(request.lineId(), request.requestId());
    if (drawn.isPresent()) {
      return new DrawdownReceipt(drawn.get(), true);
    }
    boolean released = lines.findRequest(request.lineId(), request.requestId())
        .filter(r -> r.status() == PendingDrawdown.Status.CANCELLED).isPresent();
    throw refusal.exception(released ? RESERVATION_RELEASED : RESERVATION_KEPT);
  }

  /**
   * Settles every drawdown request core banking has not answered for {@code unansweredFor}: asks core banking
   * what it booked under the request's key (it posts nothing). Booked: the drawdown and its loan are stored as
   * if the answer had come. Nothing booked: the request is CANCELLED and its reservation released (the channel
   * may send the same request id again). Core banking still down: left for the next round. A request sent
   * again meanwhile is not cancelled (its attempt is newer).
   *
   * @return how many requests this call settled (drawn or cancelled); not those another node or a retry settled first
   */
  @Transactional(propagation = Propagation.NOT_SUPPORTED)
  public int reconcileUnanswered(Duration unansweredFor, int limit) {
    Instant before = clock.now().minus(unansweredFor);
    int settled = 0;
    for (PendingDrawdown request : lines.unansweredRequests(before, limit)) {
      Optional<CorePosting> booked;
      try {
        booked = coreBanking.find(request.coreIdempotencyKey());
      } catch (CoreBankingUnavailableException e) {
        log.warn("Line {}: drawdown request {} still unanswered, core banking cannot be asked ({}); next round",
            request.lineId(), request.requestId(), e.getMessage());
        return settled;
      }
      if (booked.isPresent()) {
        if (!ownTransaction.execute(status -> book(request, booked.get(), RECONCILIATION, true)).replayed()) {
          settled++;
        }
      } else if (Boolean.TRUE.equals(ownTransaction.execute(status -> cancelUnbooked(request, before, RECONCILIATION, null)))) {
        settled++;
      }
    }
    return settled;
  }

  /**
   * Cancels a PENDING request core banking booked nothing for, last attempted at or before {@code before}, releasing
   * its reservation. {@code refusedBecause}: why a retry was refused instead of posted again (null for the
   * reconciliation, which posts nothing in any case).
   */
  private boolean cancelUnbooked(PendingDrawdown request, Instant before, String actor, String refusedBecause) {
    CreditLine line = lines.lock(request.lineId()).orElseThrow();
    String why = refusedBecause == null ? "" : "重试时不予提款 (" + refusedBecause + "), ";
    boolean cancelled = lines.cancelRequest(request.lineId(), request.requestId(), before, why + "核心系统未记账, 提款未完成");
    if (cancelled) {
      history.record(line.applicationId(), actor, "CREDIT_LINE_DRAWDOWN_CANCELLED", "额度 " + line.lineId() + " 提款请求 "
          + request.requestId() + " (" + request.amount().toPlainString() + " 元) 未完成: " + why + "核心系统未记账, 预留额度已释放");
      log.info("Line {}: drawdown request {} cancelled, core banking booked nothing under {}{}", line.lineId(),
          request.requestId(), request.coreIdempotencyKey(), refusedBecause == null ? "" : " (sent again, refused: "
              + refusedBecause + ")");
    }
    return cancelled;
  }

  /**
   * What the first transaction of a drawdown found: the drawdown made before, or the request to post on the line, or a
   * PENDING request sent again that the line now refuses (not to be posted again).
   */
  private record Reservation(Drawdown earlier, PendingDrawdown request, CreditLine line, Refusal refusal) {}

  /**
   * Why the line refuses a drawdown: its state ({@code conflict}, 409) or the request's amount or term against it
   * ({@code violations}, 400). Customer-facing: the channel shows it to the borrower.
   */
  private record Refusal(Bilingual conflict, List<FieldViolation> violations) {

    String reason() {
      return conflict != null ? conflict.text() : violations.stream().map(FieldViolation::message)
          .collect(java.util.stream.Collectors.joining("; "));
    }

    /**
     * The refusal, each message followed by {@code suffix} (what became of an earlier attempt's reservation): a 409's
     * Chinese by the suffix's Chinese, its English beside by the suffix's English; a field's message (Chinese) by the
     * suffix's Chinese.
     */
    RuntimeException exception(Bilingual suffix) {
      if (conflict != null) {
        return new StateConflictException(StaffText.of(conflict.chinese() + suffix.chinese(),
            conflict.english() + suffix.english()));
      }
      List<FieldViolation> told = violations.stream()
          .map(v -> new FieldViolation(v.field(), v.code(), v.message() + suffix.chinese())).toList();
      return new InvalidFieldsException(told, "提款申请有误: " + told.stream()
          .map(v -> v.field() + " " + v.message()).collect(java.util.stream.Collectors.joining("; ")));
    }
  }

  /**
   * A text in Chinese and in English: why the line's state refuses a drawdown (409), or what a refusal of a request sent
   * again adds about the earlier attempt's reservation.
   */
  private record Bilingual(String chinese, String english) {

    static final Bilingual NONE = new Bilingual("", "");

    String text() {
      return StaffText.of(chinese, english);
    }
  }

  private Reservation reserve(DrawCreditLine command) {
    CreditLine line = lines.lock(command.lineId()).orElseThrow(() -> new CreditLineNotFoundException(command.lineId()));
    Optional<Drawdown> earlier = lines.findDrawdown(line.lineId(), command.requestId());
    if (earlier.isPresent()) {
      requireSame(command, earlier.get().amount(), earlier.get().termMonths());
      return new Reservation(earlier.get(), null, line, null);
    }
    Optional<PendingDrawdown> sent = lines.findRequest(line.lineId(), command.requestId());
    sent.ifPresent(request -> requireSame(command, request.amount(), request.termMonths()));
    LocalDate today = clock.today();
    boolean reserved = sent.isPresent() && sent.get().status() == PendingDrawdown.Status.PENDING;
    // A new request, one core banking booked nothing for, and a PENDING one sent again (perhaps days later: the line may
    // have been frozen or expired since, the maturity counted from today may pass the line's last day) alike: checked
    // against the line and what is available now, a pending request's own reservation aside.
    Optional<Bilingual> notDrawable = whyNotDrawable(line, today).or(() -> drawdownInArrears(line));
    List<FieldViolation> violations = notDrawable.isPresent() ? List.of()
        : limitAndTermViolations(line, command, today, reserved ? sent.get().amount() : BigDecimal.ZERO);
    if (notDrawable.isPresent() || !violations.isEmpty()) {
      Refusal refusal = new Refusal(notDrawable.orElse(null), violations);
      if (reserved) {
        // Not posted again: core banking may have booked an earlier attempt. draw() asks it, outside this lock.
        return new Reservation(null, sent.get(), line, refusal);
      }
      throw refusal.exception(Bilingual.NONE);
    }
    Instant now = clock.now();
    PendingDrawdown request;
    if (sent.isPresent()) {
      request = sent.get().retried(today, now);
      lines.retryRequest(request);
    } else {
      String drawdownId = "DD" + DAY.format(today) + String.format("%06d", drawdownNumbers.nextLongValue() % 1_000_000);
      request = new PendingDrawdown(line.lineId(), command.requestId(), drawdownId, command.amount().setScale(2),
          command.termMonths(), Drawdown.coreIdempotencyKey(line.lineId(), command.requestId()), command.caller(), today,
          PendingDrawdown.Status.PENDING, now, null);
      lines.insertRequest(request);
    }
    return new Reservation(null, request, line, null);
  }

  private static void requireSame(DrawCreditLine command, BigDecimal amount, int termMonths) {
    if (amount.compareTo(command.amount()) != 0 || termMonths != command.termMonths()) {
      throw new IdempotencyConflictException("requestId", command.requestId());
    }
  }

  private static Optional<Bilingual> whyNotDrawable(CreditLine line, LocalDate today) {
    if (line.status() != CreditLineStatus.ACTIVE) {
      // The borrower's channel reads this: the status only, never the staff's reason (a check's findings).
      return Optional.of(new Bilingual("额度" + line.status().label() + ", 不能提款", "line " + line.lineId()));
    }
    if (today.isAfter(line.validUntil())) {
      return Optional.of(new Bilingual("额度已过有效期 (" + ChineseDates.day(line.validUntil()) + "), 不能提款", "line " + line.lineId()));
    }
    return Optional.empty();
  }

  /**
   * A drawdown of the line the borrower has not paid as due: one in arrears (principal, interest or penalty interest
   * fallen due and unpaid), or one written off (核销) whose claim is not wholly recovered. No new drawdown until it is
   * repaid, or the line would lend the money that pays the old drawdown's arrears (借新还旧) and hide them, or lend again
   * to a borrower in default. Read from servicing's ledger now, under the line's lock: arrears repaid this morning let the
   * borrower draw at once, not after tonight's close.
   */
  private Optional<Bilingual> drawdownInArrears(CreditLine line) {
    List<String> loanIds = lines.drawdowns(line.lineId()).stream().map(Drawdown::loanId).sorted().toList();
    List<String> activeLoans = loans.standings(loanIds).values().stream().filter(LoanStanding::active)
        .map(LoanStanding::loanId).sorted().toList();
    Map<String, List<LedgerLine>> ledgers = loans.ledgers(activeLoans);
    for (String loanId : activeLoans) {
      BigDecimal arrears = LoanBalances.of(ledgers.getOrDefault(loanId, List.of())).arrears();
      if (arrears.signum() > 0) {
        return Optional.of(new Bilingual("额度项下借据 " + loanId + " 逾期未还 " + arrears.toPlainString()
            + " 元, 归还逾期款项后方可提款", "line " + line.lineId() + ": loan " + loanId + " is in arrears"));
      }
    }
    Map<String, WrittenOffClaim> claims = loans.writeOffClaims(loanIds);
    for (String loanId : loanIds) {
      WrittenOffClaim claim = claims.get(loanId);
      if (claim != null && claim.remaining().signum() > 0) {
        return Optional.of(new Bilingual("额度项下借据 " + loanId + " 已核销, 尚欠 " + claim.remaining().setScale(2).toPlainString()
            + " 元, 还清前不能提款", "line " + line.lineId() + ": loan " + loanId + " was written off and is still owed"));
      }
    }
    return Optional.empty();
  }

  /** {@code ownReservation}: what the request itself reserves already (a PENDING request sent again), not counted against it. */
  private List<FieldViolation> limitAndTermViolations(CreditLine line, DrawCreditLine command, LocalDate today,
      BigDecimal ownReservation) {
    List<FieldViolation> violations = new ArrayList<>();
    LocalDate maturity = today.plusMonths(command.termMonths());
    if (maturity.isAfter(line.validUntil())) {
      violations.add(new FieldViolation("termMonths", "BEYOND_LINE_VALIDITY",
          "借款到期日" + ChineseDates.day(maturity) + "晚于额度有效期" + ChineseDates.day(line.validUntil()) + ", 请缩短期限"));
    }
    BigDecimal drawnOrReserved = drawnOrReserved(line.lineId()).subtract(ownReservation);
    BigDecimal overLimit = overLimit(line, drawnOrReserved);
    BigDecimal available = available(line, drawnOrReserved);
    if (overLimit.signum() > 0) {
      // No amount fits: say why, and what the borrower must repay first (the channel shows it).
      violations.add(new FieldViolation("amount", "OVER_LIMIT", "额度已超用 " + overLimit.toPlainString() + " 元 (已用及预留 "
          + drawnOrReserved.toPlainString() + " 元, 额度 " + line.limit().toPlainString() + " 元), 可用额度为 0; 还款超过 "
          + overLimit.toPlainString() + " 元后方可提款"));
    } else if (command.amount().compareTo(available) > 0) {
      violations.add(new FieldViolation("amount", "EXCEEDS_AVAILABLE",
          "提款金额超过可用额度 " + available.toPlainString() + " 元"));
    }
    return violations;
  }

  private DisbursementOrder order(CreditLine line, PendingDrawdown request) {
    LoanApplication application = applications.get(line.applicationId());
    return new DisbursementOrder(request.coreIdempotencyKey(), line.applicationId(), line.borrowerName(), line.creditCode(),
        DisbursementService.settlementAccount(application), request.amount());
  }

  /**
   * Stores what core banking booked for the request: the loan with its schedule from the day of the posting, the
   * drawdown with what its line stood at right after it (limit and what is left to draw), post-loan monitoring and the
   * borrower's payout notice ({@link MailTemplate#DRAWDOWN_BOOKED}, queued
   * in the outbox in this transaction, so it goes out once per drawdown and a mail outage holds nothing up; a notice
   * that cannot be rendered is queued FAILED for an operator and the drawdown is booked all the same).
   * Under the line's lock; a request booked before (a concurrent retry, the reconciliation) answers with that
   * drawdown and queues no second mail. A request cancelled meanwhile is booked all the same: the money moved; so is
   * one on a line frozen, closed or expired since. {@code askedAfterLostAnswer}: the posting is what core banking said
   * it booked when asked (the reconciliation, or a retry the line refused), not its answer to this attempt.
   */
  private DrawdownReceipt book(PendingDrawdown request, CorePosting posting, String actor, boolean askedAfterLostAnswer) {
    CreditLine line = lines.lock(request.lineId()).orElseThrow();
    Optional<Drawdown> earlier = lines.findDrawdown(line.lineId(), request.requestId());
    if (earlier.isPresent()) {
      return new DrawdownReceipt(earlier.get(), true);
    }
    // The day core banking paid the money out, as for a loan of origination (LoanOpening): a request sent again on a
    // later day after a lost answer is still drawn on the day of its posting, whose interest runs from then.
    LocalDate on = LocalDate.ofInstant(posting.postedAt(), BusinessClock.BANK_ZONE);
    LoanAccount loan = loans.openDrawdown(request.drawdownId(), new OpenLoanAccount(line.applicationId(), line.creditCode(),
        line.borrowerName(), request.amount(), line.annualRatePercent(), request.termMonths(), line.repaymentMethod(), on,
        posting.postingReference()));
    Drawdown drawdown = new Drawdown(request.drawdownId(), line.lineId(), request.requestId(), request.amount(),
        request.termMonths(), loan.loanId(), request.coreIdempotencyKey(), posting.postingReference(), request.requestedBy(),
        on, clock.now(), null, null);
    lines.insertDrawdown(drawdown);
    lines.requestDrawn(line.lineId(), request.requestId());
    // What is left to draw right after this drawdown, read here under the line's lock, kept with it: its payout notice
    // states this, however late it is rendered (a re-queue) and whichever other drawdown of the line is booked next.
    BigDecimal availableAfter = available(line, drawnOrReserved(line.lineId()));
    lines.recordLineAfter(drawdown.drawdownId(), line.limit(), availableAfter);
    drawdown = drawdown.withLineAfter(line.limit(), availableAfter);
    monitoring.start(loan.loanId());
    mails.enqueue(loan.loanId(), MailTemplate.DRAWDOWN_BOOKED);
    history.record(line.applicationId(), actor, "CREDIT_LINE_DRAWDOWN", "额度 " + line.lineId() + " 提款 "
        + request.amount().toPlainString() + " 元, " + request.termMonths() + " 个月, 借据 " + loan.loanId() + ", 核心记账 "
        + posting.postingReference() + (askedAfterLostAnswer ? " (应答曾丢失, 系统向核心系统核实已记账后补记)"
            : posting.replayed() ? " (核心系统已记账, 本次为重试确认)" : ""));
    log.info("Line {}: drawdown {} of {} CNY for {} months, loan {}, posting {}{}", line.lineId(), request.drawdownId(),
        request.amount().toPlainString(), request.termMonths(), loan.loanId(), posting.postingReference(),
        askedAfterLostAnswer ? " (core banking asked after a lost answer)" : posting.replayed() ? " (replayed by core banking)" : "");
    return new DrawdownReceipt(drawdown, false);
  }

  /**
   * What the line's drawdowns still owe in principal plus what its PENDING requests reserve: no limit is lowered
   * below it (a reduction here or by the annual review, {@link CreditLineReviewService#apply}).
   */
  BigDecimal drawnOrReserved(String lineId) {
    return drawnOrReserved(lines, loans, lineId);
  }

  /**
   * {@link #drawnOrReserved(String)} from the repository and the ledger, for a reader that may not call this service
   * ({@link DrawdownMailValues}, {@link CreditLineMailValues}: this service queues the mails that ask them).
   */
  static BigDecimal drawnOrReserved(CreditLineRepository lines, LoanAccountService loans, String lineId) {
    return used(principalOwedByLoan(loans, lines.drawdowns(lineId).stream().map(Drawdown::loanId).toList()))
        .add(reserved(lines.pendingRequests(lineId)));
  }

  /** What the line's PENDING requests reserve. */
  static BigDecimal reserved(List<PendingDrawdown> pending) {
    return pending.stream().map(PendingDrawdown::amount).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
  }

  /** The line's annual review (credit-line-review, business key = line id) runs from its opening to its end. */
  private void startAnnualReview(CreditLine line) {
    ProcessVariable.trusted(() -> runtimeService.createMessageCorrelation(CreditLineReviewProcess.Messages.CREDIT_LINE_OPENED)
        .processInstanceBusinessKey(line.lineId())
        .setVariable(CreditLineReviewProcess.Variables.BRANCH_CODE.name(), line.branchCode())
        .correlateStartMessage());
  }

  /**
   * The request's own fields; {@code minimumDrawdown}: the line's smallest drawdown (a term of its product, see
   * {@link LineProductTerms}), empty for an unknown line.
   */
  private static void refuseBadFields(DrawCreditLine command, Optional<BigDecimal> minimumDrawdown) {
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
    } else if (minimumDrawdown.isPresent() && command.amount().compareTo(minimumDrawdown.get()) < 0) {
      violations.add(new FieldViolation("amount", "BELOW_MINIMUM",
          "单笔提款金额不低于 " + minimumDrawdown.get().toPlainString() + " 元"));
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
