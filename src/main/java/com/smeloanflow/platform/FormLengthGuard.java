package com.smeloanflow.platform;

import java.lang.reflect.Field;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ProcessEngineServices;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.form.CamundaFormRef;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
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
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.repository.CamundaFormDefinition;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.stereotype.Component;
import org.springframework.util.ReflectionUtils;

/**
 * Every form's length limits hold on the server, whatever the client: when a person completes a user task of any
 * process (complete or submit-form; Tasklist, the engine REST API, the Java API) or starts a process with a start form
 * (submit-form or start), each variable the completion or the start submits that is a text field of the task's or the
 * start event's Camunda Form ({@code camunda:formRef}) with a {@code validate.maxLength} or {@code minLength} must keep
 * it, counted as Tasklist's browser counts ({@link FormFieldLengths}). And every text submitted, in a form field or not,
 * with or without a form, must fit where the engine stores it ({@link FormFieldLengths#STORED_TEXT_LENGTH}, counted in
 * full). A longer value is refused with an {@link InvalidTaskInputException} naming the field's label and the limit
 * (400 over REST, see {@link ListenerRefusalPlugin}), e.g. {@code 需补充的问题最多 500 字, 填写了 501 字 (returnQuestion has
 * 501 of at most 500 characters)}; the command is rolled back, so nothing is stored, the task stays open, no instance is
 * started. Without it only the browser checked the limits, and a client of the engine REST API could store a longer
 * text than the form allows, or fail on a column with a database error (500).
 *
 * <p>A built-in complete listener on every user task (runs before the model's own listeners, and when custom listeners
 * are skipped), and a built-in start listener on every start event of a process, put before the model's own (the counter
 * intake's reads the form's fields and removes them). Only what the completion submits is checked (the variables of its
 * command), not what the process holds already; at a start, every variable the new instance holds when its start event
 * begins, which are what the start submitted. The form of a start is the process's start form, that of its none start
 * event (as Tasklist shows it); a start at another start event (a message's) is checked against
 * {@link FormFieldLengths#STORED_TEXT_LENGTH} only. A completion or a start by the application itself (no
 * authenticated user) is not checked, as in {@link ClaimedTaskGuard}. A form field the form hides is checked when it is
 * submitted all the same (Tasklist does not submit it).
 *
 * <p>Each form is read and parsed once: its limits are kept by form definition id (a deployed form never changes), and
 * for the binding {@code deployment} (the bank's) by deployment and key, so a completion or a start reads nothing from
 * the database for it; a start form's reference is kept by process definition id, so a start does not build the start
 * form's data for it either.
 */
@Component
public class FormLengthGuard extends AbstractProcessEnginePlugin implements TaskListener {

  private final Map<String, FormFieldLengths> byDefinitionId = new ConcurrentHashMap<>();
  private final Map<String, FormFieldLengths> byDeploymentAndKey = new ConcurrentHashMap<>();
  /** The start form's reference by process definition id: a deployed model's start form never changes. */
  private final Map<String, Optional<CamundaFormRef>> startFormRefs = new ConcurrentHashMap<>();
  private final ExecutionListener startListener = this::notifyStart;

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    EveryUserTaskDefinition.change(configuration, task -> task.addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, this));
    ParseListeners.addBeforeEngine(configuration, new AbstractBpmnParseListener() {
      @Override
      public void parseStartEvent(Element startEventElement, ScopeImpl scope, ActivityImpl startEvent) {
        if (scope instanceof ProcessDefinitionEntity) {
          // First: the engine parses the model's own listeners before it calls parse listeners.
          startEvent.addBuiltInListener(ExecutionListener.EVENTNAME_START, startListener, 0);
        }
      }
    });
  }

  @Override
  public void notify(DelegateTask task) {
    CommandInvocationContext invocation = Context.getCommandInvocationContext();
    if (!byPerson(task.getProcessEngineServices()) || invocation == null || !(task instanceof TaskEntity entity)) {
      return;
    }
    Set<String> submitted = submittedVariables(invocation.getCommand(), task.getId());
    if (!submitted.isEmpty()) {
      check(submitted, formOf(entity, Context.getCommandContext()), task);
    }
  }

  /** At the start event of a new process instance: what the start submitted, against the process's start form. */
  private void notifyStart(DelegateExecution execution) {
    if (!byPerson(execution.getProcessEngineServices()) || !(execution instanceof ExecutionEntity entity)
        || entity.getProcessDefinition() == null) {
      return;
    }
    Set<String> submitted = execution.getVariableNames();
    if (!submitted.isEmpty()) {
      check(submitted, startFormOf(entity.getProcessDefinition(), execution.getCurrentActivityId(), Context.getCommandContext()),
          execution);
    }
  }

  private static boolean byPerson(ProcessEngineServices engine) {
    Authentication authentication = engine.getIdentityService().getCurrentAuthentication();
    return authentication != null && authentication.getUserId() != null;
  }

  private static void check(Set<String> submitted, FormFieldLengths form, VariableScope scope) {
    form.violations(submitted, name -> submittedValue(scope, name)).ifPresent(violations -> {
      throw new InvalidTaskInputException(violations);
    });
  }

  /**
   * The value of a submitted variable as a form's text field would hold it; {@code null} for a serialized value (JSON,
   * an object), which is no text and which the engine stores as bytes, not in the text column.
   */
  private static Object submittedValue(VariableScope scope, String name) {
    TypedValue value = scope.getVariableTyped(name, false);
    return value == null || value instanceof SerializableValue ? null : value.getValue();
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

  /** The limits of the task's Camunda Form, {@link FormFieldLengths#NONE} when it has none. */
  private FormFieldLengths formOf(TaskEntity task, CommandContext context) {
    task.initializeFormKey();
    return task.getProcessDefinition() == null ? FormFieldLengths.NONE
        : formOf(task.getCamundaFormRef(), task.getProcessDefinition().getDeploymentId(), context);
  }

  /**
   * The limits of the process's Camunda start form when the instance starts at the start event that has it (the
   * engine's start form is that of the process's none start event), {@link FormFieldLengths#NONE} otherwise.
   */
  private FormFieldLengths startFormOf(ProcessDefinitionEntity process, String startEventId, CommandContext context) {
    if (process.getInitial() == null || !process.getInitial().getId().equals(startEventId) || process.getStartFormHandler() == null) {
      return FormFieldLengths.NONE;
    }
    CamundaFormRef ref = startFormRefs.computeIfAbsent(process.getId(),
        id -> Optional.ofNullable(process.getStartFormHandler().createStartFormData(process).getCamundaFormRef()))
        .orElse(null);
    return formOf(ref, process.getDeploymentId(), context);
  }

  /** The limits of the Camunda Form {@code ref} of a model of deployment {@code deploymentId}. */
  private FormFieldLengths formOf(CamundaFormRef ref, String deploymentId, CommandContext context) {
    if (ref == null) {
      return FormFieldLengths.NONE;
    }
    if (DefaultFormHandler.FORM_REF_BINDING_DEPLOYMENT.equals(ref.getBinding())) {
      FormFieldLengths known = byDeploymentAndKey.get(deploymentId + '\n' + ref.getKey());
      if (known != null) {
        return known;
      }
    }
    CamundaFormDefinition definition = context.runWithoutAuthorization(
        () -> new GetCamundaFormDefinitionCmd(ref, deploymentId).execute(context));
    if (definition == null) {
      return FormFieldLengths.NONE;
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
