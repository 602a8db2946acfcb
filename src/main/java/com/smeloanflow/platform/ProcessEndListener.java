package com.smeloanflow.platform;

import java.util.Optional;
import org.camunda.bpm.engine.batch.Batch;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.batch.BatchEntity;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractDeleteProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInvocationContext;
import org.camunda.bpm.engine.impl.persistence.entity.JobDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.runtime.PvmExecutionImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * Called ({@link #notify}) whenever an instance of one process ends, however it ends: through an end event, or deleted or
 * cancelled by an operator in Cockpit or over the engine API, custom listeners skipped or not
 * ({@link DelegateExecution#isCanceled()} tells the two apart). A BPMN parse listener registers it on every version of the
 * model as a built-in end listener of the process, which the engine calls even when custom listeners are skipped, so it
 * is not in the BPMN file. A subclass is a Spring component (the engine takes its plugins from the beans) and reaches the
 * services it calls through an {@code ObjectProvider}: they need the engine this plugin configures.
 */
public abstract class ProcessEndListener extends AbstractProcessEnginePlugin implements ExecutionListener {

  private final String processKey;

  protected ProcessEndListener(String processKey) {
    this.processKey = processKey;
  }

  @Override
  public final void preInit(ProcessEngineConfigurationImpl configuration) {
    ParseListeners.addAfterEngine(configuration, new AbstractBpmnParseListener() {
      @Override
      public void parseProcess(Element processElement, ProcessDefinitionEntity processDefinition) {
        if (processKey.equals(processDefinition.getKey())) {
          processDefinition.addBuiltInListener(ExecutionListener.EVENTNAME_END, ProcessEndListener.this);
        }
      }
    });
  }

  /**
   * Who deleted or cancelled an instance, and why, as the engine was told.
   *
   * @param userId the user the engine knew: the authenticated user (Cockpit and the engine REST API tell it), or in the
   *               job of a batch (a batch deletion in Cockpit or over the engine REST API,
   *               {@code RuntimeService#deleteProcessInstancesAsync}), which runs with no user authenticated, the user who
   *               created the batch; null when neither is known
   * @param reason the delete reason given to the engine ({@code RuntimeService#deleteProcessInstance}, a batch deletion's
   *               reason); {@value #BY_MODIFICATION} for an instance a modification cancelled (Cockpit's "modify",
   *               {@code RuntimeService#createProcessInstanceModification}, synchronous or in a batch), where the
   *               operator gives the engine no reason and the engine's own English text is not shown to staff; null when
   *               none was given (Cockpit's cancel, the engine REST API's DELETE of one instance)
   */
  public record Cancellation(String userId, String reason) {}

  /** The reason of an instance a modification cancelled ({@link Cancellation#reason()}). */
  public static final String BY_MODIFICATION = "通过流程实例修改";

  /** Who cancelled the instance and why, when it was deleted or cancelled; empty when it ended through an end event. */
  protected static Optional<Cancellation> cancellation(DelegateExecution execution) {
    if (!execution.isCanceled()) {
      return Optional.empty();
    }
    var authentication = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    String userId = authentication == null || authentication.getUserId() == null ? creatorOfTheRunningBatch().orElse(null)
        : authentication.getUserId();
    // the engine keeps the reason on the instance it deletes (no public accessor before its history is written); in a
    // modification it is the engine's "Cancellation due to process instance modifcation", no operator's
    String reason = modifiedByOperator() ? BY_MODIFICATION
        : execution instanceof PvmExecutionImpl deleted ? deleted.getDeleteReason() : null;
    return Optional.of(new Cancellation(userId, reason));
  }

  /**
   * The user who created the batch whose job the engine is executing, if it is executing one. The engine runs a batch's
   * jobs with no user authenticated and keeps the creator on the batch ({@code Batch#getCreateUserId}, the user
   * authenticated when the batch was created). The command executing a job holds it ({@code CommandContext#getCurrentJob},
   * whether the job executor or {@code ManagementService#executeJob} runs it); a batch's job has the batch's type as its
   * handler type and the batch's job definition, whose configuration is the batch's id. Read inside the engine's command,
   * so no query runs under the authorizations of a user the job does not have.
   */
  private static Optional<String> creatorOfTheRunningBatch() {
    return runningBatch().map(BatchEntity::getCreateUserId);
  }

  /**
   * The batch whose job the engine is executing, if it is executing one ({@link #creatorOfTheRunningBatch}): the job has
   * the batch's type as its handler type and the batch's job definition, whose configuration is the batch's id.
   */
  private static Optional<BatchEntity> runningBatch() {
    CommandContext command = Context.getCommandContext();
    JobEntity job = command == null ? null : command.getCurrentJob();
    if (job == null || job.getJobDefinitionId() == null
        || !command.getProcessEngineConfiguration().getBatchHandlers().containsKey(job.getJobHandlerType())) {
      return Optional.empty();
    }
    JobDefinitionEntity definition = command.getJobDefinitionManager().findById(job.getJobDefinitionId());
    BatchEntity batch = definition == null || definition.getJobConfiguration() == null ? null
        : command.getBatchManager().findBatchById(definition.getJobConfiguration());
    return Optional.ofNullable(batch).filter(running -> job.getJobDefinitionId().equals(running.getBatchJobDefinitionId()));
  }

  private static boolean runningBatchOfType(String type) {
    return runningBatch().filter(batch -> type.equals(batch.getType())).isPresent();
  }

  /**
   * Whether the instance that called this one (a call activity) is itself being deleted or cancelled, so that this
   * instance is cancelled as part of it; false when this instance alone is cancelled (or nothing called it). The engine
   * marks the instance it deletes as ended before it deletes what it called.
   */
  protected static boolean callerEnding(DelegateExecution execution) {
    DelegateExecution caller = execution.getSuperExecution();
    DelegateExecution callingInstance = caller == null ? null : caller.getProcessInstance();
    return callingInstance != null
        && (callingInstance.isCanceled() || callingInstance instanceof PvmExecutionImpl instance && instance.isEnded());
  }

  /**
   * Whether the call activity that called this instance is itself ending, so that this instance is cancelled as part of
   * it: an interrupting boundary event of the call activity, a modification that cancels it, or the deletion of the
   * calling instance ({@link #callerEnding}); false when this instance alone is deleted (the engine cancels the call
   * activity only after it) or nothing called it. The engine marks the execution it deletes as ended before it deletes
   * what that execution called.
   */
  protected static boolean callingActivityEnding(DelegateExecution execution) {
    DelegateExecution caller = execution.getSuperExecution();
    return caller != null && (caller.isCanceled() || caller instanceof PvmExecutionImpl calling && calling.isEnded())
        || callerEnding(execution);
  }

  /**
   * Whether this instance is being deleted by a deletion of process instances ({@code RuntimeService#deleteProcessInstance},
   * Cockpit's cancel, the engine REST API's DELETE) or by the job of a batch deletion (Cockpit's batch operation, the
   * engine REST API's {@code POST /process-instance/delete}, {@code RuntimeService#deleteProcessInstancesAsync}), whose
   * job runs the same deletion: the engine command that, after deleting a called instance, cancels the call activity that
   * called it. False for a modification or a boundary event (their commands cancel the call activity themselves).
   */
  protected static boolean deletedByOperator() {
    CommandInvocationContext invocation = Context.getCommandInvocationContext();
    return invocation != null && invocation.getCommand() instanceof AbstractDeleteProcessInstanceCmd
        || runningBatchOfType(Batch.TYPE_PROCESS_INSTANCE_DELETION);
  }

  /**
   * Whether this instance ends in an operator's modification of process instances (Cockpit's "modify",
   * {@code RuntimeService#createProcessInstanceModification} or {@code createModification}, synchronous or in a batch's
   * job): it cancelled this instance's activities, or the call activity that called it.
   */
  protected static boolean modifiedByOperator() {
    CommandInvocationContext invocation = Context.getCommandInvocationContext();
    return invocation != null && invocation.getCommand() instanceof ModifyProcessInstanceCmd
        || runningBatchOfType(Batch.TYPE_PROCESS_INSTANCE_MODIFICATION);
  }

  /**
   * How the instance ended, for a log line: "its process instance … was cancelled" (deleted or cancelled, naming the
   * user when the engine knows who: Cockpit and the engine REST API tell it, a batch its creator) or "its process
   * instance … ended".
   */
  protected static String how(DelegateExecution execution) {
    return cancellation(execution).map(cancelled -> "its process instance " + execution.getProcessInstanceId()
            + " was cancelled" + (cancelled.userId() == null ? "" : " by " + cancelled.userId()))
        .orElse("its process instance " + execution.getProcessInstanceId() + " ended");
  }
}
