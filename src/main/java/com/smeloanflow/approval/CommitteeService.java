package com.smeloanflow.approval;

import static com.smeloanflow.process.LoanOriginationProcess.Variables.COMMITTEE_SIZE;

import com.smeloanflow.casefile.ApplicationChecks;
import com.smeloanflow.casefile.ApplicationHistory;
import com.smeloanflow.casefile.CheckType;
import com.smeloanflow.casefile.CustomerReason;
import com.smeloanflow.casefile.DeclineService;
import com.smeloanflow.casefile.Stage;
import com.smeloanflow.identity.Groups;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.platform.FormText;
import com.smeloanflow.platform.InvalidTaskInputException;
import com.smeloanflow.platform.StateConflictException;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The credit committee (贷审会): who votes on an application, their votes (one each: approve, approve with
 * conditions, return for information, reject), and the tally. A majority of the members decides a
 * rejection or a return by itself; a majority to approve goes to the chair, who signs the resolution
 * (with the conditions proposed) or vetoes it; a tie or the deadline goes to the chair's casting vote, and a deadline
 * with no vote cast only to the chair's return, after which the committee votes again.
 * Used from the model as {@code ${committee.members(execution)}} and
 * {@code ${committee.majorityReached(execution)}}.
 */
@Service("committee")
public class CommitteeService {

  private static final Logger log = LoggerFactory.getLogger(CommitteeService.class);

  /** How the votes came out. */
  public enum Outcome {
    APPROVED, REJECTED, RETURNED, UNDECIDED
  }

  /** A member's vote as entered. */
  public record Vote(String applicationId, String member, ApprovalOutcome vote, String comment, BigDecimal proposedAmount,
      String proposedConditions) {}

  public record Tally(int approvals, int conditionalApprovals, int returns, int rejections, int size) {

    public Outcome outcome() {
      if (CommitteeRoster.majority(approvals, size)) {
        return Outcome.APPROVED;
      }
      if (CommitteeRoster.majority(rejections, size)) {
        return Outcome.REJECTED;
      }
      if (CommitteeRoster.majority(returns, size)) {
        return Outcome.RETURNED;
      }
      return Outcome.UNDECIDED;
    }

    public boolean decided() {
      return outcome() != Outcome.UNDECIDED;
    }

    /** For the internal record and the chair's form; never in a mail to the applicant. */
    public String describe() {
      return "同意 " + approvals + " 票(其中附条件 " + conditionalApprovals + " 票), 退回 " + returns + " 票, 反对 " + rejections
          + " 票, 委员 " + size + " 人";
    }
  }

  /** A vote as stored, for the forms. */
  public record StoredVote(String member, ApprovalOutcome vote, String comment, BigDecimal proposedAmount, String proposedConditions) {}

  private final CommitteeRoster roster;
  private final SeparationOfDuties separation;
  private final ApplicationChecks checks;
  private final ApplicationHistory history;
  private final DeclineService declines;
  private final ApprovalService approvals;
  private final JdbcClient jdbc;
  private final BusinessClock clock;

  public CommitteeService(CommitteeRoster roster, SeparationOfDuties separation, ApplicationChecks checks,
      ApplicationHistory history, DeclineService declines, ApprovalService approvals, JdbcClient jdbc, BusinessClock clock) {
    this.roster = roster;
    this.separation = separation;
    this.checks = checks;
    this.history = history;
    this.declines = declines;
    this.approvals = approvals;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * Members of credit-committee who may vote on this application (not excluded by separation of duties).
   *
   * <p>None left (the group is empty, or every member accepted, reviewed or verified this application) is a gap in
   * the roster that only an administrator can close, but a person reaches it: completing the step before the vote
   * (the remote verification, an exception review, the information the committee asked for) starts it. So it is
   * refused to that person with what to do, nothing recorded and their task still open (400 over the engine REST
   * API), and logged at ERROR for the administrators; when a job reaches it, the job fails into an incident.
   *
   * @throws StateConflictException no member may vote
   */
  public List<String> members(DelegateExecution execution) {
    String applicationId = execution.getProcessBusinessKey();
    List<String> members = eligibleMembers(applicationId);
    if (members.isEmpty()) {
      log.error("Application {}: no member of {} may vote (members {}; each accepted, reviewed or verified it): add a member,"
          + " the step before the committee vote is refused until then", applicationId, Groups.CREDIT_COMMITTEE,
          roster.membersWithout(member -> Optional.empty()));
      throw new StateConflictException("贷审会没有可以表决申请 " + applicationId + " 的委员 (受理、复核或核实过该申请的委员须回避),"
          + " 请联系系统管理员补充贷审会委员后重新提交 (no credit-committee member may vote on application " + applicationId + ")");
    }
    startNewRound(applicationId); // after a return for information the committee votes again
    COMMITTEE_SIZE.set(execution, members.size());
    return members;
  }

  /** The members who may vote on the application, by user id. */
  public List<String> eligibleMembers(String applicationId) {
    return roster.membersWithout(separation.approvalConflicts(applicationId));
  }

  /** Completion condition of the vote: a majority of the committee has approved, rejected or returned. */
  public boolean majorityReached(DelegateExecution execution) {
    return tally(execution.getProcessBusinessKey(), COMMITTEE_SIZE.from(execution)).decided();
  }

  public Tally tally(String applicationId, int size) {
    return tally(votes(applicationId), size);
  }

  /** The tally of votes already read ({@link #votes}). */
  public static Tally tally(List<StoredVote> votes, int size) {
    return new Tally((int) votes.stream().filter(v -> v.vote().approves()).count(),
        (int) votes.stream().filter(v -> v.vote() == ApprovalOutcome.APPROVE_WITH_CONDITIONS).count(),
        (int) votes.stream().filter(v -> v.vote() == ApprovalOutcome.RETURN).count(),
        (int) votes.stream().filter(v -> v.vote() == ApprovalOutcome.REJECT).count(), size);
  }

  /**
   * What the chair's form (签发贷审会决议) shows: the tally, each member's vote with the amount and conditions proposed, and
   * what is asked of the chair — with no vote cast (the deadline passed, nobody voted) only a return, as {@link #resolve}
   * refuses the rest; otherwise the resolution or the casting vote. Every member's vote stays visible: long conditions
   * and comments are shortened to keep within the engine's column.
   *
   * @param size the members who may vote (the vote's {@code committeeSize}, which {@link #resolve} counts with)
   */
  public Map<String, Object> chairsView(String applicationId, int size) {
    List<StoredVote> votes = votes(applicationId);
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("committeeVotesText", votes.isEmpty() ? "尚无委员投票" : FormText.shortenEach(votes.stream()
        .map(v -> v.member() + ": " + CheckType.COMMITTEE_VOTE.outcomeLabel(v.vote().name())
            + (v.proposedAmount() == null ? "" : ", 建议金额 " + v.proposedAmount().toPlainString() + " 元")
            + (v.proposedConditions() == null ? "" : ", 条件: " + v.proposedConditions()) + " — " + v.comment())
        .toList(), FormText.MAX_CHARACTERS));
    values.put("committeeTallyText", votes.isEmpty() ? "尚无委员投票" : tally(votes, Math.max(votes.size(), size)).describe());
    values.put("committeeAskText", votes.isEmpty()
        ? "表决期限已到, 没有委员表决: 主任委员不能单独批准或否决申请, 请选择“退回集中作业中心补充信息”, 补充信息后由贷审会重新表决"
        : "多数委员同意时, 请签发决议(可采纳委员提出的条件)或行使否决; 平票或表决期限已到仍未过半数时, 您的决定为最终裁决。");
    return values;
  }

  public List<StoredVote> votes(String applicationId) {
    return jdbc.sql("SELECT * FROM committee_vote WHERE application_id = :a ORDER BY voted_at, member")
        .param("a", applicationId)
        .query((rs, row) -> new StoredVote(rs.getString("member"), ApprovalOutcome.valueOf(rs.getString("vote")),
            rs.getString("comment"), rs.getBigDecimal("proposed_amount"), rs.getString("proposed_conditions")))
        .list();
  }

  /**
   * Records a member's vote; a second vote by the same member is refused. The amount a vote to approve approves (the one
   * proposed with a conditional approval, else the amount applied for) keeps the limits of the amount the chair may
   * approve ({@link ApprovalService#requireWithinLimits}), refused in a member's terms (propose at most the cap, or vote
   * against or to return): the chair can adopt any vote to approve.
   */
  public void vote(Vote vote) {
    if (vote.comment() == null || vote.comment().isBlank()) {
      throw new InvalidTaskInputException("请填写表决理由 (voteComment is required)");
    }
    if (vote.vote() == ApprovalOutcome.APPROVE_WITH_CONDITIONS && (vote.proposedConditions() == null || vote.proposedConditions().isBlank())) {
      throw new InvalidTaskInputException("附条件同意须写明条件 (proposedConditions is required)");
    }
    if (vote.vote().approves()) {
      approvals.requireWithinLimits(vote.applicationId(),
          vote.vote() == ApprovalOutcome.APPROVE_WITH_CONDITIONS ? vote.proposedAmount() : null, ApprovalService.AmountRole.MEMBER);
    }
    try {
      jdbc.sql("""
          INSERT INTO committee_vote (application_id, member, vote, comment, proposed_amount, proposed_conditions, voted_at)
          VALUES (:a, :m, :v, :c, :amount, :conditions, :at)
          """)
          .param("a", vote.applicationId()).param("m", vote.member()).param("v", vote.vote().name()).param("c", vote.comment())
          .param("amount", vote.vote() == ApprovalOutcome.APPROVE_WITH_CONDITIONS ? vote.proposedAmount() : null)
          .param("conditions", vote.vote() == ApprovalOutcome.APPROVE_WITH_CONDITIONS ? vote.proposedConditions() : null)
          .param("at", Timestamp.from(clock.now()))
          .update();
    } catch (DuplicateKeyException e) {
      throw new InvalidTaskInputException("委员 " + vote.member() + " 已对申请 " + vote.applicationId() + " 投过票, 每位委员只能投一票");
    }
    checks.record(vote.applicationId(), CheckType.COMMITTEE_VOTE, 1, vote.vote().name(), vote.member(),
        vote.proposedAmount() == null ? null : "建议金额 " + vote.proposedAmount().toPlainString() + " 元", vote.comment());
    history.record(vote.applicationId(), vote.member(), "COMMITTEE_VOTE_" + vote.vote().name(), vote.comment());
  }

  /**
   * The chair's resolution (签发贷审会决议), recorded by {@link ApprovalService#decide}. After a majority of the members
   * approved, the chair signs the resolution they voted for or vetoes it (rejects, returns): an approval adopts a member's
   * vote to approve, so it approves no more than the largest amount such a vote approved (the amount proposed with a
   * conditional approval, else the amount applied for). After a tie or the deadline the chair's decision is the casting
   * vote, within the limits of any approval ({@link ApprovalService#requireWithinLimits}). After a deadline with no
   * vote cast there is nothing to cast a vote beside: the chair may only return the application (退回补充信息), and the
   * committee votes again once the processing centre answered.
   *
   * @param size the members who may vote (the vote's {@code committeeSize})
   * @throws InvalidTaskInputException an approval above every member's vote to approve, or an approval or a rejection
   *     with no member's vote cast (400 over REST, shown in Tasklist)
   */
  public ApprovalOutcome resolve(ApprovalService.Decision decision, int size) {
    String applicationId = decision.applicationId();
    List<StoredVote> votes = votes(applicationId);
    if (decision.outcome() != ApprovalOutcome.RETURN && votes.isEmpty()) {
      // the deadline passed with no vote cast: the committee has not decided, and one person alone does not decide a
      // loan above the unit's authority; a return brings it back to the committee, which votes again after the answer
      throw new InvalidTaskInputException("贷审会表决期限已到, 没有委员表决, 主任委员不能单独批准或否决申请 " + applicationId
          + ": 请选择“退回补充信息”, 补充信息后由贷审会重新表决 (no member voted before the deadline: the chair alone may not "
          + decision.outcome() + "; RETURN, and the committee votes again after the answer)");
    }
    if (decision.outcome().approves() && tally(votes, size).outcome() == Outcome.APPROVED) {
      // the limits of any approval first (the collateral cap tells the chair to approve a lower amount with conditions)
      approvals.requireWithinLimits(applicationId, decision.approvedAmount(), ApprovalService.AmountRole.DECIDER);
      List<StoredVote> approving = votes.stream().filter(v -> v.vote().approves()).toList();
      // a vote without an amount approves the amount applied for: the chair may adopt it
      if (approving.stream().allMatch(v -> v.proposedAmount() != null)) {
        BigDecimal highest = approving.stream().map(StoredVote::proposedAmount).max(BigDecimal::compareTo).orElseThrow();
        // none entered is the amount applied for, which a vote may have proposed
        if (approvals.amountApproved(decision).compareTo(highest) > 0) {
          String most = highest.toPlainString();
          throw new InvalidTaskInputException("贷审会多数同意, 委员表决同意的批准金额最高为 " + most + " 元, 决议批准金额不能高于该金额:"
              + " 请采纳委员的表决附条件批准不高于 " + most + " 元的金额, 或否决、退回补充信息 (" + ApprovalForm.APPROVED_AMOUNT
              + " above every member's vote to approve: adopt one, at most " + most + " with APPROVE_WITH_CONDITIONS, or REJECT or"
              + " RETURN)");
        }
      }
    }
    return approvals.decide(decision);
  }

  /**
   * The outcome of the votes once the vote is over (a majority or every member voted). A majority to
   * reject declines the application (the applicant is told the overall assessment, never the votes);
   * a majority to return sends it to the processing centre with the members' questions.
   */
  public Outcome conclude(String applicationId, int size) {
    Tally tally = tally(applicationId, size);
    Outcome outcome = tally.outcome();
    history.record(applicationId, Groups.CREDIT_COMMITTEE, "COMMITTEE_TALLY_" + outcome.name(), tally.describe());
    if (outcome == Outcome.REJECTED) {
      checks.record(applicationId, CheckType.COMMITTEE_RESOLUTION, 1, ApprovalOutcome.REJECT.name(), Groups.CREDIT_COMMITTEE,
          tally.describe(), null);
      declines.decline(DeclineService.Decline.rejection(applicationId, Stage.APPROVAL, Groups.CREDIT_COMMITTEE,
          "贷审会表决否决 (" + tally.describe() + ")", CustomerReason.OVERALL_ASSESSMENT));
    } else if (outcome == Outcome.RETURNED) {
      // every member's question, within a form value (a comment runs to 1,000 characters; four of seven members
      // returning passed the 4,000 the check's details and the form's returnQuestionText hold)
      String questions = FormText.shortenEach(votes(applicationId).stream().filter(v -> v.vote() == ApprovalOutcome.RETURN)
          .map(v -> v.member() + ": " + v.comment()).toList(), "; ", FormText.MAX_CHARACTERS);
      checks.record(applicationId, CheckType.COMMITTEE_RESOLUTION, 1, ApprovalOutcome.RETURN.name(), Groups.CREDIT_COMMITTEE,
          questions, tally.describe());
    }
    return outcome;
  }

  /** Clears the votes of an earlier round (kept in the checks): the committee votes again. */
  private void startNewRound(String applicationId) {
    jdbc.sql("DELETE FROM committee_vote WHERE application_id = :a").param("a", applicationId).update();
  }
}
