package com.smeloanflow.renewal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.smeloanflow.identity.Groups;
import com.smeloanflow.notification.MailOutbox;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.platform.ChineseDates;
import com.smeloanflow.processing.ProcessingFixtures;
import com.smeloanflow.processing.sandbox.SandboxProfile;
import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.ApiClient;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The renewal application and the renewal's state over HTTP, with real JSON, as the channel and staff call them. */
class RenewalApiTest extends AbstractIntegrationTest {

  @Autowired private LoanAccountService loans;
  @Autowired private MailOutbox outbox;
  @Autowired private BusinessClock clock;
  @Autowired private RenewalRepository renewals;

  private LocalDate today;

  @BeforeEach
  void aFixedMorning() {
    stopClock();
    today = clock.today();
  }

  private RenewalScenario loan(int daysToMaturity, SandboxProfile profile) {
    return RenewalScenario.loan(processEngine, api, this::executeDueJobs, outbox, intakeService, loans, today, daysToMaturity,
        profile, RenewalScenario.PRINCIPAL);
  }

  private RenewalScenario offered() {
    return loan(45, ProcessingFixtures.strongProfile()).scanNow();
  }

  private static String code(ApiClient.Response refused) {
    assertThat(refused.contentType()).startsWith("application/problem+json");
    String detail = refused.json().path("detail").asText();
    return detail.substring(1, detail.indexOf(']'));
  }

  @Test
  void theChannelAppliesForAnOfferedRenewalAndApprovalStarts() {
    RenewalScenario loan = offered();

    ApiClient.Response applied = loan.apply("MB-RN-" + loan.loanId());

    assertThat(applied.status()).as(applied.body()).isEqualTo(201);
    assertThat(applied.json().path("loanId").asText()).isEqualTo(loan.loanId());
    assertThat(applied.json().path("status").asText()).isEqualTo("APPLIED");
    assertThat(applied.json().path("renewalAmount").decimalValue()).isEqualByComparingTo(RenewalScenario.PRINCIPAL);
    assertThat(applied.json().path("eligibility").path("code").isMissingNode())
        .as("internal facts are not for the channel: %s", applied.body()).isTrue();
    assertThat(loan.renewalInstances()).isEqualTo(1);
  }

  /**
   * A renewal for the credit committee while the committee has no member: the channel's application is accepted as any
   * other (it was a 500 with nothing recorded, and the offer ran out while nobody fixed the roster); the missing
   * committee is the administrators' incident, not the channel's answer.
   */
  @Test
  void theChannelsApplicationIsAcceptedThoughTheCommitteeHasNoMemberWhoMayVote() {
    RenewalScenario loan = RenewalScenario.loan(processEngine, api, this::executeDueJobs, outbox, intakeService, loans, today,
        45, ProcessingFixtures.strongProfile(), "GROWTH", "6000000.00").scanNow();
    List<String> members = identityService.createUserQuery().memberOfGroup(Groups.CREDIT_COMMITTEE).list().stream()
        .map(User::getId).toList();
    members.forEach(member -> identityService.deleteMembership(member, Groups.CREDIT_COMMITTEE));
    try {
      ApiClient.Response applied = loan.apply("MB-RN-NOCOMMITTEE-" + loan.loanId());

      assertThat(applied.status()).as(applied.body()).isEqualTo(201);
      assertThat(applied.json().path("status").asText()).isEqualTo("APPLIED");
      assertThat(applied.json().path("statusLabel").asText()).isEqualTo("已申请, 审批中");
      assertThat(loan.renewalInstances()).isEqualTo(1);
      ApiClient.Response again = loan.apply("MB-RN-NOCOMMITTEE-" + loan.loanId());
      assertThat(again.status()).as("the channel's retry: " + again.body()).isEqualTo(200);
      assertThat(again.json().path("status").asText()).isEqualTo("APPLIED");
      assertThat(renewals.find(loan.loanId()).orElseThrow().approvalRoute()).isEqualTo("COMMITTEE");
    } finally {
      members.forEach(member -> identityService.createMembership(member, Groups.CREDIT_COMMITTEE));
    }
    // The vote's job runs with the committee back: the votes are created (no incident is left behind).
    executeDueJobs(loan.renewal().getId());
    assertThat(taskService.createTaskQuery().processInstanceId(loan.renewal().getId()).count()).isEqualTo(members.size());
  }

  @Test
  void anOfferIsRefusedOnceAPrepaymentChangedThePrincipalDueAtMaturity() {
    RenewalScenario loan = offered();
    loan.repay(new BigDecimal("60000.00"), today);

    ApiClient.Response refused = loan.apply("MB-RN-PREPAID-" + loan.loanId());

    assertThat(refused.status()).as(refused.body()).isEqualTo(409);
    assertThat(code(refused)).isEqualTo("PRINCIPAL_CHANGED");
    assertThat(refused.json().path("detail").asText()).contains("邀请金额 100000.00 元");
    assertThat(loan.renewalInstances()).isZero();
    assertThat(renewals.find(loan.loanId()).orElseThrow().status()).isEqualTo(RenewalStatus.OFFERED);
  }

  @Test
  void aRetryWithTheSameRequestIdAnswersTheSameAndStartsNothing() {
    RenewalScenario loan = offered();
    assertThat(loan.apply("MB-RN-RETRY-" + loan.loanId()).status()).isEqualTo(201);

    ApiClient.Response retry = loan.apply("MB-RN-RETRY-" + loan.loanId());

    assertThat(retry.status()).isEqualTo(200);
    assertThat(retry.json().path("requestId").asText()).isEqualTo("MB-RN-RETRY-" + loan.loanId());
    assertThat(loan.renewalInstances()).isEqualTo(1);
  }

  @Test
  void aSecondApplicationWithAnotherRequestIdIsRefused() {
    RenewalScenario loan = offered();
    loan.apply("MB-RN-1-" + loan.loanId());

    ApiClient.Response twice = loan.apply("MB-RN-2-" + loan.loanId());

    assertThat(twice.status()).isEqualTo(409);
    assertThat(code(twice)).isEqualTo("ALREADY_APPLIED");
  }

  @Test
  void aRequestIdOfAnotherLoansApplicationIsRefused() {
    RenewalScenario first = offered();
    RenewalScenario second = offered();
    first.apply("MB-RN-SHARED-" + first.loanId());

    ApiClient.Response reused = api.post("/api/loans/" + second.loanId() + "/renewal-applications", CHANNEL,
        "{\"requestId\":\"MB-RN-SHARED-" + first.loanId() + "\"}");

    assertThat(reused.status()).isEqualTo(409);
    assertThat(code(reused)).isEqualTo("REQUEST_ID_REUSED");
    assertThat(second.renewalInstances()).isZero();
  }

  @Test
  void aLoanTheTableDidNotOfferIsRefused() {
    SandboxProfile strong = ProcessingFixtures.strongProfile();
    RenewalScenario loan = loan(45, ProcessingFixtures.withCourt(strong, new SandboxProfile.Court(0, true))).scanNow();
    assertThat(code(loan.apply("MB-RN-" + loan.loanId()))).isEqualTo("NOT_OFFERED");
    assertThat(loan.renewalInstances()).isZero();
  }

  /**
   * A loan the eligibility table did not offer: nothing is offered or told to the borrower. The channel finds no
   * renewal, as for a loan the scan has not evaluated, not the refusal (不符合续贷条件); staff read the status and why.
   */
  @Test
  void theChannelIsNotToldALoanIsNotEligibleItFindsNoOffer() {
    SandboxProfile strong = ProcessingFixtures.strongProfile();
    RenewalScenario notEligible = loan(45, ProcessingFixtures.withCourt(strong, new SandboxProfile.Court(0, true))).scanNow();
    RenewalScenario notEvaluated = loan(90, strong);

    ApiClient.Response channel = api.get("/api/loans/" + notEligible.loanId() + "/renewal", CHANNEL);
    ApiClient.Response staff = api.get("/api/loans/" + notEligible.loanId() + "/renewal", "zy001-acceptor");

    assertThat(channel.status()).as(channel.toString()).isEqualTo(404);
    assertThat(channel.body()).doesNotContain("NOT_ELIGIBLE", "不符合", "eligib");
    assertThat(channel.json().path("detail").asText()).isEqualTo("借据 " + notEligible.loanId() + " 没有续贷邀请 (loan "
        + notEligible.loanId() + " has no renewal offer)");
    ApiClient.Response channelNotEvaluated = api.get("/api/loans/" + notEvaluated.loanId() + "/renewal", CHANNEL);
    assertThat(channelNotEvaluated.status()).isEqualTo(404);
    assertThat(channelNotEvaluated.json().path("detail").asText()).as("the same answer as for a loan not evaluated")
        .isEqualTo(channel.json().path("detail").asText().replace(notEligible.loanId(), notEvaluated.loanId()));
    assertThat(staff.status()).isEqualTo(200);
    assertThat(staff.json().path("status").asText()).isEqualTo("NOT_ELIGIBLE");
    assertThat(staff.json().path("statusLabel").asText()).isEqualTo("不符合续贷条件");
  }

  @Test
  void aLoanOutsideTheWindowIsRefused() {
    RenewalScenario loan = loan(90, ProcessingFixtures.strongProfile()).scanNow();
    ApiClient.Response refused = loan.apply("MB-RN-" + loan.loanId());
    assertThat(refused.status()).isEqualTo(409);
    assertThat(code(refused)).isEqualTo("NOT_IN_WINDOW");
  }

  @Test
  void anOfferNotTakenUpThirtyDaysBeforeMaturityHasExpired() {
    RenewalScenario loan = offered();
    moveClockBy(Duration.ofDays(16));

    ApiClient.Response late = loan.apply("MB-RN-" + loan.loanId());

    assertThat(late.status()).isEqualTo(409);
    assertThat(code(late)).isEqualTo("OFFER_EXPIRED");
    JsonNode view = api.get("/api/loans/" + loan.loanId() + "/renewal", CHANNEL).json();
    assertThat(view.path("offerOpen").asBoolean()).isFalse();
    assertThat(late.json().path("detail").asText()).as("the borrower reads the last day as a Chinese date; the JSON, ISO")
        .endsWith("(借据 " + loan.loanId() + ", 最迟申请日" + ChineseDates.day(LocalDate.parse(view.path("offerExpiresOn").asText())) + ")");
  }

  @Test
  void anApplicationWithoutARequestIdIsRefusedNamingTheFieldAndNothingIsStored() {
    RenewalScenario loan = offered();
    ApiClient.Response bad = api.post("/api/loans/" + loan.loanId() + "/renewal-applications", CHANNEL, "{}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body()).contains("requestId");
    assertThat(api.get("/api/loans/" + loan.loanId() + "/renewal", CHANNEL).json().path("status").asText()).isEqualTo("OFFERED");
  }

  @Test
  void staffOfTheLoansBranchSeeWhyAndStaffOfAnotherBranchAreRefused() {
    RenewalScenario loan = offered();

    ApiClient.Response own = api.get("/api/loans/" + loan.loanId() + "/renewal", "zy001-acceptor");
    assertThat(own.status()).isEqualTo(200);
    assertThat(own.json().path("status").asText()).isEqualTo("OFFERED");
    assertThat(own.json().path("eligibility").path("code").asText()).isEqualTo("ELIGIBLE");
    ApiClient.Response otherBranch = api.get("/api/loans/" + loan.loanId() + "/renewal", "zy002-acceptor");
    assertThat(otherBranch.status()).isEqualTo(403);
    assertThat(otherBranch.json().path("detail").asText()).isEqualTo("无权查看网点 ZY001 的借据 " + loan.loanId()
        + " 的续贷 (user zy002-acceptor may not read the renewal of loan " + loan.loanId() + " of branch ZY001)");
    assertThat(api.get("/api/loans/" + loan.loanId() + "/renewal", "approver").status()).isEqualTo(200);
  }

  @Test
  void onlyTheChannelMayApply() {
    RenewalScenario loan = offered();
    ApiClient.Response staff = api.post("/api/loans/" + loan.loanId() + "/renewal-applications", "zy001-acceptor",
        "{\"requestId\":\"X-" + loan.loanId() + "\"}");
    assertThat(staff.status()).isEqualTo(403);
  }

  @Test
  void aLoanNotEvaluatedIsNotFound() {
    RenewalScenario loan = loan(90, ProcessingFixtures.strongProfile());
    ApiClient.Response notEvaluated = api.get("/api/loans/" + loan.loanId() + "/renewal", "admin");
    assertThat(notEvaluated.status()).isEqualTo(404);
    assertThat(notEvaluated.json().path("detail").asText()).isEqualTo("借据 " + loan.loanId() + " 没有续贷记录, 尚未经续贷评估 (loan "
        + loan.loanId() + " has no renewal: not evaluated by the offer scan)");
    assertThat(api.get("/api/loans/LN19000101000000/renewal", "admin").status()).isEqualTo(404);
  }

  /**
   * Staff read each member's vote on a renewal the committee decides (who, 同意 or 反对, the reasons, when, in which round);
   * the channel, which shows the borrower, reads none of it.
   */
  @Test
  void staffSeeEachCommitteeMembersVoteAndTheChannelDoesNot() {
    RenewalScenario loan = RenewalScenario.loan(processEngine, api, this::executeDueJobs, outbox, intakeService, loans, today,
        45, ProcessingFixtures.strongProfile(), "GROWTH", "6000000.00").scanNow();
    assertThat(loan.apply("MB-RN-VOTES-" + loan.loanId()).status()).isEqualTo(201);
    String instance = loan.renewal().getId();
    executeDueJobs(instance);
    voteOverRest(instance, "committee2", "REJECT", "现金流偏紧");
    voteOverRest(instance, "committee1", "APPROVE", "经营稳定, 同意续贷");

    ApiClient.Response staff = api.get("/api/loans/" + loan.loanId() + "/renewal", "zy001-acceptor");

    assertThat(staff.status()).as(staff.body()).isEqualTo(200);
    JsonNode votes = staff.json().path("committeeVotes");
    assertThat(votes).as("%s", votes).hasSize(2);
    assertThat(votes).extracting(vote -> vote.path("member").asText()).containsExactlyInAnyOrder("committee1", "committee2");
    JsonNode against = votes.get(votes.get(0).path("member").asText().equals("committee2") ? 0 : 1);
    assertThat(against.path("vote").asText()).isEqualTo("REJECT");
    assertThat(against.path("voteLabel").asText()).isEqualTo("反对");
    assertThat(against.path("comment").asText()).isEqualTo("现金流偏紧");
    assertThat(against.path("round").asInt()).isEqualTo(1);
    assertThat(against.path("votedAt").isTextual()).as("when").isTrue();
    JsonNode approving = votes.get(votes.get(0) == against ? 1 : 0);
    assertThat(approving.path("voteLabel").asText()).isEqualTo("同意");
    assertThat(approving.path("comment").asText()).isEqualTo("经营稳定, 同意续贷");
    ApiClient.Response channel = api.get("/api/loans/" + loan.loanId() + "/renewal", CHANNEL);
    assertThat(channel.status()).isEqualTo(200);
    assertThat(channel.json().path("committeeVotes").isEmpty()).as("the channel is not told of the votes").isTrue();
    assertThat(channel.body()).doesNotContain("现金流偏紧").doesNotContain("committee1");
  }

  /** The member completes their vote task over the engine REST API, as Tasklist does. */
  private void voteOverRest(String instance, String member, String vote, String reasons) {
    String task = taskService.createTaskQuery().processInstanceId(instance).taskAssignee(member).singleResult().getId();
    ApiClient.Response done = api.post("/engine-rest/task/" + task + "/complete", member, "{\"variables\": {\""
        + RenewalCommitteeVoteTaskListener.VOTE + "\": {\"value\": \"" + vote + "\"}, \""
        + RenewalCommitteeVoteTaskListener.COMMENT + "\": {\"value\": \"" + reasons + "\"}}}");
    assertThat(done.status()).as(done.body()).isEqualTo(204);
  }
}
