package com.smeloanflow.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.exception.NotFoundException;
import org.camunda.bpm.engine.impl.GetDeployedTaskFormCmd;
import org.camunda.bpm.engine.impl.cmd.AssignTaskCmd;
import org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.DelegateTaskCmd;
import org.camunda.bpm.engine.impl.cmd.GetIdentityLinksForTaskCmd;
import org.camunda.bpm.engine.impl.cmd.GetRenderedTaskFormCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskFormCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskFormVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskVariableCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskVariableCmdTyped;
import org.camunda.bpm.engine.impl.cmd.GetTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.PatchTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.RemoveTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SetTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.junit.jupiter.api.Test;

/**
 * What the caller of a command gets when a listener or delegate inside it fails: a refusal staff can act on
 * (the engine REST API answers 400 with its message), or, for a failure, what the engine threw (500).
 */
class ListenerRefusalPluginTest {

  private static final String WITHDRAWN = "借据 L1 已没有待审批的风险分类调整, 无需再审批, 请刷新待办列表";

  /** The command as a caller runs it: the caller's interceptor, then the command failing with {@code failure}. */
  private static Object run(Command<?> command, RuntimeException failure) {
    CommandInterceptor forCaller = new ListenerRefusalPlugin.RethrowRefusal(true);
    forCaller.setNext(new CommandInterceptor() {
      @Override
      public <T> T execute(Command<T> ignored) {
        throw failure;
      }
    });
    return forCaller.execute(command);
  }

  /** As the engine wraps whatever a task listener throws. */
  private static ProcessEngineException fromTaskListener(RuntimeException thrown) {
    return new ProcessEngineException("ENGINE-03051 There was an exception while invoking the TaskListener", thrown);
  }

  @Test
  void aStateConflictOfATaskListenerRefusesTheCompletionAsAFormErrorWithItsMessage() {
    assertThatThrownBy(() -> run(new CompleteTaskCmd("task-1", Map.of()), fromTaskListener(new StateConflictException(WITHDRAWN))))
        .isInstanceOf(FormFieldValidationException.class).hasMessage(WITHDRAWN);
  }

  @Test
  void aStateConflictWhenClaimingIsAUsersError() {
    assertThatThrownBy(() -> run(new ClaimTaskCmd("task-1", "approver"), fromTaskListener(new StateConflictException(WITHDRAWN))))
        .isInstanceOf(BadUserRequestException.class).hasMessage(WITHDRAWN);
  }

  @Test
  void aStateConflictOfADelegateRunByTheCompletionIsRefusedToo() {
    assertThatThrownBy(() -> run(new CompleteTaskCmd("task-1", Map.of()), new StateConflictException(WITHDRAWN)))
        .isInstanceOf(FormFieldValidationException.class).hasMessage(WITHDRAWN);
  }

  @Test
  void aFailureOfATaskListenerStaysWhatTheEngineThrew() {
    ProcessEngineException failure = fromTaskListener(new IllegalStateException("No contact is recorded in task X"));

    assertThatThrownBy(() -> run(new CompleteTaskCmd("task-1", Map.of()), failure)).isSameAs(failure);
  }

  @Test
  void aStateConflictOutsideAPersonsTaskActionStaysAsThrownForTheBanksApi() {
    StateConflictException conflict = new StateConflictException("申请 A1 当前状态为已受理, 不在等待补充资料");
    Command<Object> reportedByAChannel = context -> null;

    assertThatThrownBy(() -> run(reportedByAChannel, conflict)).isSameAs(conflict);
  }

  @Test
  void aStartItsFirstStepRefusesIsAUsersErrorTheEngineRestApiAnswers400WhateverTheCommand() {
    String second = "借据 L1 已在贷后监控中 (流程实例 P1), 不再重复登记贷后监控 (loan L1 is already under post-loan monitoring by"
        + " process instance P1: not enrolled twice)";
    Command<Object> correlatedByHand = context -> null;

    assertThatThrownBy(() -> run(correlatedByHand, new RefusedStartException(second)))
        .isInstanceOf(BadUserRequestException.class).hasMessage(second)
        .satisfies(refused -> assertThat(((ProcessEngineException) refused).getCode()).isEqualTo(EngineRefusals.REFUSED));
  }

  /**
   * A job whose expression failed because it needs an administrator: the engine gets the thrower's message unwrapped
   * (the incident shows it, not "Error while evaluating expression …") as a user's error, which it logs at DEBUG; the
   * thrower logged it at ERROR once.
   */
  @Test
  void aJobThatNeedsAnAdministratorFailsWithItsOwnMessageAsAlreadyReported() {
    String gap = "贷审会没有可以表决借据 L1 续贷的委员 (no credit-committee member may vote on the renewal of loan L1)";
    ProcessEngineException fromExpression = new ProcessEngineException(
        "Error while evaluating expression: ${renewalCommittee.members(execution)}. Cause: " + gap,
        new RuntimeException(new NeedsAdministratorException(gap)));
    Command<Object> job = context -> null;

    assertThatThrownBy(() -> run(job, fromExpression)).isInstanceOf(BadUserRequestException.class).hasMessage(gap)
        .hasCauseInstanceOf(NeedsAdministratorException.class);
  }

  @Test
  void everyCommandOfAPersonOnATaskNamesTheTaskItActsOn() {
    List<Command<?>> commands = List.of(new CompleteTaskCmd("task-1", Map.of()), new SubmitTaskFormCmd("task-1", Map.of(), false, false),
        new ClaimTaskCmd("task-1", "approver"), new AssignTaskCmd("task-1", "approver"), new DelegateTaskCmd("task-1", "approver"));

    for (Command<?> command : commands) {
      assertThat(ListenerRefusalPlugin.actsOnTask(command)).as(command.getClass().getSimpleName()).isTrue();
      assertThat(ListenerRefusalPlugin.taskIdOf(command)).as(command.getClass().getSimpleName()).isEqualTo("task-1");
    }
  }

  @Test
  void everyCommandOnATasksDataNamesTheTaskWhoseDataItReadsOrWrites() {
    List<Command<?>> commands = List.of(new GetDeployedTaskFormCmd("task-1"), new GetTaskFormCmd("task-1"),
        new GetRenderedTaskFormCmd("task-1", null),
        new GetIdentityLinksForTaskCmd("task-1"), new GetTaskVariablesCmd("task-1", null, false, true),
        new GetTaskVariableCmd("task-1", "remark", false), new GetTaskVariableCmdTyped("task-1", "remark", false, true),
        new SetTaskVariablesCmd("task-1", Map.of(), false), new RemoveTaskVariablesCmd("task-1", List.of("remark"), false),
        new PatchTaskVariablesCmd("task-1", Map.of(), List.of(), false), new GetTaskFormVariablesCmd("task-1", null, false));

    for (Command<?> command : commands) {
      assertThat(ListenerRefusalPlugin.taskDataOf(command)).as(command.getClass().getSimpleName()).isEqualTo("task-1");
    }
    assertThat(ListenerRefusalPlugin.taskDataOf(new ClaimTaskCmd("task-1", "approver"))).as("a person's action on the task").isNull();
  }

  @Test
  void aClaimOfATaskAColleagueHoldsNamesThemAndIsStillTheEnginesRefusalForTheBanksJavaCallers() {
    TaskAlreadyClaimedException held = new ListenerRefusalPlugin.HeldByColleague("task-1", "zy001-cm2",
        ListenerRefusalPlugin.heldMessage("task-1", "受理贷款申请", "zy001-cm2", "李娜"));

    assertThat(held.getMessage()).isEqualTo("待办“受理贷款申请”已由 李娜 (zy001-cm2) 领取, 不能再领取, 请刷新待办列表 (Task 'task-1' is "
        + "already claimed by zy001-cm2)");
    assertThat(held.getTaskAssignee()).isEqualTo("zy001-cm2");
    assertThat(EngineRefusals.statusOf(held.getCode())).as("the engine REST API's status").isEqualTo(409);
    assertThat(ListenerRefusalPlugin.heldMessage("task-1", null, "zy001-cm2", null))
        .startsWith("待办 task-1 已由 zy001-cm2 领取, 不能再领取");
  }

  @Test
  void aTaskIdTheEngineNeverKnewIsNotFoundForTheCallerWhateverThePersonDidWithIt() {
    List<Command<?>> commands = List.of(new CompleteTaskCmd("task-1", Map.of()), new ClaimTaskCmd("task-1", "approver"),
        new AssignTaskCmd("task-1", "approver"), new DelegateTaskCmd("task-1", "approver"));

    for (Command<?> command : commands) {
      assertThatThrownBy(() -> run(command, new ListenerRefusalPlugin.UnknownTask("task-1"))).as(command.getClass().getSimpleName())
          .as("an engine exception for the bank's Java callers, not a REST exception")
          .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(EngineRefusals.statusOf(e.getCode())).isEqualTo(404))
          .hasMessage("待办 task-1 不存在, 请刷新待办列表 (task task-1 does not exist)");
    }
  }

  @Test
  void aTaskThatEndedIsNamedWithWhatBecameOfIt() {
    assertThat(ListenerRefusalPlugin.endedMessage("task-1", "贷审会委员投票", "deleted"))
        .startsWith("待办 贷审会委员投票 已撤销 (流程已继续), 无需再办理, 请刷新待办列表");
    assertThat(ListenerRefusalPlugin.endedMessage("task-1", "贷审会委员投票", "completed"))
        .startsWith("待办 贷审会委员投票 已办理完毕, 不能再次办理, 请刷新待办列表");
    assertThat(ListenerRefusalPlugin.endedMessage("task-1", "审批续贷申请", "贷款已提前收回, 续贷终止"))
        .as("the business reason an instance was cancelled for").startsWith("待办 审批续贷申请 已撤销 (贷款已提前收回, 续贷终止), 无需再办理");
  }
}
