package com.smeloanflow.approval;

import static com.smeloanflow.process.LoanOriginationProcess.Variables.APPLICATION_ID;
import static com.smeloanflow.process.LoanOriginationProcess.Variables.COMMITTEE_SIZE;

import com.smeloanflow.identity.Groups;
import com.smeloanflow.platform.BusinessClock;
import java.sql.Timestamp;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.identity.User;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The credit committee (贷审会): who sits on it for an application, their votes (one each), and
 * when a majority has decided. Used from the model as {@code ${committee.members(execution)}} and
 * {@code ${committee.majorityReached(execution)}}.
 */
@Service("committee")
public class CommitteeService {

  public static final String APPROVE = "APPROVE";
  public static final String REJECT = "REJECT";

  private final IdentityService identityService;
  private final SeparationOfDuties separation;
  private final JdbcClient jdbc;
  private final BusinessClock clock;

  public CommitteeService(IdentityService identityService, SeparationOfDuties separation, JdbcClient jdbc, BusinessClock clock) {
    this.identityService = identityService;
    this.separation = separation;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Members of credit-committee who may vote on this application (not excluded by separation of duties). */
  public List<String> members(DelegateExecution execution) {
    String applicationId = APPLICATION_ID.from(execution);
    List<String> members = identityService.createUserQuery().memberOfGroup(Groups.CREDIT_COMMITTEE).orderByUserId().asc()
        .list().stream().map(User::getId)
        .filter(member -> separation.approvalConflict(applicationId, member).isEmpty())
        .toList();
    if (members.isEmpty()) {
      throw new IllegalStateException("No credit-committee member may vote on application " + applicationId);
    }
    COMMITTEE_SIZE.set(execution, members.size());
    return members;
  }

  public record Tally(int approvals, int rejections, int size) {
    public boolean approved() {
      return approvals * 2 > size;
    }

    public boolean rejected() {
      return rejections * 2 > size;
    }
  }

  public Tally tally(String applicationId, int size) {
    List<String> votes = jdbc.sql("SELECT vote FROM committee_vote WHERE application_id = :a")
        .param("a", applicationId).query(String.class).list();
    return new Tally((int) votes.stream().filter(APPROVE::equals).count(),
        (int) votes.stream().filter(REJECT::equals).count(), size);
  }

  /** Completion condition of the vote: a majority of the committee has approved or rejected. */
  public boolean majorityReached(DelegateExecution execution) {
    Tally tally = tally(APPLICATION_ID.from(execution), COMMITTEE_SIZE.from(execution));
    return tally.approved() || tally.rejected();
  }

  /** Records a member's vote; a second vote by the same member is refused. */
  public void vote(String applicationId, String member, String vote, String comment) {
    try {
      jdbc.sql("INSERT INTO committee_vote (application_id, member, vote, comment, voted_at) VALUES (:a, :m, :v, :c, :at)")
          .param("a", applicationId).param("m", member).param("v", vote).param("c", comment)
          .param("at", Timestamp.from(clock.now()))
          .update();
    } catch (DuplicateKeyException e) {
      throw new IllegalStateException("委员 " + member + " 已对申请 " + applicationId + " 投过票, 每位委员只能投一票");
    }
  }
}
