package com.smeloanflow.platform;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Registers the {@link EveryUserTaskListener} beans on every user task of every deployed process (a BPMN
 * parse listener, like {@link TaskCandidateGuard}). The beans are looked up at the first event, not when
 * the engine is built: they may use the engine's own services.
 */
@Component
public class UserTaskListeners extends AbstractProcessEnginePlugin {

  private static final List<String> EVENTS = List.of(TaskListener.EVENTNAME_CREATE, TaskListener.EVENTNAME_ASSIGNMENT,
      TaskListener.EVENTNAME_UPDATE, TaskListener.EVENTNAME_COMPLETE, TaskListener.EVENTNAME_DELETE);

  private final ObjectProvider<EveryUserTaskListener> listeners;

  public UserTaskListeners(ObjectProvider<EveryUserTaskListener> listeners) {
    this.listeners = listeners;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    ParseListeners.addAfterEngine(configuration, new AbstractBpmnParseListener() {
      @Override
      public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
        TaskDefinition definition = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
        for (String event : EVENTS) {
          definition.addTaskListener(event, task -> dispatch(event, task));
        }
      }
    });
  }

  private void dispatch(String event, DelegateTask task) {
    listeners.orderedStream().filter(listener -> listener.events().contains(event)).forEach(listener -> listener.notify(task));
  }
}
