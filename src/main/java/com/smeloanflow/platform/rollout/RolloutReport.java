package com.smeloanflow.platform.rollout;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a rollout did: the deployment, the new versions of the decisions, and per process the running
 * instances of each older version that moved to the new one and those that could not, with the reason.
 * {@code onlyBusinessKeys}: a trial limited to the instances with these business keys (empty: every running instance).
 */
public record RolloutReport(String deploymentId, boolean changed, List<String> decisions, List<ProcessMigration> processes,
    List<String> onlyBusinessKeys) {

  /** A running instance: its id and business key (application, loan, prospect or campaign id). */
  public record Instance(String id, String businessKey) {}

  /** An instance that stays on its version, and why. */
  public record NotMoved(String id, String businessKey, List<String> reasons) {}

  /** The instances of one older version. {@code planProblems}: why the generated plan itself is invalid. */
  public record FromVersion(int version, String definitionId, List<String> planProblems, List<Instance> moved, List<NotMoved> notMoved) {}

  /** A process's new version and what happened to the instances of the older ones. */
  public record ProcessMigration(String key, int version, String definitionId, List<FromVersion> from) {}

  /** Every instance that could not move. */
  public List<NotMoved> notMoved() {
    List<NotMoved> all = new ArrayList<>();
    processes.forEach(process -> process.from().forEach(version -> all.addAll(version.notMoved())));
    return all;
  }

  /** The report as staff read it (Markdown). */
  public String text() {
    StringBuilder text = new StringBuilder("# 流程模型发布报告\n\n");
    if (changed) {
      text.append("部署 ").append(deploymentId).append("\n\n");
    } else if (processes.isEmpty() && onlyBusinessKeys.isEmpty()) {
      return text.append("模型与服务器上的最新部署相同: 未部署新版本, 未迁移任何实例。\n").toString();
    } else {
      text.append("模型与服务器上的最新部署相同: 未部署新版本; 仍在旧版本上的运行中实例迁移到最新版本。\n\n");
    }
    if (!onlyBusinessKeys.isEmpty()) {
      text.append("试迁移: 只迁移业务键为 ").append(String.join(", ", onlyBusinessKeys))
          .append(" 的实例; 其余运行中的实例留在原版本, 本报告不列出。\n\n");
    }
    if (!decisions.isEmpty()) {
      text.append("## 决策表 (新决策即按新版本执行, 无需迁移)\n\n");
      decisions.forEach(decision -> text.append("- ").append(decision).append('\n'));
      text.append('\n');
    }
    for (ProcessMigration process : processes) {
      text.append("## 流程 ").append(process.key()).append(" → 版本 ").append(process.version()).append("\n\n");
      if (process.from().isEmpty()) {
        text.append("旧版本没有运行中的实例。\n\n");
      }
      for (FromVersion from : process.from()) {
        text.append("### 自版本 ").append(from.version()).append(": 迁移 ").append(from.moved().size()).append(" 个, 未迁移 ")
            .append(from.notMoved().size()).append(" 个\n\n");
        from.planProblems().forEach(problem -> text.append("- 迁移计划无效: ").append(problem).append('\n'));
        from.moved().forEach(i -> text.append("- 已迁移 ").append(i.id()).append(" (").append(i.businessKey()).append(")\n"));
        from.notMoved().forEach(i -> text.append("- 未迁移 ").append(i.id()).append(" (").append(i.businessKey()).append("): ")
            .append(String.join("; ", i.reasons())).append('\n'));
        text.append('\n');
      }
    }
    List<String> unmatched = unmatchedBusinessKeys();
    if (!unmatched.isEmpty()) {
      text.append("以下业务键在所发布流程的旧版本中没有运行中的实例 (请核对是否写错): ").append(String.join(", ", unmatched)).append('\n');
    }
    return text.toString();
  }

  /** The trial's business keys that no running instance of an older version of a process of the rollout had (a typo, or ended). */
  public List<String> unmatchedBusinessKeys() {
    Set<String> found = new HashSet<>();
    processes.forEach(process -> process.from().forEach(version -> {
      version.moved().forEach(instance -> found.add(instance.businessKey()));
      version.notMoved().forEach(instance -> found.add(instance.businessKey()));
    }));
    return onlyBusinessKeys.stream().filter(key -> !found.contains(key)).toList();
  }
}
