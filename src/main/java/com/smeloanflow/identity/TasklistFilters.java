package com.smeloanflow.identity;

import java.util.Map;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.query.Query;
import org.springframework.stereotype.Component;

/** The three Tasklist filters staff see: 我的待办, 我的组任务 and, for team leads, 全部任务. */
@Component
class TasklistFilters {

  /** Ids of the saved filters, to grant READ on. */
  record Ids(String myTasks, String groupTasks, String allTasks) {}

  private final FilterService filterService;
  private final TaskService taskService;

  TasklistFilters(FilterService filterService, TaskService taskService) {
    this.filterService = filterService;
    this.taskService = taskService;
  }

  /** Creates the filters that do not exist yet; idempotent. */
  Ids ensure() {
    return new Ids(
        ensure(IdentitySetup.FILTER_MY_TASKS, -10, "分配给我的任务",
            taskService.createTaskQuery().taskAssigneeExpression("${currentUser()}")),
        ensure(IdentitySetup.FILTER_GROUP_TASKS, -5, "我所在岗位可领取的任务",
            taskService.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}").includeAssignedTasks()),
        ensure(IdentitySetup.FILTER_ALL_TASKS, 0, "团队全部任务(主管)", taskService.createTaskQuery()));
  }

  private String ensure(String name, int priority, String description, Query<?, ?> query) {
    Filter filter = filterService.createFilterQuery().filterName(name).singleResult();
    if (filter == null) {
      filter = filterService.newTaskFilter(name);
      filter.setQuery(query);
      filter.setProperties(Map.of("priority", priority, "description", description, "refresh", true));
      filterService.saveFilter(filter);
    }
    return filter.getId();
  }
}
