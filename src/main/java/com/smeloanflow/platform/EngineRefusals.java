package com.smeloanflow.platform;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.authorization.MissingAuthorization;

/**
 * The engine's own refusals that staff meet in Tasklist, told in Chinese with the engine's English beside
 * ({@link StaffText}): a task a colleague claimed a moment ago, a task completed, cancelled or not visible any more,
 * a missing permission (unclaiming or handing on a colleague's task), the query limit. Each is recognised by the
 * exception's type (its simple name, as the engine REST API's {@code type} names it) and a stable part of the
 * engine's message; anything else, and any message already in Chinese (the application's own refusals), is left as it
 * is ({@code null}).
 *
 * <p>The engine REST API's answers pass through {@link EngineRefusalTranslation}; the bank's own
 * {@code identity.TaskQueue} uses {@link #of(RuntimeException)}.
 */
public final class EngineRefusals {

  /** A permission the caller lacks: on which resource (the engine's type name and id). */
  public record Missing(String permission, String resourceType, String resourceId) {}

  private record Rule(Set<String> types, Pattern message, BiFunction<Matcher, List<Missing>, String> chinese) {}

  private static final String REFRESH = ", 请刷新待办列表";
  private static final Pattern CHINESE = Pattern.compile("\\p{IsHan}");

  private static final List<Rule> RULES = List.of(
      new Rule(Set.of("TaskAlreadyClaimedException"), Pattern.compile("Task '(.+)' is already claimed by someone else\\.?"),
          (m, missing) -> "待办 " + m.group(1) + " 已由他人领取, 不能再领取" + REFRESH),
      new Rule(Set.of("InvalidRequestException"), Pattern.compile("(?:No matching task with id|No task found for task id) (\\S+)"),
          (m, missing) -> gone(m.group(1))),
      new Rule(Set.of("BadUserRequestException", "NullValueException", "NotFoundException"),
          Pattern.compile("(?:Cannot find task with id '([^']+)'|task (\\S+) doesn't exist)[.:].*", Pattern.DOTALL),
          (m, missing) -> gone(m.group(1) != null ? m.group(1) : m.group(2))),
      new Rule(Set.of("RestException"), Pattern.compile("Cannot get form for task (\\S+)"),
          (m, missing) -> "无法读取待办 " + m.group(1) + " 的表单: 待办可能已办理完毕或已撤销" + REFRESH),
      new Rule(Set.of("BadUserRequestException"), Pattern.compile("Max results limit of (\\d+) exceeded!?"),
          (m, missing) -> "查询结果一次最多 " + m.group(1) + " 条, 请缩小查询条件或分页查询"),
      new Rule(Set.of("BadUserRequestException"), Pattern.compile("An unbound number of results is forbidden!?"),
          (m, missing) -> "查询须分页 (指定 maxResults), 不能一次取回全部结果"),
      new Rule(Set.of("AuthorizationException"), Pattern.compile("The user with id '([^']*)' does not have .*", Pattern.DOTALL),
          (m, missing) -> notPermitted(m.group(1), missing)),
      new Rule(Set.of("AuthorizationException"), Pattern.compile("(?:ENGINE-\\d+ )?Required admin authenticated group or user.*",
          Pattern.DOTALL), (m, missing) -> "此操作须由管理员 (camunda-admin) 办理"));

  private static final Map<String, String> RESOURCES = Map.ofEntries(
      Map.entry("Task", "待办"), Map.entry("ProcessDefinition", "流程定义"), Map.entry("ProcessInstance", "流程实例"),
      Map.entry("HistoricTask", "历史待办"), Map.entry("HistoricProcessInstance", "历史流程实例"),
      Map.entry("Deployment", "部署"), Map.entry("DecisionDefinition", "决策定义"), Map.entry("Batch", "批处理"),
      Map.entry("User", "用户"), Map.entry("Group", "用户组"), Map.entry("Filter", "过滤器"), Map.entry("Application", "应用"));

  private static final Map<String, String> PERMISSIONS = Map.ofEntries(
      Map.entry("READ", "查看"), Map.entry("UPDATE", "修改"), Map.entry("CREATE", "创建"), Map.entry("DELETE", "删除"),
      Map.entry("TASK_WORK", "办理"), Map.entry("TASK_ASSIGN", "指派"), Map.entry("UPDATE_TASK", "修改待办"),
      Map.entry("READ_TASK", "查看待办"), Map.entry("READ_VARIABLE", "查看变量"), Map.entry("UPDATE_VARIABLE", "修改变量"),
      Map.entry("READ_HISTORY", "查看历史"), Map.entry("CREATE_INSTANCE", "发起流程"), Map.entry("ACCESS", "使用"));

  private EngineRefusals() {}

  /**
   * The Chinese for staff with the engine's message beside, or {@code null} when the refusal is none of those named
   * above or its message is in Chinese already.
   *
   * @param type the exception's simple name, as the engine REST API's {@code type}
   * @param missing an {@code AuthorizationException}'s missing permissions (empty for any other)
   */
  public static String staffText(String type, String message, List<Missing> missing) {
    if (type == null || message == null || CHINESE.matcher(message).find()) {
      return null;
    }
    for (Rule rule : RULES) {
      Matcher matcher = rule.message().matcher(message.strip());
      if (rule.types().contains(type) && matcher.matches()) {
        return StaffText.of(rule.chinese().apply(matcher, missing), message);
      }
    }
    return null;
  }

  /** What staff are told of {@code e} thrown by the engine's Java API: its staff text, else its own message. */
  public static String of(RuntimeException e) {
    List<Missing> missing = e instanceof AuthorizationException refused ? missingIn(refused) : List.of();
    String text = staffText(e.getClass().getSimpleName(), e.getMessage(), missing);
    return text != null ? text : e.getMessage();
  }

  private static List<Missing> missingIn(AuthorizationException e) {
    List<MissingAuthorization> missing = e.getMissingAuthorizations();
    return missing == null ? List.of() : missing.stream()
        .map(m -> new Missing(m.getViolatedPermissionName(), m.getResourceType(), m.getResourceId())).toList();
  }

  private static String gone(String taskId) {
    return "待办 " + taskId + " 不存在、已办理完毕或您无权查看" + REFRESH;
  }

  private static String notPermitted(String userId, List<Missing> missing) {
    StringBuilder text = new StringBuilder("用户 ").append(userId).append(" 无权执行此操作");
    if (!missing.isEmpty()) {
      text.append(", 须有以下权限之一: ").append(String.join("; ", missing.stream().map(EngineRefusals::permission).toList()));
    }
    if (missing.stream().anyMatch(m -> "TASK_ASSIGN".equals(m.permission()))) {
      text.append("; 他人的待办请由组长改派");
    }
    return text.toString();
  }

  private static String permission(Missing missing) {
    String resource = RESOURCES.getOrDefault(missing.resourceType(), missing.resourceType());
    String permission = PERMISSIONS.containsKey(missing.permission())
        ? PERMISSIONS.get(missing.permission()) + " (" + missing.permission() + ")" : missing.permission();
    return resource + " " + missing.resourceId() + " 的" + permission + "权限";
  }
}
