package com.smeloanflow.platform;

import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/** The decision tables' FEEL is evaluated by {@link CachedFeelEngine} (same FEEL, parsed once, built-ins built once). */
@Component
public class CachedFeelEnginePlugin extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    DefaultDmnEngineConfiguration dmn = dmnEngineConfiguration(configuration);
    // The engine's own custom function providers (none today) are read when the DMN engine is built.
    dmn.setFeelEngineFactory(() -> new CachedFeelEngine(dmn.getFeelCustomFunctionProviders()));
  }

  /** The DMN engine configuration the process engine will build its DMN engine from, created if there is none yet. */
  public static DefaultDmnEngineConfiguration dmnEngineConfiguration(ProcessEngineConfigurationImpl configuration) {
    DefaultDmnEngineConfiguration dmn = configuration.getDmnEngineConfiguration();
    if (dmn == null) {
      dmn = (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
      configuration.setDmnEngineConfiguration(dmn);
    }
    return dmn;
  }
}
