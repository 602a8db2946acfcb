package com.smeloanflow.support;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.pvm.process.TransitionImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Records which sequence flows each process instance took, so a test can assert a gateway's
 * answer ({@code SequenceFlow_DocumentsCompleteYes}): Camunda's history keeps activities, not
 * flows, and camunda-bpm-assert's {@code hasPassed} sees only activities.
 *
 * <p>Test-only engine plugin, imported by {@link AbstractIntegrationTest}: a parse listener puts
 * a "take" listener on every sequence flow. Flows are recorded as the engine takes them, also in
 * a transaction that is rolled back afterwards (a failing job records its flows once per attempt).
 */
@TestConfiguration(proxyBeanMethods = false)
public class TakenSequenceFlows {

  private static final Map<String, List<String>> TAKEN = new ConcurrentHashMap<>();

  private static final ExecutionListener RECORDER = execution ->
      TAKEN.computeIfAbsent(execution.getProcessInstanceId(), id -> new CopyOnWriteArrayList<>())
          .add(execution.getCurrentTransitionId());

  /** The ids of the sequence flows the process instance took, in the order taken. */
  public static List<String> of(String processInstanceId) {
    return List.copyOf(TAKEN.getOrDefault(processInstanceId, List.of()));
  }

  @Bean
  ProcessEnginePlugin takenSequenceFlowsRecorder() {
    return new AbstractProcessEnginePlugin() {
      @Override
      public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getCustomPostBPMNParseListeners() == null) {
          configuration.setCustomPostBPMNParseListeners(new java.util.ArrayList<>());
        }
        List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners();
        listeners.add(new AbstractBpmnParseListener() {
          @Override
          public void parseSequenceFlow(Element sequenceFlowElement, ScopeImpl scope, TransitionImpl transition) {
            transition.addListener(ExecutionListener.EVENTNAME_TAKE, RECORDER);
          }
        });
      }
    };
  }
}
