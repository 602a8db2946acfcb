package com.smeloanflow.platform;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;

/**
 * A refusal thrown by a task listener (the separation of duties: an {@link AuthorizationException})
 * reaches the caller as that refusal. The engine wraps every exception of a task listener in a
 * {@link ProcessEngineException} ("ENGINE-03051 There was an exception while invoking the
 * TaskListener"), which the engine REST API and Tasklist answer with 500; unwrapped, they answer 403
 * with the refusal's message. Bad input in a task form ({@link InvalidTaskInputException}) likewise
 * becomes a form validation error, which the engine REST API answers 400 (as for Tasklist's own
 * field validation) with the message staff can act on. Runs outside
 * the transaction: the command is rolled back either way.
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
        if (refusal != null) {
          throw refusal;
        }
        InvalidTaskInputException invalid = invalidInputIn(e);
        throw invalid != null ? new FormFieldValidationException(invalid.getMessage(), invalid.getMessage(), invalid) : e;
      } catch (InvalidFieldsException e) {
        // a start-event listener's refusal reaches here unwrapped (the engine wraps only task listeners)
        throw new FormFieldValidationException(e.getMessage(), e.getMessage(), e);
      }
    }
  }

  /** The bad task input a wrapped exception carries, if any (answered 400, not 500). */
  static InvalidTaskInputException invalidInputIn(ProcessEngineException e) {
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof InvalidTaskInputException invalid) {
        return invalid;
      }
      if (cause instanceof InvalidFieldsException invalid) {
        return new InvalidTaskInputException(invalid.getMessage());
      }
    }
    return null;
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
