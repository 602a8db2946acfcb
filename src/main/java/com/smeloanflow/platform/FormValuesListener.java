package com.smeloanflow.platform;

import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * Task listener (create) that sets a form's read-only texts as task-local values, so that the task's form alone shows
 * them: the texts are what a stage's service answers for the process's business key (the application, the loan).
 * One bean per use, declared in its stage's configuration under the name the model's
 * {@code camunda:delegateExpression} uses; each bean's Javadoc says which task and which texts.
 */
public final class FormValuesListener implements TaskListener {

  private final BiFunction<String, VariableScope, ? extends Map<String, ?>> values;

  private FormValuesListener(BiFunction<String, VariableScope, ? extends Map<String, ?>> values) {
    this.values = values;
  }

  /** The texts as a function of the business key. */
  public static FormValuesListener byBusinessKey(Function<String, ? extends Map<String, ?>> values) {
    return new FormValuesListener((businessKey, task) -> values.apply(businessKey));
  }

  /** The texts as a function of the business key and a variable the task sees (a committee's size, say). */
  public static FormValuesListener byBusinessKeyAndTask(BiFunction<String, VariableScope, ? extends Map<String, ?>> values) {
    return new FormValuesListener(values);
  }

  @Override
  public void notify(DelegateTask task) {
    task.setVariablesLocal(values.apply(task.getExecution().getProcessBusinessKey(), task));
  }
}
