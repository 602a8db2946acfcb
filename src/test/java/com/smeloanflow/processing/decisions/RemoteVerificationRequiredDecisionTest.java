package com.smeloanflow.processing.decisions;

import static com.smeloanflow.processing.decisions.DecisionTableTester.variables;
import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.intake.Channel;
import com.smeloanflow.processing.decisions.DecisionTableTester.Evaluation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code bpmn/remote-verification-required.dmn}: every rule, for every channel (DESIGN.md §3.1 step 4, §4). */
class RemoteVerificationRequiredDecisionTest {

  private static DecisionTableTester table;

  @BeforeAll
  static void parseTable() {
    table = new DecisionTableTester("remote-verification-required");
  }

  private static Evaluation evaluate(String approvalRoute, Object channel) {
    return table.evaluate(variables("approvalRoute", approvalRoute, "channel", channel));
  }

  private static void assertVerification(Evaluation evaluation, boolean required, String rule) {
    assertThat(evaluation.firedRule()).isEqualTo(rule);
    assertThat(evaluation.<Boolean>output("remoteVerificationRequired")).isEqualTo(required);
    assertThat(evaluation.<String>output("verificationReason")).isNotBlank();
  }

  @ParameterizedTest(name = "rejected application from {0} is not verified")
  @EnumSource(Channel.class)
  void doesNotVerifyRejectedApplication(Channel channel) {
    assertVerification(evaluate("REJECT", channel.name()), false, "Rule_NoVerificationWhenRejected");
  }

  @ParameterizedTest(name = "AUTO application from {0} is not verified")
  @EnumSource(value = Channel.class, names = {"MOBILE_APP", "MINI_PROGRAM"})
  void doesNotVerifyAutoApprovalFromVerifiedOnlineChannel(Channel channel) {
    Evaluation evaluation = evaluate("AUTO", channel.name());

    assertVerification(evaluation, false, "Rule_NoVerificationAutoFromVerifiedOnlineChannel");
    assertThat(evaluation.<String>output("verificationReason")).contains("人脸识别");
  }

  @ParameterizedTest(name = "AUTO application from {0} is verified")
  @EnumSource(value = Channel.class, names = {"BRANCH_COUNTER", "CUSTOMER_MANAGER_PAD", "WHITELIST"})
  void verifiesAutoApprovalFromChannelWithoutOnlineIdentityCheck(Channel channel) {
    assertVerification(evaluate("AUTO", channel.name()), true, "Rule_VerifyAutoFromOtherChannel");
  }

  @ParameterizedTest(name = "SINGLE application from {0} is verified")
  @EnumSource(Channel.class)
  void verifiesBeforeSingleApprover(Channel channel) {
    assertVerification(evaluate("SINGLE", channel.name()), true, "Rule_VerifyBeforeManualApproval");
  }

  @ParameterizedTest(name = "COMMITTEE application from {0} is verified")
  @EnumSource(Channel.class)
  void verifiesBeforeCreditCommittee(Channel channel) {
    assertVerification(evaluate("COMMITTEE", channel.name()), true, "Rule_VerifyBeforeManualApproval");
  }

  @Test
  void verifiesWhenRouteIsUnknown() {
    assertVerification(evaluate(null, "MOBILE_APP"), true, "Rule_VerifyBeforeManualApproval");
  }

  @Test
  void verifiesAutoApprovalWhenChannelIsUnknown() {
    assertVerification(evaluate("AUTO", null), true, "Rule_VerifyAutoFromOtherChannel");
  }

  /** Every route and channel: exactly one rule fires; only REJECT and AUTO from an online channel skip the call. */
  @Test
  void everyRouteAndChannelYieldsExactlyOneAnswer() {
    List<String> mismatches = new ArrayList<>();
    for (String route : Arrays.asList("AUTO", "SINGLE", "COMMITTEE", "REJECT")) {
      for (Channel channel : Channel.values()) {
        Evaluation evaluation = evaluate(route, channel.name());
        boolean expected = !(route.equals("REJECT") || route.equals("AUTO") && channel.isOnline());
        Boolean actual = evaluation.matchedRuleIds().size() == 1 ? evaluation.output("remoteVerificationRequired") : null;
        if (!Boolean.valueOf(expected).equals(actual)) {
          mismatches.add(route + "/" + channel + ": expected " + expected + ", got " + evaluation.matchedRuleIds());
        }
      }
    }
    assertThat(mismatches).isEmpty();
  }
}
