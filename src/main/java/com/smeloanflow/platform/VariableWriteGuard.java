package com.smeloanflow.platform;

import com.smeloanflow.process.ProcessDeclarations;
import com.smeloanflow.process.ProcessVariable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.springframework.stereotype.Component;

/**
 * Process variables belong to the process. The variables a process declares (its declaration class's
 * {@code Variables}) are written only by the application's own code through
 * {@link ProcessVariable#set}; a task completion, a start request, a message or a variable update by
 * anyone else — Tasklist, the engine REST API, the Java API — that creates, changes or deletes one is
 * refused with an {@link AuthorizationException} (403 over REST) and rolled back. So no user can steer a
 * gateway by setting, say, {@code approvalRoute}. Moving an instance to a new process version changes no value
 * and is allowed.
 *
 * <p>It watches the engine's variable history events (Camunda's documented history event handler
 * extension point), which the engine produces synchronously at every variable write from history
 * level {@code audit} up; the engine refuses to start at a lower level.
 */
@Component
public class VariableWriteGuard extends AbstractProcessEnginePlugin implements HistoryEventHandler {

  /**
   * A migration to a new process version (the process owners' rollout, Cockpit) moves every variable to the new
   * definition with this event, values unchanged: it writes nothing, so it is let through. Variables a migration
   * plan sets come as ordinary create and update events and stay refused.
   */
  private static final String MIGRATE = HistoryEventTypes.VARIABLE_INSTANCE_MIGRATE.getEventName();

  private final Map<String, Set<String>> ownedVariables = ProcessDeclarations.ownedVariables();

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<HistoryEventHandler> handlers = new ArrayList<>();
    if (configuration.getCustomHistoryEventHandlers() != null) {
      handlers.addAll(configuration.getCustomHistoryEventHandlers());
    }
    handlers.add(this);
    configuration.setCustomHistoryEventHandlers(handlers);
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    HistoryLevel level = configuration.getHistoryLevel();
    if (level != null && level.getId() < HistoryLevel.HISTORY_LEVEL_AUDIT.getId()) {
      throw new IllegalStateException("History level " + level.getName()
          + " produces no variable events: the process-variable guard needs 'audit' or 'full'");
    }
  }

  @Override
  public void handleEvent(HistoryEvent event) {
    if (!(event instanceof HistoricVariableUpdateEventEntity variable) || ProcessVariable.writingTrusted()
        || MIGRATE.equals(variable.getEventType())) {
      return;
    }
    Set<String> owned = ownedVariables.get(variable.getProcessDefinitionKey());
    if (owned != null && owned.contains(variable.getVariableName())) {
      throw new AuthorizationException("流程变量 " + variable.getVariableName() + " 由流程维护, 不能在任务、启动请求或变量接口中设置"
          + " (process variable '" + variable.getVariableName() + "' of " + variable.getProcessDefinitionKey()
          + " is written only by the process)");
    }
  }

  @Override
  public void handleEvents(List<HistoryEvent> events) {
    events.forEach(this::handleEvent);
  }
}
