package com.smeloanflow.platform;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;

/**
 * A refusal thrown by a listener reaches the caller as that refusal, and the engine's log treats it as a
 * user's error, not as a failure.
 *
 * <ul>
 *   <li>The separation of duties ({@link AuthorizationException}) reaches the caller unwrapped. The engine
 *       wraps every exception of a task listener in a {@link ProcessEngineException} ("ENGINE-03051 There
 *       was an exception while invoking the TaskListener"), which the engine REST API and Tasklist answer
 *       with 500; unwrapped, they answer 403 with the refusal's message.
 *   <li>Bad input in a form ({@link InvalidTaskInputException} of a task listener,
 *       {@link InvalidFieldsException} of a start-event listener) becomes a form validation error, which
 *       the engine REST API answers 400 (as for Tasklist's own field validation) with the message staff can
 *       act on.
 *   <li>The engine logs whatever a command fails with when it closes the command context: at ERROR with a
 *       stack trace ("ENGINE-16004 Exception while closing command context"), except its own users' errors
 *       ({@link AuthorizationException}, {@link BadUserRequestException}), which it logs at DEBUG. So a
 *       second interceptor, inside the command context, hands the engine the refusal itself (bad input as a
 *       {@link RefusedInput}) before it closes: a typo in a task form or a refused self-approval no longer
 *       writes an ERROR that an operator's alert would fire on.
 * </ul>
 *
 * Neither interceptor changes a command's outcome: it is rolled back either way.
 */
@Component
public class ListenerRefusalPlugin extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setCustomPreCommandInterceptorsTxRequired(
        appended(configuration.getCustomPreCommandInterceptorsTxRequired(), new RethrowRefusal(true)));
    configuration.setCustomPostCommandInterceptorsTxRequired(
        appended(configuration.getCustomPostCommandInterceptorsTxRequired(), new RethrowRefusal(false)));
  }

  private static List<CommandInterceptor> appended(List<CommandInterceptor> configured, CommandInterceptor added) {
    List<CommandInterceptor> interceptors = new ArrayList<>();
    if (configured != null) {
      interceptors.addAll(configured);
    }
    interceptors.add(added);
    return interceptors;
  }

  /**
   * Rethrows the refusal a command failed with, if any, as the refusal itself. Inside the command context
   * the engine then closes it with the refusal, not with the wrapper; outside it, bad input becomes the form
   * validation error the engine REST API answers 400.
   */
  static final class RethrowRefusal extends CommandInterceptor {
    private final boolean forCaller;

    RethrowRefusal(boolean forCaller) {
      this.forCaller = forCaller;
    }

    @Override
    public <T> T execute(Command<T> command) {
      try {
        return next.execute(command);
      } catch (RuntimeException e) {
        RuntimeException refusal = refusalIn(e);
        if (refusal == null) {
          throw e;
        }
        if (forCaller && refusal instanceof RefusedInput refused) {
          throw new FormFieldValidationException(refused.getMessage(), refused.getMessage(), refused.getCause());
        }
        throw refusal;
      }
    }
  }

  /**
   * Bad input that a listener refused, as the engine classes it: a user's error. Never leaves the engine:
   * callers get a {@link FormFieldValidationException} with the same message and cause.
   */
  static final class RefusedInput extends BadUserRequestException {
    RefusedInput(RuntimeException input) {
      super(input.getMessage(), input);
    }
  }

  /**
   * The refusal {@code e} is or carries, if any: a separation-of-duties {@link AuthorizationException}, or
   * bad input as a {@link RefusedInput}; {@code null} for anything else (which the engine reports as it
   * always does).
   */
  static RuntimeException refusalIn(RuntimeException e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof AuthorizationException || cause instanceof RefusedInput) {
        return (RuntimeException) cause;
      }
      if (cause instanceof InvalidTaskInputException || cause instanceof InvalidFieldsException) {
        return new RefusedInput((RuntimeException) cause);
      }
    }
    return null;
  }
}
