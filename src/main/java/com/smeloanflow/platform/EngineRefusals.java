package com.smeloanflow.platform;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.authorization.MissingAuthorization;
import org.camunda.bpm.engine.impl.util.ExceptionUtil;

/**
 * The engine's own refusals that staff meet in Tasklist, told in Chinese with the engine's English beside
 * ({@link StaffText}): a task a colleague claimed a moment ago, a task completed, cancelled or not visible any more, a
 * task or process changed by another action at the same moment (the engine's optimistic locking; a persistence error
 * of a write that met another, which claims and hand-ons no longer meet: they take the task's row lock first,
 * {@link ListenerRefusalPlugin}), a missing permission
 * (unclaiming or handing on a colleague's task), the query limit, a start skipping listeners at the default start event
 * ({@code ENGINE-13024}, answered {@code 400}: {@link #statusOf(ProcessEngineException)}). Each is recognised by the
 * exception's type (its simple name, as the engine REST API's {@code type} names it) and a stable part of the
 * engine's message; anything else, and any message already in Chinese (the application's own refusals), is left as it
 * is ({@code null}).
 *
 * <p>The engine REST API puts English before some messages it passes on ({@code Cannot submit task form …: },
 * {@code Cannot complete task …: }, {@code Cannot instantiate process definition …: }): such a message is told by what
 * it wraps, the application's own refusal as it is with the English prefix moved into its English part, an engine
 * refusal named here in its Chinese, any other as what failed in Chinese ({@code 无法提交待办表单}), the English beside;
 * behind any other English prefix ({@code Cannot get task variable …: }) only an engine refusal named here is told, in its
 * Chinese with the whole English beside.
 *
 * <p>The engine REST API's answers pass through {@link EngineRefusalTranslation}; the bank's own
 * {@code identity.TaskQueue} uses {@link #of(RuntimeException)}.
 */
public final class EngineRefusals {

  /**
   * The error code, in the engine's range for custom codes (20000–39999), of a refusal the engine REST API is to answer
   * with the status in the code's last three digits ({@link #statusOf}): the application's refusal of what a person sent
   * (bad input, a task's state) {@code 400}, whatever the engine REST API wraps it in (it answers an engine exception of
   * a process start {@code 500}).
   */
  public static final int REFUSED = 20_400;

  /** The error code of a task that is not there (completed, cancelled or never known): {@code 404}. */
  public static final int GONE = 20_404;

  /** The error code of a claim of a task a colleague holds: {@code 409} (Camunda answers {@code 500}). */
  public static final int TAKEN = 20_409;

  /**
   * The status the engine REST API answers an engine exception with this error code with, or {@code null}: the status
   * Camunda gives. {@link EngineRefusalAnswers} answers such an exception (or one the engine REST API wraps it in) with it
   * and logs it as a refusal, not as Camunda's server error.
   */
  public static Integer statusOf(int code) {
    return code == REFUSED ? Integer.valueOf(400) : code == GONE ? Integer.valueOf(404) : code == TAKEN ? Integer.valueOf(409) : null;
  }

  /**
   * The engine's refusal of a start that skips custom listeners or I/O mappings ({@code skipCustomListeners},
   * {@code skipIoMappings}) with no {@code startInstructions}: they can be skipped only when starting at an activity,
   * not at the default start event. The caller's mistake, which the engine REST API answers {@code 500}.
   */
  private static final Pattern START_SKIPPING_AT_DEFAULT_START = Pattern.compile("ENGINE-13024 Cannot skip custom listeners "
      + "or input/output mappings when start a process instance at default start activity\\.?");

  /**
   * The status the engine REST API answers {@code e} with: that of its error code ({@link #statusOf(int)}), else
   * {@code 400} for an engine refusal that is the caller's mistake though Camunda answers it {@code 500} (a start
   * skipping listeners at the default start event, {@code ENGINE-13024}), else {@code null}: the status Camunda gives.
   */
  public static Integer statusOf(ProcessEngineException e) {
    Integer byCode = statusOf(e.getCode());
    if (byCode != null) {
      return byCode;
    }
    return e instanceof BadUserRequestException && e.getMessage() != null
        && START_SKIPPING_AT_DEFAULT_START.matcher(e.getMessage().strip()).matches() ? Integer.valueOf(400) : null;
  }

  /** A permission the caller lacks: on which resource (the engine's type name and id). */
  public record Missing(String permission, String resourceType, String resourceId) {}

  private record Rule(Set<String> types, Pattern message, BiFunction<Matcher, List<Missing>, String> chinese) {}

  private static final String REFRESH = ", 请刷新待办列表";
  private static final Pattern CHINESE = Pattern.compile("\\p{IsHan}");

  private static final List<Rule> RULES = List.of(
      new Rule(Set.of("TaskAlreadyClaimedException"), Pattern.compile("Task '(.+)' is already claimed by someone else\\.?"),
          (m, missing) -> "待办 " + m.group(1) + " 已由他人领取, 不能再领取" + REFRESH),
      new Rule(Set.of("InvalidRequestException", "NotFoundException"),
          Pattern.compile("(?:No matching task with id|No task found for task id) (\\S+)"),
          (m, missing) -> gone(m.group(1))),
      new Rule(Set.of("BadUserRequestException", "NullValueException", "NotFoundException"),
          Pattern.compile("(?:Cannot find task with id '([^']+)'|Cannot find task with id ([^\\s':]+)|task (\\S+) doesn't exist"
              + "|Task '([^']+)' not found)[.:].*", Pattern.DOTALL),
          (m, missing) -> gone(firstGroup(m))),
      new Rule(Set.of("RestException"), Pattern.compile("Cannot get form for task (\\S+)"),
          (m, missing) -> "无法读取待办 " + m.group(1) + " 的表单: 待办可能已办理完毕或已撤销" + REFRESH),
      new Rule(Set.of("OptimisticLockingException"), Pattern.compile("(?:ENGINE-\\d+ )?Execution of '.*' failed\\. "
          + "Entity was updated by another transaction concurrently\\.?", Pattern.DOTALL),
          (m, missing) -> "待办或流程刚被另一操作同时修改, 您的操作未生效, 请刷新待办列表后重试"),
      new Rule(Set.of("ProcessEnginePersistenceException"), Pattern.compile(Pattern.quote(ExceptionUtil.PERSISTENCE_EXCEPTION_MESSAGE)),
          (m, missing) -> "保存数据时出错, 您的操作未生效; 请刷新待办列表后重试, 如仍不成功请联系系统管理员"),
      new Rule(Set.of("BadUserRequestException"), Pattern.compile("Max results limit of (\\d+) exceeded!?"),
          (m, missing) -> "查询结果一次最多 " + m.group(1) + " 条, 请缩小查询条件或分页查询"),
      new Rule(Set.of("BadUserRequestException"), Pattern.compile("An unbound number of results is forbidden!?"),
          (m, missing) -> "查询须分页 (指定 maxResults), 不能一次取回全部结果"),
      new Rule(Set.of("AuthorizationException"), Pattern.compile("The user with id '([^']*)' does not have .*", Pattern.DOTALL),
          (m, missing) -> notPermitted(m.group(1), missing)),
      new Rule(Set.of("AuthorizationException"), Pattern.compile("(?:ENGINE-\\d+ )?Required admin authenticated group or user.*",
          Pattern.DOTALL), (m, missing) -> "此操作须由管理员 (camunda-admin) 办理"),
      new Rule(Set.of("BadUserRequestException"), START_SKIPPING_AT_DEFAULT_START,
          (m, missing) -> "从默认开始事件发起流程时不能跳过监听器或输入输出映射 (skipCustomListeners、skipIoMappings); "
              + "须跳过时请用 startInstructions 指定从哪个节点发起"));

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

  /**
   * What the engine REST API puts before the engine's message when it wraps it (submitting a task's form, completing a
   * task, starting a process): the English prefix, and what it says in Chinese.
   */
  private record Wrapper(Pattern message, String chinese) {}

  private static final Set<String> WRAPPING_TYPES = Set.of("RestException", "InvalidRequestException");

  private static final List<Wrapper> WRAPPERS = List.of(
      new Wrapper(Pattern.compile("(Cannot submit task form \\S+): (.+)", Pattern.DOTALL), "无法提交待办表单"),
      new Wrapper(Pattern.compile("(Cannot complete task \\S+): (.+)", Pattern.DOTALL), "无法办理待办"),
      new Wrapper(Pattern.compile("(Cannot instantiate process definition \\S+): (.+)", Pattern.DOTALL), "无法发起流程"));

  /**
   * Any other English the engine REST API puts before the engine's message ({@code Cannot get task variable …: },
   * {@code Cannot modify variables for task …: }): moved into the English part when what it wraps is a refusal named
   * in {@link #RULES}, else left as the engine REST API gives it.
   */
  private static final Pattern OTHER_WRAPPER = Pattern.compile("(Cannot [^:]+): (.+)", Pattern.DOTALL);

  private EngineRefusals() {}

  /**
   * The Chinese for staff with the engine's message beside, or {@code null} when the refusal is none of those named
   * above or its message is in Chinese already (and not wrapped by the engine REST API).
   *
   * @param type the exception's simple name, as the engine REST API's {@code type}
   * @param missing an {@code AuthorizationException}'s missing permissions (empty for any other)
   */
  public static String staffText(String type, String message, List<Missing> missing) {
    if (type == null || message == null) {
      return null;
    }
    for (Wrapper wrapper : WRAPPERS) {
      Matcher wrapped = wrapper.message().matcher(message.strip());
      if (WRAPPING_TYPES.contains(type) && wrapped.matches()) {
        return unwrapped(wrapper, wrapped.group(1), wrapped.group(2), message);
      }
    }
    if (CHINESE.matcher(message).find()) {
      return null;
    }
    Matcher other = OTHER_WRAPPER.matcher(message.strip());
    if (WRAPPING_TYPES.contains(type) && other.matches()) {
      String wrapped = chinese(null, other.group(2), List.of());
      if (wrapped != null) {
        return StaffText.of(wrapped, message.strip());
      }
    }
    String chinese = chinese(type, message, missing);
    return chinese == null ? null : StaffText.of(chinese, message);
  }

  /** The Chinese of one of {@link #RULES} for the message, of an exception of {@code type} ({@code null}: any). */
  private static String chinese(String type, String message, List<Missing> missing) {
    for (Rule rule : RULES) {
      Matcher matcher = rule.message().matcher(message.strip());
      if ((type == null || rule.types().contains(type)) && matcher.matches()) {
        return rule.chinese().apply(matcher, missing);
      }
    }
    return null;
  }

  /**
   * A message the engine REST API wrapped ({@code prefix: inner}) as staff read it. The application's own refusal
   * (Chinese) is told as it is, with the prefix put into its English part ({@code 待办 … 已办理完毕, … (Cannot submit
   * task form …: task … is completed already)}); an engine refusal named in {@link #RULES}, whatever exception the
   * engine REST API reports, in its Chinese; any other in the Chinese of what failed ({@code 无法提交待办表单}). The
   * whole English stays beside it.
   */
  private static String unwrapped(Wrapper wrapper, String prefix, String inner, String message) {
    if (CHINESE.matcher(inner).find()) {
      return withEnglishPrefix(inner.strip(), prefix);
    }
    String chinese = chinese(null, inner, List.of());
    return StaffText.of(chinese != null ? chinese : wrapper.chinese(), message.strip());
  }

  /**
   * The Chinese refusal with {@code prefix} at the start of its English part (the bracket that ends it, with no Chinese
   * in it), or after it in a bracket of its own when it has none.
   */
  private static String withEnglishPrefix(String refusal, String prefix) {
    if (refusal.endsWith(")")) {
      int depth = 0;
      for (int i = refusal.length() - 1; i >= 0; i--) {
        char c = refusal.charAt(i);
        depth += c == ')' ? 1 : c == '(' ? -1 : 0;
        if (depth == 0) {
          String english = refusal.substring(i + 1, refusal.length() - 1);
          if (i > 0 && refusal.charAt(i - 1) == ' ' && !CHINESE.matcher(english).find()) {
            return StaffText.of(refusal.substring(0, i - 1), prefix + ": " + english);
          }
          break;
        }
      }
    }
    return StaffText.of(refusal, prefix);
  }

  private static String firstGroup(Matcher matcher) {
    for (int group = 1; group <= matcher.groupCount(); group++) {
      if (matcher.group(group) != null) {
        return matcher.group(group);
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
