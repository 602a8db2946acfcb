package com.smeloanflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEnginePersistenceException;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.authorization.MissingAuthorization;
import org.camunda.bpm.engine.impl.util.ExceptionUtil;
import org.junit.jupiter.api.Test;

/** Which engine refusals staff are told in Chinese, recognised by type and a stable part of the engine's message. */
class EngineRefusalsTest {

  @Test
  void aMissingPermissionOfTheJavaApiNamesThePermissionsInChineseWithTheEnginesEnglishBeside() {
    AuthorizationException refused = new AuthorizationException("zy001-acceptor", List.of(
        new MissingAuthorization("TASK_ASSIGN", "Task", "t-1"), new MissingAuthorization("UPDATE_TASK", "ProcessDefinition", "loan-origination")));

    assertThat(EngineRefusals.of(refused)).isEqualTo("用户 zy001-acceptor 无权执行此操作, 须有以下权限之一: 待办 t-1 的指派 (TASK_ASSIGN)权限; "
        + "流程定义 loan-origination 的修改待办 (UPDATE_TASK)权限; 他人的待办请由组长改派 (" + refused.getMessage() + ")");
  }

  @Test
  void aClaimedTaskOfTheJavaApiIsToldInChinese() {
    assertThat(EngineRefusals.of(new TaskAlreadyClaimedException("t-1", "zy001-cm2")))
        .isEqualTo("待办 t-1 已由他人领取, 不能再领取, 请刷新待办列表 (Task 't-1' is already claimed by someone else.)");
  }

  @Test
  void aMessageTheEngineRestApiWrappedIsToldByWhatItWrapsInChineseFirst() {
    assertThat(EngineRefusals.staffText("RestException", "Cannot submit task form t-1: 请填写实地调查情况 (investigationFindings is required)", List.of()))
        .as("our refusal, the English prefix in its English part")
        .isEqualTo("请填写实地调查情况 (Cannot submit task form t-1: investigationFindings is required)");
    assertThat(EngineRefusals.staffText("RestException", "Cannot complete task t-1: 收入(元)须为正数", List.of()))
        .as("our refusal without an English part").isEqualTo("收入(元)须为正数 (Cannot complete task t-1)");
    assertThat(EngineRefusals.staffText("RestException", "Cannot submit task form t-1: Cannot find task with id 't-1'.: task is null", List.of()))
        .as("an engine refusal named")
        .isEqualTo("待办 t-1 不存在、已办理完毕或您无权查看, 请刷新待办列表 (Cannot submit task form t-1: Cannot find task with id 't-1'.: task is null)");
    assertThat(EngineRefusals.staffText("RestException", "Cannot instantiate process definition p:1:2: ENGINE-1 Unknown property used in expression", List.of()))
        .as("any other: what failed").isEqualTo("无法发起流程 (Cannot instantiate process definition p:1:2: ENGINE-1 Unknown property used in expression)");
  }

  @Test
  void behindAnyOtherEnglishPrefixOnlyAnEngineRefusalNamedIsTold() {
    assertThat(EngineRefusals.staffText("RestException", "Cannot get task variable remark: No matching task with id t-1", List.of()))
        .isEqualTo("待办 t-1 不存在、已办理完毕或您无权查看, 请刷新待办列表 (Cannot get task variable remark: No matching task with id t-1)");
    assertThat(EngineRefusals.staffText("RestException", "Cannot get task variable remark: variable remark not found", List.of()))
        .as("not one named: as the engine REST API gives it").isNull();
  }

  @Test
  void onlyTheBanksRefusalCodesChangeTheEngineRestApisStatus() {
    assertThat(EngineRefusals.statusOf(EngineRefusals.REFUSED)).isEqualTo(400);
    assertThat(EngineRefusals.statusOf(EngineRefusals.GONE)).isEqualTo(404);
    assertThat(EngineRefusals.statusOf(EngineRefusals.TAKEN)).isEqualTo(409);
    assertThat(EngineRefusals.statusOf(0)).as("the engine's fallback code").isNull();
    assertThat(EngineRefusals.statusOf(1)).as("the engine's deadlock and optimistic locking code").isNull();
  }

  @Test
  void aDatabaseErrorIsToldInChinese() {
    ProcessEnginePersistenceException failed = ExceptionUtil.wrapPersistenceException(
        new SQLException("Unique index or primary key violation: ACT_UNIQ_AUTH_USER", "23505"));

    assertThat(EngineRefusals.of(failed)).isEqualTo("保存数据时出错, 您的操作未生效; 请刷新待办列表后重试, 如仍不成功请联系系统管理员 ("
        + "An exception occurred in the persistence layer. Please check the server logs for a detailed message and the entire exception stack trace.)");
  }

  @Test
  void theApplicationsOwnRefusalsAndUnknownOnesStayAsTheyAre() {
    String own = "四眼原则: zy001-cm 提出了该处置建议, 不能审批自己的建议 (user zy001-cm proposed it)";

    assertThat(EngineRefusals.of(new AuthorizationException(own))).isEqualTo(own);
    assertThat(EngineRefusals.of(new BadUserRequestException("Unknown property used in expression"))).isEqualTo("Unknown property used in expression");
    assertThat(EngineRefusals.staffText("InvalidRequestException", "Max results limit of 2000 exceeded!", List.of()))
        .as("the message of another type: not the engine's query limit").isNull();
  }
}
