package com.smeloanflow.approval;

import com.smeloanflow.identity.Groups;
import com.smeloanflow.platform.StaffText;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

/**
 * The credit committee's roll call (贷审会), shared by every decision the committee votes on (an application,
 * a renewal): who sits on it ({@code credit-committee}), less the members a separation-of-duties rule
 * excludes from this case, and the majority rule the bank applies to their votes. What a vote is about and
 * where it is kept belong to the caller; the roll call and the arithmetic do not, so they live here once.
 */
@Component
public class CommitteeRoster {

  private final IdentityService identityService;

  public CommitteeRoster(IdentityService identityService) {
    this.identityService = identityService;
  }

  /**
   * The members who may vote, by user id, in a stable order.
   *
   * @param conflict why a member may not vote on this case (empty: they may)
   */
  public List<String> membersWithout(Function<String, Optional<String>> conflict) {
    return identityService.createUserQuery().memberOfGroup(Groups.CREDIT_COMMITTEE).orderByUserId().asc()
        .list().stream().map(User::getId)
        .filter(member -> conflict.apply(member).isEmpty())
        .toList();
  }

  /** Whether {@code votes} out of {@code size} members is a majority (more than half). */
  public static boolean majority(long votes, int size) {
    return votes * 2 > size;
  }

  /**
   * A vote is personal: refuses anyone but {@code member} working the vote task created for them (a team lead
   * cannot hand one member's vote to another): 403 over the engine REST API, in Chinese with the English beside.
   * {@code chinese} and {@code english} name the case for the message ({@code 申请 SL…}, {@code application SL…}).
   */
  public static void requireOwnVote(Object member, Set<String> people, String chinese, String english) {
    for (String person : people) {
      if (!person.equals(member)) {
        throw new AuthorizationException(StaffText.of(chinese + " 的贷审会表决只能由委员 " + member + " 本人办理, " + person
            + " 不能代为表决", "a committee vote is the member's own: " + person + " may not vote for " + member + " on " + english));
      }
    }
  }
}
