package com.smeloanflow.identity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * A team lead sees and reassigns the team's tasks, and only those: whenever a group becomes a candidate of
 * a task, Camunda grants it "work the task" (its default authorization provider), and this grants the
 * lead group of the group's team READ and TASK_ASSIGN on that task too. Tasklist's filters and the engine
 * REST API then show a lead exactly their teams' tasks; reassignment goes only to members of the task's
 * candidate groups ({@code platform.TaskCandidateGuard}). The grants are the task's own and go with it.
 */
@Component
public class TeamTaskAuthorizations extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setResourceAuthorizationProvider(new Provider());
  }

  /** Camunda's default provider, plus the team lead's grant on each candidate group's task. */
  static final class Provider extends DefaultAuthorizationProvider {
    @Override
    public AuthorizationEntity[] newTaskGroupIdentityLink(Task task, String groupId, String identityLinkType) {
      AuthorizationEntity[] defaults = super.newTaskGroupIdentityLink(task, groupId, identityLinkType);
      Optional<String> team = IdentityLinkType.CANDIDATE.equals(identityLinkType) ? Teams.teamIdOfGroup(groupId) : Optional.empty();
      if (team.isEmpty()) {
        return defaults;
      }
      List<AuthorizationEntity> all = new ArrayList<>(defaults == null ? List.of() : Arrays.asList(defaults));
      all.add(createOrUpdateAuthorization(task, null, Teams.leadGroupOf(team.get()), Resources.TASK, false,
          Permissions.READ, TaskPermissions.TASK_ASSIGN));
      return all.toArray(AuthorizationEntity[]::new);
    }
  }
}
