package com.smeloanflow.identity;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.springframework.stereotype.Component;

/**
 * The logged-in user's groups go into Camunda's authorization checks as they are. Camunda's own
 * authorization manager first keeps only the groups that occur in some authorization
 * ({@code SELECT DISTINCT GROUP_ID_ FROM ACT_RU_AUTHORIZATION}, once per command). With one authorization
 * per open task and candidate group that is a scan of every open task's grant in every authorized request
 * (73.6 ms with 100,000 open tasks on PostgreSQL, docs/performance.md, "Tasklist at 100,000 open tasks").
 *
 * <p>Leaving that filter out changes no answer: every check compares {@code GROUP_ID_} with the group list,
 * so a group that occurs in no authorization matches no row with or without it; grants, revokes
 * ({@code authorization-check-revokes}) and the global grant are decided by the same rows.
 * {@code AuthorizationGroupIdsTest} compares both managers on grants, revokes and task queries.
 */
@Component
public class AuthorizationGroupIds extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<SessionFactory> factories = configuration.getCustomSessionFactories() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomSessionFactories());
    factories.add(new Factory());
    configuration.setCustomSessionFactories(factories);
  }

  /** Opens {@link Manager} wherever the engine asks for its authorization manager. */
  static final class Factory implements SessionFactory {
    @Override
    public Class<?> getSessionType() {
      return AuthorizationManager.class;
    }

    @Override
    public Session openSession() {
      return new Manager();
    }
  }

  /** Camunda's authorization manager without the scan for groups that occur in some authorization. */
  static final class Manager extends AuthorizationManager {
    @Override
    public List<String> filterAuthenticatedGroupIds(List<String> authenticatedGroupIds) {
      if (authenticatedGroupIds == null || authenticatedGroupIds.isEmpty()) {
        return List.of();
      }
      return new ArrayList<>(new LinkedHashSet<>(authenticatedGroupIds));
    }
  }
}
