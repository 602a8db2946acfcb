package com.smeloanflow.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.mapping.SqlCommandType;
import org.apache.ibatis.session.Configuration;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.junit.jupiter.api.Test;

/** Which of Camunda's statements {@link CandidateTaskQueryPlans} plans differently: a queue's page and count, nothing else. */
class CandidateTaskQueryPlansTest {

  private static final String TASKS = "org.camunda.bpm.engine.impl.persistence.entity.TaskEntity.";
  private static final MappedStatement PAGE = statement(TASKS + "selectTaskByQueryCriteria");
  private static final MappedStatement COUNT = statement(TASKS + "selectTaskCountByQueryCriteria");

  private static MappedStatement statement(String id) {
    return new MappedStatement.Builder(new Configuration(), id, parameter -> null, SqlCommandType.SELECT).build();
  }

  /** A task query as the engine runs it for a user who is not an administrator (authorization checks on). */
  private static TaskQueryImpl checked(TaskQueryImpl query) {
    query.getAuthCheck().setAuthorizationCheckEnabled(true);
    return query;
  }

  @Test
  void aQueuesPageAndCountWithAuthorizationChecks() {
    TaskQueryImpl queue = checked((TaskQueryImpl) new TaskQueryImpl().taskCandidateGroupIn(List.of("ZY001-acceptance")));
    assertThat(CandidateTaskQueryPlans.appliesTo(PAGE, queue)).isTrue();
    assertThat(CandidateTaskQueryPlans.appliesTo(COUNT, queue)).isTrue();
    assertThat(CandidateTaskQueryPlans.appliesTo(PAGE, checked(new TaskQueryImpl().taskCandidateGroup("ZY001-acceptance"))))
        .as("one candidate group").isTrue();
    assertThat(CandidateTaskQueryPlans.appliesTo(PAGE, checked(new TaskQueryImpl().taskCandidateUser("zy001-acceptor"))))
        .as("a candidate user: the user's groups' tasks").isTrue();
  }

  @Test
  void aQueueInAnOrPartOfTheQuery() {
    TaskQueryImpl mineOrMyGroups = new TaskQueryImpl();
    mineOrMyGroups.or().taskAssignee("zy001-acceptor").taskCandidateGroup("ZY001-acceptance").endOr();
    assertThat(CandidateTaskQueryPlans.appliesTo(PAGE, checked(mineOrMyGroups))).isTrue();
  }

  @Test
  void everyOtherQueryIsLeftAlone() {
    assertThat(CandidateTaskQueryPlans.appliesTo(PAGE, checked(new TaskQueryImpl().taskAssignee("zy001-acceptor"))))
        .as("my tasks: an index look-up by assignee").isFalse();
    assertThat(CandidateTaskQueryPlans.appliesTo(PAGE, checked((TaskQueryImpl) new TaskQueryImpl().orderByDueDate().asc())))
        .as("the leads' 团队任务: every task the lead may read, no candidate group").isFalse();
    assertThat(CandidateTaskQueryPlans.appliesTo(PAGE, checked((TaskQueryImpl) new TaskQueryImpl().dueBefore(new java.util.Date()))))
        .as("the leads' 已超期: past the due date, no candidate group").isFalse();
    assertThat(CandidateTaskQueryPlans.appliesTo(PAGE, new TaskQueryImpl().taskCandidateGroup("ZY001-acceptance")))
        .as("without authorization checks (an administrator, or authorizations off)").isFalse();
    assertThat(CandidateTaskQueryPlans.appliesTo(statement(TASKS + "selectTaskByNativeQuery"),
        checked(new TaskQueryImpl().taskCandidateGroup("ZY001-acceptance")))).as("another statement").isFalse();
    assertThat(CandidateTaskQueryPlans.appliesTo(PAGE, "not a task query")).isFalse();
  }
}
