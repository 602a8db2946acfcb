package com.smeloanflow.casefile;

import com.smeloanflow.platform.CachedFeelEnginePlugin;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionEvaluationListener;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Registers {@link DecisionTrace} with the engine's DMN engine, so the rule that fired is known for
 * every decision table evaluated. The engine adds its own history listeners to this configuration.
 */
@Component
public class DecisionTracePlugin extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    DefaultDmnEngineConfiguration dmn = CachedFeelEnginePlugin.dmnEngineConfiguration(configuration);
    List<DmnDecisionEvaluationListener> listeners = new ArrayList<>();
    if (dmn.getCustomPostDecisionEvaluationListeners() != null) {
      listeners.addAll(dmn.getCustomPostDecisionEvaluationListeners());
    }
    listeners.add(new DecisionTrace());
    dmn.setCustomPostDecisionEvaluationListeners(listeners);
  }
}
