package com.smeloanflow.renewal;

import static com.smeloanflow.process.LoanRenewalProcess.Variables.COMMITTEE_SIZE;

import com.smeloanflow.approval.CommitteeRoster;
import com.smeloanflow.casefile.CustomerReason;
import com.smeloanflow.identity.Groups;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.platform.FormText;
import com.smeloanflow.platform.InvalidTaskInputException;
import com.smeloanflow.platform.NeedsAdministratorException;
import com.smeloanflow.platform.StateConflictException;
import com.smeloanflow.process.LoanRenewalProcess;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The credit committee (贷审会) on a renewal above an approver's authority: every member who may decide it
 * (审贷分离, {@link RenewalSeparationOfDuties}) votes once, approve or reject, with reasons; a majority of the
 * members decides. A majority to reject declines the renewal by itself (the borrower is told the catalogue
 * text of the overall assessment, never the votes); a majority to approve goes to the chair, who signs the
 * resolution or vetoes it; a tie, or the deadline passing without a majority, goes to the chair's casting
 * vote; the deadline passing with no vote cast goes to the chair only to reopen the vote ({@link #requireChairMay}).
 * Used from the model as {@code ${renewalCommittee.members(execution)}} and
 * {@code ${renewalCommittee.majorityReached(execution)}}.
 *
 * <p>Why renewal's own committee and not approval's {@code CommitteeService}: that one is about an
 * application (its case file, checks, history and declines are keyed by the application id, a vote may
 * return the application for information or propose conditions, and the decline goes through the
 * application's decline service). A renewal has none of these: it is keyed by the loan, is decided in the
 * month before maturity, and its amount is the principal due, which no condition may change. The parts
 * that are the same — who sits on the committee less those excluded, and what a majority is — are
 * approval's {@link CommitteeRoster}, used by both; what is voted and where it is kept is renewal's.
 *
 * <p>No return for information: there is no processing step in a renewal to answer it and the window
 * before maturity is fixed; a member who lacks information says so and votes against, or leaves it to
 * the deadline and the chair.
 */
@Service("renewalCommittee")
public class RenewalCommitteeService {

  private static final Logger log = LoggerFactory.getLogger(RenewalCommitteeService.class);

  /** A member's vote on a renewal. */
  public enum Vote {
    APPROVE("同意"), REJECT("反对");

    private final String label;

    Vote(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** How the votes came out. */
  public enum Outcome {
    APPROVED, REJECTED, UNDECIDED
  }

  /** A vote as stored. */
  public record StoredVote(String member, Vote vote, String comment) {}

  /**
   * A member's vote as staff read it in the renewal's view (never the channel).
   *
   * @param round     which vote it was cast in: 1 the first, 2 after the chair's first reopening (提交贷审会重新表决), …
   * @param member    the member who voted
   * @param vote      APPROVE or REJECT
   * @param voteLabel 同意 or 反对
   * @param comment   the member's reasons (internal)
   * @param votedAt   when the member completed 贷审会委员表决续贷
   */
  public record CastVote(int round, String member, Vote vote, String voteLabel, String comment, Instant votedAt) {}

  /**
   * The chair reopening a vote nobody cast by its deadline (提交贷审会重新表决), as staff read it in the renewal's view.
   *
   * @param reopenedBy the chair
   * @param reopenedAt when the chair completed 签发续贷贷审会决议 with it
   * @param reason     the chair's 决议意见: why the vote is reopened (internal, never told to the borrower)
   */
  public record Revote(String reopenedBy, Instant reopenedAt, String reason) {}

  /** The votes against the committee's size (members who may vote on this renewal). */
  public record Tally(int approvals, int rejections, int size) {

    public Outcome outcome() {
      if (CommitteeRoster.majority(approvals, size)) {
        return Outcome.APPROVED;
      }
      if (CommitteeRoster.majority(rejections, size)) {
        return Outcome.REJECTED;
      }
      return Outcome.UNDECIDED;
    }

    /** For staff (the chair's form, the internal note); never in a mail to the borrower. */
    public String describe() {
      return "同意 " + approvals + " 票, 反对 " + rejections + " 票, 未表决 " + (size - approvals - rejections) + " 人, 委员 "
          + size + " 人";
    }
  }

  private final CommitteeRoster roster;
  private final RenewalSeparationOfDuties separation;
  private final RenewalRepository renewals;
  private final RenewalEligibilityRecheck recheck;
  private final JdbcClient jdbc;
  private final BusinessClock clock;

  public RenewalCommitteeService(CommitteeRoster roster, RenewalSeparationOfDuties separation, RenewalRepository renewals,
      RenewalEligibilityRecheck recheck, JdbcClient jdbc, BusinessClock clock) {
    this.roster = roster;
    this.separation = separation;
    this.renewals = renewals;
    this.recheck = recheck;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * The members who vote on the renewal (one task each). None left (the group is empty, or each member is excluded from
   * this renewal) is a gap in the roster, not a silent pass. Nobody waits on it: the vote starts after a save point,
   * in a job, once the channel's application for the renewal was accepted (201, the renewal {@code APPLIED}); neither
   * the borrower nor staff applying for them could close the gap. So the job fails into an incident for the
   * administrators, logged once at ERROR, naming the renewal, how many members must be able to vote, and who was
   * excluded and why; once a member was added to {@code credit-committee}, a retry of the job creates the votes.
   *
   * @throws NeedsAdministratorException no member may vote
   */
  public List<String> members(DelegateExecution execution) {
    String loanId = execution.getProcessBusinessKey();
    Function<String, Optional<String>> conflicts = separation.decisionConflicts(loanId);
    List<String> members = roster.membersWithout(conflicts);
    if (members.isEmpty()) {
      Map<String, String> excluded = new LinkedHashMap<>();
      roster.membersWithout(member -> Optional.empty())
          .forEach(member -> excluded.put(member, conflicts.apply(member).orElse("")));
      log.error("{} [Cockpit: incident on {} of {}, business key {}]", noMemberMayVote(loanId, excluded, Integer.MAX_VALUE),
          LoanRenewalProcess.Elements.TASK_COMMITTEE_VOTE, LoanRenewalProcess.KEY, loanId);
      throw new NeedsAdministratorException(noMemberMayVote(loanId, excluded, NeedsAdministratorException.MAX_MESSAGE_LENGTH));
    }
    COMMITTEE_SIZE.set(execution, members.size());
    return members;
  }

  /**
   * What the administrators are told when no member may vote on the renewal of {@code loanId}: in Chinese with the
   * English beside, the members of {@code credit-committee} with why each may not vote ({@code excluded}), as many of
   * them as fit in {@code maxLength} characters (the rest counted).
   */
  static String noMemberMayVote(String loanId, Map<String, String> excluded, int maxLength) {
    String head = "贷审会没有可以表决借据 " + loanId + " 续贷的委员: 至少需要 1 名可以表决的委员, ";
    String group = excluded.isEmpty()
        ? "贷审会 (" + Groups.CREDIT_COMMITTEE + ") 没有委员"
        : "贷审会 (" + Groups.CREDIT_COMMITTEE + ") 现有委员 " + excluded.size() + " 人均须回避";
    String tail = ". 请系统管理员补充贷审会委员后重试此作业 (no credit-committee member may vote on the renewal of loan " + loanId + ": "
        + (excluded.isEmpty() ? "the group has no member"
            : excluded.size() == 1 ? "its 1 member is excluded" : "its " + excluded.size() + " members are each excluded")
        + "; add a member to " + Groups.CREDIT_COMMITTEE + ", then retry this job)";
    if (excluded.isEmpty()) {
      return head + group + tail;
    }
    List<String> reasons = excluded.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList();
    for (int shown = reasons.size(); ; shown--) {
      String list = String.join("; ", reasons.subList(0, shown))
          + (shown == reasons.size() ? "" : (shown == 0 ? "" : "; ") + "另 " + (reasons.size() - shown) + " 人从略");
      String message = head + group + " (" + list + ")" + tail;
      if (message.length() <= maxLength || shown == 0) {
        return message.length() <= maxLength ? message : message.substring(0, maxLength);
      }
    }
  }

  /** Completion condition of the vote: a majority of the members approved or rejected. */
  public boolean majorityReached(DelegateExecution execution) {
    return tally(execution.getProcessBusinessKey(), COMMITTEE_SIZE.from(execution)).outcome() != Outcome.UNDECIDED;
  }

  public Tally tally(String loanId, int size) {
    return tally(votes(loanId), size);
  }

  private static Tally tally(List<StoredVote> votes, int size) {
    return new Tally((int) votes.stream().filter(v -> v.vote() == Vote.APPROVE).count(),
        (int) votes.stream().filter(v -> v.vote() == Vote.REJECT).count(), size);
  }

  public List<StoredVote> votes(String loanId) {
    return jdbc.sql("SELECT member, vote, comment FROM renewal_committee_vote WHERE loan_id = :loan ORDER BY voted_at, member")
        .param("loan", loanId)
        .query((rs, row) -> new StoredVote(rs.getString("member"), Vote.valueOf(rs.getString("vote")), rs.getString("comment")))
        .list();
  }

  /**
   * Records a member's vote. Under the renewal's row lock, taken before anything is written, as an approver's decision
   * ({@link RenewalRepository#lockAwaitingDecision}): a vote that meets a call-in, a cancellation or the lapse at
   * maturity either waits for it or is waited for; a vote on a renewal no longer awaiting a decision is refused and
   * writes nothing, nor does the conclusion that would follow it in the same transaction.
   *
   * @throws StateConflictException the renewal no longer awaits a decision (declined by the committee, lapsed, called in,
   *     cancelled)
   * <p>同意 is refused, as the approver's and the chair's 批准 are ({@link RenewalEligibilityRecheck#requireEligibleToApprove}),
   * when the loan no longer meets the eligibility table as it stands at the vote (downgraded, in arrears or with a warning
   * signal under check since the vote opened): the member reads why and may vote 反对.
   *
   * @throws InvalidTaskInputException no reasons, reasons longer than {@link LoanRenewal#NOTE_MAX_LENGTH} (the
   *     column's width), 同意 on a loan no longer eligible, or a second vote by the same member (the task stays open)
   */
  @Transactional
  public void vote(String loanId, String member, Vote vote, String comment) {
    LoanRenewal renewal = renewals.lockAwaitingDecision(loanId);
    if (comment == null || comment.isBlank()) {
      throw new InvalidTaskInputException("请填写表决理由 (renewalVoteComment is required)");
    }
    if (comment.length() > LoanRenewal.NOTE_MAX_LENGTH) {
      throw new InvalidTaskInputException("表决理由最多 " + LoanRenewal.NOTE_MAX_LENGTH + " 字 (renewalVoteComment is too long)");
    }
    if (vote == Vote.APPROVE) {
      recheck.requireEligibleToApprove(renewal, "委员不能投同意票, 请投反对票");
    }
    try {
      jdbc.sql("""
          INSERT INTO renewal_committee_vote (loan_id, member, vote, comment, voted_at)
          VALUES (:loan, :member, :vote, :comment, :at)""")
          .param("loan", loanId).param("member", member).param("vote", vote.name()).param("comment", comment)
          .param("at", Timestamp.from(clock.now())).update();
    } catch (DuplicateKeyException e) {
      throw new InvalidTaskInputException("委员 " + member + " 已对贷款 " + loanId + " 的续贷投过票, 每位委员只能投一票");
    }
    log.info("Loan {}: committee member {} voted {} on the renewal", loanId, member, vote);
  }

  /**
   * Every vote cast on the renewal, as staff read it in the renewal's view: the round it was cast in (one more than the
   * chair's reopenings before it), who, 同意 or 反对, the reasons and when, the first first.
   */
  public List<CastVote> castVotes(String loanId) {
    return jdbc.sql("""
        SELECT v.member, v.vote, v.comment, v.voted_at,
               (SELECT COUNT(*) FROM renewal_committee_revote r
                 WHERE r.loan_id = v.loan_id AND r.reopened_at <= v.voted_at) + 1 AS vote_round
          FROM renewal_committee_vote v WHERE v.loan_id = :loan ORDER BY v.voted_at, v.member""")
        .param("loan", loanId)
        .query((rs, row) -> {
          Vote vote = Vote.valueOf(rs.getString("vote"));
          return new CastVote(rs.getInt("vote_round"), rs.getString("member"), vote, vote.label(), rs.getString("comment"),
              rs.getTimestamp("voted_at").toInstant());
        })
        .list();
  }

  /**
   * The outcome once the vote is over (a majority, or the deadline). A majority to reject declines the
   * renewal here: the borrower is told the overall assessment (a catalogue text), staff see the tally. Under the
   * renewal's row lock, the votes counted after it ({@link RenewalRepository#lockAwaitingDecision}): a renewal no longer
   * awaiting a decision is refused, nothing written.
   *
   * @throws StateConflictException the renewal no longer awaits a decision (lapsed, called in, cancelled, decided)
   */
  @Transactional
  public Outcome conclude(String loanId, int size) {
    renewals.lockAwaitingDecision(loanId);
    Tally tally = tally(loanId, size);
    Outcome outcome = tally.outcome();
    if (outcome == Outcome.REJECTED) {
      renewals.decided(loanId, RenewalStatus.DECLINED, Groups.CREDIT_COMMITTEE, "贷审会表决否决 (" + tally.describe() + ")",
          CustomerReason.OVERALL_ASSESSMENT.name(), clock.now(), clock.today());
    }
    log.info("Loan {}: committee vote on the renewal {} ({})", loanId, outcome, tally.describe());
    return outcome;
  }

  /**
   * What the chair may decide: after a deadline with no vote cast the committee has not decided, and the chair alone
   * neither approves nor declines a renewal above an approver's authority, only reopens the vote (the members vote again,
   * with a new deadline); once a member voted the chair's decision is the casting vote, and the vote is not reopened.
   *
   * @param reopen the chair chose 提交贷审会重新表决
   * @throws InvalidTaskInputException approval or decline with no vote cast, or a reopening after a vote (400 over REST,
   *     shown in Tasklist; the task stays open)
   */
  public void requireChairMay(String loanId, boolean reopen) {
    boolean noVote = votes(loanId).isEmpty();
    if (noVote && !reopen) {
      throw new InvalidTaskInputException("贷审会表决期限已到, 没有委员表决, 主任委员不能单独批准或否决借据 " + loanId
          + " 的续贷: 请选择“提交贷审会重新表决”, 由委员重新表决 (no member voted before the deadline: the chair alone may not"
          + " approve or decline the renewal; REVOTE, and the members vote again)");
    }
    if (!noVote && reopen) {
      throw new InvalidTaskInputException("借据 " + loanId + " 的续贷已有委员表决, 不能重新表决: 请行使决定票, 签发决议或否决"
          + " (a member voted: the chair's decision is the casting vote; a vote is reopened only when nobody voted)");
    }
  }

  /**
   * The chair reopens the vote ({@link #requireChairMay}: only when nobody voted by the deadline), recording who, when
   * and why ({@code renewal_committee_revote}, read in the staff's renewal view: {@link #revotes}). Under the renewal's
   * row lock, taken before anything is written, as a vote or a decision ({@link RenewalRepository#lockAwaitingDecision}):
   * the parent row is locked before the child row's insert takes its share lock through the foreign key; a reopening that
   * meets a call-in, a cancellation or the lapse at maturity waits for it or is waited for, and on a renewal no longer
   * awaiting a decision is refused, writing nothing.
   *
   * @throws StateConflictException the renewal no longer awaits a decision (lapsed, called in, cancelled)
   * @throws InvalidTaskInputException a member voted, no reason, or a reason longer than {@link LoanRenewal#NOTE_MAX_LENGTH}
   *     (the task stays open)
   */
  @Transactional
  public void reopen(String loanId, String chair, String reason) {
    renewals.lockAwaitingDecision(loanId);
    requireChairMay(loanId, true);
    if (reason == null || reason.isBlank()) {
      throw new InvalidTaskInputException("重新表决时须填写决议意见, 说明重新表决的原因 (renewalDecisionNote is required for REVOTE)");
    }
    if (reason.length() > LoanRenewal.NOTE_MAX_LENGTH) {
      throw new InvalidTaskInputException("决议意见最多 " + LoanRenewal.NOTE_MAX_LENGTH + " 字 (renewalDecisionNote is too long)");
    }
    // Numbered under the renewal's row lock: a second reopening of the same renewal waits for this one's commit.
    int number = revotes(loanId).size() + 1;
    jdbc.sql("""
        INSERT INTO renewal_committee_revote (loan_id, revote_no, reopened_by, reopened_at, reason)
        VALUES (:loan, :number, :chair, :at, :reason)""")
        .param("loan", loanId).param("number", number).param("chair", chair).param("at", Timestamp.from(clock.now()))
        .param("reason", reason).update();
    log.info("Loan {}: no committee member voted by the deadline; {} reopened the vote on the renewal", loanId, chair);
  }

  /** Each reopening of the renewal's vote, the first first (empty if the vote was never reopened). */
  public List<Revote> revotes(String loanId) {
    return jdbc.sql("""
        SELECT reopened_by, reopened_at, reason FROM renewal_committee_revote WHERE loan_id = :loan ORDER BY revote_no""")
        .param("loan", loanId)
        .query((rs, row) -> new Revote(rs.getString("reopened_by"), rs.getTimestamp("reopened_at").toInstant(),
            rs.getString("reason")))
        .list();
  }

  /**
   * What the chair sees: the tally, each member's vote and reasons, and what is asked of the chair. Every member's vote
   * stays visible within {@link FormText#MAX_CHARACTERS} (a member's reasons run to {@link LoanRenewal#NOTE_MAX_LENGTH}
   * characters, so four members' would not fit): the longest reasons are shortened, ending {@value FormText#CUT}.
   */
  public Map<String, Object> chairsView(String loanId, int size) {
    List<StoredVote> votes = votes(loanId);
    Tally tally = tally(votes, size);
    return Map.of(
        "renewalCommitteeTallyText", tally.describe(),
        "renewalCommitteeVotesText", FormText.shortenEach(votes.stream()
            .map(v -> "- " + v.member() + ": " + v.vote().label() + ", " + v.comment()).toList(), FormText.MAX_CHARACTERS),
        "renewalCommitteeAskText", votes.isEmpty()
            ? "表决期限已到, 没有委员表决: 主任委员不能单独批准或否决续贷, 请选择“提交贷审会重新表决”, 委员重新表决(新的表决期限)"
            : tally.outcome() == Outcome.APPROVED
                ? "委员多数同意: 请签发决议(批准), 或否决"
                : "未形成多数(票数相同或表决期限已到): 请行使决定票");
  }
}
