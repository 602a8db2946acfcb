package com.smeloanflow.collections;

import com.smeloanflow.process.CollectionProcess;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.springframework.stereotype.Component;

/**
 * The collection ladder as process owners keep it: the decision table
 * {@code bpmn/collection-strategy.dmn} maps days past due, amount overdue, classification, the
 * promise to pay, the rung reached and the last contact's outcome to the next action. Changing the
 * ladder is editing and deploying the table; the latest deployed version decides the next review.
 *
 * <p>A case's decision ({@link #decide}) is recorded in the engine's decision history. A question that decides nothing
 * ({@link #preview}: what a reclassification would change) is answered by the same table, version and DMN engine,
 * and leaves no history: the decision history holds the decisions the cases took.
 */
@Component
public class CollectionStrategy {

  static final String OUTPUT_ACTION = "nextAction";
  static final String OUTPUT_REASON = "actionReason";

  private final DecisionService decisions;
  private final RepositoryService repository;
  private final DmnEngine dmnEngine;
  private final CommandExecutor commands;
  /** Each deployed version of the table, parsed once (by decision definition id). */
  private final Map<String, DmnDecision> parsed = new ConcurrentHashMap<>();

  public CollectionStrategy(DecisionService decisions, RepositoryService repository, ProcessEngine engine) {
    this.decisions = decisions;
    this.repository = repository;
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    this.dmnEngine = configuration.getDmnEngine();
    this.commands = configuration.getCommandExecutorTxRequired();
  }

  /**
   * The case's next action, recorded in the decision history.
   *
   * @throws IllegalStateException when the deployed table gives no rule or an unknown action
   */
  public StrategyDecision decide(CollectionFacts facts) {
    return answer(decisions.evaluateDecisionByKey(CollectionProcess.STRATEGY_DECISION)
        .variables(facts.variables()).evaluate(), facts);
  }

  /**
   * What the latest deployed table would answer for these facts, recording nothing (no decision history): a question
   * asked to compare, not a case's decision. The engine's own DMN engine evaluates it (the same FEEL), inside an engine
   * command; its history listener writes only for a deployed decision definition, which the table parsed here is not.
   *
   * @throws IllegalStateException when the deployed table gives no rule or an unknown action
   */
  public StrategyDecision preview(CollectionFacts facts) {
    return commands.execute(context -> {
      DecisionDefinition latest = repository.createDecisionDefinitionQuery()
          .decisionDefinitionKey(CollectionProcess.STRATEGY_DECISION).latestVersion().singleResult();
      if (latest == null) {
        throw new IllegalStateException("Decision table " + CollectionProcess.STRATEGY_DECISION + " is not deployed");
      }
      DmnDecision table = parsed.computeIfAbsent(latest.getId(),
          id -> dmnEngine.parseDecision(CollectionProcess.STRATEGY_DECISION, repository.getDecisionModel(id)));
      return answer(dmnEngine.evaluateDecision(table, facts.variables()), facts);
    });
  }

  private static StrategyDecision answer(DmnDecisionResult result, CollectionFacts facts) {
    if (result.isEmpty()) {
      throw new IllegalStateException("Decision table " + CollectionProcess.STRATEGY_DECISION + " has no rule for " + facts);
    }
    String action = result.getSingleResult().getEntry(OUTPUT_ACTION);
    String reason = result.getSingleResult().getEntry(OUTPUT_REASON);
    try {
      return new StrategyDecision(CollectionAction.valueOf(action), reason == null ? "" : reason);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalStateException("Decision table " + CollectionProcess.STRATEGY_DECISION + " gives an unknown action "
          + action + " for " + facts, e);
    }
  }
}
