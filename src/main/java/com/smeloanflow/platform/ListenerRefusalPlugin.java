package com.smeloanflow.platform;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;

/**
 * A refusal thrown by a task listener (the separation of duties: an {@link AuthorizationException})
 * reaches the caller as that refusal. The engine wraps every exception of a task listener in a
 * {@link ProcessEngineException} ("ENGINE-03051 There was an exception while invoking the
 * TaskListener"), which the engine REST API and Tasklist answer with 500; unwrapped, they answer 403
 * with the refusal's message. Runs outside the transaction: the command is rolled back either way.
 */
@Component
public class ListenerRefusalPlugin extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<CommandInterceptor> interceptors = new ArrayList<>();
    if (configuration.getCustomPreCommandInterceptorsTxRequired() != null) {
      interceptors.addAll(configuration.getCustomPreCommandInterceptorsTxRequired());
    }
    interceptors.add(new UnwrapRefusal());
    configuration.setCustomPreCommandInterceptorsTxRequired(interceptors);
  }

  static final class UnwrapRefusal extends CommandInterceptor {
    @Override
    public <T> T execute(Command<T> command) {
      try {
        return next.execute(command);
      } catch (ProcessEngineException e) {
        AuthorizationException refusal = refusalIn(e);
        throw refusal != null ? refusal : e;
      }
    }
  }

  /** The AuthorizationException a wrapped exception carries, if any. */
  static AuthorizationException refusalIn(ProcessEngineException e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof AuthorizationException refusal) {
        return refusal;
      }
    }
    return null;
  }
}
