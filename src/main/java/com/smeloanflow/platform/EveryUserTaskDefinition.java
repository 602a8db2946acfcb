package com.smeloanflow.platform;

import java.util.function.Consumer;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;

/** Changes the definition of every user task of every process the engine parses, without a line in the models. */
final class EveryUserTaskDefinition {

  private EveryUserTaskDefinition() {}

  /** Registers {@code change} as a BPMN parse listener run before the engine's own (a plugin's {@code preInit}). */
  static void change(ProcessEngineConfigurationImpl configuration, Consumer<TaskDefinition> change) {
    ParseListeners.addBeforeEngine(configuration, new AbstractBpmnParseListener() {
      @Override
      public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
        change.accept(((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition());
      }
    });
  }
}
