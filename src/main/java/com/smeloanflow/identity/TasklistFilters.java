package com.smeloanflow.identity;

import com.smeloanflow.platform.sla.SlaState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.persistence.entity.FilterEntity;
import org.camunda.bpm.engine.query.Query;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The Tasklist filters, per role. Staff: 我的待办 (assigned to me) and 我的组任务 (my posts' tasks), by due
 * date. Team leads besides: 团队任务 (every task of their teams: Camunda shows a lead only those), 已超期
 * (past the due date) and 已升级 (escalated by the SLA). Every filter shows the business columns in the list:
 * the task-local values the case summaries set (enterprise, amount, product, branch; for a loan the
 * borrower and principal; for a prospect the estimated limit) and the SLA state. Variables named in a
 * filter but absent from a task are not shown.
 *
 * <p>Tasklist reloads the open filter's list every 10 seconds while the filter has {@code refresh} (its
 * "auto refresh"): one page and its count per open Tasklist. Only the filters named in
 * {@code smeloan.tasklist.auto-refresh-filters} have it (by default 我的待办, a user's own tasks, an index look-up);
 * the queues (我的组任务, 团队任务, 已超期, 已升级) are reloaded when the user opens or clicks them or completes a
 * task: with a large backlog each of their reloads checks thousands of tasks against the authorizations
 * (docs/performance.md, "What an open Tasklist costs").
 */
@Component
class TasklistFilters {

  /** Ids of the saved filters, to grant READ on. */
  record Ids(String myTasks, String groupTasks, String teamTasks, String overdue, String escalated) {
    List<String> forStaff() {
      return List.of(myTasks, groupTasks);
    }

    List<String> forLeads() {
      return List.of(myTasks, groupTasks, teamTasks, overdue, escalated);
    }
  }

  /** The filter of the first version (every task for the team-leads group), replaced by 团队任务. */
  static final String RETIRED_ALL_TASKS = "全部任务";

  /** Business columns of the task list: task-local variable → label. */
  static final Map<String, String> COLUMNS = columns();

  private static Map<String, String> columns() {
    Map<String, String> columns = new LinkedHashMap<>();
    columns.put("enterpriseName", "企业");
    columns.put("borrowerName", "借款人");
    columns.put("requestedAmount", "申请金额(元)");
    columns.put("principal", "贷款本金(元)");
    columns.put("estimatedLimit", "预估额度(元)");
    columns.put("productName", "产品");
    columns.put("branchName", "网点");
    columns.put(SlaState.VARIABLE, "时效");
    return columns;
  }

  /** Every filter this class keeps, by name. */
  static final Set<String> NAMES = Set.of(IdentitySetup.FILTER_MY_TASKS, IdentitySetup.FILTER_GROUP_TASKS,
      IdentitySetup.FILTER_TEAM_TASKS, IdentitySetup.FILTER_OVERDUE, IdentitySetup.FILTER_ESCALATED);

  private final FilterService filterService;
  private final TaskService taskService;
  private final Set<String> autoRefreshed;

  TasklistFilters(FilterService filterService, TaskService taskService,
      @Value("${smeloan.tasklist.auto-refresh-filters:" + IdentitySetup.FILTER_MY_TASKS + "}") Set<String> autoRefreshed) {
    this.filterService = filterService;
    this.taskService = taskService;
    this.autoRefreshed = autoRefreshed.stream().map(String::trim).filter(name -> !name.isEmpty())
        .collect(Collectors.toUnmodifiableSet());
    Set<String> unknown = new TreeSet<>(this.autoRefreshed);
    unknown.removeAll(NAMES);
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("smeloan.tasklist.auto-refresh-filters names no such filter: " + unknown
          + "; the filters are " + new TreeSet<>(NAMES));
    }
  }

  /** Creates the filters, or brings existing ones to the current query and columns; idempotent. */
  Ids ensure() {
    Filter retired = filterService.createFilterQuery().filterName(RETIRED_ALL_TASKS).singleResult();
    if (retired != null) {
      filterService.deleteFilter(retired.getId());
    }
    return new Ids(
        ensure(IdentitySetup.FILTER_MY_TASKS, -10, "分配给我的任务, 按办理期限排序",
            byDueDate(taskService.createTaskQuery().taskAssigneeExpression("${currentUser()}"))),
        ensure(IdentitySetup.FILTER_GROUP_TASKS, -5, "我所在岗位可领取的任务, 按办理期限排序",
            byDueDate(taskService.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}").includeAssignedTasks())),
        ensure(IdentitySetup.FILTER_TEAM_TASKS, 0, "我带领的团队的全部任务(团队主管), 按办理期限排序",
            byDueDate(taskService.createTaskQuery())),
        ensure(IdentitySetup.FILTER_OVERDUE, 5, "已超过办理期限的任务",
            byDueDate(taskService.createTaskQuery().dueBeforeExpression("${now()}"))),
        ensure(IdentitySetup.FILTER_ESCALATED, 10, "超期已升级至团队主管的任务, 优先级高者在前",
            taskService.createTaskQuery().taskVariableValueEquals(SlaState.VARIABLE, SlaState.ESCALATED.label())
                .orderByTaskPriority().desc().orderByDueDate().asc()));
  }

  private static TaskQuery byDueDate(TaskQuery query) {
    return query.orderByDueDate().asc();
  }

  /** Saves the filter unless it is saved as wanted already (a restart writes none). */
  private String ensure(String name, int priority, String description, Query<?, ?> query) {
    Filter wanted = filterService.newTaskFilter(name);
    wanted.setQuery(query);
    wanted.setProperties(properties(priority, description, autoRefreshed.contains(name)));
    Filter filter = filterService.createFilterQuery().filterName(name).singleResult();
    if (filter == null) {
      filter = wanted;
    } else if (savedAs(filter, wanted)) {
      return filter.getId();
    } else {
      filter.setQuery(query);
      filter.setProperties(wanted.getProperties());
    }
    filterService.saveFilter(filter);
    return filter.getId();
  }

  /** Whether the saved filter has the wanted query (compared as the JSON the engine stores) and properties. */
  private static boolean savedAs(Filter saved, Filter wanted) {
    return ((FilterEntity) saved).getQueryInternal().equals(((FilterEntity) wanted).getQueryInternal())
        && saved.getProperties().equals(wanted.getProperties());
  }

  private static Map<String, Object> properties(int priority, String description, boolean refresh) {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("priority", priority);
    properties.put("description", description);
    properties.put("refresh", refresh);
    properties.put("showUndefinedVariable", false);
    properties.put("variables", COLUMNS.entrySet().stream()
        .map(column -> Map.of("name", column.getKey(), "label", column.getValue())).toList());
    return properties;
  }
}
