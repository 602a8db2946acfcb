package com.smeloanflow.creditline;

import com.smeloanflow.casefile.ApplicationHistory;
import com.smeloanflow.intake.LoanApplication;
import com.smeloanflow.intake.LoanApplicationRepository;
import com.smeloanflow.monitoring.MonitoringQueryService;
import com.smeloanflow.notification.MailOutbox;
import com.smeloanflow.notification.MailTemplate;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.platform.ChineseDates;
import com.smeloanflow.platform.DatabaseSequences;
import com.smeloanflow.platform.FormText;
import com.smeloanflow.platform.InvalidTaskInputException;
import com.smeloanflow.platform.StaffText;
import com.smeloanflow.platform.StateConflictException;
import com.smeloanflow.processing.EnterpriseData;
import com.smeloanflow.processing.ExternalDataService;
import com.smeloanflow.processing.ScoringService;
import com.smeloanflow.scoring.FourDimensionScorer;
import com.smeloanflow.scoring.ScoreCard;
import com.smeloanflow.servicing.Classification;
import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.servicing.LoanStanding;
import com.smeloanflow.servicing.WrittenOffClaim;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.support.incrementer.DataFieldMaxValueIncrementer;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The annual review (年审) of credit lines: on each anniversary of the opening the enterprise's external data is
 * gathered again and re-scored with the four-dimension model, the review table decides from the score and the
 * drawdowns (classification, days past due, open signals), a customer manager confirms or changes the outcome when
 * the table asks, and the line is updated and the borrower mailed. At the end of its validity the line expires.
 *
 * <p>A reduced limit is never below what is drawn or reserved: when the table's share of the limit is less than the
 * outstanding principal of the drawdowns plus what pending drawdown requests reserve, the limit becomes that sum, so
 * nothing is available until the borrower repays, and only what is repaid can be drawn again.
 *
 * <p>A freeze is lifted only by a person who has seen why the line was frozen: a frozen line (a post-loan check's
 * findings, or an earlier review's 冻结额度) whose table outcome is 维持额度 goes to the customer managers' 年审额度
 * even where the table alone would decide; the form shows the freeze and its reason, and a 维持额度 decided there lifts
 * it, recorded in the line's history with the manager's reason and the freeze's ({@code CREDIT_LINE_UNFROZEN}). The form
 * records which freeze it showed: a 维持额度 of a line frozen after the form read it (a post-loan check froze it while the
 * task was open) is refused, naming who froze it, when and why, until the manager claims the task again and the form
 * reads the line again ({@link #decide}). A task whose form recorded no freeze (created before it was recorded, V149)
 * is refused the same way whenever the line is frozen.
 *
 * <p>A review's 冻结额度 of a line already frozen keeps why it was frozen: the line's reason is the earlier one and then
 * the review's, and its history records the review's freeze ({@code CREDIT_LINE_FROZEN}) beside the earlier one's. A
 * review's 终止额度 of a frozen line keeps it too: the line's reason is the freeze's and then the review's; its history
 * records the close ({@code CREDIT_LINE_CLOSED}: who, the review's reason and the freeze's it keeps).
 *
 * <p>Each decision locks the line once (SELECT … FOR UPDATE): the table's in {@link #evaluate}, a person's in
 * {@link #decide}; {@link #apply} runs after either in the same transaction, under that lock, and takes none of its own.
 */
@Service
public class CreditLineReviewService {

  private static final Logger log = LoggerFactory.getLogger(CreditLineReviewService.class);
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");
  /** Reviews and expiry run at 01:00 China Standard Time, after the daily close of the night before (00:30). */
  static final LocalTime REVIEW_TIME = LocalTime.of(1, 0);
  static final String SYSTEM = "system";

  /** When the review process waits until, and whether that day ends the line. */
  public record NextDate(Instant due, boolean expiry) {}

  private final CreditLineRepository lines;
  private final CreditLineReviewRepository reviews;
  private final CreditLineService lineService;
  private final CreditLineReviewTable table;
  private final LoanApplicationRepository applications;
  private final ExternalDataService externalData;
  private final LoanAccountService loans;
  private final MonitoringQueryService monitoring;
  private final MailOutbox mails;
  private final ApplicationHistory history;
  private final BusinessClock clock;
  private final DataFieldMaxValueIncrementer reviewNumbers;
  private final FourDimensionScorer scorer = new FourDimensionScorer();

  public CreditLineReviewService(CreditLineRepository lines, CreditLineReviewRepository reviews, CreditLineService lineService,
      CreditLineReviewTable table, LoanApplicationRepository applications, ExternalDataService externalData,
      LoanAccountService loans, MonitoringQueryService monitoring, MailOutbox mails, ApplicationHistory history,
      BusinessClock clock, DataSource dataSource) {
    this.lines = lines;
    this.reviews = reviews;
    this.lineService = lineService;
    this.table = table;
    this.applications = applications;
    this.externalData = externalData;
    this.loans = loans;
    this.monitoring = monitoring;
    this.mails = mails;
    this.history = history;
    this.clock = clock;
    this.reviewNumbers = DatabaseSequences.of(dataSource, "credit_line_review_seq");
  }

  /**
   * The next date of the line: the next anniversary of its opening not yet reviewed, or, after the last one, the day
   * after its validity (the line expires).
   */
  public NextDate next(String lineId) {
    CreditLine line = line(lineId);
    int year = reviews.of(lineId).size() + 1;
    LocalDate anniversary = line.openedOn().plusYears(year);
    LocalDate expiry = line.validUntil().plusDays(1);
    boolean expires = !anniversary.isBefore(expiry);
    LocalDate day = expires ? expiry : anniversary;
    return new NextDate(day.atTime(REVIEW_TIME).atZone(BusinessClock.BANK_ZONE).toInstant(), expires);
  }

  /**
   * Reviews the line for its current year (or answers the review made before, e.g. when the step is retried): the
   * external data gathered again and scored, the drawdowns' standing and signals, the table's decision, stored.
   * The drawdowns still owing count: active ones with their classification, and written-off ones (核销) whose claim is
   * not wholly recovered as 损失 (LOSS: a write-off is the bank taking the loss), with their days past due when written
   * off. A frozen line the table would keep (维持额度, which lifts the freeze) is reviewed by a person. It returns with the
   * line locked until the transaction ends, for {@link #apply} in it.
   *
   * @throws com.smeloanflow.processing.ExternalSourceUnavailableException when a source fails (the step is retried)
   */
  @Transactional
  public CreditLineReview evaluate(String lineId) {
    CreditLine line = line(lineId);
    int year = reviews.of(lineId).stream().filter(CreditLineReview::decided).toList().size() + 1;
    Optional<CreditLineReview> earlier = reviews.find(lineId, year);
    if (earlier.isPresent()) {
      // Under the line's lock as a new review is: an outcome applied after it in this transaction relies on it.
      lines.lock(lineId).orElseThrow(() -> new CreditLineNotFoundException(lineId));
      return earlier.get();
    }
    LoanApplication application = applications.get(line.applicationId());
    EnterpriseData data = externalData.query(line.creditCode());
    ScoreCard card = scorer.score(ScoringService.inputFor(application, data));
    // The line read again under its lock, held until the outcome is applied (in this transaction when no person reviews
    // it): a post-loan check cannot freeze it between this reading and an outcome that would lift the freeze unseen.
    line = lines.lock(lineId).orElseThrow(() -> new CreditLineNotFoundException(lineId));
    List<Drawdown> drawdowns = lineService.drawdowns(lineId);
    Map<String, BigDecimal> outstanding = lineService.outstandingByLoan(drawdowns);
    Map<String, WrittenOffClaim> claims = loans.writeOffClaims(drawdowns.stream().map(Drawdown::loanId).toList());
    Classification worst = Classification.NORMAL;
    int maxDpd = 0;
    int openSignals = 0;
    for (Drawdown drawdown : drawdowns) {
      WrittenOffClaim claim = claims.get(drawdown.loanId());
      boolean owedAfterWriteOff = claim != null && claim.remaining().signum() > 0;
      Optional<LoanStanding> standing = loans.standing(drawdown.loanId()).filter(s -> s.active() || owedAfterWriteOff);
      if (standing.isPresent()) {
        worst = Classification.strictest(worst, owedAfterWriteOff ? Classification.LOSS : standing.get().classification());
        maxDpd = Math.max(maxDpd, standing.get().daysPastDue());
        openSignals += monitoring.openSignalCount(drawdown.loanId());
      }
    }
    CreditLineReviewTable.Decision decision = table.decide(new CreditLineReviewTable.Facts(card.totalScore(), worst, maxDpd, openSignals));
    boolean wouldLiftFreeze = decision.outcome() == ReviewOutcome.CONTINUE && line.status() == CreditLineStatus.FROZEN;
    boolean personReview = decision.personReview() || wouldLiftFreeze;
    CreditLineReview review = new CreditLineReview("LR" + DAY.format(clock.today())
        + String.format("%06d", reviewNumbers.nextLongValue() % 1_000_000), lineId, year, clock.today(), card.totalScore(),
        card.grade(), worst, maxDpd, openSignals, line.limit(), CreditLineService.used(outstanding), decision.outcome(),
        decision.limitSharePercent(), decision.reason(), decision.rule(), personReview, null, null, null, null, null);
    reviews.insert(review);
    log.info("Line {}: annual review {} (year {}): score {} ({}), worst {}, {} days past due, {} open signals -> {} ({}){}",
        lineId, review.reviewId(), year, card.totalScore(), card.grade(), worst, maxDpd, openSignals, decision.outcome(),
        decision.reason(), decision.personReview() ? ", a customer manager reviews it"
            : wouldLiftFreeze ? ", a customer manager reviews it: it would lift the line's freeze (" + line.statusReason() + ")" : "");
    return review;
  }

  /** The review of the line's current year, waiting for its outcome (for the review task). */
  public CreditLineReview pending(String lineId) {
    return reviews.of(lineId).stream().filter(r -> !r.decided()).findFirst()
        .orElseThrow(() -> new StateConflictException("额度 " + lineId + " 已没有待确认结论的年审 (已确认), 不能再次确认, "
            + "请刷新待办列表 (line " + lineId + " has no review waiting for an outcome)"));
  }

  /**
   * A customer manager's outcome of the review (年审额度): confirms or changes the table's, with a reason; a
   * reduction names the new limit, below the current one.
   *
   * <p>Whatever the outcome, the line is read under its lock, held until {@link #apply} runs in this transaction (it
   * takes no lock of its own). 维持额度 lifts a freeze, so only one the form showed: a line frozen since the form read it —
   * the freeze is not the one the form recorded ({@link DecideReview#freezeShown}) — is refused, and so is a frozen line
   * whose task's form recorded no freeze (a task created before it was recorded, V149: whether its form showed this
   * freeze is not known). Refused, the manager claims the task again: the form reads the line again, with the freeze and
   * its reason, and records it. The other outcomes keep a freeze (压降额度 keeps it and its reason, 冻结额度 and 终止额度 add
   * their reason to it) or end the line, and are taken as they are.
   *
   * @throws InvalidTaskInputException when the reason or, for a reduction, the new limit is missing or not below the limit
   * @throws StateConflictException    when 维持额度 would lift a freeze the form did not show
   */
  @Transactional
  public ReviewOutcome decide(DecideReview command) {
    CreditLineReview review = pending(command.lineId());
    if (command.reason() == null || command.reason().isBlank()) {
      throw new InvalidTaskInputException("请填写年审意见 (decisionReason is required)");
    }
    BigDecimal newLimit = null;
    if (command.outcome() == ReviewOutcome.REDUCE) {
      if (command.newLimit() == null || command.newLimit().compareTo(review.limitBefore()) >= 0) {
        throw new InvalidTaskInputException("压降额度时请填写低于现有额度 " + review.limitBefore().toPlainString()
            + " 元的新额度 (decidedLimit)");
      }
      newLimit = command.newLimit();
    }
    // The decision's one lock of the line: apply, next in this transaction, relies on it.
    CreditLine line = lines.lock(command.lineId()).orElseThrow(() -> new CreditLineNotFoundException(command.lineId()));
    if (command.outcome() == ReviewOutcome.CONTINUE) {
      refuseToLiftAFreezeNotShown(command, line);
    }
    reviews.decide(review.reviewId(), command.outcome(), newLimit, command.decidedBy(), command.reason().trim(), clock.now());
    log.info("Line {}: review {} decided by {}: {} (table: {}) - {}", command.lineId(), review.reviewId(), command.decidedBy(),
        command.outcome(), review.tableOutcome(), command.reason());
    return command.outcome();
  }

  /**
   * Refused when {@code line} (read under its lock) is frozen and not by the freeze the manager's form showed, or the form
   * recorded none (a task created before it was recorded: not known to have shown it).
   */
  private void refuseToLiftAFreezeNotShown(DecideReview command, CreditLine line) {
    if (line.status() != CreditLineStatus.FROZEN || line.freezeMark().equals(command.freezeShown())) {
      return;
    }
    boolean unrecorded = command.freezeShown() == null;
    String when = line.frozenBy() == null ? "" : " (" + line.frozenBy() + ", " + ChineseDates.minute(line.frozenAt()) + ")";
    log.info("Line {}: {}'s 维持额度 refused, the line was frozen{} {}", command.lineId(), command.decidedBy(), when,
        unrecorded ? "and the review's form recorded no freeze it showed" : "after the review's form read it");
    throw new StateConflictException(StaffText.of("额度 " + command.lineId()
        + (unrecorded ? " 已冻结" + when + ", 本任务的表单未记录其显示的冻结状态 (任务创建于系统记录之前)" : " 在您打开本任务后被冻结" + when)
        + ", 原因: "
        // The end of the reason: a line frozen again has the newest freeze's reason last (CreditLine#keepingFreezeReasonWith).
        + FormText.shortenKeepingEnd(line.statusReason() == null ? "-" : line.statusReason(), 600)
        + (unrecorded ? ". 维持额度将解除这次无法确认您已在表单上看到的冻结" : ". 维持额度将解除这次您在表单上未看到的冻结")
        + ", 本次年审结论未提交; 请取消领取后重新领取本任务, 表单将重新读取额度状态和冻结原因, 核实后再作年审结论",
        "line " + command.lineId() + (unrecorded ? " is frozen and this task's form recorded no freeze it showed (created"
            + " before it was recorded)" : " was frozen after this task's form read it") + "; CONTINUE would lift a freeze"
            + " not shown: claim the task again to see it"));
  }

  /**
   * Applies the outcome of the line's latest review to the line (the table's, unless a person decided) and mails the
   * borrower. It runs in the transaction of the step before it (the review, or the person's decision), so a retry
   * never applies it twice, and under the lock of the line that step took ({@link #evaluate}, {@link #decide}): it
   * reads the line as that lock holds it (what is drawn or reserved, a freeze) and locks it no second time.
   *
   * @return the outcome applied
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public ReviewOutcome apply(String lineId) {
    List<CreditLineReview> all = reviews.of(lineId);
    if (all.isEmpty()) {
      throw new IllegalStateException("Line " + lineId + " has not been reviewed");
    }
    CreditLineReview review = all.get(all.size() - 1);
    ReviewOutcome outcome = review.outcome() != null ? review.outcome() : review.tableOutcome();
    // Locked by the step before it in this transaction (evaluate or decide): read, not locked again.
    CreditLine line = line(lineId);
    BigDecimal drawnOrReserved = lineService.drawnOrReserved(lineId);
    BigDecimal limit = line.limit();
    if (outcome == ReviewOutcome.REDUCE) {
      BigDecimal target = review.decided() && review.newLimit() != null ? review.newLimit()
          : line.limit().multiply(BigDecimal.valueOf(review.tableLimitShare())).divide(BigDecimal.valueOf(100), 2, RoundingMode.DOWN);
      // Never below what is drawn or reserved, and never above the limit it had (a line drawn above its limit, after a
      // bounced repayment, keeps its limit: a reduction never raises it).
      limit = target.max(drawnOrReserved).min(line.limit());
    }
    String decidedBy = review.decided() ? review.decidedBy() : SYSTEM;
    String reason = review.decided() ? review.decisionReason() : review.tableReason();
    if (!review.decided()) {
      reviews.decide(review.reviewId(), outcome, outcome == ReviewOutcome.REDUCE ? limit : null, SYSTEM, reason, clock.now());
    }
    switch (outcome) {
      // Only a person lifts a freeze (evaluate sends a frozen line the table would keep to 年审额度): why the line was
      // frozen leaves status_reason, so the history keeps it beside the person's reason for lifting it.
      case CONTINUE -> {
        lines.update(lineId, limit, CreditLineStatus.ACTIVE, null);
        if (line.status() == CreditLineStatus.FROZEN) {
          history.record(line.applicationId(), decidedBy, "CREDIT_LINE_UNFROZEN", "额度 " + lineId + " 第" + review.reviewYear()
              + "年年审维持额度, 解除冻结. 年审意见: " + reason + "; 原冻结原因: " + line.statusReason());
        }
      }
      // A reduction keeps a freeze (a post-loan check's or an earlier one's) with its reason: only CONTINUE lifts it.
      case REDUCE -> {
        boolean frozen = line.status() == CreditLineStatus.FROZEN;
        lines.update(lineId, limit, frozen ? CreditLineStatus.FROZEN : CreditLineStatus.ACTIVE, frozen ? line.statusReason() : null);
      }
      // A line frozen already (a post-loan check's findings) stays frozen for them too: the review adds its reason.
      case FREEZE -> {
        String own = "第" + review.reviewYear() + "年年审冻结: " + reason;
        boolean frozen = line.status() == CreditLineStatus.FROZEN && line.statusReason() != null;
        lines.freeze(lineId, line.keepingFreezeReasonWith(own), decidedBy, clock.now());
        // The review's reason first, the earlier reason kept after it: the history holds both whole (V153).
        history.record(line.applicationId(), decidedBy, "CREDIT_LINE_FROZEN", "额度 " + lineId + " 第" + review.reviewYear()
            + "年年审冻结额度. 年审意见: " + reason + (frozen ? "; 原冻结原因 (保留): " + line.statusReason() : ""));
      }
      // A frozen line closed keeps why it was frozen beside why it was closed, as a review's freeze does; the history
      // records the close by whom and why, and the freeze's reason it keeps, whole (V153).
      case CLOSE -> {
        boolean frozen = line.status() == CreditLineStatus.FROZEN && line.statusReason() != null;
        lines.update(lineId, limit, CreditLineStatus.CLOSED, line.keepingFreezeReasonWith("第" + review.reviewYear() + "年年审终止: " + reason));
        history.record(line.applicationId(), decidedBy, "CREDIT_LINE_CLOSED", "额度 " + lineId + " 第" + review.reviewYear()
            + "年年审终止额度. 年审意见: " + reason + (frozen ? "; 原冻结原因 (保留): " + line.statusReason() : ""));
      }
    }
    mails.enqueue(line.applicationId(), outcome.mail());
    log.info("Line {}: review {} applied: {} by {}, limit {} -> {} CNY ({} drawn or reserved)", lineId, review.reviewId(),
        outcome, decidedBy, line.limit().toPlainString(), limit.toPlainString(), drawnOrReserved.toPlainString());
    return outcome;
  }

  /** The line's validity has passed: EXPIRED (a closed line stays CLOSED); the borrower is mailed. */
  @Transactional
  public void expire(String lineId) {
    CreditLine line = lines.lock(lineId).orElseThrow(() -> new CreditLineNotFoundException(lineId));
    if (line.status() == CreditLineStatus.CLOSED || line.status() == CreditLineStatus.EXPIRED) {
      return;
    }
    lines.update(lineId, line.limit(), CreditLineStatus.EXPIRED, "额度有效期已于" + ChineseDates.day(line.validUntil()) + "届满");
    mails.enqueue(line.applicationId(), MailTemplate.CREDIT_LINE_EXPIRED);
    log.info("Line {}: expired after {}", lineId, line.validUntil());
  }

  /** The line's reviews, the first year first. */
  public List<CreditLineReview> reviewsOf(String lineId) {
    return reviews.of(lineId);
  }

  private CreditLine line(String lineId) {
    return lines.find(lineId).orElseThrow(() -> new CreditLineNotFoundException(lineId));
  }
}
