package com.smeloanflow.platform;

import java.lang.reflect.Field;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.form.CamundaFormRef;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.GetCamundaFormDefinitionCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.form.handler.DefaultFormHandler;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInvocationContext;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.repository.CamundaFormDefinition;
import org.springframework.stereotype.Component;
import org.springframework.util.ReflectionUtils;

/**
 * Every task form's length limits hold on the server, whatever the client: when a person completes a user task of any
 * process (complete or submit-form; Tasklist, the engine REST API, the Java API), each variable the completion submits
 * that is a text field of the task's Camunda Form ({@code camunda:formRef}) with a {@code validate.maxLength} or
 * {@code minLength} must keep it, counted as Tasklist's browser counts ({@link FormFieldLengths}). A longer value is
 * refused with an {@link InvalidTaskInputException} naming the field's label and the limit (400 over REST, see
 * {@link ListenerRefusalPlugin}), e.g. {@code 需补充的问题最多 500 字, 填写了 501 字 (returnQuestion has 501 of at most 500 characters)}; the command is rolled
 * back, so nothing is stored and the task stays open. Without it only the browser checked the limits, and a client of the
 * engine REST API could store a longer text than the form allows, or fail on a column with a database error (500).
 *
 * <p>A built-in complete listener on every user task (runs before the model's own listeners, and when custom listeners
 * are skipped). Only what the completion submits is checked (the variables of its command), not what the process holds
 * already. A completion by the application itself (no authenticated user) is not checked, as in {@link ClaimedTaskGuard}.
 * A form field the form hides is checked when it is submitted all the same (Tasklist does not submit it).
 *
 * <p>Each form is read and parsed once: its limits are kept by form definition id (a deployed form never changes), and
 * for the binding {@code deployment} (the bank's) by deployment and key, so a completion reads nothing from the database
 * for it.
 */
@Component
public class FormLengthGuard extends AbstractProcessEnginePlugin implements TaskListener {

  private final Map<String, FormFieldLengths> byDefinitionId = new ConcurrentHashMap<>();
  private final Map<String, FormFieldLengths> byDeploymentAndKey = new ConcurrentHashMap<>();

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    EveryUserTaskDefinition.change(configuration, task -> task.addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, this));
  }

  @Override
  public void notify(DelegateTask task) {
    Authentication authentication = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    CommandInvocationContext invocation = Context.getCommandInvocationContext();
    if (authentication == null || authentication.getUserId() == null || invocation == null
        || !(task instanceof TaskEntity entity)) {
      return;
    }
    Set<String> submitted = submittedVariables(invocation.getCommand(), task.getId());
    if (submitted.isEmpty()) {
      return;
    }
    FormFieldLengths form = formOf(entity, Context.getCommandContext());
    if (form == null) {
      return;
    }
    form.violations(submitted, task::getVariable).ifPresent(violations -> {
      throw new InvalidTaskInputException(violations);
    });
  }

  /**
   * The names of the variables {@code command} submits to complete task {@code taskId}: those of a complete or a
   * submit-form. The engine's commands keep them in a field and offer no getter; {@code FormFieldLengthsTest} pins the
   * fields.
   */
  static Set<String> submittedVariables(Command<?> command, String taskId) {
    String field = command instanceof CompleteTaskCmd ? "variables" : command instanceof SubmitTaskFormCmd ? "properties" : null;
    if (field == null || !taskId.equals(ListenerRefusalPlugin.taskIdOf(command))) {
      return Set.of();
    }
    Field variables = ReflectionUtils.findField(command.getClass(), field);
    if (variables == null) {
      return Set.of();
    }
    ReflectionUtils.makeAccessible(variables);
    return ReflectionUtils.getField(variables, command) instanceof Map<?, ?> values
        ? values.keySet().stream().map(String::valueOf).collect(Collectors.toSet()) : Set.of();
  }

  /** The limits of the task's Camunda Form, or {@code null} when it has none. */
  private FormFieldLengths formOf(TaskEntity task, CommandContext context) {
    task.initializeFormKey();
    CamundaFormRef ref = task.getCamundaFormRef();
    if (ref == null || task.getProcessDefinition() == null) {
      return null;
    }
    String deploymentId = task.getProcessDefinition().getDeploymentId();
    if (DefaultFormHandler.FORM_REF_BINDING_DEPLOYMENT.equals(ref.getBinding())) {
      FormFieldLengths known = byDeploymentAndKey.get(deploymentId + '\n' + ref.getKey());
      if (known != null) {
        return known;
      }
    }
    CamundaFormDefinition definition = context.runWithoutAuthorization(
        () -> new GetCamundaFormDefinitionCmd(ref, deploymentId).execute(context));
    if (definition == null) {
      return null;
    }
    FormFieldLengths form = byDefinitionId.computeIfAbsent(definition.getId(), id -> {
      ResourceEntity resource = context.getResourceManager()
          .findResourceByDeploymentIdAndResourceName(definition.getDeploymentId(), definition.getResourceName());
      return FormFieldLengths.parse(resource.getBytes());
    });
    if (DefaultFormHandler.FORM_REF_BINDING_DEPLOYMENT.equals(ref.getBinding())) {
      byDeploymentAndKey.put(deploymentId + '\n' + ref.getKey(), form);
    }
    return form;
  }
}
