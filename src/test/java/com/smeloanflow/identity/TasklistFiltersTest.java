package com.smeloanflow.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import com.smeloanflow.support.AbstractIntegrationTest;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The Tasklist filters as saved at start: which of them an open Tasklist reloads every 10 seconds
 * ({@code refresh}, {@code smeloan.tasklist.auto-refresh-filters}): a user's own tasks, not the queues.
 */
class TasklistFiltersTest extends AbstractIntegrationTest {

  @Autowired FilterService filterService;
  @Autowired TaskService taskService;

  private Filter saved(String name) {
    return filterService.createFilterQuery().filterName(name).singleResult();
  }

  @Test
  void onlyAUsersOwnTasksReloadThemselvesTheQueuesReloadWhenOpened() {
    assertThat(saved(IdentitySetup.FILTER_MY_TASKS).getProperties()).containsEntry("refresh", true);
    for (String queue : new String[] {IdentitySetup.FILTER_GROUP_TASKS, IdentitySetup.FILTER_TEAM_TASKS,
        IdentitySetup.FILTER_OVERDUE, IdentitySetup.FILTER_ESCALATED}) {
      assertThat(saved(queue).getProperties()).as(queue).containsEntry("refresh", false);
    }
  }

  @Test
  void theSettingNamesTheFiltersThatReloadAndIsAppliedAgainAtTheNextStart() {
    try {
      new TasklistFilters(filterService, taskService, Set.of(IdentitySetup.FILTER_GROUP_TASKS, " ")).ensure();

      assertThat(saved(IdentitySetup.FILTER_GROUP_TASKS).getProperties()).containsEntry("refresh", true);
      assertThat(saved(IdentitySetup.FILTER_MY_TASKS).getProperties()).containsEntry("refresh", false);
      assertThat(saved(IdentitySetup.FILTER_GROUP_TASKS).getProperties().get("variables")).as("columns kept").isNotNull();
    } finally {
      new TasklistFilters(filterService, taskService, Set.of(IdentitySetup.FILTER_MY_TASKS)).ensure();
    }
    assertThat(saved(IdentitySetup.FILTER_GROUP_TASKS).getProperties()).containsEntry("refresh", false);
  }

  @Test
  void aStartFindingTheFiltersAsTheyShouldBeSavesNoneAndOneThatDiffersIsSavedAgain() {
    FilterService counted = spy(filterService);
    new TasklistFilters(counted, taskService, Set.of(IdentitySetup.FILTER_MY_TASKS)).ensure();
    verify(counted, never()).saveFilter(any());

    Filter changed = saved(IdentitySetup.FILTER_OVERDUE);
    changed.setProperties(Map.of("priority", 5, "description", "旧版说明"));
    filterService.saveFilter(changed);
    new TasklistFilters(counted, taskService, Set.of(IdentitySetup.FILTER_MY_TASKS)).ensure();

    verify(counted, times(1)).saveFilter(any());
    assertThat(saved(IdentitySetup.FILTER_OVERDUE).getProperties()).containsEntry("description", "已超过办理期限的任务")
        .containsKey("variables");
  }

  @Test
  void anUnknownFilterNameStopsTheStartNamingItAndTheFiltersThereAre() {
    assertThatThrownBy(() -> new TasklistFilters(filterService, taskService, Set.of("我的任务")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("auto-refresh-filters names no such filter: [我的任务]")
        .hasMessageContaining(IdentitySetup.FILTER_GROUP_TASKS);
  }
}
